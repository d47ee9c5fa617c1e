import { rbacBindingsResolve } from '../../../../src/compliance/controls/rbac/rbac-bindings-resolve';
import { check, messages, outcome } from '../../helpers';
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
      'roleRef names the built-in ClusterRole "edit", whose rights are not in the manifests; define the role the binding needs (only "view", "system:auth-delegator" and Role kube-system/extension-apiserver-authentication-reader may be referenced without a definition here)',
      'roleRef names ClusterRole "missing", which is not defined in the manifests',
    ]);
  });

  test('passes the bindings of the built-in roles an extension API server binds to delegate authentication', () => {
    // metrics-server's components.yaml binds both without defining them: the API server creates them.
    const reader = roleBinding('metrics-server-auth-reader', { kind: 'Role', name: 'extension-apiserver-authentication-reader' }, [], 'kube-system');
    const delegator = clusterRoleBinding('metrics-server:system:auth-delegator', 'system:auth-delegator', []);
    const results = check(rbacBindingsResolve, [reader, delegator]);
    expect(results.map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['RoleBinding/kube-system/metrics-server-auth-reader', true, 'references the built-in Role "extension-apiserver-authentication-reader", which only reads the API server\'s client CA'],
      ['ClusterRoleBinding/metrics-server:system:auth-delegator', true, 'references the built-in ClusterRole "system:auth-delegator", which only reviews tokens and access for an extension API server'],
    ]);
  });

  test('fails a RoleBinding of extension-apiserver-authentication-reader outside kube-system, where no such Role exists', () => {
    const b = roleBinding('reader', { kind: 'Role', name: 'extension-apiserver-authentication-reader' }, []);
    expect(messages(rbacBindingsResolve, [b])).toEqual(['roleRef names Role "extension-apiserver-authentication-reader", which is not defined in namespace "team"']);
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
