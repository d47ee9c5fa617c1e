import { rbacNoSecretsRead } from '../../../../src/compliance/controls/rbac/rbac-no-secrets-read';
import { messages, outcome } from '../../helpers';
import { clusterRole, clusterRoleBinding, core, group, role, roleBinding, serviceAccount } from './fixtures';

describe('rbac-no-secrets-read', () => {
  test('passes get on named secrets', () => {
    expect(outcome(rbacNoSecretsRead, [role('app', [core(['secrets'], ['get'], ['db'])])])).toEqual({ 'Role/team/app': 'pass' });
  });

  test('fails list and watch on secrets even with resourceNames', () => {
    expect(messages(rbacNoSecretsRead, [role('app', [core(['secrets'], ['get', 'list', 'watch'], ['db'])])]))
      .toEqual(['rules[0] grants list and watch on secrets (resourceNames makes only get safe)']);
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
