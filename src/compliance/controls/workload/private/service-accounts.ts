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

/**
 * For every ServiceAccount named as a subject of a RoleBinding or ClusterRoleBinding in the set,
 * keyed `namespace/name`, the ref of the first binding. A RoleBinding subject without a namespace
 * means the binding's own namespace, as the RBAC authorizer reads it. Computed once per index.
 */
export function serviceAccountBindings(index: ManifestIndex): ReadonlyMap<string, string> {
  return index.cached('workload:serviceAccountBindings', () => {
    const bound = new Map<string, string>();
    for (const binding of [...index.ofKind('RoleBinding', RBAC_GROUP), ...index.ofKind('ClusterRoleBinding', RBAC_GROUP)]) {
      const subjects = (binding.raw as any).subjects;
      if (!Array.isArray(subjects)) continue;
      for (const s of subjects) {
        if (!s || s.kind !== 'ServiceAccount' || typeof s.name !== 'string') continue;
        const ns = typeof s.namespace === 'string' && s.namespace !== '' ? s.namespace : binding.namespace;
        const key = `${ns}/${s.name}`;
        if (ns !== undefined && !bound.has(key)) bound.set(key, binding.ref);
      }
    }
    return bound;
  });
}
