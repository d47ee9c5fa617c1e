import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** No container runs privileged: no `securityContext.privileged: true`. */
export const podNoPrivileged = defineControl({
  id: 'pod-no-privileged',
  title: 'No container runs privileged',
  condition: 'No container, init container or ephemeral container sets securityContext.privileged: true.',
  severity: 'critical',
  criteria: ['CC6.1', 'CC6.8'],
  suppressible: false,
  references: {
    pss: 'baseline: Privileged Containers',
    cis: '5.2.2',
    nsa: NSA.enforcement,
    kubescape: ['C-0057', 'C-0193'],
    polaris: ['runAsPrivileged'],
    kubeScore: ['container-security-context-privileged'],
  },
  remediation: 'Remove securityContext.privileged (or set it to false) and grant only the specific capability the container needs.',
  example: 'securityContext:\n  privileged: false',
  check: ctx => evaluatePods(ctx, {
    platformContainers: true,
    container: c => c.container.securityContext?.privileged === true
      ? { message: 'runs privileged', path: 'securityContext.privileged' }
      : undefined,
  }),
});
