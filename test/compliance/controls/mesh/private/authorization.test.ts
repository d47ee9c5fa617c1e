import { allowAllProblems, deniesByDefault, namespacePatternAdmits, whySourceUnnamed } from '../../../../../src/compliance/controls/mesh/private/authorization';
import { indexObject } from '../../../../../src/compliance/manifest';
import { istio } from '../fixtures';

const policy = (spec: any, annotations?: Record<string, string>) =>
  indexObject(istio('AuthorizationPolicy', 'p', 'team', spec, { annotations }), { document: 1 });

describe('deniesByDefault', () => {
  test('recognises spec: {} and an explicit ALLOW with an empty rule list', () => {
    expect(deniesByDefault(policy({}))).toBe(true);
    expect(deniesByDefault(policy({ action: 'ALLOW', rules: [] }))).toBe(true);
  });

  test('recognises rules that name their callers, and requestPrincipals, which without a RequestAuthentication match no request', () => {
    expect(deniesByDefault(policy({ rules: [{ from: [{ source: { principals: ['cluster.local/ns/a/sa/b'] } }] }] }))).toBe(true);
    expect(deniesByDefault(policy({ rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }] }))).toBe(true);
  });

  test('treats an empty matchLabels as no selector', () => {
    expect(deniesByDefault(policy({ selector: { matchLabels: {} } }))).toBe(true);
  });

  test('rejects policies with a selector, a gateway target, a rule that admits unnamed callers, another action, or in dry-run', () => {
    expect(deniesByDefault(policy({ selector: { matchLabels: { app: 'a' } } }))).toBe(false);
    expect(deniesByDefault(policy({ targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'gw' }] }))).toBe(false);
    expect(deniesByDefault(policy({ rules: [{}] }))).toBe(false);
    expect(deniesByDefault(policy({ rules: [{ from: [{ source: { notNamespaces: ['dev'] } }] }] }))).toBe(false);
    expect(deniesByDefault(policy({ action: 'DENY' }))).toBe(false);
    expect(deniesByDefault(policy({}, { 'istio.io/dry-run': 'true' }))).toBe(false);
  });
});

describe('whySourceUnnamed', () => {
  test('accepts principals or namespaces', () => {
    expect(whySourceUnnamed({ principals: ['cluster.local/ns/a/sa/b'] }, false)).toBeUndefined();
    expect(whySourceUnnamed({ namespaces: ['ingress-nginx'] }, false)).toBeUndefined();
  });

  test('accepts a wildcard field when another field names the caller', () => {
    expect(whySourceUnnamed({ principals: ['*'], namespaces: ['prod'] }, false)).toBeUndefined();
  });

  test('rejects the bare wildcard', () => {
    expect(whySourceUnnamed({ principals: ['*'] }, false)).toBe('allows any identity ("*" in principals)');
  });

  test('rejects a principal that matches a whole trust domain, and accepts prefixes that name a namespace or suffixes that name an account', () => {
    expect(whySourceUnnamed({ principals: ['cluster.local/*'] }, false)).toBe('allows any identity ("cluster.local/*" in principals)');
    expect(whySourceUnnamed({ principals: ['cluster.local/ns/*'] }, false)).toBe('allows any identity ("cluster.local/ns/*" in principals)');
    expect(whySourceUnnamed({ principals: ['cluster.local/ns/shop/*'] }, false)).toBeUndefined();
    expect(whySourceUnnamed({ principals: ['*/ns/shop/sa/web'] }, false)).toBeUndefined();
  });

  test('rejects every principal prefix (Istio\'s trailing *) that stops short of a namespace, as cluster.local/* does', () => {
    for (const p of ['cluster.local*', 'cluster.local/n*', 'cluster.local/ns*', 'c*', 'example.org/*']) {
      expect(whySourceUnnamed({ principals: [p] }, false)).toBe(`allows any identity ("${p}" in principals)`);
    }
    for (const p of ['cluster.local/ns/s*', 'cluster.local/ns/shop/sa/w*', 'cluster.local/ns/shop/sa/web']) expect(whySourceUnnamed({ principals: [p] }, false)).toBeUndefined();
  });

  test('rejects a namespace pattern Istio matches for every principal: its regex .*/ns/<value>/.* also spans the /sa/ segment', () => {
    expect(whySourceUnnamed({ namespaces: ['*'] }, false)).toBe('allows any identity ("*" in namespaces)');
    for (const n of ['*a', '*sa', '*/sa', '*/*', '*a*']) {
      expect(whySourceUnnamed({ namespaces: [n] }, false))
        .toBe(`allows any identity ("${n}" in namespaces, which Istio matches against the whole principal and so also across the /sa/ of every one)`);
    }
    for (const n of ['shop*', '*-prod', 'team-*', '*/']) expect(whySourceUnnamed({ namespaces: [n] }, false)).toBeUndefined();
  });

  test('accepts requestPrincipals only when a RequestAuthentication validates JWTs', () => {
    expect(whySourceUnnamed({ requestPrincipals: ['*'] }, true)).toBeUndefined();
    expect(whySourceUnnamed({ requestPrincipals: ['issuer/sub'] }, false)).toMatch(/no RequestAuthentication/);
  });

  test('rejects only negative matches', () => {
    expect(whySourceUnnamed({ notNamespaces: ['dev'] }, false)).toBe(
      'uses only negative matches (notNamespaces), so every caller it does not list is allowed; name the allowed callers with principals or namespaces');
  });

  test('rejects IP blocks alone and an empty source', () => {
    expect(whySourceUnnamed({ ipBlocks: ['10.0.0.0/8'] }, false)).toBe('names no caller: add principals or namespaces');
    expect(whySourceUnnamed(undefined, false)).toBe('names no caller: add principals or namespaces');
  });
});

