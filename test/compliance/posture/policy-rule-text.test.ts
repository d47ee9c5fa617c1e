import { isPolicyRulePath, policyRuleText, RULE_CHARS } from '../../../src/compliance/posture/private/policy-rule-text';

const ns = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const app = (name: string) => ({ matchLabels: { app: name } });

describe('isPolicyRulePath', () => {
  test('names the rules of a NetworkPolicy and their peers and ports, in the direction of the rule', () => {
    for (const path of ['spec.ingress', 'spec.ingress[0]', 'spec.ingress[2].from', 'spec.ingress[2].from[1]', 'spec.egress[0].to[3]', 'spec.egress[1].ports[0]',
      'spec.ingress[0].from[0].namespaceSelector', 'spec.egress[0].to[1].ipBlock']) {
      expect([path, isPolicyRulePath('NetworkPolicy', path)]).toEqual([path, true]);
    }
    for (const path of ['spec.ingress[0].to', 'spec.egress[0].from[0]', 'spec.podSelector', 'spec.ingress[0].ports[0].podSelector',
      'spec.ingress[0].from[0].podSelector.matchLabels', 'spec.ingress.from', 'spec.ingress[0].from.podSelector', 'metadata.labels']) {
      expect([path, isPolicyRulePath('NetworkPolicy', path)]).toEqual([path, false]);
    }
  });

  test('names the rules of an AuthorizationPolicy and their sources, operations and conditions, and no field of another kind', () => {
    for (const path of ['spec.rules', 'spec.rules[0]', 'spec.rules[0].from', 'spec.rules[0].from[1]', 'spec.rules[0].from[1].source', 'spec.rules[1].to[0].operation', 'spec.rules[0].when[0]']) {
      expect([path, isPolicyRulePath('AuthorizationPolicy', path)]).toEqual([path, true]);
    }
    for (const path of ['spec.rules[0].from[0].source.principals', 'spec.rules[0].from[0].operation', 'spec.rules[0].when[0].source', 'spec.rules.from', 'spec.rules[0].from.source']) {
      expect([path, isPolicyRulePath('AuthorizationPolicy', path)]).toEqual([path, false]);
    }
    expect(isPolicyRulePath('Deployment', 'spec.rules[0]')).toBe(false);
    expect(isPolicyRulePath('AuthorizationPolicy', 'spec.ingress[0]')).toBe(false);
  });
});

