import { rbacNoSecretsRead } from '../../../../src/compliance/controls/rbac/rbac-no-secrets-read';
import { messages, outcome } from '../../helpers';
import { clusterRole, clusterRoleBinding, core, group, role, roleBinding, serviceAccount } from './fixtures';

describe('rbac-no-secrets-read', () => {
  test('passes get on named secrets', () => {
    expect(outcome(rbacNoSecretsRead, [role('app', [core(['secrets'], ['get'], ['db'])])])).toEqual({ 'Role/team/app': 'pass' });
  });

  test('passes list and watch on named secrets, which Kubernetes authorizes only with a field selector naming them', () => {
    // cert-manager's webhook keeps its CA in a Secret it watches by name.
    const webhook = role('cert-manager-webhook', [core(['secrets'], ['get', 'list', 'watch', 'update'], ['cert-manager-webhook-ca']), core(['secrets'], ['create'])]);
    expect(outcome(rbacNoSecretsRead, [webhook])).toEqual({ 'Role/team/cert-manager-webhook': 'pass' });
  });

  test('fails list and watch under resourceNames [""], which matches a request that names no Secret', () => {
    const r = role('app', [core(['secrets'], ['get', 'list', 'watch'], ['db', ''])]);
    expect(messages(rbacNoSecretsRead, [r])).toEqual(['rules[0] grants list and watch on every secret: its resourceNames include "", which matches a list or watch that names no Secret; remove ""']);
  });

  test('fails a RoleBinding of the built-in admin role when the manifests redefine edit without its aggregate-to-admin label, which the API server restores', () => {
    const objects = [clusterRole('edit', []), roleBinding('leads', { kind: 'ClusterRole', name: 'admin' }, [group('oidc:leads')])];
    expect(messages(rbacNoSecretsRead, objects)).toContain('binds built-in ClusterRole "admin" in namespace "team", which grants get, list and watch on secrets');
  });

  test('fails list and watch on secrets beside a rule that names some', () => {
    const r = role('app', [core(['secrets'], ['get'], ['db']), core(['secrets'], ['list', 'watch'])]);
    expect(messages(rbacNoSecretsRead, [r])).toEqual(['rules[1] grants list and watch on secrets']);
  });

  test('fails a wildcard verb on every core resource', () => {
    expect(messages(rbacNoSecretsRead, [role('app', [core(['*'], ['*'])])])).toEqual(['rules[0] grants get, list and watch on secrets']);
  });

  test('fails an aggregating ClusterRole through the rules aggregated into it', () => {
    const part = clusterRole('secret-reader', [core(['secrets'], ['list'])], { labels: { 'example.com/aggregate-to-ops': 'true' } });
    const ops = clusterRole('ops', [], { aggregate: [{ 'example.com/aggregate-to-ops': 'true' }] });
    expect(messages(rbacNoSecretsRead, [part, ops])).toEqual([
      'rules[0] grants list on secrets',
      'rules[0] of ClusterRole "secret-reader" (aggregated) grants list on secrets',
    ]);
  });

  test('fails a RoleBinding of the built-in edit ClusterRole, which reads secrets in the namespace', () => {
    const b = roleBinding('devs', { kind: 'ClusterRole', name: 'edit' }, [group('oidc:devs')]);
    expect(messages(rbacNoSecretsRead, [b])).toEqual(['binds built-in ClusterRole "edit" in namespace "team", which grants get, list and watch on secrets']);
  });

  test('passes a ClusterRoleBinding of the built-in view ClusterRole', () => {
    expect(outcome(rbacNoSecretsRead, [clusterRoleBinding('auditors', 'view', [group('oidc:auditors')])])).toEqual({ 'ClusterRoleBinding/auditors': 'pass' });
  });

  test('does not evaluate bindings of roles defined in the manifests again', () => {
    const objects = [role('app', [core(['secrets'], ['list'])]), roleBinding('app', { kind: 'Role', name: 'app' }, [serviceAccount('api')])];
    expect(outcome(rbacNoSecretsRead, objects)).toEqual({ 'Role/team/app': 'fail' });
  });

  test('does not apply to objects other than roles and bindings', () => {
    expect(outcome(rbacNoSecretsRead, [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }])).toEqual({});
  });
});
