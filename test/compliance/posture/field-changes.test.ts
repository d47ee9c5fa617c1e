import { fieldChanges, HIDDEN_VALUE, MAX_FIELD_CHANGES } from '../../../src/compliance/posture/field-changes';

const deployment = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'team', labels: { 'app.kubernetes.io/name': 'api' } },
  spec: { replicas: 3, template: { spec: { containers } } }, ...extra,
});

const paths = (before: unknown, after: unknown) => fieldChanges('X', before, after).fields.map(f => f.path);

describe('fieldChanges', () => {
  test('reports scalar changes, additions and removals at the paths findings use, in key order', () => {
    const before = deployment([{ name: 'app', image: 'api:1' }]);
    const after = { ...deployment([{ name: 'app', image: 'api:2' }]), metadata: { name: 'api', namespace: 'team', labels: { tier: 'gold' } } };
    after.spec.replicas = 5;
    expect(fieldChanges('Deployment/team/api', before, after)).toEqual({
      ref: 'Deployment/team/api',
      omitted: 0,
      fields: [
        { path: 'metadata.labels["app.kubernetes.io/name"]', change: 'removed', before: 'api' },
        { path: 'metadata.labels.tier', change: 'added', after: 'gold' },
        { path: 'spec.replicas', change: 'changed', before: 3, after: 5 },
        { path: 'spec.template.spec.containers[0].image', change: 'changed', before: 'api:1', after: 'api:2' },
      ],
    });
  });

  test('matches named list items by name: an insertion is one addition, not a change of every later item', () => {
    const before = deployment([{ name: 'app', image: 'api:1' }, { name: 'proxy', image: 'p:1' }]);
    const after = deployment([{ name: 'init', image: 'i:1' }, { name: 'app', image: 'api:1' }, { name: 'proxy', image: 'p:2' }]);
    expect(fieldChanges('X', before, after).fields).toEqual([
      { path: 'spec.template.spec.containers[0] (init)', change: 'added', after: { name: 'init', image: 'i:1' } },
      { path: 'spec.template.spec.containers[2].image', change: 'changed', before: 'p:1', after: 'p:2' },
    ]);
    expect(paths(after, before)).toEqual(['spec.template.spec.containers[1].image', 'spec.template.spec.containers[0] (init)']);
    expect(fieldChanges('X', after, before).fields[1]).toEqual({ path: 'spec.template.spec.containers[0] (init)', change: 'removed', before: { name: 'init', image: 'i:1' } });
    // a replacement reads as one item out and another in, each named
    expect(paths(deployment([{ name: 'a' }, { name: 'b' }]), deployment([{ name: 'a' }, { name: 'd' }])))
      .toEqual(['spec.template.spec.containers[1] (d)', 'spec.template.spec.containers[1] (b)']);
  });

  test('reports a change of order of named items on the list itself', () => {
    const before = deployment([{ name: 'a' }, { name: 'b' }]);
    const after = deployment([{ name: 'b' }, { name: 'a' }]);
    expect(fieldChanges('X', before, after).fields).toEqual([
      { path: 'spec.template.spec.containers (order)', change: 'changed', before: ['a', 'b'], after: ['b', 'a'] },
    ]);
  });

  test('compares lists of mappings without distinct names by position, and lists of plain values as a whole', () => {
    const np = (ports: unknown[], cidrs: string[]) => ({ spec: { ingress: [{ ports, from: [{ ipBlock: { cidr: cidrs[0], except: cidrs.slice(1) } }] }] } });
    expect(fieldChanges('X', np([{ port: 80 }], ['10.0.0.0/8']), np([{ port: 80 }, { port: 443 }], ['10.0.0.0/8', '10.1.0.0/16'])).fields).toEqual([
      { path: 'spec.ingress[0].from[0].ipBlock.except', change: 'changed', before: [], after: ['10.1.0.0/16'] },
      { path: 'spec.ingress[0].ports[1]', change: 'added', after: { port: 443 } },
    ]);
    const env = (values: string[]) => deployment([{ name: 'app', env: values.map(v => ({ name: 'X', value: v })) }]);
    expect(paths(env(['1', '2']), env(['1', '3']))).toEqual(['spec.template.spec.containers[0].env[1].value']);
  });

  test('matches unnamed items that are unchanged wherever they moved: an inserted rule is one addition', () => {
    const np = (ingress: unknown[]) => ({ kind: 'NetworkPolicy', spec: { ingress } });
    const monitoring = { from: [{ namespaceSelector: { matchLabels: { name: 'monitoring' } } }], ports: [{ port: 9090 }] };
    const ingressNginx = { from: [{ namespaceSelector: { matchLabels: { name: 'ingress-nginx' } } }], ports: [{ port: 8080 }] };
    expect(fieldChanges('X', np([monitoring]), np([ingressNginx, monitoring])).fields).toEqual([
      { path: 'spec.ingress[0]', change: 'added', after: ingressNginx },
    ]);
    expect(fieldChanges('X', np([ingressNginx, monitoring]), np([monitoring])).fields).toEqual([
      { path: 'spec.ingress[0]', change: 'removed', before: ingressNginx },
    ]);
    // an item that changed is still compared field by field
    const moved = { ...ingressNginx, ports: [{ port: 8443 }] };
    expect(fieldChanges('X', np([ingressNginx, monitoring]), np([monitoring, moved])).fields).toEqual([
      { path: 'spec.ingress[1].ports[0].port', change: 'changed', before: 8080, after: 8443 },
    ]);
  });

  test('reports a change of type as one change of the field', () => {
    expect(fieldChanges('X', { spec: { selector: { a: '1' } } }, { spec: { selector: ['a'] } }).fields).toEqual([
      { path: 'spec.selector', change: 'changed', before: { a: '1' }, after: ['a'] },
    ]);
    expect(fieldChanges('X', { spec: { x: null } }, { spec: { x: 0 } }).fields).toEqual([{ path: 'spec.x', change: 'changed', before: null, after: 0 }]);
  });

  test('reads keys named like object properties as data', () => {
    const cm = (data: Record<string, string>) => ({ kind: 'ConfigMap', data });
    expect(fieldChanges('X', cm({ constructor: 'keep-me' }), cm({})).fields).toEqual([{ path: 'data.constructor', change: 'removed', before: 'keep-me' }]);
    expect(fieldChanges('X', cm({}), cm({ valueOf: 'v' })).fields).toEqual([{ path: 'data.valueOf', change: 'added', after: 'v' }]);
    expect(fieldChanges('X', cm({}), JSON.parse('{"kind":"ConfigMap","data":{"__proto__":"injected"}}')).fields)
      .toEqual([{ path: 'data.__proto__', change: 'added', after: 'injected' }]);
  });

  test('finds nothing when only the order of keys differs', () => {
    const a = deployment([{ name: 'app', image: 'api:1', ports: [{ containerPort: 80, name: 'http' }] }]);
    const b = JSON.parse(JSON.stringify(a), (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v));
    expect(fieldChanges('X', a, b)).toEqual({ ref: 'X', fields: [], omitted: 0 });
  });

  test('never copies the values of a Secret\'s data', () => {
    const secret = (data: Record<string, string>, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', labels }, data, stringData: { extra: data.password } });
    const r = fieldChanges('Secret/team/s', secret({ password: 'aHVudGVyMg==' }, { a: '1' }), secret({ password: 'c2VjcmV0', token: 'dA==' }, { a: '2' }));
    expect(r.fields).toEqual([
      { path: 'data.password', change: 'changed', redacted: true },
      { path: 'data.token', change: 'added', redacted: true },
      { path: 'metadata.labels.a', change: 'changed', before: '1', after: '2' },
      { path: 'stringData.extra', change: 'changed', redacted: true },
    ]);
    expect(JSON.stringify(r)).not.toMatch(/aHVudGVyMg|c2VjcmV0|dA==/);
  });

  test('hides every value of a Secret but its name, labels and type, and kubectl\'s last-applied copy of any object', () => {
    const lastApplied = (v: string) => ({ 'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"password":"${v}"}}`, note: v });
    const secret = (v: string) => ({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: 's', labels: { tier: v }, annotations: lastApplied(v) }, data: { password: v } });
    const r = fieldChanges('Secret/team/s', secret('aHVudGVyMg=='), secret('c2VjcmV0'));
    expect(r.fields.map(f => [f.path, f.redacted ?? false])).toEqual([
      ['data.password', true],
      ['metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]', true],
      ['metadata.annotations.note', true],
      ['metadata.labels.tier', false],
    ]);
    expect(JSON.stringify(r.fields.filter(f => f.redacted))).not.toMatch(/aHVudGVyMg|c2VjcmV0/);
    const config = (v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: lastApplied(v) }, data: { x: v } });
    expect(fieldChanges('ConfigMap/team/c', config('a'), config('b')).fields.map(f => [f.path, f.redacted ?? false])).toEqual([
      ['data.x', false],
      ['metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]', true],
      ['metadata.annotations.note', false],
    ]);
  });

  test('hides values under keys and named items that read as credentials, on any kind', () => {
    const app = (token: string, level: string) => deployment([{ name: 'app', image: 'a:1', env: [{ name: 'API_TOKEN', value: token }, { name: 'LOG_LEVEL', value: level }] }]);
    expect(fieldChanges('X', app('p4ssw0rd-OLD', 'info'), app('p4ssw0rd-NEW', 'debug')).fields).toEqual([
      { path: 'spec.template.spec.containers[0].env[0].value', change: 'changed', redacted: true },
      { path: 'spec.template.spec.containers[0].env[1].value', change: 'changed', before: 'info', after: 'debug' },
    ]);
    const cm = (password: string) => ({ kind: 'ConfigMap', data: { password, region: password.length > 3 ? 'eu' : 'us' } });
    const r = fieldChanges('X', cm('old-secret'), cm('abc'));
    expect(r.fields).toEqual([
      { path: 'data.password', change: 'changed', redacted: true },
      { path: 'data.region', change: 'changed', before: 'eu', after: 'us' },
    ]);
    expect(JSON.stringify(r)).not.toMatch(/old-secret/);
  });

  test('hides credentials inside values added or removed whole: an env list, a container, a URL with a password', () => {
    const env = [{ name: 'DB_PASSWORD', value: 'hunter2-prod' }, { name: 'DATABASE_URL', value: 'postgres://u:pw@db/x' }, { name: 'LOG_LEVEL', value: 'info' }];
    const before = deployment([{ name: 'app', image: 'a:1' }]);
    const after = deployment([{ name: 'app', image: 'a:1', env }, { name: 'proxy', image: 'p:1', env: [{ name: 'STRIPE', value: `sk_live_${'a1'.repeat(12)}` }], args: ['--token', 'x'] }]);
    const r = fieldChanges('Deployment/team/app', before, after);
    const text = JSON.stringify(r);
    for (const secret of ['hunter2', ':pw@', 'sk_live_']) expect(text).not.toContain(secret);
    expect(r.fields).toEqual([
      { path: 'spec.template.spec.containers[0].env', change: 'added', after: [
        { name: 'DB_PASSWORD', value: HIDDEN_VALUE }, { name: 'DATABASE_URL', value: HIDDEN_VALUE }, { name: 'LOG_LEVEL', value: 'info' },
      ] },
      { path: 'spec.template.spec.containers[1] (proxy)', change: 'added', after: {
        name: 'proxy', image: 'p:1', env: [{ name: 'STRIPE', value: HIDDEN_VALUE }], args: ['--token', 'x'],
      } },
    ]);
    // A plain value that is itself a credential is hidden whole, whatever the name of its item.
    const url = (v: string) => deployment([{ name: 'app', image: 'a:1', env: [{ name: 'DATABASE_URL', value: v }] }]);
    expect(fieldChanges('X', url('postgres://u:old@db/x'), url('postgres://u:new@db/x')).fields).toEqual([
      { path: 'spec.template.spec.containers[0].env[0].value', change: 'changed', redacted: true },
    ]);
    const ini = (port: string) => ({ kind: 'ConfigMap', data: { 'grafana.ini': `[server]\nhttp_port = ${port}\n[security]\nadmin_password = prom-operator\n` } });
    expect(fieldChanges('X', ini('3000'), ini('3001')).fields).toEqual([{ path: 'data["grafana.ini"]', change: 'changed', redacted: true }]);
  });

  test('keeps at most MAX_FIELD_CHANGES fields and counts the rest', () => {
    const many = (v: string) => ({ data: Object.fromEntries(Array.from({ length: MAX_FIELD_CHANGES + 25 }, (_, i) => [`k${String(i).padStart(3, '0')}`, v])) });
    const r = fieldChanges('ConfigMap/team/c', many('a'), many('b'));
    expect(r.fields).toHaveLength(MAX_FIELD_CHANGES);
    expect(r.omitted).toBe(25);
    expect(r.fields[0]).toEqual({ path: 'data.k000', change: 'changed', before: 'a', after: 'b' });
  });
});
