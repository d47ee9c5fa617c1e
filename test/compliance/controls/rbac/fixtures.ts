/** Builders for RBAC test manifests. */

const RBAC = 'rbac.authorization.k8s.io/v1';

/** A namespaced Role. */
export function role(name: string, rules: any[], namespace = 'team'): any {
  return { apiVersion: RBAC, kind: 'Role', metadata: { name, namespace }, rules };
}

/** A ClusterRole, optionally labelled or aggregating. */
export function clusterRole(name: string, rules: any[], extra: { labels?: Record<string, string>; aggregate?: Record<string, string>[] } = {}): any {
  return {
    apiVersion: RBAC, kind: 'ClusterRole',
    metadata: { name, ...(extra.labels ? { labels: extra.labels } : {}) },
    ...(extra.aggregate ? { aggregationRule: { clusterRoleSelectors: extra.aggregate.map(matchLabels => ({ matchLabels })) } } : {}),
    rules,
  };
}

/** A RoleBinding in `team` (or `namespace`). */
export function roleBinding(name: string, roleRef: { kind: string; name: string }, subjects: any[], namespace = 'team'): any {
  return { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef }, subjects };
}

/** A ClusterRoleBinding. */
export function clusterRoleBinding(name: string, roleName: string, subjects: any[]): any {
  return { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName }, subjects };
}

/** A Group subject. */
export const group = (name: string) => ({ kind: 'Group', name, apiGroup: 'rbac.authorization.k8s.io' });
/** A User subject. */
export const user = (name: string) => ({ kind: 'User', name, apiGroup: 'rbac.authorization.k8s.io' });
/** A ServiceAccount subject. */
export const serviceAccount = (name: string, namespace = 'team') => ({ kind: 'ServiceAccount', name, namespace });

/** A rule in the core group. */
export function core(resources: string[], verbs: string[], resourceNames?: string[]): any {
  return { apiGroups: [''], resources, verbs, ...(resourceNames ? { resourceNames } : {}) };
}
