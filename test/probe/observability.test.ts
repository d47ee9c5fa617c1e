/**
 * Probe 7 (b): an organisation whose platform departs from every default the compliance settings
 * name. Prometheus runs in `observability` (and a regional `metrics-eu`), the ingress controller in
 * `edge`, istiod in `mesh-root`; three replicas at least; one private registry. A checkout
 * application whose every workload serves metrics — scraped from the namespace its team picked —
 * written as one file for the app, its evidence into a folder of its own.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, Chart, YamlOutputType } from 'cdk8s';
import {
  CertManagedIngress, Compliance, ComplianceConfig, CompliantApp, CompliantWorkload, DataClassification, HealthCheck, Issuer, MeshMtls, Peer, SensitiveNamespace,
} from '../../index';
import { synthFailure } from '../support/errors';
import { loadManifestFile } from '../third-party/load';
import { checkWithCli, expectCliClean, one, ProbeOutput, TODAY, verdict } from './helpers';
import { expectRefused, Mistake } from './mistake-helpers';

const REGISTRY = 'harbor.corp.example.com/checkout/';
const IMAGE = (name: string) => `${REGISTRY}${name}:4.2.0`;
const SETTINGS: ComplianceConfig = {
  today: TODAY, allowedRegistries: [REGISTRY], monitoringNamespaces: ['observability', 'metrics-eu'], ingressControllerNamespaces: ['edge'],
  meshRootNamespace: 'mesh-root', minReplicas: 3,
};

/** The checkout app, not yet synthesized. */
function checkout(settings: ComplianceConfig = SETTINGS) {
  const tmp = mkdtempSync(join(tmpdir(), 'soc2-probe-obs-'));
  const app = new CompliantApp({ outdir: join(tmp, 'manifests'), reportDir: join(tmp, 'audit', 'soc2'), yamlOutputType: YamlOutputType.FILE_PER_APP, compliance: settings });
  const platform = new Chart(app, 'platform');
  new MeshMtls(platform, 'mesh', { externalHosts: [{ host: 'api.psp.example.com', reason: 'card authorisations (PSP-4)' }] });
  const chart = new Chart(app, 'checkout');
  const ns = new SensitiveNamespace(chart, 'checkout', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-checkout' });
  const web = new CompliantWorkload(chart, 'storefront', {
    namespace: ns, image: IMAGE('storefront'), port: 8080, metricsPort: 9090, readiness: HealthCheck.http('/ready'),
  });
  const api = new CompliantWorkload(chart, 'checkout-api', {
    namespace: ns, image: IMAGE('api'), port: 8443, protocol: 'grpc', metricsPort: 9091, monitoringNamespace: 'metrics-eu',
    autoscaling: { maxReplicas: 9 },
  });
  const cache = new CompliantWorkload(chart, 'session-cache', {
    namespace: ns, image: IMAGE('cache'), port: 6379, protocol: 'tcp', metricsPort: 9121,
    readiness: HealthCheck.command(['/usr/local/bin/cache-ready']), storage: { mountPath: '/data', size: '5Gi' },
  });
  const worker = new CompliantWorkload(chart, 'order-events', {
    namespace: ns, image: IMAGE('events'), metricsPort: 9100, monitoringNamespace: 'observability',
    liveness: HealthCheck.http('/live', 9100), readiness: HealthCheck.http('/ready', 9100),
  });
  api.allowFrom(web);
  cache.allowFrom(api);
  cache.allowFrom(web);
  api.allowEgressTo(Peer.cidr('203.0.113.128/26', 443, { host: 'api.psp.example.com' }), { reason: 'card authorisations (PSP-4)' });
  api.allowFrom(worker);
  new CertManagedIngress(chart, 'shop', {
    hosts: ['shop.corp.example.com'], backend: web,
    issuer: Issuer.acmeHttp01({ email: 'platform@corp.example.com' }),
  });
  return { app, tmp, chart, ns, web, api, cache, worker };
}
type Checkout = ReturnType<typeof checkout>;

/** Synthesizes the app and reads back the one file it wrote. */
function synth(c: Checkout): ProbeOutput {
  c.app.synth();
  const files = readdirSync(c.app.outdir).filter(f => f.endsWith('.k8s.yaml')).map(f => join(c.app.outdir, f));
  return { outdir: c.app.outdir, files, objects: files.flatMap(loadManifestFile), report: c.app.lastReport!, config: c.app.complianceConfig ?? {} };
}

const scrapers = (objects: readonly Record<string, any>[], name: string) => one(objects, 'NetworkPolicy', name, 'checkout').spec.ingress
  .filter((r: any) => !r.from[0].podSelector).map((r: any) => `${r.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']}:${r.ports.map((p: any) => p.port)}`);

describe('probe 7 (b): every workload scraped from a custom monitoring namespace, under settings that differ from every default', () => {
  const c = checkout();
  const out = synth(c);
  const objects = out.objects;
  const yaml = out.files.map(f => readFileSync(f, 'utf8')).join('');

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
    expect(verdict(out)).toEqual([]);
  });

  test('the CLI finds nothing in the YAML with the app\'s settings, and finds the custom namespaces wrong under the defaults', async () => {
    await expectCliClean(out, 1);
    // The same YAML judged with the defaults: the scrapes from observability and metrics-eu are not the monitoring namespace's.
    const defaults = await checkWithCli({ ...out, config: { today: TODAY } });
    expect(defaults.code).toBe(1);
    expect(defaults.stdout).toMatch(/network-metrics-from-monitoring/);
  });

  test('one file for the whole app in outdir; the evidence in the report folder, not beside it', () => {
    // (the CLI test writes its --config file there too)
    expect(readdirSync(c.app.outdir).filter(f => f !== 'soc2.json')).toEqual(['app.k8s.yaml']);
    expect(readdirSync(join(c.tmp, 'audit', 'soc2')).sort()).toEqual(['evidence.md', 'network.md', 'report.json', 'report.sarif']);
    expect(c.app.reportDir).toBe(join(c.tmp, 'audit', 'soc2'));
    const evidence = readFileSync(join(c.tmp, 'audit', 'soc2', 'evidence.md'), 'utf8');
    for (const row of [
      '| `monitoringNamespaces` | `observability`, `metrics-eu` |', '| `ingressControllerNamespaces` | `edge` |', '| `meshRootNamespace` | `mesh-root` |',
      '| `minReplicas` | `3` |', '| `allowedRegistries` | `harbor.corp.example.com/checkout/` |',
    ]) expect(evidence).toContain(row);
  });

  test('no default namespace leaks into the manifests: no monitoring, ingress-nginx or istio-system anywhere but the controller\'s ServiceAccount name', () => {
    expect(yaml.match(/monitoring|ingress-nginx|istio-system/g)).toEqual(['ingress-nginx']);
    expect(yaml).toContain('cluster.local/ns/edge/sa/ingress-nginx');
  });

  test('each workload is scraped from the namespace its team chose, on its metrics port only, by NetworkPolicy and AuthorizationPolicy', () => {
    expect(['storefront', 'checkout-api', 'session-cache', 'order-events'].map(n => [n, scrapers(objects, n)])).toEqual([
      ['storefront', ['edge:8080', 'observability:9090']], ['checkout-api', ['metrics-eu:9091']], ['session-cache', ['observability:9121']], ['order-events', ['observability:9100']],
    ]);
    const metricsRule = (name: string) => one(objects, 'AuthorizationPolicy', name, 'checkout').spec.rules.filter((r: any) => r.from[0].source.namespaces)
      .map((r: any) => `${r.from[0].source.namespaces}:${r.to[0].operation.ports}`);
    expect(['storefront', 'checkout-api', 'session-cache', 'order-events'].map(metricsRule)).toEqual([['observability:9090'], ['metrics-eu:9091'], ['observability:9121'], ['observability:9100']]);
    // The worker serves nothing but metrics: its Service has the metrics port alone.
    expect(one(objects, 'Service', 'order-events', 'checkout').spec.ports.map((p: any) => `${p.name}:${p.port}`)).toEqual(['metrics:9100']);
  });

  test('three replicas everywhere: fixed counts, the autoscaler\'s floor and the StatefulSet', () => {
    expect([
      one(objects, 'Deployment', 'storefront', 'checkout').spec.replicas, one(objects, 'Deployment', 'order-events', 'checkout').spec.replicas,
      one(objects, 'StatefulSet', 'session-cache', 'checkout').spec.replicas, one(objects, 'HorizontalPodAutoscaler', 'checkout-api', 'checkout').spec.minReplicas,
    ]).toEqual([3, 3, 3, 3]);
    expect(one(objects, 'Deployment', 'checkout-api', 'checkout').spec.replicas).toBeUndefined();
  });

  test('the mesh lives in mesh-root: its policies there, and the namespace reaches istiod there', () => {
    expect(objects.filter(o => o.metadata.namespace === 'mesh-root').map(o => `${o.kind}/${o.metadata.name}`))
      .toEqual(['PeerAuthentication/default', 'Sidecar/default', 'Telemetry/mesh-default', 'ServiceEntry/external-api-psp-example-com', 'DestinationRule/mtls-checkout']);
    const istiod = one(objects, 'NetworkPolicy', 'allow-dns', 'checkout').spec.egress.find((r: any) => r.ports[0].port === 15012);
    expect(istiod.to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'mesh-root' } }, podSelector: { matchLabels: { app: 'istiod' } } }]);
    expect(one(objects, 'Sidecar', 'default', 'checkout').spec.egress[0].hosts).toEqual(['./*', 'mesh-root/*']);
  });

  test('the ingress and its HTTP-01 solver admit the edge controller only', () => {
    expect(one(objects, 'Ingress', 'shop', 'checkout').metadata.annotations['soc2.cdk8s.io/ingress-controller-namespace']).toBe('edge');
    expect(one(objects, 'NetworkPolicy', 'acme-http01-solver-from-edge', 'checkout').spec.ingress)
      .toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } } }], ports: [{ port: 8089, protocol: 'TCP' }] }]);
    const diagram = readFileSync(join(c.tmp, 'audit', 'soc2', 'network.md'), 'utf8');
    expect(diagram).toContain('ns_edge -->|"TCP/8080"| w_checkout_storefront');
    expect(diagram).toContain('ns_metrics_eu -->|"TCP/9091"| w_checkout_checkout_api');
    expect(diagram).not.toMatch(/ns_monitoring|ns_ingress_nginx/);
  });
});

