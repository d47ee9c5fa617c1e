import { resolveConfig } from '../../../src/compliance/config';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { computeFlows, describeEndpoint, Flow, NetworkModel } from '../../../src/compliance/network/flows';
import { ALLOW_DNS, authorizationPolicy, DEFAULT_DENY, ingress, namespace, networkPolicy, paymentsPlatform, service, workload } from './fixtures';

function model(objects: unknown[], config = {}): NetworkModel {
  return computeFlows(ManifestIndex.fromObjects(objects), resolveConfig({ today: '2026-11-27', ...config }));
}

/** Flows as `from -> to [ports] via …` lines: exact, readable assertions. */
function lines(m: NetworkModel): string[] {
  return m.flows.map(f => `${describeEndpoint(f.from)} -> ${describeEndpoint(f.to)} [${f.ports.join(', ')}]${f.via.length ? ` via ${f.via.join(', ')}` : ''}`);
}

describe('computeFlows', () => {
  test('lists every pod template owner as a workload, sorted by id', () => {
    const m = model([workload('b', 'web'), workload('a', 'api'), { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'a' }, spec: { jobTemplate: { spec: { template: { spec: { containers: [] } } } } } }]);
    expect(m.workloads).toEqual([
      { id: 'a/api', namespace: 'a', name: 'api', kind: 'Deployment' },
      { id: 'a/report', namespace: 'a', name: 'report', kind: 'CronJob' },
      { id: 'b/web', namespace: 'b', name: 'web', kind: 'Deployment' },
    ]);
  });

  test('draws exactly the flows the policies of a hardened namespace allow', () => {
    expect(lines(model(paymentsPlatform()))).toEqual([
      'internet -> namespace ingress-nginx [TCP/80, TCP/443] via Ingress/payments/public',
      'namespace ingress-nginx -> payments/api [TCP/8080] via AuthorizationPolicy/payments/api-allow, Ingress/payments/public, NetworkPolicy/payments/api-ingress, Service/payments/api',
      'namespace payments -> namespace kube-system (k8s-app=kube-dns) [TCP/53, UDP/53] via NetworkPolicy/payments/allow-dns',
      'payments/api -> 203.0.113.0/24 [TCP/443] via NetworkPolicy/payments/api-egress',
      'payments/api -> payments/ledger [TCP/5432] via AuthorizationPolicy/payments/ledger-allow, NetworkPolicy/payments/api-egress, NetworkPolicy/payments/ledger-ingress',
    ]);
  });

  test('returns flows as data with typed endpoints', () => {
    const flow = model(paymentsPlatform()).flows.find(f => f.to.type === 'external');
    expect(flow).toEqual<Flow>({
      from: { type: 'workload', id: 'payments/api' },
      to: { type: 'external', cidr: '203.0.113.0/24' },
      ports: ['TCP/443'],
      via: ['NetworkPolicy/payments/api-egress'],
    });
  });

  test('draws an un-isolated workload as one edge from any and one edge to any', () => {
    expect(lines(model([workload('batch', 'worker')]))).toEqual([
      'any -> batch/worker [any]',
      'batch/worker -> any [any]',
    ]);
  });

  test('does not let an un-isolated workload into a namespace that denies it', () => {
    const flows = lines(model([...paymentsPlatform(), workload('batch', 'worker')]));
    expect(flows.filter(l => l.includes('ledger'))).toEqual([
      'payments/api -> payments/ledger [TCP/5432] via AuthorizationPolicy/payments/ledger-allow, NetworkPolicy/payments/api-egress, NetworkPolicy/payments/ledger-ingress',
    ]);
  });

  test('intersects the destination ingress with the source egress', () => {
    const m = model([
      workload('t', 'a'), workload('t', 'b', { ports: [{ containerPort: 8080 }, { containerPort: 9090 }] }),
      networkPolicy('t', 'b-in', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 8000, endPort: 8100 }, { port: 9090 }] }] }),
      networkPolicy('t', 'a-out', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 8080 }] }] }),
    ]);
    expect(lines(m)).toEqual([
      'any -> t/a [any]',
      't/a -> t/b [TCP/8080] via NetworkPolicy/t/a-out, NetworkPolicy/t/b-in',
      't/b -> any [any]',
    ]);
  });

  test('resolves an ingress rule with an endPort range', () => {
    const m = model([
      workload('t', 'a'), workload('t', 'b'),
      networkPolicy('t', 'b-in', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 8000, endPort: 8100 }] }] }),
    ]);
    expect(lines(m)).toContain('t/a -> t/b [TCP/8000-8100] via NetworkPolicy/t/b-in');
  });

  test('drops a named port the destination does not declare', () => {
    const m = model([
      workload('t', 'a'), workload('t', 'b', { ports: [{ name: 'metrics', containerPort: 9090 }] }),
      networkPolicy('t', 'b-in', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 'http' }] }] }),
    ]);
    expect(lines(m).filter(l => l.includes('-> t/b'))).toEqual([]);
  });

  test('reads an empty rule item (YAML `-` alone) as the rule {} and an empty port item as every TCP port, as the API server decodes them', () => {
    const m = model([
      workload('t', 'a'), workload('t', 'b'),
      networkPolicy('t', 'b-in', { podSelector: { matchLabels: { app: 'b' } }, ingress: [null] }),
      networkPolicy('t', 'a-out', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [null] }] }),
    ]);
    expect(lines(m)).toEqual([
      'any -> t/a [any]',
      'any -> t/b [any] via NetworkPolicy/t/b-in',
      't/a -> t/b [TCP/*] via NetworkPolicy/t/a-out, NetworkPolicy/t/b-in',
      't/b -> any [any]',
    ]);
  });

  test('matches namespace selectors on declared namespace labels and matchExpressions', () => {
    const m = model([
      namespace('shop', { team: 'shop', tier: 'frontend' }), namespace('ops', { team: 'ops' }),
      workload('shop', 'web'), workload('ops', 'probe'), workload('t', 'db'),
      networkPolicy('t', 'db-in', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In', values: ['shop', 'billing'] }] }, podSelector: { matchLabels: { app: 'web' } } }] }],
      }),
    ]);
    expect(lines(m).filter(l => l.endsWith('NetworkPolicy/t/db-in'))).toEqual(['shop/web -> t/db [any] via NetworkPolicy/t/db-in']);
  });

  test('draws a namespace selector that matches no known namespace as a selector endpoint', () => {
    const m = model([
      workload('t', 'db'),
      networkPolicy('t', 'db-in', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } }], ports: [{ port: 9090 }] }] }),
    ]);
    const flow = m.flows.find(f => f.to.type === 'workload' && f.from.type === 'namespace')!;
    expect(flow.from).toEqual({ type: 'namespace', namespace: '*', selector: 'purpose=monitoring', pods: 'app=prometheus' });
    expect(flow.ports).toEqual(['TCP/9090']);
  });

  test('draws every pod of a namespace as the namespace, not one edge per pod', () => {
    const m = model([
      workload('t', 'a'), workload('t', 'b'), workload('t', 'c'),
      networkPolicy('t', 'same-ns', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }),
    ]);
    expect(lines(m).filter(l => l.startsWith('namespace t'))).toEqual([
      'namespace t -> t/a [any] via NetworkPolicy/t/same-ns',
      'namespace t -> t/b [any] via NetworkPolicy/t/same-ns',
      'namespace t -> t/c [any] via NetworkPolicy/t/same-ns',
    ]);
  });

  test('draws an ipBlock of 0.0.0.0/0 as the internet and keeps exceptions on an external endpoint', () => {
    const m = model([
      workload('t', 'a'),
      networkPolicy('t', 'out', {
        podSelector: {}, policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }, { to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
      }),
    ]);
    expect(m.flows.filter(f => f.from.type === 'workload').map(f => [f.to, f.ports])).toEqual([
      [{ type: 'external', cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }, ['any']],
      [{ type: 'internet' }, ['TCP/443']],
    ]);
  });

  test('draws two spellings of one range, and of its exceptions, as one external endpoint written as RFC 5952 writes it', () => {
    const m = model([
      workload('t', 'a'),
      networkPolicy('t', 'out-1', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '2001:DB8:0:0::/64', except: ['2001:DB8::/80', '2001:db8:0::/80'] } }], ports: [{ port: 443 }] }] }),
      networkPolicy('t', 'out-2', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '2001:db8::/64', except: ['2001:db8::/80'] } }], ports: [{ port: 8443 }] }] }),
    ]);
    expect(lines(m).filter(l => l.startsWith('t/a'))).toEqual([
      't/a -> 2001:db8::/64 except 2001:db8::/80 [TCP/443, TCP/8443] via NetworkPolicy/t/out-1, NetworkPolicy/t/out-2',
    ]);
  });

  test('draws every IPv4 address written as ::ffff:0.0.0.0/96 as the internet, as the controls judge it', () => {
    const m = model([
      workload('t', 'a'),
      networkPolicy('t', 'out', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '::ffff:0.0.0.0/96' } }], ports: [{ port: 443 }] }] }),
    ]);
    expect(m.flows.filter(f => f.from.type === 'workload').map(f => [f.to, f.ports])).toEqual([[{ type: 'internet' }, ['TCP/443']]]);
  });

  test('draws nothing for a rule whose namespace selector needs kubernetes.io/metadata.name absent (it admits nothing)', () => {
    const nothing = { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'DoesNotExist' }] } };
    const m = model([
      workload('t', 'worker'),
      networkPolicy('t', 'in', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [nothing] }, { from: [{ ...nothing, podSelector: {} }], ports: [{ port: 80 }] }] }),
    ]);
    expect(m.flows.filter(f => f.to.type === 'workload')).toEqual([]);
  });

  test('counts an object the set repeats as one workload', () => {
    const once = model([workload('t', 'a'), workload('t', 'b')]);
    const twice = model([workload('t', 'a'), workload('t', 'b'), workload('t', 'a')]);
    expect(twice.flows).toEqual(once.flows);
  });

  test('gives the internet only the ports of blocks of every address without exceptions', () => {
    const m = model([
      workload('t', 'web'),
      networkPolicy('t', 'in', {
        podSelector: {},
        ingress: [
          { from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 22 }] },
          { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 8443 }] },
        ],
      }),
    ]);
    expect(lines(m).filter(l => l.startsWith('internet'))).toEqual(['internet -> t/web [TCP/8443] via NetworkPolicy/t/in']);
  });

  test('a block of every address without exceptions admits pods too, as most network plugins match pod addresses against ipBlocks', () => {
    const app = (name: string) => ({ matchLabels: { app: name } });
    const m = model([
      workload('t', 'a'), workload('t', 'b'), workload('t', 'c'), workload('t', 'd'), DEFAULT_DENY('t'),
      // a reaches every address on 443, and b admits a by name: a reaches b on 443.
      networkPolicy('t', 'a-out', { podSelector: app('a'), policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }] }),
      networkPolicy('t', 'b-in', { podSelector: app('b'), ingress: [{ from: [{ podSelector: app('a') }] }] }),
      // c names b, which admits every address on 8443: c reaches b on 8443.
      networkPolicy('t', 'c-out', { podSelector: app('c'), policyTypes: ['Egress'], egress: [{ to: [{ podSelector: app('b') }] }] }),
      networkPolicy('t', 'b-in-2', { podSelector: app('b'), ingress: [{ from: [{ ipBlock: { cidr: '::/0' } }], ports: [{ port: 8443 }] }] }),
      // d admits c by name, but c's block has exceptions, which may hold the pods' addresses.
      networkPolicy('t', 'c-out-2', { podSelector: app('c'), policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] }),
      networkPolicy('t', 'd-in', { podSelector: app('d'), ingress: [{ from: [{ podSelector: app('c') }] }] }),
    ]);
    expect(lines(m).filter(l => / -> t\/[bd] /.test(l))).toEqual([
      'internet -> t/b [TCP/8443] via NetworkPolicy/t/b-in-2',
      't/a -> t/b [TCP/443] via NetworkPolicy/t/a-out, NetworkPolicy/t/b-in',
      't/c -> t/b [TCP/8443] via NetworkPolicy/t/b-in-2, NetworkPolicy/t/c-out',
    ]);
  });

  test('a peer naming some pods of every namespace admits only those pods, not the whole namespace or a workload without the label', () => {
    const m = model([
      workload('app', 'api'), workload('other', 'client'),
      networkPolicy('app', 'api-in', {
        podSelector: { matchLabels: { app: 'api' } },
        ingress: [
          { from: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] },
          { from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'prometheus' } } }], ports: [{ port: 9090 }] },
        ],
      }),
    ]);
    const into = lines(m).filter(l => l.includes('-> app/api'));
    const portsOf = (l: string) => l.slice(l.indexOf('['), l.indexOf(']') + 1);
    const unlabelled = into.filter(l => l.startsWith('other/client') || l.startsWith('every namespace ->'));
    expect(unlabelled.length).toBeGreaterThan(0);
    expect(unlabelled.map(portsOf)).toEqual(unlabelled.map(() => '[TCP/8080]'));
    expect(into.filter(l => l.includes('app=prometheus')).map(portsOf)).toEqual(['[TCP/8080, TCP/9090]']);
  });

  test('draws a pod on the host network as reachable and unrestricted: NetworkPolicies and the mesh do not govern it', () => {
    const exporter = workload('t', 'node-exporter', { ports: [{ containerPort: 9100 }] });
    exporter.spec.template.spec.hostNetwork = true;
    const m = model([exporter, workload('t', 'api'), DEFAULT_DENY('t'), authorizationPolicy('t', 'allow-nothing', {})]);
    expect(lines(m).filter(l => l.includes('node-exporter'))).toEqual(['any -> t/node-exporter [any]', 't/node-exporter -> any [any]']);
  });

  test('an AuthorizationPolicy in dry run is only logged: it neither denies nor restricts what the diagram draws', () => {
    const objects = (annotations: Record<string, string>) => [
      workload('t', 'api', { serviceAccount: 'api' }), workload('t', 'db', { serviceAccount: 'db' }), DEFAULT_DENY('t'),
      networkPolicy('t', 'db-in', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432 }] }] }),
      networkPolicy('t', 'api-out', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] }] }),
      { ...authorizationPolicy('t', 'deny-api', { selector: { matchLabels: { app: 'db' } }, action: 'DENY', rules: [{ from: [{ source: { principals: ['cluster.local/ns/t/sa/api'] } }] }] }), metadata: { name: 'deny-api', namespace: 't', annotations } },
    ];
    expect(lines(model(objects({}))).filter(l => l.startsWith('t/api -> t/db'))).toEqual([]);
    for (const dryRun of ['true', 'True', '1']) {
      expect(lines(model(objects({ 'istio.io/dry-run': dryRun }))).filter(l => l.startsWith('t/api -> t/db'))).toEqual(['t/api -> t/db [TCP/5432] via NetworkPolicy/t/api-out, NetworkPolicy/t/db-in']);
    }
    expect(lines(model(objects({ 'istio.io/dry-run': 'yes' }))).filter(l => l.startsWith('t/api -> t/db'))).toEqual([]);
  });

  test('a principal or namespace rule does not admit a source without a sidecar, whose plaintext carries no identity', () => {
    const legacy = workload('legacy', 'old', { serviceAccount: 'old' });
    const objs = (injection: string) => [
      namespace('legacy', { 'istio-injection': injection }), legacy, workload('a', 'db'),
      authorizationPolicy('a', 'db-allow', { selector: { matchLabels: { app: 'db' } }, rules: [{ from: [{ source: { principals: ['cluster.local/ns/legacy/sa/old'] } }] }] }),
    ];
    expect(lines(model(objs('disabled'))).filter(l => l.startsWith('legacy/old -> a/db'))).toEqual(['legacy/old -> a/db [SCTP/*, UDP/*]']);
    expect(lines(model(objs('enabled'))).filter(l => l.startsWith('legacy/old -> a/db'))).toEqual(['legacy/old -> a/db [any] via AuthorizationPolicy/a/db-allow']);
  });

  test('matches a namespaces value as istiod compiles it, a regex on the whole principal that a wildcard can match past the namespace', () => {
    const objs = (namespaces: string[]) => [
      workload('shop', 'web', { serviceAccount: 'web' }), workload('a', 'db'),
      networkPolicy('a', 'db-in', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'web' } },
      }] }] }),
      authorizationPolicy('a', 'db-deny', { selector: { matchLabels: { app: 'db' } }, action: 'DENY', rules: [{ from: [{ source: { namespaces } }] }] }),
    ];
    const intoDb = (namespaces: string[]) => lines(model(objs(namespaces))).filter(l => l.endsWith('a/db-in') || l.includes('-> a/db'));
    expect(intoDb(['*-prod'])).toEqual(['shop/web -> a/db [any] via NetworkPolicy/a/db-in']);
    expect(intoDb(['*op'])).toEqual(['shop/web -> a/db [SCTP/*, UDP/*] via NetworkPolicy/a/db-in']);
    // "*a" reaches the "/sa" after any namespace: .*/ns/.*a/.* matches cluster.local/ns/shop/sa/web.
    expect(intoDb(['*a'])).toEqual(['shop/web -> a/db [SCTP/*, UDP/*] via NetworkPolicy/a/db-in']);
  });

  test('draws a namespace selector that namespaces outside the set may match, even when it matches some in the set', () => {
    const objs = (values: string[]) => [
      namespace('app', { env: 'dev' }), workload('app', 'api'),
      networkPolicy('app', 'api-in', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values }] } }] }] }),
    ];
    expect(lines(model(objs(['prod']))).filter(l => l.includes('-> app/api'))).toEqual([
      'namespaces env notin (prod) -> app/api [any] via NetworkPolicy/app/api-in',
      'namespace app -> app/api [any] via NetworkPolicy/app/api-in',
    ]);
    const exists = [namespace('app', { env: 'dev' }), workload('app', 'api'),
      networkPolicy('app', 'api-in', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'dev' } } }] }] })];
    expect(lines(model(exists)).filter(l => l.includes('-> app/api'))).toEqual(['namespace app -> app/api [any] via NetworkPolicy/app/api-in']);
  });

  test('an ingress controller namespace declared without injection carries no principal, and UDP flows are not credited to Istio', () => {
    const objs = (injection: string) => [
      namespace('ingress-nginx', { 'istio-injection': injection }),
      workload('shop', 'web', { ports: [{ containerPort: 8080 }] }), service('shop', 'web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]),
      ingress('shop', 'web', 'shop.example.com', { service: 'web', port: 80 }),
      authorizationPolicy('shop', 'web', { selector: { matchLabels: { app: 'web' } }, rules: [{ from: [{ source: { principals: ['cluster.local/ns/ingress-nginx/sa/ingress-nginx'] } }] }] }),
    ];
    // Only what the sidecar does not proxy gets through: the TCP route of the Ingress is refused.
    expect(lines(model(objs('disabled'))).filter(l => l.startsWith('namespace ingress-nginx -> shop/web'))).toEqual(['namespace ingress-nginx -> shop/web [SCTP/*, UDP/*]']);
    expect(lines(model(objs('enabled'))).filter(l => l.startsWith('namespace ingress-nginx -> shop/web')))
      .toEqual(['namespace ingress-nginx -> shop/web [any] via AuthorizationPolicy/shop/web, Ingress/shop/web, Service/shop/web']);
    const udp = [workload('t', 'a', { serviceAccount: 'a' }), workload('t', 'b'), DEFAULT_DENY('t'),
      networkPolicy('t', 'b-in', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ ports: [{ port: 5353, protocol: 'UDP' }] }] }),
      authorizationPolicy('t', 'b-allow', { selector: { matchLabels: { app: 'b' } }, rules: [{}] })];
    expect(lines(model(udp)).filter(l => l.includes('-> t/b'))).toEqual(['any -> t/b [UDP/5353] via NetworkPolicy/t/b-in']);
  });

  test('a DENY on IP blocks other than every address does not remove the flows of in-cluster sources', () => {
    const objects = [
      workload('a', 'api', { serviceAccount: 'api' }), workload('a', 'db', { ports: [{ containerPort: 5432 }] }),
      networkPolicy('a', 'db-in', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ ports: [{ port: 5432 }] }] }),
      authorizationPolicy('a', 'db-deny', { selector: { matchLabels: { app: 'db' } }, action: 'DENY', rules: [{ from: [{ source: { notIpBlocks: ['10.0.0.0/8'] } }] }] }),
    ];
    expect(lines(model(objects)).filter(l => l.includes('-> a/db'))).toEqual(['any -> a/db [TCP/5432] via NetworkPolicy/a/db-in']);
  });

  test('lets Istio alone restrict a workload without NetworkPolicies', () => {
    const m = model([
      workload('t', 'a', { serviceAccount: 'a' }), workload('t', 'b', { serviceAccount: 'b' }), workload('t', 'c', { serviceAccount: 'c' }),
      authorizationPolicy('t', 'b-allow', { selector: { matchLabels: { app: 'b' } }, rules: [{ from: [{ source: { principals: ['cluster.local/ns/t/sa/a'] } }], to: [{ operation: { ports: ['8080'], methods: ['GET'] } }] }] }),
    ]);
    // The sidecar proxies TCP only: UDP and SCTP stay open without a NetworkPolicy.
    expect(lines(m).filter(l => l.includes('-> t/b'))).toEqual(['any -> t/b [SCTP/*, UDP/*]', 't/a -> t/b [SCTP/*, TCP/8080, UDP/*] via AuthorizationPolicy/t/b-allow']);
  });

  test('does not apply AuthorizationPolicies to pods without a sidecar', () => {
    const optedOut = workload('t', 'b');
    optedOut.spec.template.metadata.labels['sidecar.istio.io/inject'] = 'false';
    const denyAll = authorizationPolicy('t', 'allow-nothing', {});
    expect(lines(model([workload('t', 'a'), optedOut, denyAll])).filter(l => l.includes('-> t/b'))).toEqual(['any -> t/b [any]']);
    expect(lines(model([namespace('t', { 'istio-injection': 'disabled' }), workload('t', 'a'), workload('t', 'b'), denyAll])).filter(l => l.includes('-> t/b')))
      .toEqual(['any -> t/b [any]']);
    // A namespace the set does not declare is taken as in the mesh, and one that turns injection on is in it.
    expect(lines(model([workload('t', 'a'), workload('t', 'b'), denyAll])).filter(l => l.includes('-> t/b'))).toEqual(['any -> t/b [SCTP/*, UDP/*]']);
    expect(lines(model([namespace('t', { 'istio-injection': 'enabled' }), workload('t', 'a'), workload('t', 'b'), denyAll])).filter(l => l.includes('-> t/b')))
      .toEqual(['any -> t/b [SCTP/*, UDP/*]']);
  });

  test('a pod of the ambient mesh has an identity and its AuthorizationPolicies enforced, by ztunnel instead of a sidecar', () => {
    const ambient = namespace('legacy', { 'istio-injection': 'disabled', 'istio.io/dataplane-mode': 'ambient' });
    const objs = [ambient, workload('legacy', 'old', { serviceAccount: 'old' }), workload('legacy', 'other'), workload('a', 'db'),
      authorizationPolicy('a', 'db-allow', { selector: { matchLabels: { app: 'db' } }, rules: [{ from: [{ source: { principals: ['cluster.local/ns/legacy/sa/old'] } }] }] }),
      authorizationPolicy('legacy', 'allow-nothing', {})];
    expect(lines(model(objs)).filter(l => l.startsWith('legacy/old -> a/db'))).toEqual(['legacy/old -> a/db [any] via AuthorizationPolicy/a/db-allow']);
    expect(lines(model(objs)).filter(l => l.includes('-> legacy/other'))).toEqual(['any -> legacy/other [SCTP/*, UDP/*]']);
    // Pods outside the set in an ambient namespace carry an identity too.
    const fromNamespace = [ambient, workload('a', 'db'),
      authorizationPolicy('a', 'db-allow', { selector: { matchLabels: { app: 'db' } }, rules: [{ from: [{ source: { namespaces: ['legacy'] } }] }] })];
    expect(lines(model(fromNamespace)).filter(l => l.startsWith('namespace legacy -> a/db'))).toEqual(['namespace legacy -> a/db [any] via AuthorizationPolicy/a/db-allow']);
  });

  test('applies AuthorizationPolicies to a pod labelled for injection in a namespace with neither injection label, unless its namespace disables injection', () => {
    const optedIn = workload('t', 'b');
    optedIn.spec.template.metadata.labels['sidecar.istio.io/inject'] = 'true';
    const denyAll = authorizationPolicy('t', 'allow-nothing', {});
    expect(lines(model([namespace('t'), workload('t', 'a'), optedIn, denyAll])).filter(l => l.includes('-> t/b'))).toEqual(['any -> t/b [SCTP/*, UDP/*]']);
    expect(lines(model([namespace('t'), workload('t', 'a'), workload('t', 'b'), denyAll])).filter(l => l.includes('-> t/b'))).toEqual(['any -> t/b [any]']);
    expect(lines(model([namespace('t', { 'istio-injection': 'disabled' }), workload('t', 'a'), optedIn, denyAll])).filter(l => l.includes('-> t/b')))
      .toEqual(['any -> t/b [any]']);
  });

  test('treats an allow-nothing AuthorizationPolicy as denying every source over TCP, which the sidecar proxies', () => {
    const m = model([workload('t', 'a'), authorizationPolicy('t', 'allow-nothing', {})]);
    expect(lines(m)).toEqual(['any -> t/a [SCTP/*, UDP/*]', 't/a -> any [any]']);
  });

  test('a DENY rule on a negated identity keeps the flows of sources that have one', () => {
    const objects = [
      workload('a', 'api', { serviceAccount: 'api' }), workload('a', 'db', { ports: [{ containerPort: 5432 }] }),
      networkPolicy('a', 'db-in', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ ports: [{ port: 5432 }] }] }),
      authorizationPolicy('istio-system', 'deny-plaintext', { action: 'DENY', rules: [{ from: [{ source: { notPrincipals: ['*'] } }] }] }),
    ];
    expect(lines(model(objects)).filter(l => l.includes('-> a/db'))).toEqual(['any -> a/db [TCP/5432] via NetworkPolicy/a/db-in']);
  });

  test('an ALLOW rule on ipBlocks of every address admits in-cluster workloads; other blocks only outside sources', () => {
    const objs = (cidr: string) => [
      workload('t', 'a', { serviceAccount: 'a' }), workload('t', 'b'),
      networkPolicy('t', 'b-in', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 8080 }] }] }),
      authorizationPolicy('t', 'b-allow', { selector: { matchLabels: { app: 'b' } }, rules: [{ from: [{ source: { ipBlocks: [cidr] } }] }] }),
    ];
    expect(lines(model(objs('0.0.0.0/0'))).filter(l => l.endsWith('NetworkPolicy/t/b-in')))
      .toEqual(['namespace t -> t/b [TCP/8080] via AuthorizationPolicy/t/b-allow, NetworkPolicy/t/b-in']);
    expect(lines(model(objs('203.0.113.0/24'))).filter(l => l.endsWith('NetworkPolicy/t/b-in'))).toEqual([]);
  });

  test('applies AuthorizationPolicies of the mesh root namespace to every namespace', () => {
    const m = model([workload('t', 'a'), authorizationPolicy('istio-system', 'mesh-deny', { action: 'ALLOW' })]);
    expect(lines(m)).toEqual(['any -> t/a [SCTP/*, UDP/*]', 't/a -> any [any]']);
  });

  test('removes the ports an unconditional DENY rule matches, and keeps those of a conditional one', () => {
    const objs = (deny: any) => [
      workload('t', 'a', { serviceAccount: 'a' }), workload('t', 'b'),
      networkPolicy('t', 'b-in', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 8080 }, { port: 9090 }] }] }),
      authorizationPolicy('t', 'deny', { selector: { matchLabels: { app: 'b' } }, action: 'DENY', rules: [deny] }),
    ];
    const definite = { from: [{ source: { namespaces: ['t'] } }], to: [{ operation: { ports: ['9090'] } }] };
    const conditional = { ...definite, to: [{ operation: { ports: ['9090'], paths: ['/admin'] } }] };
    expect(lines(model(objs(definite))).filter(l => l.includes('-> t/b'))).toEqual(['t/a -> t/b [TCP/8080] via NetworkPolicy/t/b-in']);
    expect(lines(model(objs(conditional))).filter(l => l.includes('-> t/b'))).toEqual(['t/a -> t/b [TCP/8080, TCP/9090] via NetworkPolicy/t/b-in']);
  });

  test('draws an Ingress route the backend admits from the controller\'s pods by namespace and pod selector', () => {
    const objs = (controllerInSet: boolean) => [
      workload('shop', 'web', { ports: [{ containerPort: 8080 }] }), service('shop', 'web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]),
      ingress('shop', 'web', 'shop.example.com', { service: 'web', port: 80 }), DEFAULT_DENY('shop'),
      networkPolicy('shop', 'web-in', {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [{
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }],
          ports: [{ port: 8080 }],
        }],
      }),
      ...(controllerInSet ? [workload('ingress-nginx', 'cert-sync')] : []),
    ];
    for (const inSet of [false, true]) {
      expect(lines(model(objs(inSet))).filter(l => l.startsWith('namespace ingress-nginx -> shop/web')))
        .toEqual(['namespace ingress-nginx -> shop/web [TCP/8080] via Ingress/shop/web, NetworkPolicy/shop/web-in, Service/shop/web']);
    }
  });

  test('does not draw an Ingress route the backend policies block', () => {
    const objs = paymentsPlatform().filter((o: any) => o.metadata.name !== 'api-ingress');
    expect(lines(model(objs)).filter(l => l.includes('-> payments/api'))).toEqual([]);
    expect(lines(model(objs))).toContain('internet -> namespace ingress-nginx [TCP/80, TCP/443] via Ingress/payments/public');
  });

  test('routes an Ingress through the controller namespace configured for its class', () => {
    const objs = [workload('web', 'site', { ports: [{ containerPort: 8080 }] }), service('web', 'site', { app: 'site' }, [{ port: 80, targetPort: 8080 }]), ingress('web', 'site', 'example.com', { service: 'site', port: 80 }, false)];
    expect(lines(model(objs, { ingressControllerNamespaces: ['traefik', 'ingress-nginx'] }))).toEqual([
      'any -> web/site [any]',
      'internet -> namespace ingress-nginx [TCP/80] via Ingress/web/site',
      'namespace ingress-nginx -> web/site [TCP/8080] via Ingress/web/site, Service/web/site',
      'web/site -> any [any]',
    ]);
  });

  test('draws a LoadBalancer Service as a flow from the internet to its pods', () => {
    const objs = [workload('web', 'site', { ports: [{ name: 'http', containerPort: 8080 }] }), service('web', 'site', { app: 'site' }, [{ port: 80, targetPort: 'http' }], 'LoadBalancer')];
    expect(lines(model(objs))).toContain('internet -> web/site [TCP/8080] via Service/web/site');
  });

  test('draws a Service with externalIPs, of any type, as a flow from the internet to its pods, as a LoadBalancer', () => {
    const site = workload('web', 'site', { ports: [{ name: 'http', containerPort: 8080 }] });
    const exposed = service('web', 'site', { app: 'site' }, [{ port: 80, targetPort: 'http' }]);
    const inside = lines(model([site, exposed]));
    expect(inside.filter(l => l.startsWith('internet'))).toEqual([]);
    expect(lines(model([site, { ...exposed, spec: { ...exposed.spec, externalIPs: ['198.51.100.7'] } }]))).toContain('internet -> web/site [TCP/8080] via Service/web/site');
  });

  test('draws DNS and the sidecars\' connections to istiod once per namespace', () => {
    const istiod = (name: string) => networkPolicy('t', `${name}-istiod`, {
      podSelector: { matchLabels: { app: name } }, policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } }, podSelector: { matchLabels: { app: 'istiod' } } }], ports: [{ port: 15012 }] }],
    });
    const m = model([workload('t', 'a'), workload('t', 'b'), workload('t', 'c'), DEFAULT_DENY('t'), ALLOW_DNS('t'), istiod('a'), istiod('b'), istiod('c')]);
    expect(lines(m)).toEqual([
      'namespace t -> namespace istio-system (app=istiod) [TCP/15012] via NetworkPolicy/t/a-istiod, NetworkPolicy/t/b-istiod, NetworkPolicy/t/c-istiod',
      'namespace t -> namespace kube-system (k8s-app=kube-dns) [TCP/53, UDP/53] via NetworkPolicy/t/allow-dns',
    ]);
  });

  test('keeps the edges of the workloads that reach the platform apart when not every workload of the namespace does', () => {
    const dns = networkPolicy('t', 'a-dns', {
      podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ port: 53, protocol: 'UDP' }] }],
    });
    expect(lines(model([workload('t', 'a'), workload('t', 'b'), DEFAULT_DENY('t'), dns]))).toEqual([
      't/a -> namespace kube-system [UDP/53] via NetworkPolicy/t/a-dns',
    ]);
  });

  test('draws DNS once per namespace when a workload also reaches kube-dns on more ports, and keeps that workload\'s own edge', () => {
    const m = model([workload('t', 'a'), workload('t', 'b'), DEFAULT_DENY('t'), ALLOW_DNS('t'),
      networkPolicy('t', 'b-out', { podSelector: { matchLabels: { app: 'b' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }] })]);
    expect(lines(m)).toEqual([
      'namespace t -> namespace kube-system (k8s-app=kube-dns) [TCP/53, UDP/53] via NetworkPolicy/t/allow-dns',
      't/b -> internet [TCP/443] via NetworkPolicy/t/b-out',
      't/b -> namespace kube-system (k8s-app=kube-dns) [TCP/53, TCP/443, UDP/53] via NetworkPolicy/t/allow-dns, NetworkPolicy/t/b-out',
    ]);
  });

  test('keeps a workload\'s own edge to kube-system when it reaches more than DNS', () => {
    const m = model([
      workload('t', 'a'), DEFAULT_DENY('t'),
      networkPolicy('t', 'a-out', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }] }] }),
    ]);
    expect(lines(m)).toEqual(['t/a -> namespace kube-system [any] via NetworkPolicy/t/a-out']);
  });

  test('is deterministic whatever the input order', () => {
    const objs = paymentsPlatform();
    expect(model([...objs].reverse())).toEqual(model(objs));
  });

  test('skips pods controlled by a workload of the set, matched by API group', () => {
    const pod = (name: string, apiVersion?: string) => ({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name, namespace: 'a', labels: { app: 'api' }, ownerReferences: [{ ...(apiVersion ? { apiVersion } : {}), kind: 'Deployment', name: 'api', controller: true }] },
      spec: { containers: [] },
    });
    expect(model([workload('a', 'api'), pod('api-x1', 'apps/v1')]).workloads.map(w => w.id)).toEqual(['a/api']);
    // A Deployment of another API, or a reference that names none, is not the one of the set.
    expect(model([workload('a', 'api'), pod('api-x1', 'example.com/v1'), pod('api-x2')]).workloads.map(w => w.id)).toEqual(['a/api', 'a/api-x1', 'a/api-x2']);
  });

  test('draws the pods of a controller that holds no pod template, and a Knative Service and its Configuration once', () => {
    const pod = (name: string, owner: { apiVersion: string; kind: string; name: string }) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'a', ownerReferences: [{ ...owner, uid: 'u', controller: true }] },
      spec: { containers: [{ name: 'main', image: 'registry.example.com/app@sha256:0' }] },
    });
    const knative = 'serving.knative.dev/v1';
    const template = { spec: { containers: [{ image: 'registry.example.com/hello@sha256:0' }] } };
    expect(model([
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'build', namespace: 'a' }, spec: { entrypoint: 'main' } },
      pod('build-main-1', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: 'build' }),
      { apiVersion: knative, kind: 'Service', metadata: { name: 'hello', namespace: 'a' }, spec: { template } },
      { apiVersion: knative, kind: 'Configuration', metadata: { name: 'hello', namespace: 'a', ownerReferences: [{ apiVersion: knative, kind: 'Service', name: 'hello', uid: 'u', controller: true }] }, spec: { template } },
      { apiVersion: knative, kind: 'Revision', metadata: { name: 'hello-00001', namespace: 'a', ownerReferences: [{ apiVersion: knative, kind: 'Service', name: 'hello', uid: 'u', controller: true }] }, spec: template.spec },
      // A Revision holds no pod template: its pods are drawn as a workload of their own.
      pod('hello-00001-deployment-x1', { apiVersion: knative, kind: 'Revision', name: 'hello-00001' }),
    ]).workloads.map(w => [w.id, w.kind])).toEqual([['a/build-main-1', 'Pod'], ['a/hello', 'Service'], ['a/hello-00001-deployment-x1', 'Pod']]);
  });

  test('skips the pods of a workload of the set whose ReplicaSet the set leaves out (kubectl get deploy,pods)', () => {
    const pod = (name: string, hash: string) => ({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name, namespace: 'a', labels: { 'app': 'api', 'pod-template-hash': hash }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-5d9c8f7b6', uid: 'u', controller: true }] },
      spec: { containers: [{ name: 'main', image: 'registry.example.com/app@sha256:0' }] },
    });
    expect(model([workload('a', 'api'), pod('api-5d9c8f7b6-x1', '5d9c8f7b6')]).workloads.map(w => w.id)).toEqual(['a/api']);
    // A pod the Deployment did not make is a workload of its own.
    expect(model([workload('a', 'api'), pod('api-stray', '7f8e9a')]).workloads.map(w => w.id)).toEqual(['a/api', 'a/api-stray']);
  });

  test('evaluates only the peers the policies name, not every pair', () => {
    const objs: unknown[] = [];
    for (let i = 0; i < 400; i++) {
      objs.push(workload('t', `w${i}`), networkPolicy('t', `w${i}`, {
        podSelector: { matchLabels: { app: `w${i}` } }, policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: `w${(i + 399) % 400}` } } }] }],
        egress: [{ to: [{ podSelector: { matchLabels: { app: `w${(i + 1) % 400}` } } }] }],
      }));
    }
    const m = model(objs);
    expect(m.flows).toHaveLength(400);
    expect(m.flows[0]).toEqual({ from: { type: 'workload', id: 't/w0' }, to: { type: 'workload', id: 't/w1' }, ports: ['any'], via: ['NetworkPolicy/t/w0', 'NetworkPolicy/t/w1'] });
  });
});
