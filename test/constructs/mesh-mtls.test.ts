import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { CompliantApp, MeshMtls, MeshMtlsProps, Soc2Error } from '../../constructs';
import { announceMeshNamespace } from '../../constructs/private/mesh-namespaces';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { expectSoc2Error } from '../support/errors';
import { allSchemaErrors } from '../support/schema';
import { find, namespace, newChart, synthApp } from '../support/synth';

/** The date `days` days from today (UTC), as YYYY-MM-DD. */
const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const WINDOW = { reason: 'legacy batch clients move into the mesh; tracked in SEC-201', expires: inDays(90) };

/** A platform chart with a MeshMtls, after a team chart with one SensitiveNamespace. */
function mesh(props: MeshMtlsProps = {}): { app: App; platform: Chart; mesh: MeshMtls; objects: () => any[] } {
  const { app, chart } = newChart('team');
  namespace(chart, 'shop');
  const platform = new Chart(app, 'platform');
  const m = new MeshMtls(platform, 'mesh', props);
  return { app, platform, mesh: m, objects: () => Testing.synth(platform) };
}

const expectError = expectSoc2Error;

describe('MeshMtls defaults', () => {
  const { app, objects: synth } = mesh();
  const objects = synth();
  const all = synthApp(app);

  test('the emitted set matches the reviewed snapshot', () => {
    expect(objects).toMatchSnapshot();
  });

  test('schema-valid, zero findings over the whole app, every object in the root namespace', () => {
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(runCompliance(ManifestIndex.fromObjects(all)).findings).toEqual([]);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'DestinationRule/mtls-shop', 'PeerAuthentication/default', 'Sidecar/default', 'Telemetry/mesh-default',
    ]);
    expect(new Set(objects.map(o => o.metadata.namespace))).toEqual(new Set(['istio-system']));
  });

  test('PeerAuthentication default: STRICT for the whole mesh, no selector, no exception', () => {
    const pa = find(objects, 'PeerAuthentication', 'default');
    expect(pa.apiVersion).toBe('security.istio.io/v1');
    expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });
    expect(pa.metadata.annotations).toBeUndefined();
  });

  test('DestinationRule: clients use ISTIO_MUTUAL to every host of each SensitiveNamespace', () => {
    const dr = find(objects, 'DestinationRule', 'mtls-shop');
    expect(dr.apiVersion).toBe('networking.istio.io/v1');
    expect(dr.spec).toEqual({ host: '*.shop.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } });
  });

  test('Sidecar default: REGISTRY_ONLY outbound traffic, no workload selector, registry hosts of every namespace visible', () => {
    const sidecar = find(objects, 'Sidecar', 'default');
    expect(sidecar.spec).toEqual({ egress: [{ hosts: ['*/*'] }], outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
    expect(sidecar.spec.workloadSelector).toBeUndefined();
  });

  test('Telemetry mesh-default: access logs through the built-in envoy provider, for every workload', () => {
    const telemetry = find(objects, 'Telemetry', 'mesh-default');
    expect(telemetry.apiVersion).toBe('telemetry.istio.io/v1');
    expect(telemetry.spec).toEqual({ accessLogging: [{ providers: [{ name: 'envoy' }] }] });
  });

  test('no mesh-wide allow-nothing policy and no external host unless asked for', () => {
    expect(objects.filter(o => o.kind === 'AuthorizationPolicy' || o.kind === 'ServiceEntry')).toEqual([]);
  });
});

/** A CompliantApp whose mesh root namespace is `root`, writing under the system temporary directory. */
function appWithRoot(root: string): CompliantApp {
  return new CompliantApp({ compliance: { meshRootNamespace: root }, outdir: mkdtempSync(join(tmpdir(), 'soc2-mesh-')) });
}

/** The message of the Soc2Error `fn` throws. */
function soc2Message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(Soc2Error);
    return (e as Error).message;
  }
  throw new Error('nothing was thrown');
}

