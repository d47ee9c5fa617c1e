import { defineControl, fail, pass } from '../../control';
import { IndexedObject } from '../../types';
import { isRestrictingSelector, networkPolicies, policiesByTemplate } from './private/network-policy';

/**
 * Every NetworkPolicy with a non-empty podSelector selects at least one pod template of its
 * namespace; a policy that selects nothing usually means a typo in a label, leaving the intended
 * pods unprotected. Policies with an empty podSelector select the whole namespace and are not
 * evaluated.
 */
export const networkPolicyTargetsPods = defineControl({
  id: 'network-policy-targets-pods',
  title: 'NetworkPolicies select pods',
  condition: 'Every NetworkPolicy with a non-empty podSelector selects at least one pod template in its namespace.',
  severity: 'low',
  criteria: ['CC6.1', 'CC8.1'],
  references: {
    kubeScore: ['networkpolicy-targets-pod'],
  },
  remediation: 'Fix the podSelector so it matches the labels of the pod template it is meant to protect, or remove the policy.',
  check: ctx => {
    const selected = new Set<IndexedObject>();
    for (const policies of policiesByTemplate(ctx.index).values()) for (const p of policies) selected.add(p);
    return networkPolicies(ctx.index)
      .filter(np => isRestrictingSelector((np.raw as any).spec?.podSelector))
      .map(np => selected.has(np)
        ? pass(np)
        : fail(np, `spec.podSelector matches no pod template in namespace "${np.namespace}"`, 'spec.podSelector'));
  },
});
