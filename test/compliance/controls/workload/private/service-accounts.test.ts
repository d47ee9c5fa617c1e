import { serviceAccountBindings, serviceAccountOf } from '../../../../../src/compliance/controls/workload/private/service-accounts';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';

const RBAC = 'rbac.authorization.k8s.io/v1';
const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' };

describe('serviceAccountOf', () => {
  const pod = (spec: Record<string, unknown>) =>
    ManifestIndex.fromObjects([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], ...spec } }]).podTemplates[0];

  test('reads serviceAccountName, then the deprecated serviceAccount, then defaults', () => {
    expect(serviceAccountOf(pod({ serviceAccountName: 'api', serviceAccount: 'old' }))).toBe('api');
    expect(serviceAccountOf(pod({ serviceAccount: 'old' }))).toBe('old');
    expect(serviceAccountOf(pod({}))).toBe('default');
  });
});

describe('serviceAccountBindings', () => {
  test('maps ServiceAccount subjects to their first binding, defaulting the namespace for RoleBindings', () => {
    const index = ManifestIndex.fromObjects([
      { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'rb', namespace: 'team' }, roleRef, subjects: [{ kind: 'ServiceAccount', name: 'api' }, { kind: 'User', name: 'alice' }] },
      { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'crb' }, roleRef, subjects: [{ kind: 'ServiceAccount', name: 'api', namespace: 'team' }, { kind: 'ServiceAccount', name: 'agent', namespace: 'ops' }] },
      { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name: 'broken' }, roleRef, subjects: [{ kind: 'ServiceAccount', name: 'orphan' }] },
      { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name: 'empty', namespace: 'team' }, roleRef },
    ]);
    const bindings = serviceAccountBindings(index);
    expect([['team', 'api'], ['ops', 'agent'], ['team', 'alice'], ['ops', 'orphan'], ['team', 'orphan']].map(([ns, name]) => bindings.bindingFor(ns, name)))
      .toEqual(['RoleBinding/team/rb', 'ClusterRoleBinding/crb', undefined, undefined, undefined]);
  });
});
