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
  /** The first binding naming the ServiceAccount `name` of `namespace`. */
  bindingFor(namespace: string, name: string): string | undefined;
}

const SA_USER = 'system:serviceaccount:';

/**
 * The `namespace/name` of the ServiceAccount a subject names: a ServiceAccount subject (without a
 * namespace, the binding's own), or the user name the RBAC authorizer gives its tokens
 * (`system:serviceaccount:<namespace>:<name>`). A group (`system:serviceaccounts:<namespace>`,
 * `system:serviceaccounts`, `system:authenticated`) names no ServiceAccount: it grants every one
 * alike, which says nothing of what one workload needs (and fails `rbac-legitimate-subjects`).
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects
 */
function subjectKey(s: any, bindingNamespace: string | undefined): string | undefined {
  if (!s || typeof s.name !== 'string') return undefined;
  if (s.kind === 'ServiceAccount') {
    const ns = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : bindingNamespace;
    return ns === undefined ? undefined : `${ns}/${s.name}`;
  }
  if (s.kind !== 'User' || !s.name.startsWith(SA_USER)) return undefined;
  const parts = s.name.slice(SA_USER.length).split(':');
  return parts.length === 2 && parts[0] !== '' && parts[1] !== '' ? `${parts[0]}/${parts[1]}` : undefined;
}

/**
 * The RoleBindings and ClusterRoleBindings of the set that grant a ServiceAccount API access by
 * name ({@link subjectKey}): the first binding of each. Computed once per index.
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
  return { bindingFor: (namespace, name) => bound.get(`${namespace}/${name}`) };
}
