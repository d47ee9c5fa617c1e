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
      const uid = effectiveSecurityContext(c, 'runAsUser');
      if (!isHigh(uid)) return { message: uid === undefined ? 'runAsUser is not set' : `runs as UID ${String(uid)} (below ${LOWEST})`, path: 'securityContext.runAsUser' };
      const gid = effectiveSecurityContext(c, 'runAsGroup');
      if (!isHigh(gid)) return { message: gid === undefined ? 'runAsGroup is not set' : `runs as GID ${String(gid)} (below ${LOWEST})`, path: 'securityContext.runAsGroup' };
      return undefined;
    },
  }),
});
