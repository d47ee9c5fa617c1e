import { coversResource, grantedVerbs, grantsEverything, readRules, Rule, summariseGrants } from '../../../../../src/compliance/controls/rbac/private/policy-rule';

const ORIGIN = { key: 'Role/team/r', kind: 'Role' as const, name: 'r', builtin: false };

function rule(r: any): Rule {
  return readRules({ rules: [r] }, ORIGIN)[0];
}

describe('RBAC policy rules', () => {
  test('* matches every resource, including subresources', () => {
    expect(coversResource(rule({ apiGroups: [''], resources: ['*'], verbs: ['get'] }), '', 'pods/exec')).toBe(true);
  });

  test('*/<subresource> matches that subresource of every resource, as the RBAC authorizer does', () => {
    const r = rule({ apiGroups: [''], resources: ['*/exec'], verbs: ['create'] });
    expect(coversResource(r, '', 'pods/exec')).toBe(true);
    expect(coversResource(r, '', 'pods/attach')).toBe(false);
  });

  test('pods/* is not a pattern: it matches nothing but a resource literally named so', () => {
    expect(coversResource(rule({ apiGroups: [''], resources: ['pods/*'], verbs: ['create'] }), '', 'pods/exec')).toBe(false);
  });

  test('a rule for another API group does not cover core resources', () => {
    expect(coversResource(rule({ apiGroups: ['apps'], resources: ['*'], verbs: ['*'] }), '', 'secrets')).toBe(false);
  });

  test('grantedVerbs expands the * verb', () => {
    expect(grantedVerbs(rule({ apiGroups: ['*'], resources: ['secrets'], verbs: ['*'] }), ['get', 'list'], '', 'secrets')).toEqual(['get', 'list']);
  });

  test('grantsEverything recognises * on * and the seven verbs Polaris counts as all', () => {
    expect(grantsEverything(rule({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }))).toBe(true);
    expect(grantsEverything(rule({ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }))).toBe(true);
    expect(grantsEverything(rule({ apiGroups: [''], resources: ['*'], verbs: ['*'] }))).toBe(false);
  });

  test('readRules skips malformed entries and keeps the path of the others', () => {
    expect(readRules({ rules: [null, { verbs: ['get'], resources: 'pods' }] }, ORIGIN).map(r => [r.path, r.resources])).toEqual([['rules[1]', []]]);
  });

  test('summariseGrants groups verbs that share resources', () => {
    expect(summariseGrants([['create', 'pods/exec'], ['get', 'pods/exec'], ['create', 'pods/attach'], ['get', 'pods/attach'], ['patch', 'pods']]))
      .toBe('create and get on pods/exec and pods/attach; patch on pods');
  });
});
