import { defineControl, effectiveSecurityContext } from '../../control';
import { evaluatePods, Problem } from './private/pod-checks';
import { NSA } from './private/references';

/** Every container runs as a non-root user: `runAsNonRoot: true` and no `runAsUser: 0`. */
export const podRunAsNonRoot = defineControl({
  id: 'pod-run-as-non-root',
  title: 'Containers run as a non-root user',
  condition: 'Every container has runAsNonRoot: true (its own or the pod\'s), the pod does not set runAsNonRoot: false, and neither a container nor the pod sets runAsUser 0; also in a pod with hostUsers: false, which Pod Security restricted (v1.35 on) exempts, as CIS 5.2.7 and the other references do not.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.8'],
  references: {
    pss: 'restricted: Running as Non-root; restricted: Running as Non-root user',
    cis: '5.2.7',
    nsa: NSA.nonRoot,
    kubescape: ['C-0013', 'C-0198'],
    polaris: ['runAsRootAllowed'],
  },
  remediation: 'Set securityContext.runAsNonRoot: true and a non-zero runAsUser on the pod or on every container.',
  example: 'securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\n  runAsGroup: 10001',
  check: ctx => evaluatePods(ctx, {
    // Pod Security's restricted profile refuses a pod-level runAsUser of 0 or runAsNonRoot: false
    // even when every container overrides it. Deliberately stricter than Pod Security v1.35+, which
    // skips both checks for a pod in a user namespace (hostUsers: false, kubernetes/kubernetes#132157).
    pod: pod => {
      const sc = pod.spec.securityContext;
      if (sc?.runAsNonRoot !== false && sc?.runAsUser !== 0) return undefined;
      const problems: Problem[] = [];
      if (sc.runAsNonRoot === false) problems.push({ message: 'the pod sets runAsNonRoot: false', path: 'securityContext.runAsNonRoot' });
      if (sc.runAsUser === 0) problems.push({ message: 'the pod sets runAsUser 0 (root)', path: 'securityContext.runAsUser' });
      return problems;
    },
    container: c => {
      // A pod-level 0 is reported once, for the pod, above.
      if (c.container.securityContext?.runAsUser === 0) return { message: 'runs as UID 0 (root)', path: 'securityContext.runAsUser' };
      if (effectiveSecurityContext(c, 'runAsNonRoot') !== true) return { message: 'runAsNonRoot is not true', path: 'securityContext.runAsNonRoot' };
      return undefined;
    },
  }),
});
