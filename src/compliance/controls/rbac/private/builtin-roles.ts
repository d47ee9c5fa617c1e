/**
 * The user-facing ClusterRoles every Kubernetes cluster creates at start-up, as far as the
 * catalogue's controls need them. A binding may reference them without defining them, so their
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
  readonly nonResourceURLs?: readonly string[];
}

/** A built-in ClusterRole: its own rules, its labels and what it aggregates. */
export interface BuiltinRole {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly rules: readonly RawRule[];
  readonly aggregationRule?: { readonly clusterRoleSelectors: readonly LabelSelector[] };
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const AGGREGATE_TO = (role: string) => `rbac.authorization.k8s.io/aggregate-to-${role}`;

/** The built-in ClusterRoles by name. */
export const BUILTIN_CLUSTER_ROLES: ReadonlyMap<string, BuiltinRole> = new Map<string, BuiltinRole>([
  ['cluster-admin', {
    name: 'cluster-admin',
    labels: {},
    rules: [
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      { verbs: ['*'], nonResourceURLs: ['*'] },
    ],
  }],
  ['admin', {
    name: 'admin',
    labels: {},
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO('admin')]: 'true' } }] },
    rules: [
      { verbs: [...READ, ...WRITE], apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'] },
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'] },
    ],
  }],
  ['edit', {
    name: 'edit',
    labels: { [AGGREGATE_TO('admin')]: 'true' },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO('edit')]: 'true' } }] },
    rules: [
      { verbs: READ, apiGroups: [''], resources: ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy'] },
      { verbs: ['impersonate'], apiGroups: [''], resources: ['serviceaccounts'] },
      { verbs: WRITE, apiGroups: [''], resources: ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward'] },
      { verbs: WRITE, apiGroups: [''], resources: ['configmaps', 'endpoints', 'persistentvolumeclaims', 'replicationcontrollers', 'secrets', 'serviceaccounts', 'services'] },
      { verbs: WRITE, apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'] },
      { verbs: WRITE, apiGroups: ['batch'], resources: ['cronjobs', 'jobs'] },
    ],
  }],
  ['view', {
    name: 'view',
    labels: { [AGGREGATE_TO('edit')]: 'true' },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO('view')]: 'true' } }] },
    rules: [
      { verbs: READ, apiGroups: [''], resources: ['configmaps', 'endpoints', 'events', 'limitranges', 'namespaces', 'persistentvolumeclaims', 'pods', 'pods/log', 'pods/status', 'replicationcontrollers', 'resourcequotas', 'serviceaccounts', 'services'] },
      { verbs: READ, apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'] },
      { verbs: READ, apiGroups: ['batch'], resources: ['cronjobs', 'jobs'] },
    ],
  }],
]);

/** Built-in ClusterRoles that grant read access only and may be bound without being defined. */
export const READ_ONLY_BUILTIN_ROLES: ReadonlySet<string> = new Set(['view']);
