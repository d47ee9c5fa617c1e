import { defineControl, effectiveSecurityContext } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** Every container runs as a non-root user: `runAsNonRoot: true` and no `runAsUser: 0`. */
export const podRunAsNonRoot = defineControl({
  id: 'pod-run-as-non-root',
  title: 'Containers run as a non-root user',
  condition: 'Every container has runAsNonRoot: true (its own or the pod\'s), and neither a container nor the pod sets runAsUser 0.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.8'],
  references: {
    pss: 'restricted: Running as Non-root; restricted: Running as Non-root user',
    cis: '5.2.7',
    nsa: NSA.nonRoot,
    kubescape: ['C-0013', 'C-0198'],
    polaris: ['runAsRootAllowed'],
    kubeScore: ['container-security-context-user-group-id'],
  },
  remediation: 'Set securityContext.runAsNonRoot: true and a non-zero runAsUser on the pod or on every container.',
  example: 'securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\n  runAsGroup: 10001',
  check: ctx => evaluatePods(ctx, {
    // Pod Security's restricted profile refuses a pod-level runAsUser of 0 even when every container overrides it.
    pod: pod => (pod.spec.securityContext?.runAsUser === 0 ? { message: 'the pod sets runAsUser 0 (root)', path: 'securityContext.runAsUser' } : undefined),
    container: c => {
      // A pod-level 0 is reported once, for the pod, above.
      if (c.container.securityContext?.runAsUser === 0) return { message: 'runs as UID 0 (root)', path: 'securityContext.runAsUser' };
      if (effectiveSecurityContext(c, 'runAsNonRoot') !== true) return { message: 'runAsNonRoot is not true', path: 'securityContext.runAsNonRoot' };
      return undefined;
    },
  }),
});
