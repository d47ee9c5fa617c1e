import { meshNoAllowAllAuthz } from '../../../../src/compliance/controls/mesh/mesh-no-allow-all-authz';
import { messages, outcome } from '../../helpers';
import { istio } from './fixtures';

const allow = (name: string, rules: any[], namespace = 'team') => istio('AuthorizationPolicy', name, namespace, { action: 'ALLOW', rules });

describe('mesh-no-allow-all-authz', () => {
  test('passes rules that name their callers', () => {
    const objects = [allow('ledger', [{ from: [{ source: { principals: ['cluster.local/ns/team/sa/api'] } }], to: [{ operation: { ports: ['5432'] } }] }])];
    expect(outcome(meshNoAllowAllAuthz, objects)).toEqual({ 'AuthorizationPolicy/team/ledger': 'pass' });
  });

  test('fails an allow-all rule and a rule of only negative matches', () => {
    const objects = [
      allow('all', [{}]),
      allow('negative', [{ from: [{ source: { notNamespaces: ['dev'] } }] }]),
    ];
    expect(messages(meshNoAllowAllAuthz, objects)).toEqual([
      'rules[0] is empty ({}) and matches every request',
      'rules[0].from[0] uses only negative matches (notNamespaces), so every caller it does not list is allowed; name the allowed callers with principals or namespaces',
    ]);
  });

  test('fails a principal prefix that admits every workload of the trust domain, as cluster.local/* does', () => {
    const objects = [allow('prefix', [{ from: [{ source: { principals: ['cluster.local/ns/team/sa/api', 'cluster.local*'] } }] }])];
    expect(messages(meshNoAllowAllAuthz, objects)).toEqual(['rules[0].from[0] allows any identity ("cluster.local*" in principals)']);
  });

  test('accepts a rule that names its callers in a when condition on source.principal or source.namespace, which Istio matches as principals and namespaces', () => {
    const objects = [
      allow('by-principal', [{ to: [{ operation: { ports: ['8080'] } }], when: [{ key: 'source.principal', values: ['cluster.local/ns/team/sa/api'] }] }]),
      allow('by-namespace', [{ from: [{ source: { ipBlocks: ['10.0.0.0/8'] } }], when: [{ key: 'source.namespace', values: ['ingress-nginx'] }] }]),
    ];
    expect(outcome(meshNoAllowAllAuthz, objects)).toEqual({ 'AuthorizationPolicy/team/by-principal': 'pass', 'AuthorizationPolicy/team/by-namespace': 'pass' });
    const wildcard = allow('any', [{ when: [{ key: 'source.principal', values: ['*'] }] }]);
    const header = allow('header', [{ when: [{ key: 'request.headers[x-caller]', values: ['api'] }] }]);
    expect(messages(meshNoAllowAllAuthz, [wildcard, header])).toEqual(['rules[0] has no from, so any caller is allowed', 'rules[0] has no from, so any caller is allowed']);
  });

  test('accepts requestPrincipals when a RequestAuthentication in the root namespace validates JWTs', () => {
    const rules = [{ from: [{ source: { requestPrincipals: ['*'] } }] }];
    expect(outcome(meshNoAllowAllAuthz, [allow('users', rules)])).toEqual({ 'AuthorizationPolicy/team/users': 'fail' });
    const jwt = istio('RequestAuthentication', 'jwt', 'istio-system', { jwtRules: [{ issuer: 'https://id.example.com' }] });
    expect(outcome(meshNoAllowAllAuthz, [jwt, allow('users', rules)])).toEqual({ 'AuthorizationPolicy/team/users': 'pass' });
  });

  test('does not apply to DENY, CUSTOM or dry-run policies, nor without the mesh', () => {
    const objects = [
      istio('AuthorizationPolicy', 'deny', 'team', { action: 'DENY', rules: [{}] }),
      istio('AuthorizationPolicy', 'ext', 'team', { action: 'CUSTOM', provider: { name: 'opa' }, rules: [{}] }),
      istio('AuthorizationPolicy', 'trial', 'team', { rules: [{}] }, { annotations: { 'istio.io/dry-run': 'true' } }),
    ];
    expect(outcome(meshNoAllowAllAuthz, objects)).toEqual({});
    expect(outcome(meshNoAllowAllAuthz, [allow('all', [{}])], { requireMesh: false })).toEqual({});
  });
});
