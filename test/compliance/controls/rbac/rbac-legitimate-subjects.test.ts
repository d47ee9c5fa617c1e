import { rbacLegitimateSubjects } from '../../../../src/compliance/controls/rbac/rbac-legitimate-subjects';
import { messages, outcome } from '../../helpers';
import { clusterRoleBinding, group, role, roleBinding, serviceAccount, user } from './fixtures';

describe('rbac-legitimate-subjects', () => {
  test('passes identity-provider groups and dedicated ServiceAccounts', () => {
    const b = roleBinding('ok', { kind: 'Role', name: 'r' }, [group('oidc:payments'), serviceAccount('api')]);
    expect(outcome(rbacLegitimateSubjects, [b])).toEqual({ 'RoleBinding/team/ok': 'pass' });
  });

  test('fails users, system groups and the default ServiceAccount, one message each', () => {
    const b = clusterRoleBinding('bad', 'view', [
      user('alice'), user('system:anonymous'), group('system:authenticated'), group('system:masters'),
      group('system:serviceaccounts:team'), serviceAccount('default'),
    ]);
    expect(messages(rbacLegitimateSubjects, [b])).toEqual([
      'binds User "alice"; bind a Group from the identity provider so access is granted and revoked through group membership',
      'binds User "system:anonymous", which is every unauthenticated request',
      'binds Group "system:authenticated", every identity the cluster can authenticate, including every ServiceAccount',
      'binds Group "system:masters", the superuser group that bypasses every authorization check (CIS 5.1.7)',
      'binds the built-in Group "system:serviceaccounts:team", which has members nobody reviews; bind named ServiceAccounts or an identity-provider group',
      'binds the "default" ServiceAccount of namespace "team", which every pod there uses unless told otherwise (CIS 5.1.5)',
    ]);
  });

  test('resolves a ServiceAccount without namespace in the RoleBinding\'s namespace, as the authorizer does', () => {
    const objects = [
      roleBinding('ok', { kind: 'Role', name: 'r' }, [{ kind: 'ServiceAccount', name: 'api' }]),
      roleBinding('bad', { kind: 'Role', name: 'r' }, [{ kind: 'ServiceAccount', name: 'default' }]),
    ];
    expect(messages(rbacLegitimateSubjects, objects))
      .toEqual(['binds the "default" ServiceAccount of namespace "team", which every pod there uses unless told otherwise (CIS 5.1.5)']);
  });

  test('fails a ClusterRoleBinding ServiceAccount without a namespace and an unknown kind', () => {
    const b = clusterRoleBinding('odd', 'view', [{ kind: 'ServiceAccount', name: 'api' }, { kind: 'Robot', name: 'r2' }]);
    expect(messages(rbacLegitimateSubjects, [b])).toEqual(['binds ServiceAccount "api" without a namespace', 'binds a subject of unknown kind "Robot"']);
  });

  test('cannot be suppressed', () => {
    expect(rbacLegitimateSubjects.suppressible).toBe(false);
  });

  test('does not apply to roles', () => {
    expect(outcome(rbacLegitimateSubjects, [role('r', [])])).toEqual({});
  });
});
