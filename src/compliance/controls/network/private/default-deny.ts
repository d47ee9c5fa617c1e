/** The check shared by the ingress and egress default-deny controls. */

import { fail, pass } from '../../../control';
import { CheckContext, CheckResult } from '../../../types';
import { policiesByTemplate, PolicyType, policyTypesOf, templateLabelsPath } from './network-policy';

/**
 * Every pod template is selected by at least one NetworkPolicy of its namespace whose policy
 * types include `direction`: the pods are then isolated in that direction and only what the
 * policies allow gets through.
 */
export function checkIsolation(ctx: CheckContext, direction: PolicyType): CheckResult[] {
  const selecting = policiesByTemplate(ctx.index);
  return ctx.index.podTemplates.map(t => {
    const policies = selecting.get(t) ?? [];
    const isolating = policies.filter(p => policyTypesOf(p.raw).includes(direction));
    if (isolating.length > 0) return pass(t.owner, `isolated by NetworkPolicy ${isolating.map(p => `"${p.name}"`).join(', ')}`);
    const message = policies.length === 0
      ? `no NetworkPolicy in namespace "${t.namespace}" selects this pod template`
      : `the NetworkPolicies selecting this pod template (${policies.map(p => `"${p.name}"`).join(', ')}) do not have policyType ${direction}`;
    return fail(t.owner, message, templateLabelsPath(t));
  });
}
