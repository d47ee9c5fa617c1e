import { compare } from '../common/compare';
import { Rule } from '../controls/rbac/private/policy-rule';
import { RbacModel, rbacModel, roleRefOf } from '../controls/rbac/private/rbac-model';
import { subjectsOf } from '../controls/rbac/private/subjects';
import { ManifestIndex } from '../manifest-index';
import { IndexedObject } from '../types';

/** One permission a subject holds through a binding. */
export interface Right {
  /** `Group:name`, `User:name` or `ServiceAccount:namespace/name`. */
  readonly subject: string;
  readonly verb: string;
  /** The resource, with its subresource (`pods/exec`), or a non-resource URL (`/metrics`). */
  readonly resource: string;
  /** The API group (`''` for the core group, `*` for all). */
  readonly apiGroup: string;
  /** The namespace the right holds in, `*` for cluster-wide. */
  readonly namespace: string;
  /** The only objects it covers. @default - every object of the resource */
  readonly resourceNames?: readonly string[];
  /** The ref of the binding that grants it. */
  readonly via: string;
  /** The ref of the role the binding refers to. */
  readonly role: string;
  /**
   * Set when the role is neither among the manifests nor a built-in ClusterRole (a role that
   * exists in the cluster only): the right then stands for every permission of that role.
   */
  readonly unresolved?: true;
}

/**
 * Every permission granted by the RoleBindings and ClusterRoleBindings of a manifest set,
 * expanded through the RBAC model of the run (the Roles and ClusterRoles of the manifests,
 * aggregation included, and the built-in ClusterRoles `cluster-admin`, `admin`, `edit` and `view`
 * with what aggregates into them) into one right per subject, verb, API group, resource and
 * namespace. A binding to a role that is neither in the set nor built in yields one `unresolved`
 * right of `*` on `*`. Sorted and free of duplicates.
 */
export function rbacRights(index: ManifestIndex): Right[] {
  const model = rbacModel(index);
  const out = new Map<string, Right>();
  for (const binding of model.bindings) {
    const granted = grantedRules(model, binding);
    if (granted === undefined) continue;
    const ref = roleRefOf(binding);
    const roleName = ref.kind === 'Role' ? `Role/${binding.namespace}/${ref.name}` : `ClusterRole/${ref.name}`;
    const rules = granted === 'unknown' ? undefined : granted;
    const namespace = binding.kind === 'RoleBinding' ? binding.namespace! : '*';
    for (const subject of bindingSubjects(binding)) {
      const base = { subject, namespace, via: binding.ref, role: roleName };
      const rights = rules === undefined
        ? [{ ...base, verb: '*', resource: '*', apiGroup: '*', unresolved: true as const }]
        : rules.flatMap(rule => expand(rule, base));
      for (const r of rights) out.set(rightKey(r, true), r);
    }
  }
  // Sorted by the keys already computed: building keys inside the comparator would cost n log n joins.
  return [...out.entries()].sort((a, b) => compare(a[0], b[0])).map(e => e[1]);
}

/**
 * The rules a binding grants: the effective rules of the role it names (aggregation and built-in
 * roles included), `'unknown'` for a role neither in the set nor built in (it may grant anything),
 * or `undefined` when its roleRef cannot name a role (it grants nothing).
 */
export function grantedRules(model: RbacModel, binding: IndexedObject): readonly Rule[] | 'unknown' | undefined {
  const ref = roleRefOf(binding);
  if (ref.name === '' || (ref.kind !== 'Role' && ref.kind !== 'ClusterRole')) return undefined;
  if (ref.kind === 'Role' && (binding.kind !== 'RoleBinding' || binding.namespace === undefined)) return undefined;
  const node = model.resolve(binding);
  return node ? model.effectiveRules(node) : 'unknown';
}

/** A key identifying a right: subject, namespace, API group, resource, names, verb, and (with `withVia`) the binding. */
export function rightKey(r: Right, withVia = false): string {
  const names = r.resourceNames && r.resourceNames.length > 0 ? `[${sortedNames(r.resourceNames).join(',')}]` : '';
  const key = `${r.subject}\u0000${r.namespace}\u0000${r.apiGroup}\u0000${r.resource}${names}\u0000${r.verb}`;
  return withVia ? `${key}\u0000${r.via}` : key;
}

/** Resource names in order: as they are when already sorted (as {@link rbacRights} gives them), else a sorted copy. */
function sortedNames(names: readonly string[]): readonly string[] {
  for (let i = 1; i < names.length; i++) if (names[i - 1] > names[i]) return [...names].sort();
  return names;
}

/**
 * The subjects of a binding as rights name them: `Group:name`, `User:name` or
 * `ServiceAccount:namespace/name` (a ServiceAccount without namespace is in the binding's). Entries
 * the RBAC authorizer never matches (no name, another kind) are left out.
 */
export function bindingSubjects(binding: IndexedObject): string[] {
  const out: string[] = [];
  for (const s of subjectsOf(binding.raw, binding.namespace ?? 'default')) {
    if (s.name === '') continue;
    if (s.kind === 'ServiceAccount') out.push(`ServiceAccount:${s.namespace}/${s.name}`);
    else if (s.kind === 'User' || s.kind === 'Group') out.push(`${s.kind}:${s.name}`);
  }
  return out;
}

function expand(rule: Rule, base: { subject: string; namespace: string; via: string; role: string }): Right[] {
  const out: Right[] = [];
  const resourceNames = rule.resourceNames.length > 0 ? { resourceNames: [...rule.resourceNames].sort() } : {};
  for (const verb of rule.verbs) {
    for (const apiGroup of rule.apiGroups) {
      for (const resource of rule.resources) out.push({ ...base, verb, apiGroup, resource, ...resourceNames });
    }
    // URLs are not namespaced: a RoleBinding grants none of them.
    if (base.namespace === '*') for (const url of rule.nonResourceURLs) out.push({ ...base, verb, apiGroup: '', resource: url });
  }
  return out;
}
