import { defineControl, effectiveSecurityContext } from '../../control';
import { evaluatePods, isLinuxPod } from './private/pod-checks';

/** The lowest UID and GID considered clear of the host's users and groups (kube-score's threshold). */
const LOWEST = 10000;

function isHigh(id: unknown): boolean {
  return typeof id === 'number' && id >= LOWEST;
}

/** Every container runs with a UID and a GID of at least 10000, clear of the IDs used on the host. */
export const podHighUidGid = defineControl({
  id: 'pod-high-uid-gid',
  title: 'Containers run with high UIDs and GIDs',
  condition: 'runAsUser and runAsGroup (the container\'s or the pod\'s) are both 10000 or more for every container (Linux pods; Windows pods cannot set these fields).',
  severity: 'low',
  criteria: ['CC6.1'],
  references: {
    kubeScore: ['container-security-context-user-group-id'],
  },
  remediation: 'Set securityContext.runAsUser and securityContext.runAsGroup to 10000 or more (e.g. 10001) and build the image to run as that user.',
  example: 'securityContext:\n  runAsUser: 10001\n  runAsGroup: 10001',
  check: ctx => evaluatePods(ctx, {
    // The field cannot be set on a pod with spec.os.name windows: the rule is Linux-only.
    appliesTo: isLinuxPod,
    container: c => {
      // Both IDs in one message, so that fixing the one named does not reveal the other.
      const problems = (['runAsUser', 'runAsGroup'] as const).map(field => {
        const id = effectiveSecurityContext(c, field);
        if (isHigh(id)) return undefined;
        return id === undefined ? `${field} is not set` : `runs as ${field === 'runAsUser' ? 'UID' : 'GID'} ${String(id)} (below ${LOWEST})`;
      });
      const [user, group] = problems;
      if (user === undefined && group === undefined) return undefined;
      return { message: [user, group].filter(p => p !== undefined).join('; '), path: `securityContext.${user !== undefined ? 'runAsUser' : 'runAsGroup'}` };
    },
  }),
});
