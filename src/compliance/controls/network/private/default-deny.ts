/** The check shared by the ingress and egress default-deny controls. */

import { fail, pass } from '../../../control';
import { CheckContext, CheckResult, IndexedObject } from '../../../types';
import { hasPolicyType, policiesByTemplate, PolicyType, templateLabelsPath } from './network-policy';

/**
 * Every pod template is selected by at least one NetworkPolicy of its namespace whose policy
 * types include `direction`: the pods are then isolated in that direction and only what the
 * policies allow gets through. A pod on the host network shares the node's address: Kubernetes leaves
 * NetworkPolicy behaviour for it undefined and most network plugins do not isolate it, whatever
 * selects it.
 */
export function checkIsolation(ctx: CheckContext, direction: PolicyType): CheckResult[] {
  const selecting = policiesByTemplate(ctx.index);
  const out: CheckResult[] = [];
  const templates = ctx.index.podTemplates;
  for (let i = 0; i < templates.length; i++) {
    const t = templates[i];
    if (t.spec.hostNetwork === true) {
      out.push(fail(t.owner, 'runs on the host network (hostNetwork: true), where NetworkPolicy behaviour is undefined: most network plugins do not isolate such pods', `${t.specPath}.hostNetwork`));
      continue;
    }
    const policies = selecting.get(t) ?? [];
    const isolating = withPolicyType(policies, direction);
    if (isolating.length > 0) {
      out.push(pass(t.owner, `isolated by NetworkPolicy ${quotedNames(isolating)}`));
    } else {
      out.push(fail(t.owner, policies.length === 0
        ? `no NetworkPolicy in namespace "${t.namespace}" selects this pod template`
        : `the NetworkPolicies selecting this pod template (${quotedNames(policies)}) do not have policyType ${direction}`,
      templateLabelsPath(t)));
    }
  }
  return out;
}

/** The policies that have `direction` among their policy types: the list itself when all of them do (the usual case). */
function withPolicyType(policies: readonly IndexedObject[], direction: PolicyType): readonly IndexedObject[] {
  for (let i = 0; i < policies.length; i++) {
    if (!hasPolicyType(policies[i].raw, direction)) return policies.filter(p => hasPolicyType(p.raw, direction));
  }
  return policies;
}

/** `"a", "b"`: the names of objects, quoted and sorted, so that messages do not depend on input order. */
function quotedNames(objects: readonly IndexedObject[]): string {
  if (objects.length === 1) return `"${objects[0].name}"`;
  const names = sortedNames(objects);
  let out = '';
  for (let i = 0; i < names.length; i++) out += i === 0 ? `"${names[i]}"` : `, "${names[i]}"`;
  return out;
}

/**
 * The names, sorted as `Array.prototype.sort` sorts strings. A pod template is selected by a few
 * policies, and the engine's sort allocates a work area per call, so small lists are sorted by
 * insertion: this runs once per pod template and control.
 */
function sortedNames(objects: readonly IndexedObject[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < objects.length; i++) names.push(objects[i].name);
  if (names.length > 8) return names.sort();
  for (let i = 1; i < names.length; i++) {
    const name = names[i];
    let j = i - 1;
    for (; j >= 0 && names[j] > name; j--) names[j + 1] = names[j];
    names[j + 1] = name;
  }
  return names;
}
