import { rbacNoEscalationVerbs } from '../../../../src/compliance/controls/rbac/rbac-no-escalation-verbs';
import { messages, outcome } from '../../helpers';
import { clusterRole, clusterRoleBinding, group, role } from './fixtures';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

describe('rbac-no-escalation-verbs', () => {
  test('passes creating RoleBindings without bind (the API server limits them to held rights)', () => {
    expect(outcome(rbacNoEscalationVerbs, [role('delegate', [{ apiGroups: [RBAC_GROUP], resources: ['rolebindings', 'roles'], verbs: ['create', 'update'] }])]))
      .toEqual({ 'Role/team/delegate': 'pass' });
  });

  test('fails escalate and bind on roles', () => {
    const r = clusterRole('granter', [{ apiGroups: [RBAC_GROUP], resources: ['clusterroles'], verbs: ['bind', 'escalate'] }]);
    expect(messages(rbacNoEscalationVerbs, [r])).toEqual(['rules[0] grants escalate and bind on clusterroles']);
  });

  test('fails impersonate through a wildcard verb on users and userextras', () => {
    const r = clusterRole('proxy', [
      { apiGroups: [''], resources: ['users'], verbs: ['*'] },
      { apiGroups: ['authentication.k8s.io'], resources: ['userextras/scopes'], verbs: ['impersonate'] },
    ]);
    expect(messages(rbacNoEscalationVerbs, [r])).toEqual(['rules[0] grants impersonate on users', 'rules[1] grants impersonate on userextras/*']);
  });

  test('fails impersonate on */<key>, which matches userextras/<key>', () => {
    const r = clusterRole('scopes', [{ apiGroups: ['authentication.k8s.io'], resources: ['*/scopes'], verbs: ['impersonate'] }]);
    expect(messages(rbacNoEscalationVerbs, [r])).toEqual(['rules[0] grants impersonate on userextras/*']);
  });

  test('fails a binding of the built-in edit role, which impersonates ServiceAccounts', () => {
    expect(messages(rbacNoEscalationVerbs, [clusterRoleBinding('devs', 'edit', [group('oidc:devs')])]))
      .toEqual(['binds built-in ClusterRole "edit" in every namespace, which grants impersonate on serviceaccounts']);
  });

  test('does not apply to objects other than roles and bindings', () => {
    expect(outcome(rbacNoEscalationVerbs, [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } }])).toEqual({});
  });
});