describe('policyRuleText of a NetworkPolicy', () => {
  const text = (path: string, value: unknown) => policyRuleText('NetworkPolicy', path, value);

  test('names the pods and the namespace a peer admits, and the ports', () => {
    expect(text('spec.ingress[0]', { from: [{ namespaceSelector: ns('orders'), podSelector: app('checkout') }], ports: [{ port: 8443, protocol: 'TCP' }] }))
      .toBe('from pods app=checkout in namespace orders; ports TCP/8443');
    expect(text('spec.egress[1]', { to: [{ podSelector: app('db') }], ports: [{ port: 5432 }, { protocol: 'UDP', port: 53 }, { port: 8000, endPort: 8099 }, { protocol: 'SCTP' }] }))
      .toBe('to pods app=db; ports TCP/5432, UDP/53, TCP/8000-8099, SCTP/*');
  });

  test('names address ranges, selected and every namespace, and a rule without peers or ports', () => {
    expect(text('spec.egress[0]', { to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] } }, { ipBlock: { cidr: '203.0.113.0/24' } }] }))
      .toBe('to 10.0.0.0/8 except 10.1.0.0/16, 10.2.0.0/16 or 203.0.113.0/24; any port');
    expect(text('spec.ingress[0]', { from: [{ namespaceSelector: { matchLabels: { team: 'ops' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] } }, { namespaceSelector: {} }, { podSelector: {} }] }))
      .toBe('from namespaces team=ops,env in (dev,prod) or every namespace or every pod of the namespace; any port');
    expect(text('spec.ingress[0]', {})).toBe('from any source; any port');
    expect(text('spec.egress[0]', { to: [], ports: [] })).toBe('to any destination; any port');
    expect(text('spec.ingress[0]', { from: [{ namespaceSelector: {}, podSelector: app('prometheus') }] })).toBe('from pods app=prometheus in every namespace; any port');
  });

  test('reads a list of rules, a list of peers, one peer and one port', () => {
    expect(text('spec.ingress', [{ from: [{ podSelector: app('a') }] }, { ports: [{ port: 80 }] }])).toBe('[from pods app=a; any port], [from any source; ports TCP/80]');
    expect(text('spec.ingress', [])).toBe('no rule');
    expect(text('spec.ingress[0].from', [{ podSelector: app('a') }, { namespaceSelector: ns('b') }])).toBe('pods app=a or namespace b');
    expect(text('spec.egress[0].to[1]', { namespaceSelector: ns('b') })).toBe('namespace b');
    expect(text('spec.ingress[0].ports[1]', { port: 'metrics' })).toBe('TCP/metrics');
  });

  test('reads a selector or address range added to a peer', () => {
    expect(text('spec.ingress[0].from[0].namespaceSelector', ns('orders'))).toBe('namespace orders');
    expect(text('spec.ingress[0].from[0].namespaceSelector', {})).toBe('every namespace');
    expect(text('spec.ingress[0].from[0].podSelector', app('checkout'))).toBe('pods app=checkout');
    expect(text('spec.ingress[0].from[0].podSelector', {})).toBe('every pod');
    expect(text('spec.egress[0].to[0].ipBlock', { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] })).toBe('10.0.0.0/8 except 10.1.0.0/16');
    expect(text('spec.egress[0].to[0].ipBlock', { cidr: '10.0.0.0/8', exclude: ['10.1.0.0/16'] })).toBeUndefined();
  });

  test('leaves a value with a field the API does not define to be shown as JSON', () => {
    expect(text('spec.ingress[0]', { from: [{ podSelector: app('a') }], action: 'Allow' })).toBeUndefined();
    expect(text('spec.ingress[0]', { from: [{ podSelector: app('a'), ipBlock: { cidr: '10.0.0.0/8' } }] })).toBeUndefined();
    expect(text('spec.ingress[0]', { from: [{ podSelector: { matchLabels: { app: 1 } } }] })).toBeUndefined();
    expect(text('spec.ingress[0]', { from: [{}] })).toBeUndefined();
    expect(text('spec.ingress[0]', { from: 'everyone' })).toBeUndefined();
    expect(text('spec.ingress[0].ports[0]', { port: 80, hostPort: 80 })).toBeUndefined();
    expect(text('spec.podSelector', app('a'))).toBeUndefined();
    // A field the API does not define is found past the items named too.
    expect(text('spec.ingress[0].from', [...Array.from({ length: 9 }, (_, i) => ({ podSelector: app(`a${i}`) })), { podSelector: app('z'), extra: true }])).toBeUndefined();
  });

  test('names eight peers and counts the rest, and cuts a long rule', () => {
    const peers = Array.from({ length: 12 }, (_, i) => ({ podSelector: app(`a${i}`) }));
    expect(text('spec.ingress[0].from', peers)).toBe('pods app=a0 or pods app=a1 or pods app=a2 or pods app=a3 or pods app=a4 or pods app=a5 or pods app=a6 or pods app=a7 or +4 more');
    const long = text('spec.ingress[0]', { from: [{ podSelector: app('x'.repeat(500)) }] })!;
    expect(long).toHaveLength(RULE_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('policyRuleText of an AuthorizationPolicy', () => {
  const text = (path: string, value: unknown) => policyRuleText('AuthorizationPolicy', path, value);

  test('names the sources, operations and conditions of a rule', () => {
    expect(text('spec.rules[0]', {
      from: [{ source: { principals: ['cluster.local/ns/storefront/sa/web'] } }, { source: { namespaces: ['monitoring'], notIpBlocks: ['10.0.0.0/8'] } }],
      to: [{ operation: { ports: ['8443'], methods: ['GET', 'POST'] } }],
      when: [{ key: 'request.auth.claims[iss]', values: ['https://issuer.example.com'] }, { key: 'source.ip', notValues: ['10.0.0.1'] }],
    })).toBe('from principals cluster.local/ns/storefront/sa/web or namespaces monitoring and notIpBlocks 10.0.0.0/8; to ports 8443 and methods GET, POST; '
      + 'when request.auth.claims[iss] in (https://issuer.example.com) and source.ip not in (10.0.0.1)');
    expect(text('spec.rules[0]', {})).toBe('any request');
  });

  test('reads a list of rules, sources and one source or operation', () => {
    expect(text('spec.rules', [{ to: [{ operation: { ports: ['8080'] } }] }])).toBe('[to ports 8080]');
    expect(text('spec.rules[0].from', [{ source: { principals: ['a', 'b'] } }])).toBe('principals a, b');
    expect(text('spec.rules[0].from[0].source', { namespaces: ['x'] })).toBe('namespaces x');
    expect(text('spec.rules[0].to[0].operation', { paths: ['/api/*'] })).toBe('paths /api/*');
  });

  test('leaves a value with a field the API does not define to be shown as JSON', () => {
    expect(text('spec.rules[0]', { from: [{ source: { principal: ['a'] } }] })).toBeUndefined();
    expect(text('spec.rules[0]', { from: [{ source: { principals: 'a' } }] })).toBeUndefined();
    expect(text('spec.rules[0]', { when: [{ key: 'source.ip' }] })).toBeUndefined();
    expect(text('spec.rules[0]', { from: [{ source: {} , operation: {} }] })).toBeUndefined();
  });
});
