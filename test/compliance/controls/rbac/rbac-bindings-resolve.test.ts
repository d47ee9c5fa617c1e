import { rbacBindingsResolve } from '../../../../src/compliance/controls/rbac/rbac-bindings-resolve';
import { messages, outcome } from '../../helpers';
import { clusterRole, clusterRoleBinding, group, role, roleBinding } from './fixtures';

describe('rbac-bindings-resolve', () => {
  test('passes bindings of roles defined alongside them and of the built-in view role', () => {
    const objects = [
      role('app', []), roleBinding('app', { kind: 'Role', name: 'app' }, [group('g')]),
      clusterRole('reader', []), roleBinding('reader', { kind: 'ClusterRole', name: 'reader' }, [group('g')]),
      clusterRoleBinding('auditors', 'view', [group('g')]),
    ];
    expect(outcome(rbacBindingsResolve, objects)).toEqual({
      'RoleBinding/team/app': 'pass', 'RoleBinding/team/reader': 'pass', 'ClusterRoleBinding/auditors': 'pass',
    });
  });

  test('fails a RoleBinding whose Role lives in another namespace', () => {
    const objects = [role('app', [], 'other'), roleBinding('app', { kind: 'Role', name: 'app' }, [group('g')])];
    expect(messages(rbacBindingsResolve, objects)).toEqual(['roleRef names Role "app", which is not defined in namespace "team"']);
  });

  test('fails a binding of the built-in edit role and of an undefined ClusterRole', () => {
    expect(messages(rbacBindingsResolve, [clusterRoleBinding('e', 'edit', []), clusterRoleBinding('x', 'missing', [])])).toEqual([
      'roleRef names the built-in ClusterRole "edit", whose rights are not in the manifests; define the role the binding needs (only "view" may be referenced without a definition here)',
      'roleRef names ClusterRole "missing", which is not defined in the manifests',
    ]);
  });

  test('fails a ClusterRoleBinding that references a Role', () => {
    const b = { ...clusterRoleBinding('x', 'r', []), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' } };
    expect(messages(rbacBindingsResolve, [b])).toEqual(['a ClusterRoleBinding can only reference a ClusterRole']);
  });

  test('is low severity', () => {
    expect(rbacBindingsResolve.severity).toBe('low');
  });

  test('does not apply to roles', () => {
    expect(outcome(rbacBindingsResolve, [role('r', [])])).toEqual({});
  });
});
