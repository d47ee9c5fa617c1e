import { defineControl } from '../../control';
import { evaluatePods, isLinuxPod } from './private/pod-checks';
import { NSA } from './private/references';

/** Every container sets `allowPrivilegeEscalation: false`. */
export const podNoPrivilegeEscalation = defineControl({
  id: 'pod-no-privilege-escalation',
  title: 'Containers cannot gain more privileges than their process',
  condition: 'Every container sets securityContext.allowPrivilegeEscalation: false (Linux pods; Windows pods are exempt as in the Pod Security Standards).',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.8'],
  references: {
    pss: 'restricted: Privilege Escalation',
    cis: '5.2.6',
    nsa: NSA.enforcement,
    kubescape: ['C-0016', 'C-0197'],
    polaris: ['privilegeEscalationAllowed'],
  },
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.',
  example: 'securityContext:\n  allowPrivilegeEscalation: false',
  check: ctx => evaluatePods(ctx, {
    appliesTo: isLinuxPod,
    container: c => {
      const value = c.container.securityContext?.allowPrivilegeEscalation;
      if (value === false) return undefined;
      return { message: value === true ? 'allows privilege escalation' : 'allowPrivilegeEscalation is not set to false', path: 'securityContext.allowPrivilegeEscalation' };
    },
  }),
});
