import { defineControl } from '../../control';
import { evaluatePods, isLinuxPod } from './private/pod-checks';
import { RESTRICTED_ADDABLE_CAPABILITY } from './private/pss';
import { NSA } from './private/references';

/** Every container drops ALL capabilities and adds back at most NET_BIND_SERVICE. */
export const podDropAllCapabilities = defineControl({
  id: 'pod-drop-all-capabilities',
  title: 'Containers drop all Linux capabilities',
  condition: 'Every container has "ALL" in securityContext.capabilities.drop and adds no capability other than NET_BIND_SERVICE (Linux pods).',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.8'],
  references: {
    pss: 'restricted: Capabilities',
    cis: '5.2.10',
    nsa: NSA.enforcement,
    kubescape: ['C-0201', 'C-0055', 'C-0046'],
    polaris: ['insecureCapabilities'],
  },
  remediation: 'Set securityContext.capabilities.drop: ["ALL"] on every container. For a port below 1024, do not add NET_BIND_SERVICE: '
    + 'a non-root process without privilege escalation never gets it (Kubernetes grants no ambient capabilities). Listen on a port '
    + 'of 1024 or above and let the Service map 80/443 to it (targetPort), or set the pod sysctl net.ipv4.ip_unprivileged_port_start '
    + 'to the lowest port (a safe sysctl, allowed by Pod Security restricted since Kubernetes 1.22).',
  example: 'securityContext:\n  capabilities:\n    drop: ["ALL"]',
  check: ctx => evaluatePods(ctx, {
    appliesTo: isLinuxPod,
    container: c => {
      const caps = c.container.securityContext?.capabilities;
      const drop: unknown[] = Array.isArray(caps?.drop) ? caps.drop : [];
      if (!drop.includes('ALL')) return { message: 'does not drop ALL capabilities', path: 'securityContext.capabilities.drop' };
      const extra = (Array.isArray(caps.add) ? caps.add : []).filter((cap: unknown) => cap !== RESTRICTED_ADDABLE_CAPABILITY);
      if (extra.length > 0) return { message: `adds capabilities ${extra.map(String).join(', ')}`, path: 'securityContext.capabilities.add' };
      return undefined;
    },
  }),
});
