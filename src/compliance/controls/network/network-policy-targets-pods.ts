import { defineControl, fail, pass } from '../../control';
import { IndexedObject } from '../../types';
import { isRestrictingSelector, networkPolicies, policiesByTemplate } from './private/network-policy';

/**
 * Every NetworkPolicy selects at least one pod template of its namespace. A policy with a
 * non-empty podSelector that selects nothing usually means a typo in a label; one with an empty
 * podSelector (a namespace-wide default deny) in a namespace without pods usually means a
 * misspelt namespace. Either way the intended pods are left unprotected.
 */
export const networkPolicyTargetsPods = defineControl({
  id: 'network-policy-targets-pods',
  title: 'NetworkPolicies select pods',
  condition: 'Every NetworkPolicy selects at least one pod template in its namespace; one with an empty podSelector needs a pod template in its namespace.',
  severity: 'low',
  criteria: ['CC6.1', 'CC8.1'],
  references: {
    kubeScore: ['networkpolicy-targets-pod'],
  },
  remediation: 'Fix the podSelector (or the namespace) so the policy applies to the pods it is meant to protect, check the namespace\'s workloads together with its policies, or remove the policy.',
  check: ctx => {
    const selected = new Set<IndexedObject>();
    for (const policies of policiesByTemplate(ctx.index).values()) for (const p of policies) selected.add(p);
    return networkPolicies(ctx.index).map(np => {
      if (selected.has(np)) return pass(np);
      const message = isRestrictingSelector((np.raw as any).spec?.podSelector)
        ? `spec.podSelector matches no pod template in namespace "${np.namespace}"`
        : `spec.podSelector selects every pod of namespace "${np.namespace}", which has no pod template in the input`;
      return fail(np, message, 'spec.podSelector');
    });
  },
});
