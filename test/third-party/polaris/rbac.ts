/**
 * Polaris RBAC checks. Binding checks look the referenced role up among the objects in the
 * BINDING'S namespace (Polaris filters related objects by namespace), so a namespaced RoleBinding
 * never finds a ClusterRole, and a binding whose role is absent from the manifest set fails.
 */
import { Finding, K8sObject, namespaceOf, ofKind } from '../shared';
import { isDefaultRbacName, isObject, polarisFinding } from './report';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const has = (list: unknown, values: string[]) => Array.isArray(list) && list.some(v => typeof v === 'string' && values.includes(v));
const sameNamespace = (a: K8sObject, b: K8sObject) => (namespaceOf(a) ?? '') === (namespaceOf(b) ?? '');
const ADMIN_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** A rule that allows pods/exec or pods/attach (an exec is also possible with `get` on a web socket). */
export function isExecRule(rule: unknown): boolean {
  return isObject(rule) && 'apiGroups' in rule && 'resources' in rule && 'verbs' in rule
    && has(rule.apiGroups, ['', '*']) && has(rule.resources, ['*', 'pods/exec', 'pods/attach']) && has(rule.verbs, ['*', 'get', 'create']);
}

/** A wildcard (cluster-admin-like) rule: `*` groups, `*` resources and `*` or all seven verbs. */
export function isAdminRule(rule: unknown): boolean {
  if (!isObject(rule) || !('apiGroups' in rule) || !('resources' in rule) || !('verbs' in rule)) return false;
  if (!has(rule.apiGroups, ['*']) || !has(rule.resources, ['*']) || !Array.isArray(rule.verbs)) return false;
  const verbs: unknown[] = rule.verbs;
  if (new Set(verbs.map(v => JSON.stringify(v))).size !== verbs.length) return false;
  const star = verbs.includes('*');
  const allSeven = verbs.length >= 7 && verbs.every(v => typeof v === 'string' && ADMIN_VERBS.includes(v));
  return Number(star) + Number(allSeven) === 1;
}

/** A role passes when it has `rules` and none of them is bad. */
const roleIsClean = (role: K8sObject, bad: (rule: unknown) => boolean) => Array.isArray(role.rules) && !role.rules.some(bad);

/** Whether a role named `name` of `kind`, in the binding's namespace, exists and is clean. */
function referencedRoleClean(objects: K8sObject[], binding: K8sObject, kind: string, name: unknown, bad: (rule: unknown) => boolean): boolean {
  return ofKind(objects, kind).some(r => sameNamespace(r, binding) && r.metadata?.name === name && roleIsClean(r, bad));
}

const anyInNamespace = (objects: K8sObject[], binding: K8sObject, kind: string) => ofKind(objects, kind).some(r => sameNamespace(r, binding));