describe('one mesh root namespace per app: the meshRootNamespace setting', () => {
  const SETTING_FIX = 'remove this prop to use "istio-system"; or, if the mesh\'s root is "mesh-root", set it once as the app\'s setting, '
    + 'new CompliantApp({ compliance: { meshRootNamespace: "mesh-root" } }) (and in the validation plugin\'s properties or `cdk8s-soc2 check --config`)';
  const CLUSTER = 'on a cluster either the sidecars could not reach istiod or the mesh-wide policies would apply to no namespace, '
    + 'and the compliance check looks for them in "istio-system"';

  test('a MeshMtls rootNamespace other than the setting is refused, naming the namespaces that look for istiod in the setting', () => {
    const { app, chart } = newChart('team');
    namespace(chart, 'shop');
    namespace(chart, 'pay');
    expect(soc2Message(() => new MeshMtls(new Chart(app, 'platform'), 'mesh', { rootNamespace: 'mesh-root' }))).toBe('[INVALID_PROP] platform/mesh: invalid prop\n'
      + '  - rootNamespace = "mesh-root": differs from the app\'s meshRootNamespace setting "istio-system", the app\'s one mesh root namespace: '
      + 'SensitiveNamespaces team/shop, team/pay (meshRootNamespace "istio-system") look for istiod there (allow-dns NetworkPolicy and Sidecar egress), '
      + `while this mesh would put its mesh-wide policies in "mesh-root"; ${CLUSTER}. Fix: ${SETTING_FIX}`);
  });

  test('created before the namespaces, the MeshMtls is refused against the setting alone', () => {
    const { app } = newChart('team');
    expectError(() => new MeshMtls(new Chart(app, 'platform'), 'mesh', { rootNamespace: 'mesh-root' }), {
      code: 'INVALID_PROP', path: 'platform/mesh', prop: 'rootNamespace', value: '"mesh-root"',
      problem: /: every SensitiveNamespace of the app looks for istiod there \(its allow-dns NetworkPolicy and Sidecar egress\), while this mesh would put its mesh-wide policies in "mesh-root"/,
      fix: /remove this prop to use "istio-system"/,
    });
  });

  test('a SensitiveNamespace meshRootNamespace other than the setting is refused, naming the MeshMtls when it exists', () => {
    const { app, chart } = newChart('team');
    new MeshMtls(new Chart(app, 'platform'), 'mesh');
    expect(soc2Message(() => namespace(chart, 'shop', { meshRootNamespace: 'istio-other' }))).toBe('[INVALID_PROP] team/shop: invalid prop\n'
      + '  - meshRootNamespace = "istio-other": differs from the app\'s meshRootNamespace setting "istio-system", the app\'s one mesh root namespace: '
      + 'MeshMtls platform/mesh (rootNamespace "istio-system") puts the mesh-wide policies there, '
      + `while this namespace's allow-dns NetworkPolicy and Sidecar egress would look for istiod in "istio-other"; ${CLUSTER}. `
      + `Fix: ${SETTING_FIX.replace(/mesh-root/g, 'istio-other')}`);
    const first = newChart('team');
    expectError(() => namespace(first.chart, 'shop', { meshRootNamespace: 'istio-other' }), {
      code: 'INVALID_PROP', path: 'team/shop', prop: 'meshRootNamespace', value: '"istio-other"',
      problem: /: the app's MeshMtls puts the mesh-wide policies there, while this namespace's allow-dns/, fix: /meshRootNamespace: "istio-other"/,
    });
  });

  test('a prop is measured against the app\'s setting, not against istio-system', () => {
    const app = appWithRoot('mesh-root');
    expectError(() => namespace(new Chart(app, 'team'), 'shop', { meshRootNamespace: 'istio-system' }), {
      code: 'INVALID_PROP', path: 'team/shop', prop: 'meshRootNamespace', value: '"istio-system"',
      problem: /differs from the app's meshRootNamespace setting "mesh-root"/, fix: /remove this prop to use "mesh-root"/,
    });
  });

  test('props that repeat the setting synthesize exactly what the setting alone does, whichever is created first', () => {
    const build = (repeat: boolean, meshFirst: boolean) => {
      const app = appWithRoot('mesh-root');
      const team = new Chart(app, 'team');
      const platform = new Chart(app, 'platform');
      const meshOf = () => new MeshMtls(platform, 'mesh', repeat ? { rootNamespace: 'mesh-root' } : {});
      if (meshFirst) meshOf();
      namespace(team, 'shop', repeat ? { meshRootNamespace: 'mesh-root' } : {});
      if (!meshFirst) meshOf();
      return synthApp(app);
    };
    const reference = build(false, true);
    for (const meshFirst of [true, false]) expect(build(true, meshFirst)).toEqual(reference);
    expect(find(reference, 'PeerAuthentication', 'default', 'mesh-root').spec).toEqual({ mtls: { mode: 'STRICT' } });
    const dns = find(reference, 'NetworkPolicy', 'allow-dns', 'shop');
    expect(dns.spec.egress[1].to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'mesh-root' } }, podSelector: { matchLabels: { app: 'istiod' } } }]);
    expect(find(reference, 'Sidecar', 'default', 'shop').spec.egress).toEqual([{ hosts: ['./*', 'mesh-root/*'] }]);
    expect(runCompliance(ManifestIndex.fromObjects(reference), { config: { meshRootNamespace: 'mesh-root' } }).findings).toEqual([]);
  });
});

