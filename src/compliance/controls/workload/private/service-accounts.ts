import { ManifestIndex } from '../../../manifest-index';
import { PodTemplate } from '../../../types';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The ServiceAccount a pod runs as: `serviceAccountName`, the deprecated `serviceAccount`, else `default`. */
export function serviceAccountOf(pod: PodTemplate): string {
  const spec = pod.spec;
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') return spec.serviceAccountName;
  if (typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '') return spec.serviceAccount;
  return 'default';
}

/** What {@link serviceAccountBindings} gives: the ref of the first binding that grants a ServiceAccount API access. */
export interface ServiceAccountBindings {
  /** The first binding naming the ServiceAccount `name` of `namespace`, itself or a group it is in. */
  bindingFor(namespace: string, name: string): string | undefined;
}

const SA_USER = 'system:serviceaccount:';
const SA_GROUP = 'system:serviceaccounts';

/**
 * The key of a subject that names ServiceAccounts, as the RBAC authorizer matches a token's user
 * name (`system:serviceaccount:<namespace>:<name>`) and groups (`system:serviceaccounts:<namespace>`,
 * `system:serviceaccounts`, `system:authenticated`): `namespace/name` for one ServiceAccount,
 * `namespace/` for every one of a namespace, `/` for every one. A ServiceAccount subject without a
 * namespace means the binding's own namespace.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects
 */
function subjectKey(s: any, bindingNamespace: string | undefined): string | undefined {
  if (!s || typeof s.name !== 'string') return undefined;
  if (s.kind === 'ServiceAccount') {
    const ns = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : bindingNamespace;
    return ns === undefined ? undefined : `${ns}/${s.name}`;
  }
  if (s.kind === 'User' && s.name.startsWith(SA_USER)) {
    const parts = s.name.slice(SA_USER.length).split(':');
    return parts.length === 2 && parts[0] !== '' && parts[1] !== '' ? `${parts[0]}/${parts[1]}` : undefined;
  }
  if (s.kind !== 'Group') return undefined;
  if (s.name === SA_GROUP || s.name === 'system:authenticated') return '/';
  return s.name.startsWith(`${SA_GROUP}:`) && s.name.length > SA_GROUP.length + 1 ? `${s.name.slice(SA_GROUP.length + 1)}/` : undefined;
}

/**
 * The RoleBindings and ClusterRoleBindings of the set that grant ServiceAccounts API access, by
 * the ServiceAccounts their subjects name ({@link subjectKey}): the first binding of each.
 * Computed once per index.
 */
export function serviceAccountBindings(index: ManifestIndex): ServiceAccountBindings {
  const bound = index.cached('workload:serviceAccountBindings', () => {
    const m = new Map<string, string>();
    for (const binding of [...index.ofKind('RoleBinding', RBAC_GROUP), ...index.ofKind('ClusterRoleBinding', RBAC_GROUP)]) {
      const subjects = (binding.raw as any).subjects;
      if (!Array.isArray(subjects)) continue;
      for (const s of subjects) {
        const key = subjectKey(s, binding.namespace);
        if (key !== undefined && !m.has(key)) m.set(key, binding.ref);
      }
    }
    return m;
  });
  return { bindingFor: (namespace, name) => bound.get(`${namespace}/${name}`) ?? bound.get(`${namespace}/`) ?? bound.get('/') };
}
