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
