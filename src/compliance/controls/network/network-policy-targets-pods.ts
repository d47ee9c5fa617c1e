import { defineControl, fail, pass } from '../../control';
import { IndexedObject } from '../../types';
import { isAcmeSolverPolicy } from './private/acme-solver';
import { isRestrictingSelector, networkPolicies, policiesByTemplate } from './private/network-policy';

/**
 * Every NetworkPolicy selects at least one pod template of its namespace. A policy with a
 * non-empty podSelector that selects nothing usually means a typo in a label; a namespace-wide
 * one (empty podSelector) in a namespace the input neither declares nor runs pods in usually
 * means a misspelt namespace. Either way the intended pods are left unprotected. A namespace-wide
 * policy of a declared namespace without pods yet (provisioned ahead of its workloads) passes.
 * A policy for cert-manager's ACME HTTP-01 solver pods alone, which exist only at run time, fails
 * too, and its suppression records that limit of the check rather than an exception: the
 * organisation's maxSuppressionDays does not apply to it.
 */
export const networkPolicyTargetsPods = defineControl({
  id: 'network-policy-targets-pods',
  title: 'NetworkPolicies select pods',
  condition: 'Every NetworkPolicy with a non-empty podSelector selects at least one pod template in its namespace; '
    + 'one with an empty podSelector is in a namespace the input declares or runs pods in.',
  severity: 'low',
  criteria: ['CC6.1', 'CC8.1'],
  references: {
    kubeScore: ['networkpolicy-targets-pod'],
  },
  remediation: 'Fix the podSelector (or the namespace) so the policy applies to the pods it is meant to protect, or remove the policy.',
  suppressionByDesign: isAcmeSolverPolicy,
  check: ctx => {
    const selected = new Set<IndexedObject>();
    for (const policies of policiesByTemplate(ctx.index).values()) for (const p of policies) selected.add(p);
    return networkPolicies(ctx.index).map(np => {
      if (selected.has(np)) return pass(np);
      const ns = np.namespace!;
      if (isRestrictingSelector((np.raw as any).spec?.podSelector)) {
        return fail(np, `spec.podSelector matches no pod template in namespace "${ns}"`, 'spec.podSelector');
      }
      if (ctx.index.namespaceObject(ns)) return pass(np, `applies to every pod of namespace "${ns}", declared in the input, which has no pod template yet`);
      return fail(np, `applies to every pod of namespace "${ns}", which the input neither declares nor runs pods in (a misspelt namespace?)`, 'metadata.namespace');
    });
  },
});