/** Every Polaris RBAC check failure in the manifest set. */
export function polarisRbacChecks(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  // clusterrolePodExecAttach.yaml, rolePodExecAttach.yaml
  for (const cr of ofKind(objects, 'ClusterRole')) {
    const name = cr.metadata?.name;
    const exempt = ['admin', 'cluster-admin', 'edit'].includes(name) || isDefaultRbacName(name);
    if (!('rules' in cr) || (!exempt && !roleIsClean(cr, isExecRule))) out.push(polarisFinding('clusterrolePodExecAttach', cr, 'The ClusterRole allows Pods/exec or pods/attach'));
  }
  for (const role of ofKind(objects, 'Role')) {
    if (!('rules' in role) || (!isDefaultRbacName(role.metadata?.name) && !roleIsClean(role, isExecRule))) out.push(polarisFinding('rolePodExecAttach', role, 'The Role allows Pods/exec or pods/attach'));
  }
  for (const crb of ofKind(objects, 'ClusterRoleBinding')) {
    const ref = crb.roleRef ?? {};
    const name = crb.metadata?.name;
    const defaultBinding = name === 'cluster-admin' || isDefaultRbacName(name);
    const clusterRoleRef = ref.apiGroup === RBAC_GROUP && ref.kind === 'ClusterRole' && typeof ref.name === 'string' && ref.name.length >= 1;
    const checksRole = ref.name !== 'view' && !defaultBinding;
    // clusterrolebindingClusterAdmin.yaml
    const adminOk = (defaultBinding || (clusterRoleRef && ref.name !== 'cluster-admin'))
      && (!checksRole || referencedRoleClean(objects, crb, 'ClusterRole', ref.name, isAdminRule));
    if (!adminOk) out.push(polarisFinding('clusterrolebindingClusterAdmin', crb, 'The ClusterRoleBinding references the default cluster-admin ClusterRole or one with wildcard permissions'));
    // clusterrolebindingPodExecAttach.yaml (its templated schema is never empty: some ClusterRole must exist)
    const execOk = (defaultBinding || clusterRoleRef)
      && (checksRole ? referencedRoleClean(objects, crb, 'ClusterRole', ref.name, isExecRule) : anyInNamespace(objects, crb, 'ClusterRole'));
    if (!execOk) out.push(polarisFinding('clusterrolebindingPodExecAttach', crb, 'The ClusterRoleBinding references a ClusterRole that allows Pods/exec, allows pods/attach, or that does not exist'));
  }
  for (const rb of ofKind(objects, 'RoleBinding')) {
    const ref = rb.roleRef ?? {};
    const defaultBinding = isDefaultRbacName(rb.metadata?.name);
    const roleRef = ref.apiGroup === RBAC_GROUP && ref.kind === 'Role' && typeof ref.name === 'string' && ref.name.length >= 1;
    const clusterRoleRef = ref.apiGroup === RBAC_GROUP && ref.kind === 'ClusterRole' && typeof ref.name === 'string' && ref.name.length >= 1;
    // rolebindingRolePodExecAttach.yaml
    const roleExecOk = ((ref.apiGroup === RBAC_GROUP && ref.kind === 'ClusterRole') || defaultBinding || roleRef)
      && (ref.kind !== 'Role' || defaultBinding || referencedRoleClean(objects, rb, 'Role', ref.name, isExecRule));
    if (!roleExecOk) out.push(polarisFinding('rolebindingRolePodExecAttach', rb, 'The RoleBinding references a Role that allows Pods/exec, allows pods/attach, or that does not exist'));
    // rolebindingClusterRolePodExecAttach.yaml
    const crExecOk = (ref.kind === 'Role' || defaultBinding || clusterRoleRef)
      && (ref.kind !== 'ClusterRole' || defaultBinding || referencedRoleClean(objects, rb, 'ClusterRole', ref.name, isExecRule));
    if (!crExecOk) out.push(polarisFinding('rolebindingClusterRolePodExecAttach', rb, 'The RoleBinding references a ClusterRole that allows Pods/exec, allows pods/attach, or that does not exist'));
    // rolebindingClusterAdminClusterRole.yaml
    const crAdminOk = (ref.kind === 'Role' || defaultBinding || (clusterRoleRef && ref.name !== 'cluster-admin'))
      && (ref.kind !== 'ClusterRole' || defaultBinding || referencedRoleClean(objects, rb, 'ClusterRole', ref.name, isAdminRule));
    if (!crAdminOk) out.push(polarisFinding('rolebindingClusterAdminClusterRole', rb, 'The RoleBinding references the default cluster-admin ClusterRole or one with wildcard permissions'));
    // rolebindingClusterAdminRole.yaml (its templated schema is never empty: some Role must exist)
    const roleAdminOk = (ref.kind === 'ClusterRole' || defaultBinding || roleRef)
      && (ref.kind === 'Role' && !defaultBinding ? referencedRoleClean(objects, rb, 'Role', ref.name, isAdminRule) : anyInNamespace(objects, rb, 'Role'));
    if (!roleAdminOk) out.push(polarisFinding('rolebindingClusterAdminRole', rb, 'The RoleBinding references a Role with wildcard permissions'));
  }
  return out;
}
