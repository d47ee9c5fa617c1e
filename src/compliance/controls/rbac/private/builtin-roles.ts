/**
 * The user-facing ClusterRoles every Kubernetes cluster creates at start-up (and
 * `system:auth-delegator`, which extension API servers bind), with the rules of
 * current releases (1.22 and later: `edit` no longer writes endpoints, and requests tokens). As in
 * a cluster, `admin`, `edit` and `view` hold no rules of their own: they aggregate the
 * `system:aggregate-to-*` roles (and `admin` aggregates `edit`, which aggregates `view`), so a
 * ClusterRole of the manifests that selects the same labels gets the same rules. A binding may reference them without defining them, so their
 * rights are known here. Source: k8s.io/kubernetes
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go (`cluster-admin`, and the
 * `system:aggregate-to-{admin,edit,view}` rules that the aggregation controller folds into
 * `admin`, `edit` and `view`; `edit` is aggregated into `admin` and `view` into `edit`).
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
 */

import { LabelSelector } from '../../../selectors';

/** A PolicyRule as written in a manifest. */
export interface RawRule {
  readonly verbs: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

/** A built-in ClusterRole: its own rules, its labels and what it aggregates. */
export interface BuiltinRole {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly rules: readonly RawRule[];
  readonly aggregationRule?: { readonly clusterRoleSelectors: readonly LabelSelector[] };
}

/**
 * The label the API server puts on every default role and binding; an aggregationRule selecting it
 * takes the rules of cluster-admin.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings
 */
const BOOTSTRAPPING = { 'kubernetes.io/bootstrapping': 'rbac-defaults' } as const;

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const AGGREGATE_TO = (role: string) => `rbac.authorization.k8s.io/aggregate-to-${role}`;

/** The built-in ClusterRoles by name. */
export const BUILTIN_CLUSTER_ROLES: ReadonlyMap<string, BuiltinRole> = new Map<string, BuiltinRole>([
  ['cluster-admin', {
    name: 'cluster-admin',
    labels: { ...BOOTSTRAPPING },
    rules: [
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      { verbs: ['*'], nonResourceURLs: ['*'] },
    ],
  }],
  ['admin', {
    name: 'admin',
    labels: { ...BOOTSTRAPPING },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO('admin')]: 'true' } }] },
    // The rules come from the aggregation of system:aggregate-to-admin (below) and what it selects.
    rules: [],
  }],
  ['edit', {
    name: 'edit',
    labels: { ...BOOTSTRAPPING, [AGGREGATE_TO('admin')]: 'true' },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO('edit')]: 'true' } }] },
    // The rules come from the aggregation of system:aggregate-to-edit (below) and what it selects.
    rules: [],
  }],
  ['view', {
    name: 'view',
    labels: { ...BOOTSTRAPPING, [AGGREGATE_TO('edit')]: 'true' },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO('view')]: 'true' } }] },
    // The rules come from the aggregation of system:aggregate-to-view (below) and what it selects.
    rules: [],
  }],
  ['system:aggregate-to-admin', {
    name: 'system:aggregate-to-admin',
    labels: { ...BOOTSTRAPPING, [AGGREGATE_TO('admin')]: 'true' },
    rules: [
      { verbs: [...READ, ...WRITE], apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'] },
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'] },
    ],
  }],
  ['system:aggregate-to-edit', {
    name: 'system:aggregate-to-edit',
    labels: { ...BOOTSTRAPPING, [AGGREGATE_TO('edit')]: 'true' },
    rules: [
      { verbs: READ, apiGroups: [''], resources: ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy'] },
      { verbs: ['impersonate'], apiGroups: [''], resources: ['serviceaccounts'] },
      { verbs: WRITE, apiGroups: [''], resources: ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward'] },
      { verbs: ['create'], apiGroups: [''], resources: ['pods/eviction'] },
      // Endpoints left this list in Kubernetes 1.22 (CVE-2021-25740).
      { verbs: WRITE, apiGroups: [''], resources: ['replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/proxy', 'persistentvolumeclaims', 'configmaps', 'secrets'] },
      { verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts/token'] },
      { verbs: WRITE, apiGroups: ['apps'], resources: ['statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'replicasets', 'replicasets/scale'] },
      { verbs: WRITE, apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'] },
      { verbs: WRITE, apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
      { verbs: WRITE, apiGroups: ['extensions'], resources: ['daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'ingresses', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale', 'networkpolicies'] },
      { verbs: WRITE, apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
      { verbs: WRITE, apiGroups: ['networking.k8s.io'], resources: ['networkpolicies', 'ingresses'] },
    ],
  }],
  ['system:aggregate-to-view', {
    name: 'system:aggregate-to-view',
    labels: { ...BOOTSTRAPPING, [AGGREGATE_TO('view')]: 'true' },
    rules: [
      { verbs: READ, apiGroups: [''], resources: ['pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'configmaps'] },
      { verbs: READ, apiGroups: [''], resources: ['limitranges', 'resourcequotas', 'bindings', 'events', 'pods/status', 'resourcequotas/status', 'namespaces/status', 'replicationcontrollers/status', 'pods/log'] },
      { verbs: READ, apiGroups: [''], resources: ['namespaces'] },
      { verbs: READ, apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
      { verbs: READ, apiGroups: ['apps'], resources: ['controllerrevisions', 'statefulsets', 'statefulsets/scale', 'statefulsets/status', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status'] },
      { verbs: READ, apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'] },
      { verbs: READ, apiGroups: ['batch'], resources: ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status'] },
      { verbs: READ, apiGroups: ['extensions'], resources: ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale', 'networkpolicies'] },
      { verbs: READ, apiGroups: ['policy'], resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'] },
      { verbs: READ, apiGroups: ['networking.k8s.io'], resources: ['networkpolicies', 'ingresses', 'ingresses/status'] },
    ],
  }],
  // Bound by every extension API server (metrics-server, prometheus-adapter, KEDA's metrics
  // server) to delegate authentication and authorization to the API server.
  // @see https://kubernetes.io/docs/tasks/extend-kubernetes/configure-aggregation-layer/
  ['system:auth-delegator', {
    name: 'system:auth-delegator',
    labels: { ...BOOTSTRAPPING },
    rules: [
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'] },
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'] },
    ],
  }],
]);

/** A built-in Role: a {@link BuiltinRole} in the namespace where the API server creates it. */
export interface BuiltinNamespacedRole extends BuiltinRole {
  readonly namespace: string;
}

/**
 * The built-in Roles that add-ons bind: `extension-apiserver-authentication-reader` in
 * kube-system, with which an extension API server reads the API server's client CA. Source:
 * bootstrappolicy/namespace_policy.go.
 */
export const BUILTIN_ROLES: readonly BuiltinNamespacedRole[] = [
  {
    name: 'extension-apiserver-authentication-reader',
    namespace: 'kube-system',
    labels: { ...BOOTSTRAPPING },
    rules: [{ verbs: READ, apiGroups: [''], resources: ['configmaps'], resourceNames: ['extension-apiserver-authentication'] }],
  },
];

/**
 * Built-in roles that may be bound without being defined, by role key, with what they grant: the
 * read-only ClusterRole `view`, and the two roles an extension API server binds to delegate
 * authentication, whose rights are fixed and narrow.
 */
export const BOUNDED_BUILTIN_ROLES: ReadonlyMap<string, string> = new Map([
  ['ClusterRole/view', 'the built-in read-only ClusterRole "view"'],
  ['ClusterRole/system:auth-delegator', 'the built-in ClusterRole "system:auth-delegator", which only reviews tokens and access for an extension API server'],
  ['Role/kube-system/extension-apiserver-authentication-reader', 'the built-in Role "extension-apiserver-authentication-reader", which only reads the API server\'s client CA'],
]);
