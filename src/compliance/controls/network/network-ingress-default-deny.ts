import { defineControl } from '../../control';
import { checkIsolation } from './private/default-deny';

/** Every pod template is selected by a NetworkPolicy of its namespace with policy type Ingress. */
export const networkIngressDefaultDeny = defineControl({
  id: 'network-ingress-default-deny',
  title: 'Pods deny ingress by default',
  condition: 'Every pod template is selected by at least one NetworkPolicy in its namespace whose policyTypes include Ingress (policyTypes absent means Ingress); pods on the host network are not isolated by any policy.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.6'],
  references: {
    cis: '5.3.2',
    nsa: 'Network separation and hardening: network policies',
    kubescape: ['C-0030', 'C-0206', 'C-0260'],
    kubeScore: ['pod-networkpolicy'],
  },
  remediation: 'Add a default-deny NetworkPolicy to the namespace (podSelector: {}, policyTypes: [Ingress, Egress]) and allow each needed source with its own policy. A pod on the host network cannot be isolated: take it off the host network (hostNetwork: false).',
  example: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]',
  check: ctx => checkIsolation(ctx, 'Ingress'),
});
