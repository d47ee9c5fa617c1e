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
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container (the API server accepts it only without privileged: true and without the SYS_ADMIN capability, so remove those first).',
  example: 'securityContext:\n  allowPrivilegeEscalation: false',
  check: ctx => evaluatePods(ctx, {
    platformContainers: true,
    appliesTo: isLinuxPod,
    container: c => {
      const value = c.container.securityContext?.allowPrivilegeEscalation;
      if (value === false) return undefined;
      const message = value === true ? 'allows privilege escalation' : 'allowPrivilegeEscalation is not set to false';
      // The API server refuses allowPrivilegeEscalation: false next to privileged: true (or CAP_SYS_ADMIN).
      const privileged = c.container.securityContext?.privileged === true;
      return { message: privileged ? `${message}, and runs privileged, which escalates anyway: remove privileged: true first` : message, path: 'securityContext.allowPrivilegeEscalation' };
    },
  }),
});
