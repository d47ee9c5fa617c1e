import { isHuman, subjectsOf, whySubjectIllegitimate } from '../../../../../src/compliance/controls/rbac/private/subjects';

describe('binding subjects', () => {
  test('users and identity-provider groups are people; ServiceAccounts and their groups are not', () => {
    const subjects = subjectsOf({ subjects: [
      { kind: 'User', name: 'alice' }, { kind: 'Group', name: 'oidc:devs' },
      { kind: 'User', name: 'system:serviceaccount:team:api' }, { kind: 'Group', name: 'system:serviceaccounts:team' },
      { kind: 'ServiceAccount', name: 'api', namespace: 'team' },
    ] });
    expect(subjects.map(isHuman)).toEqual([true, true, false, false, false]);
  });

  test('malformed subjects are skipped, keeping the index of the others', () => {
    expect(subjectsOf({ subjects: ['x', { kind: 'Group', name: 'g' }] })).toEqual([{ kind: 'Group', name: 'g', namespace: undefined, index: 1 }]);
  });

  test('a ServiceAccount given as a User is refused with the fix', () => {
    expect(whySubjectIllegitimate({ kind: 'User', name: 'system:serviceaccount:team:api', index: 0 }))
      .toBe('binds User "system:serviceaccount:team:api"; reference the ServiceAccount with kind ServiceAccount');
  });

  test('a group named like an Object.prototype member is an ordinary group', () => {
    expect(whySubjectIllegitimate({ kind: 'Group', name: 'constructor', index: 0 })).toBeUndefined();
  });
});
