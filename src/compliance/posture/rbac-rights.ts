import { ManifestIndex } from '../manifest-index';
import { selectorMatches } from '../selectors';
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
   * Set when the role is not among the manifests (a built-in or pre-existing role other than
   * `cluster-admin`): the right then stands for every permission of that role.
   */
  readonly unresolved?: true;
}

/** The rules of the built-in `cluster-admin` ClusterRole. */
const CLUSTER_ADMIN_RULES = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }];

/**
 * Every permission granted by the RoleBindings and ClusterRoleBindings of a manifest set,
 * expanded through their Roles and ClusterRoles (including aggregated ClusterRoles) into one
 * right per subject, verb, API group, resource and namespace. A binding to a role that is not in
 * the set yields one `unresolved` right of `*` on `*`, except `cluster-admin`, whose rules are
 * known. Sorted and free of duplicates.
 */
export function rbacRights(index: ManifestIndex): Right[] {
  const out = new Map<string, Right>();
  for (const binding of [...index.ofKind('RoleBinding', 'rbac.authorization.k8s.io'), ...index.ofKind('ClusterRoleBinding', 'rbac.authorization.k8s.io')]) {
    const roleRef = binding.raw.roleRef ?? {};
    if (typeof roleRef.name !== 'string' || (roleRef.kind !== 'Role' && roleRef.kind !== 'ClusterRole')) continue;
    if (roleRef.kind === 'Role' && binding.namespace === undefined) continue;
    const role = roleRef.kind === 'Role' ? index.get('Role', binding.namespace, roleRef.name) : index.get('ClusterRole', undefined, roleRef.name);
    const roleName = roleRef.kind === 'Role' ? `Role/${binding.namespace}/${roleRef.name}` : `ClusterRole/${roleRef.name}`;
    const rules = role ? rulesOf(index, role) : roleRef.kind === 'ClusterRole' && roleRef.name === 'cluster-admin' ? CLUSTER_ADMIN_RULES : undefined;
    const namespace = binding.kind === 'RoleBinding' ? binding.namespace! : '*';
    for (const subject of subjectsOf(binding)) {
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

/** A key identifying a right: subject, namespace, API group, resource, names, verb, and (with `withVia`) the binding. */
export function rightKey(r: Right, withVia = false): string {
  const names = r.resourceNames && r.resourceNames.length > 0 ? `[${[...r.resourceNames].sort().join(',')}]` : '';
  return [r.subject, r.namespace, r.apiGroup, `${r.resource}${names}`, r.verb, ...(withVia ? [r.via] : [])].join('\u0000');
}

function subjectsOf(binding: IndexedObject): string[] {
  const subjects = Array.isArray(binding.raw.subjects) ? binding.raw.subjects : [];
  const out: string[] = [];
  for (const s of subjects) {
    if (!s || typeof s.name !== 'string') continue;
    if (s.kind === 'ServiceAccount') out.push(`ServiceAccount:${typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : binding.namespace ?? 'default'}/${s.name}`);
    else if (s.kind === 'User' || s.kind === 'Group') out.push(`${s.kind}:${s.name}`);
  }
  return out;
}

/** The rules of a role; an aggregated ClusterRole has the rules of the ClusterRoles its selectors match. */
function rulesOf(index: ManifestIndex, role: IndexedObject): any[] {
  const own = Array.isArray(role.raw.rules) ? role.raw.rules : [];
  const selectors = role.kind === 'ClusterRole' ? role.raw.aggregationRule?.clusterRoleSelectors : undefined;
  if (!Array.isArray(selectors)) return own;
  const aggregated = index.ofKind('ClusterRole', 'rbac.authorization.k8s.io')
    .filter(c => c !== role && selectors.some(sel => selectorMatches(sel, c.labels)))
    .flatMap(c => (Array.isArray(c.raw.rules) ? c.raw.rules : []));
  return [...own, ...aggregated];
}

function expand(rule: any, base: { subject: string; namespace: string; via: string; role: string }): Right[] {
  if (!rule || typeof rule !== 'object') return [];
  const verbs = strings(rule.verbs);
  const out: Right[] = [];
  const names = strings(rule.resourceNames);
  const resourceNames = names.length > 0 ? { resourceNames: names.sort() } : {};
  for (const verb of verbs) {
    for (const apiGroup of strings(rule.apiGroups)) {
      for (const resource of strings(rule.resources)) out.push({ ...base, verb, apiGroup, resource, ...resourceNames });
    }
    for (const url of strings(rule.nonResourceURLs)) out.push({ ...base, verb, apiGroup: '', resource: url });
  }
  return out;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter(v => typeof v === 'string') : [];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