describe('MeshMtls options', () => {
  test('the app\'s meshRootNamespace setting moves every object', () => {
    const app = appWithRoot('mesh-root');
    const chart = new Chart(app, 'test');
    namespace(chart, 'shop');
    new MeshMtls(chart, 'mesh', { allowNothing: true });
    const objects = synthApp(app).filter(o => o.metadata.namespace === 'mesh-root');
    expect(objects.map(o => o.kind).sort()).toEqual(['AuthorizationPolicy', 'DestinationRule', 'PeerAuthentication', 'Sidecar', 'Telemetry']);
  });

  test('allowNothing adds an allow-nothing AuthorizationPolicy (spec {}) to the root namespace', () => {
    const objects = mesh({ allowNothing: true }).objects();
    expect(find(objects, 'AuthorizationPolicy', 'allow-nothing', 'istio-system').spec).toEqual({});
  });

  test('each external host becomes a mesh-external ServiceEntry on its TLS port, with its reason', () => {
    const objects = mesh({
      externalHosts: [
        { host: 'api.mail.example.com', reason: 'order confirmation e-mails (contract OPS-88)' },
        { host: 'db.vendor.example.com', port: 8443, reason: 'vendor reporting API, ticket DATA-12' },
      ],
    }).objects();
    const mail = find(objects, 'ServiceEntry', 'external-api-mail-example-com');
    expect(mail.metadata.annotations).toEqual({ 'soc2.cdk8s.io/reason': 'order confirmation e-mails (contract OPS-88)' });
    expect(mail.spec).toEqual({
      hosts: ['api.mail.example.com'], location: 'MESH_EXTERNAL', resolution: 'DNS',
      ports: [{ number: 443, name: 'tls-443', protocol: 'TLS' }],
    });
    expect(find(objects, 'ServiceEntry', 'external-db-vendor-example-com-8443').spec.ports).toEqual([{ number: 8443, name: 'tls-8443', protocol: 'TLS' }]);
    expect(allSchemaErrors(objects)).toEqual([]);
  });

  test('accessLogProvider names another provider', () => {
    const objects = mesh({ accessLogProvider: 'otel-als' }).objects();
    expect(find(objects, 'Telemetry', 'mesh-default').spec.accessLogging).toEqual([{ providers: [{ name: 'otel-als' }] }]);
  });

  test('PERMISSIVE is a dated migration window: the reason and expiry travel in the PeerAuthentication as a suppression', () => {
    const { app, objects: synth } = mesh({ mode: 'PERMISSIVE', migrationWindow: WINDOW });
    const pa = find(synth(), 'PeerAuthentication', 'default');
    expect(pa.spec).toEqual({ mtls: { mode: 'PERMISSIVE' } });
    expect(pa.metadata.annotations).toEqual({
      'soc2.cdk8s.io/suppress.mesh-no-permissive-mtls': `until ${WINDOW.expires}: legacy batch clients move into the mesh; tracked in SEC-201`,
    });
    const report = runCompliance(ManifestIndex.fromObjects(synthApp(app)));
    expect(report.findings).toEqual([]);
    const window = report.evaluations.find(e => e.control.id === 'mesh-no-permissive-mtls' && e.object.namespace === 'istio-system');
    expect(window?.status).toBe('suppressed');
    expect(window?.suppression).toEqual({ controlId: 'mesh-no-permissive-mtls', reason: WINDOW.reason, expires: WINDOW.expires });
  });

  test('a migration window of up to 180 days is accepted', () => {
    const objects = mesh({ mode: 'PERMISSIVE', migrationWindow: { ...WINDOW, expires: inDays(179) } }).objects();
    expect(find(objects, 'PeerAuthentication', 'default').metadata.annotations['soc2.cdk8s.io/suppress.mesh-no-permissive-mtls']).toMatch(new RegExp(`^until ${inDays(179)}: `));
  });

  test('external hosts that differ only in "." and "-" get distinct ServiceEntry names (each "-" of a host is doubled)', () => {
    const { app } = mesh({
      externalHosts: [
        { host: 'a.example.com', reason: 'payments provider API, ticket SEC-3' },
        { host: 'a-example.com', reason: 'other provider API, ticket SEC-4' },
        { host: 'a-example.com-b', port: 8443, reason: 'other provider admin API, ticket SEC-4' },
      ],
    });
    const entries = synthApp(app).filter(o => o.kind === 'ServiceEntry');
    expect(entries.map(e => [e.metadata.name, e.spec.hosts[0]])).toEqual([
      ['external-a-example-com', 'a.example.com'],
      ['external-a--example-com', 'a-example.com'],
      ['external-a--example-com--b-8443', 'a-example.com-b'],
    ]);
  });

  test('a host allowed on several ports gets one ServiceEntry with every port: Istio keeps one service per host and namespace', () => {
    const objects = mesh({
      externalHosts: [
        { host: 'db.vendor.example.com', port: 8443, reason: 'vendor admin API, ticket DATA-13' },
        { host: 'api.mail.example.com', reason: 'order confirmation e-mails (contract OPS-88)' },
        { host: 'db.vendor.example.com', reason: 'vendor reporting API, ticket DATA-12' },
      ],
    }).objects();
    const entries = objects.filter(o => o.kind === 'ServiceEntry');
    expect(entries.map(e => e.metadata.name)).toEqual(['external-db-vendor-example-com', 'external-api-mail-example-com']);
    const vendor = find(objects, 'ServiceEntry', 'external-db-vendor-example-com');
    expect(vendor.spec.hosts).toEqual(['db.vendor.example.com']);
    expect(vendor.spec.ports).toEqual([{ number: 443, name: 'tls-443', protocol: 'TLS' }, { number: 8443, name: 'tls-8443', protocol: 'TLS' }]);
    expect(vendor.metadata.annotations['soc2.cdk8s.io/reason']).toBe('443: vendor reporting API, ticket DATA-12\n8443: vendor admin API, ticket DATA-13');
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(runCompliance(ManifestIndex.fromObjects(objects)).findings).toEqual([]);
  });

  test('ports of one host allowed for the same reason share it, and a host on one port other than 443 is named with the port', () => {
    const reason = 'vendor API, ticket DATA-12';
    const objects = mesh({ externalHosts: [{ host: 'a.example.com', port: 8443, reason }, { host: 'a.example.com', port: 9443, reason }, { host: 'b.example.com', port: 8443, reason }] }).objects();
    expect(find(objects, 'ServiceEntry', 'external-a-example-com').metadata.annotations).toEqual({ 'soc2.cdk8s.io/reason': reason });
    expect(find(objects, 'ServiceEntry', 'external-a-example-com').spec.ports.map((p: { number: number }) => p.number)).toEqual([8443, 9443]);
    expect(find(objects, 'ServiceEntry', 'external-b-example-com-8443').spec.ports.map((p: { number: number }) => p.number)).toEqual([8443]);
  });

  test('a long external host gets a name within 63 characters, cut with a stable hash', () => {
    const host = `${'a'.repeat(40)}.${'b'.repeat(40)}.example.com`;
    const objects = mesh({ externalHosts: [{ host, reason: 'vendor reporting API, ticket DATA-12' }] }).objects();
    const entry = objects.find(o => o.kind === 'ServiceEntry');
    expect(entry.metadata.name).toMatch(/^external-a{40}-b{4}-[0-9a-f]{8}$/);
    expect(allSchemaErrors(objects)).toEqual([]);
  });

  test('DestinationRules are ordered by namespace, whether the mesh is created before or after the namespaces', () => {
    const build = (meshFirst: boolean): string[] => {
      const app = Testing.app();
      const platform = new Chart(app, 'platform');
      if (meshFirst) new MeshMtls(platform, 'mesh');
      namespace(new Chart(app, 'b'), 'beta');
      namespace(new Chart(app, 'a'), 'alpha');
      if (!meshFirst) new MeshMtls(platform, 'mesh');
      return Testing.synth(platform).map(o => `${o.kind}/${o.metadata.name}`);
    };
    expect(build(true)).toEqual(build(false));
    expect(build(true).filter(k => k.startsWith('DestinationRule/'))).toEqual(['DestinationRule/mtls-alpha', 'DestinationRule/mtls-beta']);
  });

  test('DestinationRules stay ordered by namespace, whatever order many namespaces arrive in', () => {
    const order = ['delta', 'alpha', 'echo', 'charlie', 'bravo', 'foxtrot'];
    const build = (meshFirst: boolean): string[] => {
      const app = Testing.app();
      const platform = new Chart(app, 'platform');
      if (meshFirst) new MeshMtls(platform, 'mesh');
      for (const name of order) namespace(new Chart(app, name), name);
      if (!meshFirst) new MeshMtls(platform, 'mesh');
      return Testing.synth(platform).filter(o => o.kind === 'DestinationRule').map(o => o.metadata.name);
    };
    const expected = [...order].sort().map(name => `mtls-${name}`);
    expect(build(true)).toEqual(expected);
    expect(build(false)).toEqual(expected);
  });

  test('a namespace created after the mesh is covered through addNamespace, once', () => {
    const { app, chart } = newChart();
    const m = new MeshMtls(chart, 'mesh');
    const late = namespace(chart, 'late');
    m.addNamespace(late);
    m.addNamespace(late);
    const rules = synthApp(app).filter(o => o.kind === 'DestinationRule');
    expect(rules.map(r => r.spec.host)).toEqual(['*.late.svc.cluster.local']);
  });
});

