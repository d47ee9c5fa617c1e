import { defineControl, effectiveSecurityContext } from '../../control';
import { evaluatePods, isLinuxPod } from './private/pod-checks';
import { NSA } from './private/references';

/** Every container runs with a non-zero primary group, and the pod sets a non-zero fsGroup and no root supplemental group. */
export const podNonRootGroup = defineControl({
  id: 'pod-non-root-group',
  title: 'Containers run without the root group',
  condition: 'runAsGroup is set and non-zero for every container (its own or the pod\'s), the pod sets a non-zero fsGroup, and supplementalGroups does not contain 0 (Linux pods; Windows pods cannot set these fields).',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.8'],
  references: {
    nsa: NSA.nonRoot,
  },
  remediation: 'Set securityContext.runAsGroup and securityContext.fsGroup to a non-zero GID on the pod, and remove 0 from supplementalGroups.',
  example: 'securityContext:\n  runAsGroup: 10001\n  fsGroup: 10001',
  check: ctx => evaluatePods(ctx, {
    // The field cannot be set on a pod with spec.os.name windows: the rule is Linux-only.
    appliesTo: isLinuxPod,
    pod: pod => {
      const sc = pod.spec.securityContext ?? {};
      const out = [];
      if (sc.fsGroup === undefined || sc.fsGroup === null) out.push({ message: 'the pod sets no fsGroup', path: 'securityContext.fsGroup' });
      else if (sc.fsGroup === 0) out.push({ message: 'the pod sets fsGroup 0 (root)', path: 'securityContext.fsGroup' });
      if (Array.isArray(sc.supplementalGroups) && sc.supplementalGroups.includes(0)) {
        out.push({ message: 'the pod adds supplemental group 0 (root)', path: 'securityContext.supplementalGroups' });
      }
      return out;
    },
    container: c => {
      const gid = effectiveSecurityContext(c, 'runAsGroup');
      if (gid === undefined) return { message: 'runAsGroup is not set', path: 'securityContext.runAsGroup' };
      return gid === 0 ? { message: 'runs with GID 0 (root group)', path: 'securityContext.runAsGroup' } : undefined;
    },
  }),
});