describe('allowAllProblems', () => {
  test('reports an empty rule, a rule without from, and an unnamed source with their paths', () => {
    const p = policy({ rules: [{}, { to: [{ operation: { ports: ['8080'] } }] }, { from: [{ source: { namespaces: ['a'] } }, { source: { notPrincipals: ['x'] } }] }] });
    expect(allowAllProblems(p, false)).toEqual([
      { message: 'rules[0] is empty ({}) and matches every request', path: 'spec.rules[0]' },
      { message: 'rules[1] has no from, so any caller is allowed', path: 'spec.rules[1].from' },
      { message: expect.stringMatching(/^rules\[2\]\.from\[1\] uses only negative matches \(notPrincipals\)/), path: 'spec.rules[2].from[1].source' },
    ]);
  });

  test('finds nothing in a policy without rules', () => {
    expect(allowAllProblems(policy({}), false)).toEqual([]);
  });
});

describe('namespacePatternAdmits', () => {
  test('matches the regex .*/ns/<value>/.* that istiod compiles, on the whole principal', () => {
    const principal = 'cluster.local/ns/shop/sa/web';
    for (const yes of ['shop', 'sh*', '*op', '*', '*a', '*/sa', 's*p']) expect([yes, namespacePatternAdmits(yes, principal)]).toEqual([yes, true]);
    for (const no of ['sho', 'web', '*-prod', 'shop/', 's.op']) expect([no, namespacePatternAdmits(no, principal)]).toEqual([no, false]);
  });

  test('agrees with that regex on every pattern of stars and letters against every principal of a set', () => {
    const regex = (p: string) => new RegExp(`^.*/ns/${p.split('*').map(x => x.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}/.*$`, 's');
    const principals = ['cluster.local/ns/shop/sa/web', 'cluster.local/ns/a/sa/a', 'td/ns/x-y/sa/ns', 'cluster.local/ns/ns/sa/ns/x'];
    const patterns = ['*', '**', 'a', '*a*', 'a*a', '*s*a*', 'ns', '*ns*', 'x-*', '*/sa/*', 's*p*', '*b', 'sh*p', '*/*', 'a**'];
    for (const principal of principals) {
      for (const pattern of patterns) expect([pattern, principal, namespacePatternAdmits(pattern, principal)]).toEqual([pattern, principal, regex(pattern).test(principal)]);
    }
  });

  test('a pattern of many stars against a long principal that it does not match is decided without backtracking blow-up', () => {
    const pattern = `${'*a'.repeat(40)}*b`;
    const principal = `cluster.local/ns/${'a'.repeat(60)}/sa/${'a'.repeat(60)}`;
    expect(namespacePatternAdmits(pattern, principal)).toBe(false);
    expect(namespacePatternAdmits(`${'*-'.repeat(30)}*x`, `cluster.local/ns/${'a-'.repeat(40)}/sa/${'b-'.repeat(40)}`)).toBe(false);
  });
});
