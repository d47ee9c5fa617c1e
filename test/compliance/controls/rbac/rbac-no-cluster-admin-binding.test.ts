import { AUTOUPDATE_ANNOTATION } from '../../../../src/compliance/controls/rbac/private/rbac-model';
import { rbacNoClusterAdminBinding } from '../../../../src/compliance/controls/rbac/rbac-no-cluster-admin-binding';
import { messages, outcome } from '../../helpers';
import { clusterRole, clusterRoleBinding, core, group, role, roleBinding } from './fixtures';

describe('rbac-no-cluster-admin-binding', () => {
  test('passes a binding of a narrow role', () => {
    const objects = [role('app', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]), roleBinding('app', { kind: 'Role', name: 'app' }, [group('oidc:devs')])];
    expect(outcome(rbacNoClusterAdminBinding, objects)).toEqual({ 'RoleBinding/team/app': 'pass' });
  });

  test('fails a ClusterRoleBinding of cluster-admin', () => {
    expect(messages(rbacNoClusterAdminBinding, [clusterRoleBinding('root', 'cluster-admin', [group('oidc:ops')])]))
      .toEqual(['binds ClusterRole "cluster-admin" in every namespace']);
  });

  test('fails a RoleBinding of a ClusterRole granting * on *, scoped to its namespace', () => {
    const objects = [
      clusterRole('god', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
      roleBinding('ns-god', { kind: 'ClusterRole', name: 'god' }, [group('oidc:ops')]),
    ];
    expect(messages(rbacNoClusterAdminBinding, objects))
      .toEqual(['binds ClusterRole "god" in namespace "team", whose rules[0] grants every verb on every resource like cluster-admin']);
  });

  test('fails a binding of cluster-admin redefined in the manifests: the API server restores its rules', () => {
    const objects = [
      clusterRole('cluster-admin', [core(['pods'], ['get'])]),
      clusterRoleBinding('root', 'cluster-admin', [group('oidc:ops')]),
    ];
    expect(messages(rbacNoClusterAdminBinding, objects)).toEqual(['binds ClusterRole "cluster-admin" in every namespace']);
  });

  test('passes a redefined cluster-admin that opts out of reconciliation with autoupdate "false"', () => {
    const narrowed = clusterRole('cluster-admin', [core(['pods'], ['get'])]);
    narrowed.metadata.annotations = { [AUTOUPDATE_ANNOTATION]: 'false' };
    expect(outcome(rbacNoClusterAdminBinding, [narrowed, clusterRoleBinding('root', 'cluster-admin', [group('oidc:ops')])]))
      .toEqual({ 'ClusterRoleBinding/root': 'pass' });
  });

  test('fails a binding of a ClusterRole that aggregates the default roles by their kubernetes.io/bootstrapping label, cluster-admin among them', () => {
    const objects = [
      clusterRole('defaults', [], { aggregate: [{ 'kubernetes.io/bootstrapping': 'rbac-defaults' }] }),
      clusterRoleBinding('ops', 'defaults', [group('oidc:ops')]),
    ];
    expect(messages(rbacNoClusterAdminBinding, objects))
      .toEqual(['binds ClusterRole "defaults" in every namespace, whose built-in ClusterRole "cluster-admin" grants every verb on every resource like cluster-admin']);
  });

  test('cannot be suppressed', () => {
    expect(rbacNoClusterAdminBinding.suppressible).toBe(false);
  });

  test('does not apply to roles', () => {
    expect(outcome(rbacNoClusterAdminBinding, [clusterRole('god', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }])])).toEqual({});
  });
});
