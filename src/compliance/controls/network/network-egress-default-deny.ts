import { defineControl } from '../../control';
import { checkIsolation } from './private/default-deny';

/** Every pod template is selected by a NetworkPolicy of its namespace with policy type Egress. */
export const networkEgressDefaultDeny = defineControl({
  id: 'network-egress-default-deny',
  title: 'Pods deny egress by default',
  condition: 'Every pod template is selected by at least one NetworkPolicy in its namespace whose policyTypes include Egress (explicitly, or by having egress rules when policyTypes is absent); pods on the host network are not isolated by any policy.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.6'],
  references: {
    cis: '5.3.2',
    nsa: 'Network separation and hardening: network policies',
    kubescape: ['C-0030'],
    kubeScore: ['pod-networkpolicy'],
  },
  remediation: 'Add a default-deny NetworkPolicy with policyTypes [Ingress, Egress] to the namespace, then allow DNS to kube-dns and each named destination. A pod on the host network cannot be isolated: take it off the host network (hostNetwork: false).',
  example: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]',
  check: ctx => checkIsolation(ctx, 'Egress'),
});
