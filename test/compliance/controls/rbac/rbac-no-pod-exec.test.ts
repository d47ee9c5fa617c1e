import { rbacNoPodExec } from '../../../../src/compliance/controls/rbac/rbac-no-pod-exec';
import { messages, outcome } from '../../helpers';
import { clusterRole, clusterRoleBinding, core, group, role, roleBinding, serviceAccount, user } from './fixtures';

describe('rbac-no-pod-exec', () => {
  test('passes read access to pods and logs', () => {
    expect(outcome(rbacNoPodExec, [role('viewer', [core(['pods', 'pods/log'], ['get', 'list', 'watch'])])])).toEqual({ 'Role/team/viewer': 'pass' });
  });

  test('fails create on pods/exec and get on pods/attach (the WebSocket form)', () => {
    const r = role('debug', [core(['pods/exec'], ['create']), core(['pods/attach'], ['get'])]);
    expect(messages(rbacNoPodExec, [r])).toEqual(['rules[0] grants create on pods/exec', 'rules[1] grants get on pods/attach']);
  });

  test('fails */portforward and ephemeral containers', () => {
    const r = role('tunnel', [{ apiGroups: [''], resources: ['*/portforward', 'pods/ephemeralcontainers'], verbs: ['create', 'patch'] }]);
    expect(messages(rbacNoPodExec, [r])).toEqual(['rules[0] grants create on pods/portforward; patch on pods/ephemeralcontainers']);
  });

  test('lets a ServiceAccount create pods', () => {
    const objects = [role('runner', [core(['pods'], ['create'])]), roleBinding('ci', { kind: 'Role', name: 'runner' }, [serviceAccount('ci')])];
    expect(outcome(rbacNoPodExec, objects)).toEqual({ 'Role/team/runner': 'pass' });
  });

  test('fails create on pods for a role bound to a Group', () => {
    const objects = [role('runner', [core(['pods'], ['create'])]), roleBinding('devs', { kind: 'Role', name: 'runner' }, [group('oidc:devs')])];
    expect(messages(rbacNoPodExec, objects)).toEqual(['rules[0] grants create on pods to Group "oidc:devs" (RoleBinding/team/devs)']);
  });

  test('follows aggregation into the built-in edit role to find the people who hold a rule', () => {
    const extra = clusterRole('pod-maker', [core(['pods'], ['create'])], { labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } });
    const binding = roleBinding('people', { kind: 'ClusterRole', name: 'admin' }, [user('alice')]);
    const results = messages(rbacNoPodExec, [extra, binding]);
    expect(results).toContain('rules[0] grants create on pods to User "alice" (RoleBinding/team/people)');
  });

  test('fails a ClusterRoleBinding of the built-in edit role', () => {
    expect(messages(rbacNoPodExec, [clusterRoleBinding('ops', 'edit', [serviceAccount('bot')])])).toEqual([
      'binds built-in ClusterRole "edit" in every namespace, which grants get on pods/exec, pods/attach and pods/portforward',
      'binds built-in ClusterRole "edit" in every namespace, which grants create on pods/exec, pods/attach and pods/portforward',
    ]);
  });

  test('does not apply to objects other than roles and bindings', () => {
    expect(outcome(rbacNoPodExec, [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } }])).toEqual({});
  });
});