test('a SensitiveNamespace announced after the mesh is covered without wiring (the namespace announces itself)', () => {
  const { app, chart } = newChart();
  new MeshMtls(chart, 'mesh');
  const late = namespace(chart, 'late');
  announceMeshNamespace(late);
  expect(synthApp(app).filter(o => o.kind === 'DestinationRule').map(r => r.metadata.name)).toEqual(['mtls-late']);
});

describe('MeshMtls refuses', () => {
  const path = 'platform/mesh';
  const create = (props: Record<string, unknown>) => () => mesh(props as MeshMtlsProps);

  test('mode DISABLE', () => {
    expectError(create({ mode: 'DISABLE' }), { code: 'INVALID_MTLS', path, prop: 'mode', value: '"DISABLE"', fix: /keep STRICT/ });
  });

  test('an unknown mode', () => {
    expectError(create({ mode: 'strict' }), { code: 'INVALID_MTLS', path, prop: 'mode', value: '"strict"', fix: /use 'STRICT'/ });
  });

  test('PERMISSIVE without a migration window', () => {
    expectError(create({ mode: 'PERMISSIVE' }), { code: 'INVALID_MTLS', path, prop: 'migrationWindow', value: 'undefined', fix: /expires: 'YYYY-MM-DD'/ });
  });

  test('PERMISSIVE without a reason', () => {
    expectError(create({ mode: 'PERMISSIVE', migrationWindow: { expires: WINDOW.expires } }),
      { code: 'INVALID_MTLS', path, prop: 'migrationWindow.reason', value: 'undefined', fix: /write why this exception is needed/ });
  });

  test('PERMISSIVE with a placeholder reason', () => {
    expectError(create({ mode: 'PERMISSIVE', migrationWindow: { reason: 'TODO', expires: WINDOW.expires } }),
      { code: 'INVALID_MTLS', path, prop: 'migrationWindow.reason', value: '"TODO"', fix: /tracked in SEC-142/ });
  });

  test('PERMISSIVE without an expiry', () => {
    expectError(create({ mode: 'PERMISSIVE', migrationWindow: { reason: WINDOW.reason } }),
      { code: 'INVALID_MTLS', path, prop: 'migrationWindow.expires', value: 'undefined', fix: /last day of the migration/ });
  });

  test('PERMISSIVE with an expiry in the past', () => {
    expectError(create({ mode: 'PERMISSIVE', migrationWindow: { reason: WINDOW.reason, expires: '2020-01-31' } }),
      { code: 'INVALID_MTLS', path, prop: 'migrationWindow.expires', value: '"2020-01-31"', fix: /renew the exception/ });
  });

  test('PERMISSIVE with an expiry that is not a date', () => {
    expectError(create({ mode: 'PERMISSIVE', migrationWindow: { reason: WINDOW.reason, expires: '2099-02-30' } }),
      { code: 'INVALID_MTLS', path, prop: 'migrationWindow.expires', value: '"2099-02-30"', fix: /2027-03-31/ });
  });

  test('PERMISSIVE with a migration window longer than 180 days', () => {
    expectError(create({ mode: 'PERMISSIVE', migrationWindow: { reason: WINDOW.reason, expires: '9999-12-31' } }),
      { code: 'INVALID_MTLS', path, prop: 'migrationWindow.expires', value: '"9999-12-31"', fix: /end the window by \d{4}-\d{2}-\d{2}; if the migration needs longer, renew it/ });
  });

  test('a migration window with STRICT', () => {
    expectError(create({ migrationWindow: WINDOW }), { code: 'INVALID_MTLS', path, prop: 'migrationWindow', value: JSON.stringify(WINDOW), fix: /remove it/ });
  });

  test('a wildcard external host', () => {
    expectError(create({ externalHosts: [{ host: '*.example.com', reason: 'anything at the vendor, ticket NET-1' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0].host', value: '"*.example.com"', fix: /name each external host/ });
  });

  test('an upper-case external host that has another problem: the fix is no value that is refused in turn', () => {
    expectError(create({ externalHosts: [{ host: 'API.Example.com.', reason: 'vendor reporting API, ticket DATA-12' }] }), {
      code: 'INVALID_HOST', path, prop: 'externalHosts[0].host', value: '"API.Example.com."',
      problem: /must be lower case \(Kubernetes rejects upper-case hosts\); in lower case it is not a fully qualified DNS name/, fix: /no scheme, port, path or trailing dot/,
    });
    expectError(create({ externalHosts: [{ host: 'API.Example.com', reason: 'vendor reporting API, ticket DATA-12' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0].host', value: '"API.Example.com"', problem: /must be lower case \(Kubernetes rejects upper-case hosts\)\. Fix/, fix: /use "api\.example\.com"/ });
  });

  test('an external host that is a URL', () => {
    expectError(create({ externalHosts: [{ host: 'https://api.example.com', reason: 'vendor reporting API, ticket DATA-12' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0].host', value: '"https://api.example.com"', problem: /is a URL, not a host name/, fix: /drop "https:\/\/" and anything after the host: "api.example.com"/ });
  });

  test.each([
    ['a Service of the cluster', 'ledger.payments.svc.cluster.local', 'svc.cluster.local'],
    ['the API server by its search-domain name', 'kubernetes.default.svc', 'svc'],
    ['a pod name under the cluster domain', '10-1-2-3.payments.pod.cluster.local', 'cluster.local'],
    ['the cluster domain itself', 'cluster.local', 'cluster.local'],
  ])('an external host that is %s', (_, host, suffix) => {
    expectError(create({ externalHosts: [{ host, reason: 'vendor reporting API, ticket DATA-12' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0].host', value: `"${host}"`,
        problem: new RegExp(`is a name inside the cluster \\(\\.${suffix.replace(/\./g, '\\.')}\\)`), fix: /list only hosts outside the cluster/ });
  });

  test('an external host in a private zone outside the cluster stays allowed', () => {
    expect(() => create({ externalHosts: [{ host: 'reports.corp.internal', reason: 'vendor reporting API, ticket DATA-12' }] })()).not.toThrow();
  });

  test('an external host listed twice', () => {
    const h = { host: 'api.example.com', reason: 'vendor reporting API, ticket DATA-12' };
    expectError(create({ externalHosts: [h, h] }), { code: 'INVALID_HOST', path, prop: 'externalHosts[1]', value: '"api.example.com:443"', fix: /once/ });
  });

  test('an external host without a reason', () => {
    expectError(create({ externalHosts: [{ host: 'api.example.com' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0].reason', value: 'undefined', fix: /write why/ });
  });

  test('an external host on an impossible port', () => {
    expectError(create({ externalHosts: [{ host: 'api.example.com', port: 70000, reason: 'vendor reporting API, ticket DATA-12' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0].port', value: '70000', fix: /TLS port/ });
  });

  test('a root namespace that is a SensitiveNamespace of the app: refused as a prop, and as the setting by the namespace', () => {
    expectError(create({ rootNamespace: 'shop' }), { code: 'INVALID_PROP', path, prop: 'rootNamespace', value: '"shop"', problem: /SensitiveNamespace team\/shop/, fix: /remove this prop/ });
    const app = appWithRoot('shop');
    new MeshMtls(new Chart(app, 'platform'), 'mesh');
    expectError(() => namespace(new Chart(app, 'team'), 'shop'),
      { code: 'INVALID_PROP', path: 'team/shop', prop: 'id', value: '"shop"', problem: /is a namespace run by Kubernetes or the mesh/, fix: /name the namespace after the team/ });
  });

  test('an external host on a port whose protocol starts in plaintext (STARTTLS), which carries no server name to match', () => {
    expectError(create({ externalHosts: [{ host: 'smtp.example.com', port: 587, reason: 'order confirmation e-mails (contract OPS-88)' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0]', value: '"smtp.example.com:587"', problem: /port 587 \(SMTP submission\), whose protocol starts in plaintext/, fix: /implicit-TLS port 465, or allow the destination by address/ });
    expectError(create({ externalHosts: [{ host: 'db.example.com', port: 3306, reason: 'vendor reporting database, ticket DATA-12' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0]', value: '"db.example.com:3306"', problem: /\(MySQL\)/, fix: /allow the destination by address/ });
  });

  test('an external host given as an IP address, which no TLS server name is', () => {
    expectError(create({ externalHosts: [{ host: '203.0.113.7', reason: 'vendor reporting API, ticket DATA-12' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0].host', value: '"203.0.113.7"', problem: /is an IP address, while the mesh matches a host by the TLS server name \(SNI\), which is never one/, fix: /fully qualified/ });
  });

  test('an external host on the plaintext port of MQTT or AMQP, which carries no server name to match', () => {
    expectError(create({ externalHosts: [{ host: 'mqtt.partner.example.com', port: 1883, reason: 'partner fleet bridge (IOT-40)' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0].port', value: '1883', problem: /\(MQTT\), which runs in plaintext: the connection carries no TLS server name \(SNI\)/, fix: /MQTT over TLS on port 8883, or allow the destination by address/ });
    expectError(create({ externalHosts: [{ host: 'amqp.partner.example.com', port: 5672, reason: 'partner order queue (OPS-41)' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0].port', value: '5672', problem: /\(AMQP\)/, fix: /port 5671/ });
    expectError(create({ externalHosts: [{ host: 'console.partner.example.com', port: 23, reason: 'the partner\'s terminal console (OPS-42)' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0].port', value: '23', problem: /\(Telnet\), which runs in plaintext/, fix: /Telnet over TLS on port 992/ });
  });

  test('an external host on port 80, plain HTTP that the mesh could not match by TLS SNI', () => {
    expectError(create({ externalHosts: [{ host: 'api.partner.example.com', port: 80, reason: 'vendor reporting API, ticket DATA-12' }] }),
      { code: 'INVALID_HOST', path, prop: 'externalHosts[0].port', value: '80', problem: /port 80 \(HTTP\), which runs in plaintext: the connection carries no TLS server name \(SNI\)/, fix: /HTTP over TLS on port 443/ });
  });

  test('an invalid root namespace', () => {
    expectError(create({ rootNamespace: 'Istio_System' }), { code: 'INVALID_PROP', path, prop: 'rootNamespace', value: '"Istio_System"', fix: /istio-system/ });
  });

  test('an access-log provider that is not a name', () => {
    expectError(create({ accessLogProvider: '' }), { code: 'INVALID_PROP', path, prop: 'accessLogProvider', value: '""', fix: /'envoy'/ });
  });

  test('a second MeshMtls for the same root namespace', () => {
    const { app, chart } = newChart();
    new MeshMtls(chart, 'mesh');
    expectError(() => new MeshMtls(new Chart(app, 'other'), 'mesh'),
      { code: 'DUPLICATE_NAME', path: 'other/mesh', prop: 'rootNamespace', value: '"istio-system"', fix: /one MeshMtls per mesh/ });
  });

  test('one MeshMtls per app: a refused one does not count, one that repeats the root namespace is the second all the same, another app has its own', () => {
    const { app, chart } = newChart();
    expect(() => new MeshMtls(chart, 'broken', { accessLogProvider: '' })).toThrow(Soc2Error);
    new MeshMtls(chart, 'mesh');
    expectError(() => new MeshMtls(new Chart(app, 'other'), 'mesh', { rootNamespace: 'istio-system' }),
      { code: 'DUPLICATE_NAME', path: 'other/mesh', prop: 'rootNamespace', value: '"istio-system"', problem: /already has a MeshMtls for its root namespace \(test\/mesh\)/, fix: /one MeshMtls per mesh/ });
    expect(() => new MeshMtls(newChart().chart, 'mesh')).not.toThrow();
  });

  test('adding a namespace of another app, with another root namespace', () => {
    const shop = namespace(new Chart(appWithRoot('mesh-root'), 'other'), 'shop');
    const m = new MeshMtls(newChart().chart, 'mesh');
    expectError(() => m.addNamespace(shop),
      { code: 'INVALID_PROP', path: 'test/mesh', prop: 'addNamespace(namespace)', value: '"other/shop"', problem: /expects the mesh root namespace "mesh-root", but this mesh's is "istio-system"/, fix: /same meshRootNamespace setting/ });
  });

  test('a prop it does not know, external hosts that are not a list, a non-boolean allowNothing', () => {
    expectError(create({ allowNothng: true }), { code: 'INVALID_PROP', path, prop: 'allowNothng', value: 'true', problem: /is not a prop of this construct/, fix: /did you mean "allowNothing"/ });
    expectError(create({ externalHosts: 'api.stripe.com' }), { code: 'INVALID_PROP', path, prop: 'externalHosts', value: '"api.stripe.com"', problem: /must be a list/, fix: /externalHosts: \[/ });
    expectError(create({ allowNothing: 'yes' }), { code: 'INVALID_PROP', path, prop: 'allowNothing', value: '"yes"', problem: /must be true or false/, fix: /boolean/ });
  });

  test.each([['a string', 'STRICT', '"STRICT"'], ['a number', 1, '1'], ['a boolean', true, 'true']])('props that are %s, not an object', (_kind, props, value) => {
    expectError(() => new MeshMtls(newChart().chart, 'mesh', props as never),
      { code: 'INVALID_PROP', path: 'test/mesh', prop: 'props', value, problem: /must be an object of props/, fix: /omit them for the defaults, or pass e\.g\. \{ allowNothing: true \}/ });
  });

  test('addNamespace with something that is not a SensitiveNamespace', () => {
    const { chart } = newChart();
    const m = new MeshMtls(chart, 'mesh');
    expectError(() => m.addNamespace(chart as never), { code: 'INVALID_PROP', path: 'test/mesh', prop: 'addNamespace(namespace)', value: '"test"', fix: /pass a SensitiveNamespace/ });
  });
});