/** A ServiceMonitor for the storefront's metrics, as Istio documents it for Prometheus with the mesh's certificates. */
function istioServiceMonitor(c: Checkout): ApiObject {
  return new ApiObject(c.chart, 'storefront-monitor', {
    apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'storefront', namespace: 'checkout' },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'storefront' } },
      endpoints: [{
        port: 'metrics', scheme: 'https',
        tlsConfig: { caFile: '/etc/prom-certs/root-cert.pem', certFile: '/etc/prom-certs/cert-chain.pem', keyFile: '/etc/prom-certs/key.pem', insecureSkipVerify: true },
      }],
    },
  });
}
const UNVERIFIED = 'Istio workload certificates name no host Prometheus can verify; the scrape is mTLS (OBS-7)';

describe('probe 7 (b): a ServiceMonitor written as Istio documents, as the README\'s operating note says', () => {
  test('fails monitoring-tls-verified on its own, naming the endpoint', () => {
    const c = checkout();
    istioServiceMonitor(c);
    const error = synthFailure(c.app);
    expect(error.findings.map(f => `${f.controlId} ${f.object.ref}`)).toEqual(['monitoring-tls-verified ServiceMonitor/checkout/storefront']);
    expect(error.message).toMatch(/spec\.endpoints\[0\]\.tlsConfig\.insecureSkipVerify is true/);
  });

  test('passes with the exception the README gives, which the evidence lists with its reason', () => {
    const c = checkout();
    Compliance.suppress(istioServiceMonitor(c), 'monitoring-tls-verified', UNVERIFIED, { expires: '2027-05-31' });
    const out = synth(c);
    expect(out.report.findings).toEqual([]);
    const evidence = readFileSync(join(c.tmp, 'audit', 'soc2', 'evidence.md'), 'utf8');
    expect(evidence).toContain(`| \`monitoring-tls-verified\` | \`ServiceMonitor/checkout/storefront\` | ${UNVERIFIED} | 2027-05-31 |`);
  });
});

