/**
 * Evaluates a per-rule condition on everything that grants RBAC rights in a manifest set: each
 * Role and ClusterRole on the rules it holds (its own and those aggregated into it), and each
 * binding of a built-in role the manifests do not define (`admin`, `edit`, …), whose rules
 * are known. Bindings of roles defined in the manifests are not evaluated again: the role is.
 */

import { fail, pass } from '../../../control';
import { CheckContext, CheckResult, IndexedObject } from '../../../types';
import { describeRule, Rule } from './policy-rule';
import { bindingScope, rbacModel, RoleNode } from './rbac-model';

/**
 * A per-rule condition: returns `undefined` when the rule is compliant, else what it grants
 * (`grants get on secrets`). `grantedBy` lists the bindings that grant the rule.
 */
export type RuleCondition = (rule: Rule, grantedBy: () => readonly IndexedObject[]) => string | undefined;

/** Evaluates `condition` on every role's rules and every binding of an undefined built-in role. */
export function checkGrantedRules(ctx: CheckContext, condition: RuleCondition): CheckResult[] {
  const model = rbacModel(ctx.index);
  const out: CheckResult[] = [];
  for (const node of model.roles) {
    const object = node.object!;
    let failed = false;
    const grantedBy = () => model.bindingsGranting(node);
    for (const rule of model.effectiveRules(node)) {
      const what = condition(rule, grantedBy);
      if (what === undefined) continue;
      failed = true;
      out.push(fail(object, `${describeRule(rule, node.key)} ${what}`, rulePath(rule, node)));
    }
    if (!failed) out.push(pass(object));
  }
  for (const binding of model.bindings) {
    const node = model.resolve(binding);
    if (!node?.builtin) continue;
    const grantedBy = () => [binding];
    const whats = new Set<string>();
    for (const rule of model.effectiveRules(node)) {
      const what = condition(rule, grantedBy);
      if (what !== undefined) whats.add(what);
    }
    if (whats.size === 0) {
      out.push(pass(binding));
      continue;
    }
    for (const what of whats) {
      out.push(fail(binding, `binds built-in ${node.kind} "${node.name}" ${bindingScope(binding)}, which ${what}`, 'roleRef'));
    }
  }
  return out;
}

/** Where a failing rule of a role is fixed: its own rule, its name (restored built-in rules) or its aggregation. */
function rulePath(rule: Rule, node: RoleNode): string {
  if (rule.origin.key !== node.key) return 'aggregationRule';
  return rule.origin.builtin ? 'metadata.name' : rule.path;
}
