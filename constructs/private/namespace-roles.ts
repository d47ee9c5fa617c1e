/**
 * The namespace roles for people. Resources are listed explicitly (no wildcards). Neither role
 * reaches secrets, exec/attach/port-forward, RBAC objects, or the escalate/bind/impersonate verbs
 * (SOC 2 CC6.3; CIS 5.1.2, 5.1.3, 5.1.4, 5.1.8); only editors read pod logs, to debug what they deploy.
 */
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

const CORE_READ = ['configmaps', 'endpoints', 'events', 'persistentvolumeclaims', 'pods', 'serviceaccounts', 'services'];
const APPS = ['deployments', 'replicasets', 'statefulsets'];
const BATCH = ['cronjobs', 'jobs'];

/** Read access to workload objects. */
export const VIEW_RULES: readonly Record<string, unknown>[] = [
  { apiGroups: [''], resources: CORE_READ, verbs: READ },
  { apiGroups: ['apps'], resources: [...APPS, 'controllerrevisions'].sort(), verbs: READ },
  { apiGroups: ['batch'], resources: BATCH, verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: READ },
];

/** Change access to workloads (deploy, scale, restart) without access to secrets, exec or RBAC. */
export const EDIT_RULES: readonly Record<string, unknown>[] = [
  { apiGroups: [''], resources: CORE_READ.filter(r => r !== 'pods' && r !== 'serviceaccounts'), verbs: READ },
  { apiGroups: [''], resources: ['configmaps'], verbs: WRITE },
  { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
  { apiGroups: ['apps'], resources: APPS, verbs: WRITE },
  // A StatefulSet's revisions, for `kubectl rollout history` and `rollout undo`.
  { apiGroups: ['apps'], resources: ['controllerrevisions'], verbs: READ },
  { apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'], verbs: ['get', 'patch', 'update'] },
  { apiGroups: ['batch'], resources: BATCH, verbs: WRITE },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: READ },
];