const MISTAKES: Mistake<Checkout>[] = [
  ['a workload scraped from the default monitoring namespace, which this organisation does not run', c => new CompliantWorkload(c.chart, 'fraud', {
    namespace: c.ns, image: IMAGE('fraud'), port: 8080, metricsPort: 9090, monitoringNamespace: 'monitoring',
  }), { code: 'INVALID_PEER', path: 'checkout/fraud', prop: 'monitoringNamespace', value: '"monitoring"', problem: /is not one of the app's monitoringNamespaces \(observability, metrics-eu\)/, fix: /add the namespace to the compliance setting monitoringNamespaces/ }],
  ['an ingress pointed at the default controller namespace', c => new CertManagedIngress(c.chart, 'admin', {
    host: 'admin.corp.example.com', backend: c.web, issuer: Issuer.clusterIssuer('corp-ca'), ingressControllerNamespace: 'ingress-nginx',
  }), { code: 'INVALID_PROP', path: 'checkout/admin', prop: 'ingressControllerNamespace', value: '"ingress-nginx"', problem: /is not one of the app's ingressControllerNamespaces \(edge\)/, fix: /ingressControllerNamespaces: \["edge", "ingress-nginx"\]/ }],
  ['two replicas copied from another team\'s app, under a minimum of three', c => new CompliantWorkload(c.chart, 'fraud', {
    namespace: c.ns, image: IMAGE('fraud'), port: 8080, replicas: 2,
  }), { code: 'INVALID_PROP', path: 'checkout/fraud', prop: 'replicas', value: '2', problem: /must be an integer from 3 \(the app's minReplicas setting\)/, fix: /omit replicas \(default 3\)/ }],
  ['an autoscaler floor of two', c => new CompliantWorkload(c.chart, 'fraud', {
    namespace: c.ns, image: IMAGE('fraud'), port: 8080, autoscaling: { minReplicas: 2, maxReplicas: 6 },
  }), { code: 'INVALID_PROP', path: 'checkout/fraud', prop: 'autoscaling.minReplicas', value: '2', problem: /the app's minReplicas setting/, fix: /omit it \(default 3\)/ }],
  ['the mesh root namespace repeated on the mesh as the Istio default', c => new MeshMtls(new Chart(c.app, 'platform-eu'), 'mesh', { rootNamespace: 'istio-system' }), {
    code: 'INVALID_PROP', path: 'platform-eu/mesh', prop: 'rootNamespace', value: '"istio-system"', problem: /differs from the app's meshRootNamespace setting "mesh-root"/, fix: /remove this prop to use "mesh-root"/,
  }],
  ['a second namespace that names the Istio default as its mesh root', c => new SensitiveNamespace(c.chart, 'returns', {
    dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-checkout', meshRootNamespace: 'istio-system',
  }), { code: 'INVALID_PROP', path: 'checkout/returns', prop: 'meshRootNamespace', value: '"istio-system"', fix: /remove this prop to use "mesh-root"/ }],
  ['metrics scraped from the workload\'s own namespace', c => new CompliantWorkload(c.chart, 'fraud', {
    namespace: c.ns, image: IMAGE('fraud'), port: 8080, metricsPort: 9090, monitoringNamespace: 'checkout',
  }), { code: 'INVALID_PEER', path: 'checkout/fraud', prop: 'monitoringNamespace', value: '"checkout"', fix: /a scraper inside this namespace is a peer: allowFrom\(scraper, \{ port: metricsPort \}\)/ }],
];

/** Mistakes in the app's own settings, made where the app is made. */
const SETTING_MISTAKES: [string, ComplianceConfig | Record<string, unknown>, RegExp][] = [
  ['the setting\'s name in the singular', { ...SETTINGS, monitoringNamespace: ['observability'] }, /- compliance\.monitoringNamespace = \["observability"\]: is not a setting\. Fix: remove it, or did you mean "monitoringNamespaces"\?/],
  ['one namespace given as a string, not a list', { ...SETTINGS, monitoringNamespaces: 'observability' }, /- compliance\.monitoringNamespaces = "observability": must be a list of namespace names .*Fix: /],
  ['the registry written as a URL', { ...SETTINGS, allowedRegistries: ['https://harbor.corp.example.com/checkout/'] }, /- compliance\.allowedRegistries = "https:\/\/harbor\.corp\.example\.com\/checkout\/": .*write "harbor\.corp\.example\.com\/checkout\/"/],
  ['minReplicas read from an environment variable, a string', { ...SETTINGS, minReplicas: '3' }, /- compliance\.minReplicas = "3": must be a positive integer/],
];

describe('probe 7 (b): an observability team\'s mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(checkout, make, expected));
  test.each(SETTING_MISTAKES)('settings: %s', (_, settings, message) => {
    expect(() => checkout(settings as ComplianceConfig)).toThrow(message);
  });
  test('an empty report folder is refused, never taken for the default or for none', () => {
    expect(() => new CompliantApp({ outdir: mkdtempSync(join(tmpdir(), 'soc2-probe-obs-')), reportDir: '' }))
      .toThrow(/- reportDir = "": is empty\. Fix: name a directory, omit it for <outdir>\/compliance, or pass false to write no evidence/);
  });
});

/**
 * Found by this probe, now refused: `reportDir` was checked only for `''`, so `true` crashed the
 * synth with Node's own TypeError after the manifests were written and `0` was taken for `false`
 * (no evidence at all); `outdir` was not checked, so `''`, `5` or `true` failed the synth with
 * errors that named no prop.
 */
describe('probe 7 (b): an output or report folder that is not a usable string', () => {
  it.each([[true], [0]])('reportDir = %p is refused at construction, naming the prop', reportDir => {
    expect(() => new CompliantApp({ outdir: mkdtempSync(join(tmpdir(), 'soc2-probe-obs-')), reportDir: reportDir as unknown as string }))
      .toThrow(/\[INVALID_PROP\] <app>: invalid prop\n {2}- reportDir = (true|0): .*Fix: /);
  });
  it.each([[''], [5], [true]])('outdir = %p is refused at construction, naming the prop', outdir => {
    expect(() => new CompliantApp({ outdir: outdir as unknown as string }))
      .toThrow(/\[INVALID_PROP\] <app>: invalid prop\n {2}- outdir = (""|5|true): .*Fix: /);
  });
});
