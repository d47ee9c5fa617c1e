import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Testing } from 'cdk8s';
import {
  CertManagedIngress, CertManagedIngressProps, ClusterIssuer, CompliantApp, CompliantWorkload, Dns01Provider, HealthCheck, Issuer, MeshMtls,
  SensitiveNamespace,
} from '../../constructs';
import { ComplianceConfig, resolveConfig } from '../../src/compliance/config';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { computeFlows, describeEndpoint } from '../../src/compliance/network/flows';
import { ExpectedError, expectSoc2Error } from '../support/errors';
import { allSchemaErrors } from '../support/schema';
import { find, IMAGE, namespace, newChart, synthApp } from '../support/synth';

const LETS_ENCRYPT = Issuer.clusterIssuer('letsencrypt-prod', { challenge: 'HTTP01' });
const CLOUDFLARE = Dns01Provider.cloudflare({ apiToken: { secret: 'cloudflare-api-token', key: 'api-token' } });
const PRINCIPAL = 'cluster.local/ns/ingress-nginx/sa/ingress-nginx';
const OUT_OF_MESH = { metadata: { labels: { 'sidecar.istio.io/inject': 'false' } } };

interface Fixture {
  readonly app: App;
  readonly chart: Chart;
  readonly ns: SensitiveNamespace;
  readonly web: CompliantWorkload;
  readonly api: CompliantWorkload;
  readonly ingress: CertManagedIngress;
  readonly objects: () => any[];
}

/** The ingress controller namespaces of the app in the tests of other controllers. */
const CONTROLLERS: ComplianceConfig = { ingressControllerNamespaces: ['ingress-nginx', 'ingress-internal', 'edge'] };

/**
 * A team chart (namespace shop, workloads web and api) and a platform chart with the mesh; one
 * ingress. With `compliance`, the app is a CompliantApp with those settings.
 */
function setup(props: Partial<CertManagedIngressProps> | ((f: Omit<Fixture, 'ingress' | 'objects'>) => Partial<CertManagedIngressProps>) = {},
  compliance?: ComplianceConfig): Fixture {
  const { app, chart } = compliance ? compliantChart('shop', compliance) : newChart('shop');
  const ns = namespace(chart, 'shop');
  const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080, metricsPort: 9090 });
  const api = new CompliantWorkload(chart, 'api', {
    namespace: ns, image: IMAGE, port: 50051, protocol: 'grpc', liveness: HealthCheck.tcp(), readiness: HealthCheck.grpc(50051),
  });
  new MeshMtls(new Chart(app, 'platform'), 'mesh');
  const extra = typeof props === 'function' ? props({ app, chart, ns, web, api }) : props;
  const ingress = new CertManagedIngress(chart, 'public', { host: 'pay.example.com', backend: web, issuer: LETS_ENCRYPT, ...extra } as CertManagedIngressProps);
  return { app, chart, ns, web, api, ingress, objects: () => synthApp(app) };
}

/** A chart in a CompliantApp with the given settings, writing under a temporary directory. */
function compliantChart(id: string, compliance: ComplianceConfig): { app: App; chart: Chart } {
  const app = new CompliantApp({ compliance, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-ingress-')) });
  return { app, chart: new Chart(app, id) };
}

/** Asserts a Soc2Error naming the code, construct path, prop, value and fix; the path defaults to the ingress. */
function expectError(fn: () => unknown, e: Omit<ExpectedError, 'path'> & { path?: string }): void {
  expectSoc2Error(fn, { ...e, path: e.path ?? 'shop/public' });
}

const ofIngress = (objects: readonly any[]) => objects.filter(o => ['Ingress', 'Certificate', 'Issuer', 'ClusterIssuer'].includes(o.kind)
  || (o.kind === 'NetworkPolicy' && o.metadata.name.startsWith('acme-')));

describe('CertManagedIngress defaults', () => {
  const { objects: synth } = setup();
  const objects = synth();
  const ingress = find(objects, 'Ingress', 'public');
  const cert = find(objects, 'Certificate', 'public');

  test('the emitted set matches the reviewed snapshot', () => {
    expect(ofIngress(objects)).toMatchSnapshot();
    expect(objects.filter(o => o.metadata.name === 'web' && ['NetworkPolicy', 'AuthorizationPolicy'].includes(o.kind))).toMatchSnapshot();
  });

  test('schema-valid, zero findings, and the only way in: every Service stays ClusterIP', () => {
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(runCompliance(ManifestIndex.fromObjects(objects)).findings).toEqual([]);
    const services = objects.filter(o => o.kind === 'Service');
    expect(services.length).toBeGreaterThan(0);
    for (const s of services) expect(s.spec.type).toBe('ClusterIP');
    expect(ofIngress(objects).map(o => `${o.kind}/${o.metadata.name}`).sort())
      .toEqual(['Certificate/public', 'Ingress/public', 'NetworkPolicy/acme-http01-solver-from-ingress-nginx']);
  });

  test('the ingress, its certificate and the controls that judge them all pass (evidence, not silence)', () => {
    const report = runCompliance(ManifestIndex.fromObjects(objects));
    const statuses = (kind: string) => report.evaluations.filter(e => e.object.kind === kind && e.object.name === 'public')
      .map(e => `${e.control.id}:${e.status}`).sort();
    expect(statuses('Ingress')).toEqual(['ingress-certificate-coverage:passed', 'ingress-https-redirect:passed', 'ingress-tls-all-hosts:passed', 'workload-not-in-default-namespace:passed']);
    expect(statuses('Certificate')).toEqual(['certificate-key-strength:passed', 'certificate-lifetime:passed', 'certificate-rotation:passed']);
  });

  test('Ingress: networking.k8s.io/v1 with an ingressClassName and TLS for every host, in the Secret the Certificate writes', () => {
    expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
    expect(ingress.metadata.namespace).toBe('shop');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([{ hosts: ['pay.example.com'], secretName: 'public-tls' }]);
    expect(ingress.spec.rules.map((r: any) => r.host)).toEqual(['pay.example.com']);
    expect(ingress.spec.defaultBackend).toBeUndefined();
    expect(cert.spec.secretName).toBe(ingress.spec.tls[0].secretName);
  });

  test('Ingress: routes to the workload\'s ClusterIP Service and serving port, never the metrics port', () => {
    expect(ingress.spec.rules[0].http.paths).toEqual([{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } }]);
    const service = find(objects, 'Service', 'web');
    expect(service.metadata.namespace).toBe(ingress.metadata.namespace);
    expect(service.spec.ports.map((p: any) => p.port)).toContain(8080);
  });

  test('Ingress: ingress-nginx forces HTTPS and reaches the backend through its Service, so a meshed controller speaks mTLS', () => {
    expect(ingress.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/service-upstream': 'true',
      'nginx.ingress.kubernetes.io/upstream-vhost': 'web.shop.svc.cluster.local',
      'soc2.cdk8s.io/ingress-controller-namespace': 'ingress-nginx',
    });
    expect(Object.keys(ingress.metadata.annotations).filter(k => k.startsWith('cert-manager.io/'))).toEqual([]);
  });

  test('Certificate: exactly the Ingress hosts, ECDSA P-256, a new key at each renewal, 90 days renewed 30 days ahead', () => {
    expect(cert.apiVersion).toBe('cert-manager.io/v1');
    expect(cert.metadata.namespace).toBe('shop');
    expect(cert.spec.dnsNames).toEqual(ingress.spec.tls[0].hosts);
    expect(cert.spec.privateKey).toEqual({ algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' });
    expect(cert.spec.duration).toBe('2160h0m0s');
    expect(cert.spec.renewBefore).toBe('720h0m0s');
    expect(cert.spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-prod' });
    expect(cert.spec.usages).toEqual(['digital signature', 'server auth']);
  });

  test('backend NetworkPolicy: the ingress controller namespace is the only source admitted on the serving port, and only there', () => {
    const rules = find(objects, 'NetworkPolicy', 'web').spec.ingress;
    const controller = [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }];
    expect(rules.filter((r: any) => r.ports.some((p: any) => p.port === 8080))).toEqual([{ from: controller, ports: [{ port: 8080, protocol: 'TCP' }] }]);
    expect(rules.filter((r: any) => JSON.stringify(r.from) === JSON.stringify(controller)).length).toBe(1);
  });

  test('backend AuthorizationPolicy: only the controller\'s SPIFFE principal, positively, on the serving port, and only there', () => {
    const ap = find(objects, 'AuthorizationPolicy', 'web');
    expect(ap.spec.action).toBe('ALLOW');
    const rules = ap.spec.rules;
    expect(rules.filter((r: any) => r.to[0].operation.ports.includes('8080')))
      .toEqual([{ from: [{ source: { principals: [PRINCIPAL] } }], to: [{ operation: { ports: ['8080'] } }] }]);
    expect(rules.filter((r: any) => JSON.stringify(r).includes(PRINCIPAL)).length).toBe(1);
    expect(JSON.stringify(rules)).not.toMatch(/"not[A-Z]/);
  });

  test('HTTP-01: the solver pods are reachable from the controller namespace on 8089 only, with the exception explained', () => {
    const np = find(objects, 'NetworkPolicy', 'acme-http01-solver-from-ingress-nginx');
    expect(np.metadata.namespace).toBe('shop');
    expect(np.spec).toEqual({
      podSelector: { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8089, protocol: 'TCP' }] }],
    });
    expect(np.metadata.annotations['soc2.cdk8s.io/suppress.network-policy-targets-pods']).toMatch(/cert-manager creates the ACME HTTP-01 solver pods/);
    expect(np.metadata.annotations['kube-score/ignore']).toBe('networkpolicy-targets-pod');
    expect(objects.filter(o => o.kind === 'AuthorizationPolicy' && JSON.stringify(o.spec).includes('http01-solver'))).toEqual([]);
  });
});

describe('CertManagedIngress routing', () => {
  test('several hosts share one Ingress and one Certificate covering exactly them', () => {
    const objects = setup({ host: undefined, hosts: ['shop.example.com', 'www.shop.example.com'] }).objects();
    const ingress = find(objects, 'Ingress', 'public');
    expect(ingress.spec.tls).toEqual([{ hosts: ['shop.example.com', 'www.shop.example.com'], secretName: 'public-tls' }]);
    expect(find(objects, 'Certificate', 'public').spec.dnsNames).toEqual(['shop.example.com', 'www.shop.example.com']);
  });

  test('hosts keep the order of the prop in the Ingress rules, its TLS hosts and the Certificate\'s dnsNames, whatever is called before or after', () => {
    const hosts = ['www.shop.example.com', 'shop.example.com'];
    const before = setup(f => {
      f.api.allowFrom(f.web);
      return { host: undefined, hosts };
    });
    const after = setup({ host: undefined, hosts });
    after.api.allowFrom(after.web);
    for (const objects of [before.objects(), after.objects()]) {
      const ingress = find(objects, 'Ingress', 'public');
      expect(ingress.spec.rules.map((r: any) => r.host)).toEqual(hosts);
      expect(ingress.spec.tls).toEqual([{ hosts, secretName: 'public-tls' }]);
      expect(find(objects, 'Certificate', 'public').spec.dnsNames).toEqual(hosts);
    }
    expect(ofIngress(before.objects())).toEqual(ofIngress(after.objects()));
  });

  test('paths to two workloads become one Ingress per workload, one Certificate, each backend admitting the controller', () => {
    const objects = setup(f => ({
      host: undefined, backend: undefined,
      rules: [
        { host: 'shop.example.com', paths: [{ backend: f.web }, { path: '/api', backend: f.api }] },
        { host: 'api.example.com', paths: [{ backend: f.api, pathType: 'Exact', path: '/v1' }] },
      ],
    })).objects();
    const web = find(objects, 'Ingress', 'public');
    const api = find(objects, 'Ingress', 'public.api');
    expect(web.spec.tls).toEqual([{ hosts: ['shop.example.com'], secretName: 'public-tls' }]);
    expect(api.spec.tls).toEqual([{ hosts: ['shop.example.com', 'api.example.com'], secretName: 'public-tls' }]);
    expect(api.spec.rules[1].http.paths).toEqual([{ path: '/v1', pathType: 'Exact', backend: { service: { name: 'api', port: { number: 50051 } } } }]);
    expect(api.metadata.annotations['nginx.ingress.kubernetes.io/upstream-vhost']).toBe('api.shop.svc.cluster.local');
    expect(api.metadata.annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBe('GRPC');
    expect(web.metadata.annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBeUndefined();
    expect(find(objects, 'Certificate', 'public').spec.dnsNames).toEqual(['shop.example.com', 'api.example.com']);
    expect(find(objects, 'AuthorizationPolicy', 'api').spec.rules).toEqual([{ from: [{ source: { principals: [PRINCIPAL] } }], to: [{ operation: { ports: ['50051'] } }] }]);
    expect(allSchemaErrors(objects)).toEqual([]);
  });

  test('the Ingress of another backend is named <name>.<backend>, so no CertManagedIngress name can take it', () => {
    const { objects } = setup(f => {
      new CertManagedIngress(f.chart, 'public-api', { host: 'api.example.com', backend: f.api, issuer: LETS_ENCRYPT });
      return { host: undefined, backend: undefined, rules: [{ host: 'shop.example.com', paths: [{ backend: f.web }, { path: '/api', backend: f.api }] }] };
    });
    const ingresses = objects().filter(o => o.kind === 'Ingress').map(o => o.metadata.name);
    expect(ingresses.sort()).toEqual(['public', 'public-api', 'public.api']);
  });

  test('a name of 63 characters, the longest label value it becomes, names every object, with the Secret <name>-tls', () => {
    const name = `public-${'a'.repeat(56)}`;
    const { objects } = setup(f => ({ name, host: undefined, backend: undefined,
      rules: [{ host: 'shop.example.com', paths: [{ backend: f.web }, { path: '/api', backend: f.api }] }] }));
    const all = objects();
    const own = all.filter(o => ['Ingress', 'Certificate'].includes(o.kind));
    expect(own.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual([`Certificate/${name}`, `Ingress/${name}`, `Ingress/${name}.api`]);
    for (const o of own) expect(o.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name });
    expect(find(all, 'Certificate', name).spec.secretName).toBe(`${name}-tls`);
    expect(find(all, 'Ingress', name).spec.tls).toEqual([{ hosts: ['shop.example.com'], secretName: `${name}-tls` }]);
    expect(allSchemaErrors(all)).toEqual([]);
    expect(runCompliance(ManifestIndex.fromObjects(all)).findings).toEqual([]);
  });

  test('another controller of the app\'s ingressControllerNamespaces: its namespace and principal are the ones admitted', () => {
    const objects = setup({
      ingressClassName: 'nginx-public', ingressControllerNamespace: 'edge',
      ingressControllerPrincipal: 'cluster.local/ns/edge/sa/edge-controller',
    }, CONTROLLERS).objects();
    expect(find(objects, 'Ingress', 'public').spec.ingressClassName).toBe('nginx-public');
    expect(find(objects, 'NetworkPolicy', 'web').spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } } }]);
    expect(find(objects, 'AuthorizationPolicy', 'web').spec.rules[0].from).toEqual([{ source: { principals: ['cluster.local/ns/edge/sa/edge-controller'] } }]);
    expect(find(objects, 'NetworkPolicy', 'acme-http01-solver-from-edge').spec.ingress[0].from)
      .toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } } }]);
    // The Ingress names its controller's namespace, so the network diagram draws the real path.
    const flows = computeFlows(ManifestIndex.fromObjects(objects), resolveConfig()).flows.map(f => `${describeEndpoint(f.from)} -> ${describeEndpoint(f.to)}`);
    expect(flows).toEqual(expect.arrayContaining(['internet -> namespace edge', 'namespace edge -> shop/web']));
    expect(flows.filter(f => f.includes('ingress-nginx'))).toEqual([]);
  });

  test('a wildcard host, asked for explicitly, with an ACME DNS-01 issuer', () => {
    const objects = setup({
      host: '*.apps.example.com', allowWildcardHosts: true, issuer: Issuer.acmeDns01({ provider: CLOUDFLARE, dnsZones: ['example.com'] }),
    }).objects();
    expect(find(objects, 'Certificate', 'public').spec.dnsNames).toEqual(['*.apps.example.com']);
    expect(find(objects, 'Ingress', 'public').spec.tls[0].hosts).toEqual(['*.apps.example.com']);
  });
});

describe('CertManagedIngress certificates', () => {
  test('RSA is allowed from 2048 bits, with key encipherment', () => {
    const cert = find(setup({ keyAlgorithm: 'RSA', keySize: 4096 }).objects(), 'Certificate', 'public');
    expect(cert.spec.privateKey).toEqual({ algorithm: 'RSA', size: 4096, rotationPolicy: 'Always' });
    expect(cert.spec.usages).toEqual(['digital signature', 'key encipherment', 'server auth']);
    const rsaDefault = find(setup({ keyAlgorithm: 'RSA' }).objects(), 'Certificate', 'public');
    expect(rsaDefault.spec.privateKey.size).toBe(2048);
  });

  test('shorter lifetimes and renewal windows are written as Go durations', () => {
    const cert = find(setup({ certificateDuration: Duration.days(30), renewBefore: Duration.hours(240), secretName: 'pay-tls' }).objects(), 'Certificate', 'public');
    expect(cert.spec.duration).toBe('720h0m0s');
    expect(cert.spec.renewBefore).toBe('240h0m0s');
    expect(cert.spec.secretName).toBe('pay-tls');
  });
});

describe('CertManagedIngress issuers', () => {
  test('an existing ClusterIssuer without an ACME challenge (CA) admits no solver traffic', () => {
    const objects = setup({ issuer: Issuer.clusterIssuer('internal-ca') }).objects();
    expect(objects.filter(o => o.metadata.name.startsWith('acme-'))).toEqual([]);
    expect(find(objects, 'Certificate', 'public').spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'internal-ca' });
  });

  test('an existing namespaced Issuer is referenced by kind Issuer', () => {
    const objects = setup({ issuer: Issuer.issuer('team-acme', { challenge: 'DNS01' }) }).objects();
    expect(find(objects, 'Certificate', 'public').spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'Issuer', name: 'team-acme' });
    expect(objects.filter(o => o.metadata.name.startsWith('acme-'))).toEqual([]);
  });

  test('an ACME HTTP-01 definition becomes an Issuer of the namespace, solving through the ingress class', () => {
    const objects = setup({ issuer: Issuer.acmeHttp01({ email: 'security@example.com' }), ingressClassName: 'nginx-public' }).objects();
    const issuer = find(objects, 'Issuer', 'acme-http01');
    expect(issuer.metadata.namespace).toBe('shop');
    expect(issuer.spec).toEqual({
      acme: {
        server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'security@example.com',
        privateKeySecretRef: { name: 'acme-http01-account-key' },
        solvers: [{ http01: { ingress: { ingressClassName: 'nginx-public', serviceType: 'ClusterIP', podTemplate: OUT_OF_MESH } } }],
      },
    });
    expect(find(objects, 'Certificate', 'public').spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'Issuer', name: 'acme-http01' });
    expect(find(objects, 'NetworkPolicy', 'acme-http01-solver-from-ingress-nginx').spec.ingress[0].ports).toEqual([{ port: 8089, protocol: 'TCP' }]);
    expect(allSchemaErrors(objects)).toEqual([]);
  });

  test('one definition shared by two ingresses of a namespace: one Issuer, one solver policy', () => {
    const acme = Issuer.acmeHttp01();
    const { chart, api, objects } = setup({ issuer: acme });
    new CertManagedIngress(chart, 'grpc', { host: 'grpc.example.com', backend: api, issuer: acme });
    const all = objects();
    expect(all.filter(o => o.kind === 'Issuer').length).toBe(1);
    expect(all.filter(o => o.metadata.name.startsWith('acme-http01-solver')).length).toBe(1);
  });

  test('one HTTP-01 definition used through two ingress classes: one solver per class, each selecting its hosts', () => {
    const acme = Issuer.acmeHttp01({ email: 'security@example.com' });
    const { chart, api, objects } = setup({ issuer: acme }, CONTROLLERS);
    new CertManagedIngress(chart, 'internal', {
      hosts: ['admin.example.com', 'grpc.example.com'], backend: api, issuer: acme, ingressClassName: 'nginx-internal',
      ingressControllerNamespace: 'ingress-internal', ingressControllerPrincipal: 'cluster.local/ns/ingress-internal/sa/ingress-nginx',
    });
    const all = objects();
    expect(all.filter(o => o.kind === 'Issuer').length).toBe(1);
    expect(find(all, 'Issuer', 'acme-http01').spec.acme.solvers).toEqual([
      { selector: { dnsNames: ['pay.example.com'] }, http01: { ingress: { ingressClassName: 'nginx', serviceType: 'ClusterIP', podTemplate: OUT_OF_MESH } } },
      { selector: { dnsNames: ['admin.example.com', 'grpc.example.com'] }, http01: { ingress: { ingressClassName: 'nginx-internal', serviceType: 'ClusterIP', podTemplate: OUT_OF_MESH } } },
    ]);
    expect(all.filter(o => o.metadata.name.startsWith('acme-http01-solver')).map(o => o.metadata.name).sort())
      .toEqual(['acme-http01-solver-from-ingress-internal', 'acme-http01-solver-from-ingress-nginx']);
    expect(allSchemaErrors(all)).toEqual([]);
    expect(runCompliance(ManifestIndex.fromObjects(all)).findings).toEqual([]);
  });

  test('one HTTP-01 definition for the same host through two ingress classes', () => {
    const acme = Issuer.acmeHttp01({ email: 'security@example.com' });
    const { chart, api } = setup({ issuer: acme }, CONTROLLERS);
    expectError(() => new CertManagedIngress(chart, 'internal', {
      host: 'pay.example.com', backend: api, issuer: acme, ingressClassName: 'nginx-internal',
      ingressControllerNamespace: 'ingress-internal', ingressControllerPrincipal: 'cluster.local/ns/ingress-internal/sa/ingress-nginx',
    }), { code: 'INVALID_ISSUER', path: 'shop/internal', prop: 'issuer', value: '"acme-http01"',
      problem: /solves HTTP-01 for host "pay.example.com" through ingress class "nginx" already/, fix: /their own issuer definition/ });
  });

  test('an ACME DNS-01 definition restricted to zones: no traffic into the cluster', () => {
    const objects = setup({ issuer: Issuer.acmeDns01({ name: 'dns', provider: CLOUDFLARE, dnsZones: ['example.com'] }) }).objects();
    expect(find(objects, 'Issuer', 'dns').spec.acme.solvers).toEqual([{
      selector: { dnsZones: ['example.com'] },
      dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare-api-token', key: 'api-token' } } },
    }]);
    expect(objects.filter(o => o.metadata.name.startsWith('acme-'))).toEqual([]);
  });

  test('DNS-01 providers take credentials by Secret reference or from the ambient identity', () => {
    const { app } = newChart('platform');
    const route53 = new ClusterIssuer(app.charts[0], 'route53', { issuer: Issuer.acmeDns01({ provider: Dns01Provider.route53({
      region: 'eu-west-1', hostedZoneId: 'Z0123', accessKeyId: { secret: 'aws', key: 'id' }, secretAccessKey: { secret: 'aws', key: 'secret' },
    }) }) });
    new ClusterIssuer(app.charts[0], 'rfc2136', { issuer: Issuer.acmeDns01({ provider: Dns01Provider.rfc2136({
      nameserver: 'ns1.example.com:53', tsigKeyName: 'acme', tsigSecret: { secret: 'tsig', key: 'secret' },
    }) }) });
    new ClusterIssuer(app.charts[0], 'clouddns', { issuer: Issuer.acmeDns01({ provider: Dns01Provider.cloudDns({ project: 'shop-prod-dns' }) }) });
    const objects = synthApp(app);
    expect(route53.challenge).toBe('DNS01');
    expect(find(objects, 'ClusterIssuer', 'route53').spec.acme.solvers[0].dns01).toEqual({ route53: {
      region: 'eu-west-1', hostedZoneID: 'Z0123',
      accessKeyIDSecretRef: { name: 'aws', key: 'id' }, secretAccessKeySecretRef: { name: 'aws', key: 'secret' },
    } });
    expect(find(objects, 'ClusterIssuer', 'rfc2136').spec.acme.solvers[0].dns01).toEqual({ rfc2136: {
      nameserver: 'ns1.example.com:53', tsigKeyName: 'acme', tsigAlgorithm: 'HMACSHA256', tsigSecretSecretRef: { name: 'tsig', key: 'secret' },
    } });
    expect(find(objects, 'ClusterIssuer', 'clouddns').spec.acme.solvers[0].dns01).toEqual({ cloudDNS: { project: 'shop-prod-dns' } });
    expect(allSchemaErrors(objects)).toEqual([]);
  });

  test('a CA definition signs with the key pair in a Secret', () => {
    const objects = setup({ issuer: Issuer.ca({ secretName: 'internal-ca' }) }).objects();
    expect(find(objects, 'Issuer', 'ca').spec).toEqual({ ca: { secretName: 'internal-ca' } });
    expect(objects.filter(o => o.metadata.name.startsWith('acme-'))).toEqual([]);
  });

  test('a ClusterIssuer construct is cluster-scoped, even in a chart with a namespace, and tells the ingress its challenge', () => {
    const { app, chart } = newChart('shop');
    const ns = namespace(chart, 'shop');
    const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    const platform = new Chart(app, 'platform', { namespace: 'istio-system' });
    new MeshMtls(platform, 'mesh');
    const le = new ClusterIssuer(platform, 'letsencrypt-prod', { issuer: Issuer.acmeHttp01({ email: 'security@example.com' }) });
    new CertManagedIngress(chart, 'public', { host: 'pay.example.com', backend: web, issuer: le });
    const objects = synthApp(app);
    const issuer = find(objects, 'ClusterIssuer', 'letsencrypt-prod');
    expect(issuer.metadata.namespace).toBeUndefined();
    expect(issuer.spec.acme.solvers).toEqual([{ http01: { ingress: { ingressClassName: 'nginx', serviceType: 'ClusterIP', podTemplate: OUT_OF_MESH } } }]);
    expect(find(objects, 'Certificate', 'public').spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-prod' });
    expect(find(objects, 'NetworkPolicy', 'acme-http01-solver-from-ingress-nginx').metadata.namespace).toBe('shop');
  });
});

describe('CertManagedIngress refuses', () => {
  test('the class of another ingress controller, which would ignore the ingress-nginx redirect and serve plain HTTP', () => {
    expectError(() => setup({ ingressClassName: 'traefik', ingressControllerNamespace: 'traefik' }),
      { code: 'INVALID_PROP', prop: 'ingressClassName', value: '"traefik"', problem: /names a traefik class, but CertManagedIngress configures ingress-nginx/, fix: /use the class of an ingress-nginx controller/ });
  });

  test('a secretName a workload reads its credentials from, whichever is created first', () => {
    expectError(() => setup(({ chart, ns }) => {
      new CompliantWorkload(chart, 'db', { namespace: ns, image: IMAGE, port: 5432, secretFiles: { password: { secret: 'db-creds', key: 'pw' } } });
      return { secretName: 'db-creds' };
    }), { code: 'DUPLICATE_NAME', prop: 'secretName', value: '"db-creds"', problem: /is already used by the secretFiles of CompliantWorkload shop\/db/, fix: /its own secretName/ });
    const f = setup({ secretName: 'db-creds' });
    expectError(() => new CompliantWorkload(f.chart, 'db', { namespace: f.ns, image: IMAGE, port: 5432, secretFiles: { password: { secret: 'db-creds', key: 'pw' } } }),
      { path: 'shop/db', code: 'DUPLICATE_NAME', prop: 'secretFiles.password.secret', value: '"db-creds"', problem: /is the Secret that shop\/public has cert-manager write its certificate into/, fix: /keep the credentials in a Secret of their own/ });
    // Workloads may share the Secrets they read.
    new CompliantWorkload(f.chart, 'a', { namespace: f.ns, image: IMAGE, port: 8080, secretFiles: { t: { secret: 'shared', key: 'k' } } });
    new CompliantWorkload(f.chart, 'b', { namespace: f.ns, image: IMAGE, port: 8080, secretFiles: { t: { secret: 'shared', key: 'k' } } });
  });

  test('an ACME server over plain http', () => {
    expectError(() => setup({ issuer: Issuer.acmeHttp01({ server: 'http://acme.example.com/directory' }) }),
      { code: 'INVALID_ISSUER', prop: 'issuer.server', value: '"http://acme.example.com/directory"', fix: /https URL/ });
  });

  test('an RSA key of 1024 bits', () => {
    expectError(() => setup({ keyAlgorithm: 'RSA', keySize: 1024 }), { code: 'INVALID_CERTIFICATE', prop: 'keySize', value: '1024', fix: /2048, 3072, 4096/ });
  });

  test('an ECDSA curve public CAs do not issue', () => {
    expectError(() => setup({ keySize: 521 }), { code: 'INVALID_CERTIFICATE', prop: 'keySize', value: '521', fix: /256, 384 for ECDSA/ });
  });

  test('no props at all (from JavaScript): every required prop is named', () => {
    const { chart } = newChart('shop');
    let thrown: unknown;
    try {
      new CertManagedIngress(chart, 'public', undefined as never);
    } catch (e) {
      thrown = e;
    }
    const create = () => {
      throw thrown;
    };
    expectError(create, { code: 'INVALID_PROP', prop: 'issuer', value: 'undefined', fix: /Issuer.clusterIssuer/ });
    expectError(create, { code: 'INVALID_PROP', prop: 'host', value: 'undefined', fix: /host: 'pay.example.com'/ });
    expectError(create, { code: 'INVALID_PROP', prop: 'backend', value: 'undefined', fix: /pass the CompliantWorkload/ });
  });

  test('a key algorithm that is an Object.prototype member (from JavaScript)', () => {
    expectError(() => setup({ keyAlgorithm: 'constructor' as never }), { code: 'INVALID_CERTIFICATE', prop: 'keyAlgorithm', value: '"constructor"', fix: /'ECDSA'/ });
  });

  test('a key algorithm other than ECDSA or RSA', () => {
    expectError(() => setup({ keyAlgorithm: 'DSA' as never }), { code: 'INVALID_CERTIFICATE', prop: 'keyAlgorithm', value: '"DSA"', fix: /'ECDSA'/ });
  });

  test('a certificate longer than 90 days', () => {
    expectError(() => setup({ certificateDuration: Duration.days(365) }),
      { code: 'INVALID_CERTIFICATE', prop: 'certificateDuration', value: '"365 days"', fix: /Duration.days\(90\) or less/ });
  });

  test('renewBefore not shorter than the duration', () => {
    expectError(() => setup({ certificateDuration: Duration.days(30), renewBefore: Duration.days(30) }),
      { code: 'INVALID_CERTIFICATE', prop: 'renewBefore', value: '"30 days"', fix: /renew about a third of the lifetime ahead/ });
  });

  test('renewBefore shorter than cert-manager accepts', () => {
    expectError(() => setup({ renewBefore: Duration.minutes(1) }), { code: 'INVALID_CERTIFICATE', prop: 'renewBefore', value: '"1 minute"', fix: /well ahead of expiry/ });
  });

  test('a certificate shorter than cert-manager accepts, named as given (not rounded to whole seconds)', () => {
    expectError(() => setup({ certificateDuration: Duration.millis(1500) }),
      { code: 'INVALID_CERTIFICATE', prop: 'certificateDuration', value: '"1 second 500 millis"', problem: /is shorter than one hour/, fix: /use at least Duration.hours\(1\)/ });
    expectError(() => setup({ certificateDuration: Duration.minutes(90.5), renewBefore: Duration.days(30) }),
      { code: 'INVALID_CERTIFICATE', prop: 'renewBefore', value: '"30 days"', problem: /is not shorter than the certificate duration \(1 hour 30 minutes 30 seconds\), so/, fix: /renew about a third/ });
  });

  test('a host the DNS-01 issuer\'s zones do not cover', () => {
    expectError(() => setup({ host: 'pay.example.org', issuer: Issuer.acmeDns01({ provider: CLOUDFLARE, dnsZones: ['example.com'] }) }),
      { code: 'INVALID_HOST', prop: 'host', value: '"pay.example.org"', fix: /add the host's zone to the issuer's dnsZones/ });
  });

  test('a backend that is not a CompliantWorkload', () => {
    expectError(() => setup(f => ({ backend: f.ns as never })),
      { code: 'INVALID_BACKEND', prop: 'backend', value: '"shop/shop"', fix: /run the backend as a CompliantWorkload/ });
  });

  test('a missing backend', () => {
    expectError(() => setup({ backend: undefined }), { code: 'INVALID_BACKEND', prop: 'backend', value: 'undefined', fix: /pass the CompliantWorkload/ });
  });

  test('a backend in another namespace', () => {
    expectError(() => setup(f => {
      const other = namespace(f.chart, 'other');
      return { backend: new CompliantWorkload(f.chart, 'elsewhere', { namespace: other, image: IMAGE, port: 8080 }), namespace: f.ns };
    }), { code: 'INVALID_BACKEND', prop: 'backend', value: '"shop/elsewhere"', fix: /one CertManagedIngress per namespace/ });
  });

  test('the metrics port as a backend port', () => {
    expectError(() => setup(f => ({ host: undefined, backend: undefined, rules: [{ host: 'pay.example.com', paths: [{ backend: f.web, port: 9090 }] }] })),
      { code: 'INVALID_BACKEND', prop: 'rules[0].paths[0].port', value: '9090', fix: /omit the port/ });
  });

  test('a plain TCP backend', () => {
    expectError(() => setup(f => ({
      backend: new CompliantWorkload(f.chart, 'db', { namespace: f.ns, image: IMAGE, port: 5432, protocol: 'tcp', readiness: HealthCheck.command(['pg_isready']) }),
    })), { code: 'INVALID_BACKEND', prop: 'backend', value: '"shop/db"', fix: /only HTTP, HTTP\/2 or gRPC/ });
  });

  test('a host list given as a string, and an issuer given by name', () => {
    expectError(() => setup({ host: undefined, hosts: 'shop.example.com' as never }),
      { code: 'INVALID_HOST', prop: 'hosts', value: '"shop.example.com"', fix: /use host: "shop.example.com", or hosts: \["shop.example.com"\]/ });
    expectError(() => setup({ issuer: 'letsencrypt-prod' as never }),
      { code: 'INVALID_ISSUER', prop: 'issuer', value: '"letsencrypt-prod"', fix: /Issuer.clusterIssuer\("letsencrypt-prod"\) for a ClusterIssuer, Issuer.issuer\("letsencrypt-prod"\) for an Issuer of the namespace/ });
  });

  test('a wildcard host without allowWildcardHosts', () => {
    expectError(() => setup({ host: '*.example.com' }), { code: 'INVALID_HOST', prop: 'host', value: '"*.example.com"', fix: /allowWildcardHosts: true with an ACME DNS-01 issuer/ });
  });

  test('a wildcard host with an HTTP-01 issuer', () => {
    expectError(() => setup({ host: '*.example.com', allowWildcardHosts: true }),
      { code: 'INVALID_ISSUER', prop: 'issuer', value: '"ClusterIssuer/letsencrypt-prod"', fix: /Issuer.acmeDns01/ });
  });

  test('an invalid host name', () => {
    expectError(() => setup({ host: 'pay_example.com' }), { code: 'INVALID_HOST', prop: 'host', value: '"pay_example.com"', fix: /fully qualified lower-case DNS name/ });
  });

  test('a host with upper-case letters', () => {
    expectError(() => setup({ host: 'Pay.Example.com' }), { code: 'INVALID_HOST', prop: 'host', value: '"Pay.Example.com"', fix: /"pay.example.com"/ });
  });

  test('more hosts than an ACME CA puts in one certificate', () => {
    const hosts = Array.from({ length: 101 }, (_, i) => `h${i}.example.com`);
    expectError(() => setup({ host: undefined, hosts }),
      { code: 'INVALID_ISSUER', prop: 'hosts', value: '101', problem: /more than the 100 names an ACME CA/, fix: /at most 100 hosts/ });
    setup({ host: undefined, hosts: hosts.slice(0, 100) });
  });

  test('a URL given as the host', () => {
    expectError(() => setup({ host: 'https://pay.example.com/checkout' }),
      { code: 'INVALID_HOST', prop: 'host', value: '"https://pay.example.com/checkout"', problem: /is a URL, not a host name/, fix: /drop "https:\/\/" and anything after the host: "pay.example.com"/ });
  });

  test('a host with a port or a path', () => {
    expectError(() => setup({ host: 'pay.example.com:8443' }), { code: 'INVALID_HOST', prop: 'host', value: '"pay.example.com:8443"', problem: /holds a port/, fix: /no scheme, port, path/ });
    expectError(() => setup({ host: 'pay.example.com/api' }), { code: 'INVALID_HOST', prop: 'host', value: '"pay.example.com/api"', problem: /holds a path/, fix: /no scheme, port, path/ });
  });

  test('an IP address as the host', () => {
    expectError(() => setup({ host: '2001:db8::1' }), { code: 'INVALID_HOST', prop: 'host', value: '"2001:db8::1"', problem: /is an IP address/, fix: /DNS name/ });
  });

  test('a single-label host', () => {
    expectError(() => setup({ host: 'localhost' }), { code: 'INVALID_HOST', prop: 'host', value: '"localhost"', fix: /fully qualified/ });
  });

  test('duplicate hosts', () => {
    expectError(() => setup({ host: undefined, hosts: ['pay.example.com', 'pay.example.com'] }),
      { code: 'INVALID_HOST', prop: 'hosts[1]', value: '"pay.example.com"', fix: /list each host once/ });
  });

  test('a host repeated across rules', () => {
    expectError(() => setup(f => ({
      host: undefined, backend: undefined,
      rules: [{ host: 'pay.example.com', paths: [{ backend: f.web }] }, { host: 'pay.example.com', paths: [{ path: '/api', backend: f.api }] }],
    })), { code: 'INVALID_HOST', prop: 'rules[1].host', value: '"pay.example.com"', fix: /put all its paths in that rule/ });
  });

  test('no host at all', () => {
    expectError(() => setup({ host: undefined }), { code: 'INVALID_HOST', prop: 'host', value: 'undefined', fix: /pass host/ });
  });

  test('host and rules together', () => {
    expectError(() => setup(f => ({ rules: [{ host: 'a.example.com', paths: [{ backend: f.web }] }] })),
      { code: 'INVALID_HOST', prop: 'host + rules', value: '["host","rules"]', fix: /pass host/ });
  });

  test.each([
    ['/api//v1', '//'], ['/static/../admin', '/../'], ['/static/./x', '/./'], ['/static/.', '/.'], ['/static/..', '/..'], ['//', '//'],
  ])('a path the API server refuses: %s', (path, bad) => {
    expectError(() => setup(f => ({ host: undefined, backend: undefined, rules: [{ host: 'pay.example.com', paths: [{ path, pathType: 'Exact', backend: f.web }] }] })),
      { code: 'INVALID_PATH', prop: 'rules[0].paths[0].path', value: JSON.stringify(path), problem: new RegExp(`contains "${bad.replace(/\./g, '\\.')}"`), fix: /without empty, "\." or "\.\." segments/ });
  });

  test('paths with dots inside a segment are routed', () => {
    const { objects } = setup(f => ({ host: undefined, backend: undefined, rules: [{ host: 'pay.example.com', paths: [{ path: '/.well-known/x.json', backend: f.web }, { path: '/v1.2/..x', backend: f.web }] }] }));
    const ingress = find(objects(), 'Ingress', 'public');
    expect(ingress.spec.rules[0].http.paths.map((p: any) => p.path)).toEqual(['/.well-known/x.json', '/v1.2/..x']);
  });

  test('a path that does not start with "/"', () => {
    expectError(() => setup(f => ({ host: undefined, backend: undefined, rules: [{ host: 'pay.example.com', paths: [{ path: 'api', backend: f.web }] }] })),
      { code: 'INVALID_PATH', prop: 'rules[0].paths[0].path', value: '"api"', fix: /"\/api"/ });
  });

  test('the same path twice for a host', () => {
    expectError(() => setup(f => ({ host: undefined, backend: undefined, rules: [{ host: 'pay.example.com', paths: [{ backend: f.web }, { backend: f.api }] }] })),
      { code: 'INVALID_PATH', prop: 'rules[0].paths[1].path', value: '"/"', fix: /route each path of a host once/ });
  });

  test('the same Prefix path with and without a trailing slash, which Kubernetes matches alike', () => {
    expectError(() => setup(f => ({ host: undefined, backend: undefined, rules: [{ host: 'pay.example.com', paths: [{ path: '/api', backend: f.web }, { path: '/api/', backend: f.api }] }] })),
      { code: 'INVALID_PATH', prop: 'rules[0].paths[1].path', value: '"/api/"', fix: /route each path of a host once/ });
  });

  test('a backend of another app', () => {
    const other = newChart('other');
    const foreign = new CompliantWorkload(other.chart, 'web', { namespace: namespace(other.chart, 'other'), image: IMAGE, port: 8080 });
    const { chart } = newChart('mine');
    expectError(() => new CertManagedIngress(chart, 'public', { host: 'pay.example.com', backend: foreign, issuer: LETS_ENCRYPT }),
      { code: 'INVALID_BACKEND', path: 'mine/public', prop: 'backend', value: '"other/web"', problem: /belongs to another app/, fix: /in the app that holds the backend/ });
  });

  test('an invalid ingress controller namespace', () => {
    expectError(() => setup({ ingressControllerNamespace: 'Ingress_Nginx' }),
      { code: 'INVALID_PROP', prop: 'ingressControllerNamespace', value: '"Ingress_Nginx"', fix: /namespace the ingress controller runs in/ });
  });

  test('an ingress controller namespace outside the app\'s ingressControllerNamespaces, which would be admitted from outside the cluster unchecked', () => {
    const { objects } = setup({}, { ingressControllerNamespaces: ['ingress-nginx', 'traefik'] });
    expect(find(objects(), 'NetworkPolicy', 'web').spec.ingress[0].from)
      .toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }]);
    expectError(() => setup({ ingressControllerNamespace: 'traefik', ingressControllerPrincipal: 'cluster.local/ns/traefik/sa/ingress-nginx' }), {
      code: 'INVALID_PROP', prop: 'ingressControllerNamespace', value: '"traefik"',
      problem: /is not one of the app's ingressControllerNamespaces \(ingress-nginx\), the only namespaces that may be admitted from outside the cluster boundary/,
      fix: /pass one of them, or add it to the compliance setting ingressControllerNamespaces \(new CompliantApp\(\{ compliance: \{ ingressControllerNamespaces: \["ingress-nginx", "traefik"\] \} \}\)\)/,
    });
    expectError(() => setup({ ingressControllerNamespace: 'edge' }, { ingressControllerNamespaces: ['ingress-nginx', 'ingress-internal'] }),
      { code: 'INVALID_PROP', prop: 'ingressControllerNamespace', value: '"edge"', problem: /\(ingress-nginx, ingress-internal\)/, fix: /add it to the compliance setting/ });
    // Listed in the setting, the same namespace is admitted.
    const allowed = setup({ ingressControllerNamespace: 'traefik', ingressControllerPrincipal: 'cluster.local/ns/traefik/sa/ingress-nginx' },
      { ingressControllerNamespaces: ['ingress-nginx', 'traefik'] }).objects();
    expect(find(allowed, 'NetworkPolicy', 'web').spec.ingress[0].from)
      .toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }]);
    expect(find(allowed, 'Ingress', 'public').metadata.annotations['soc2.cdk8s.io/ingress-controller-namespace']).toBe('traefik');
  });

  test('an ingress controller namespace while the app admits none: the fix is to list it, as there is none to pick', () => {
    const given = () => setup({ ingressControllerNamespace: 'ingress-nginx' }, { ingressControllerNamespaces: [] });
    expectError(given, {
      code: 'INVALID_PROP', prop: 'ingressControllerNamespace', value: '"ingress-nginx"', problem: /is not one of the app's ingressControllerNamespaces \(none\)/,
      fix: /add it to the compliance setting ingressControllerNamespaces \(new CompliantApp\(\{ compliance: \{ ingressControllerNamespaces: \["ingress-nginx"\] \} \}\)\)$/m,
    });
    expect(given).toThrow(/\. Fix: add it to the compliance setting/);
  });

  test('the backends\' own namespace as the ingress controller namespace', () => {
    expectError(() => setup({ ingressControllerNamespace: 'shop', ingressControllerPrincipal: 'cluster.local/ns/shop/sa/ingress-nginx' }),
      { code: 'INVALID_PROP', prop: 'ingressControllerNamespace', value: '"shop"', fix: /namespace of its own/ });
  });

  test('a prop it does not know', () => {
    expectError(() => setup({ keySise: 384 } as never), { code: 'INVALID_PROP', prop: 'keySise', value: '384', problem: /is not a prop of this construct/, fix: /did you mean "keySize"/ });
  });

  test('a misspelt setting of a rule or of a path, which would otherwise read as a missing one', () => {
    expectError(() => setup(f => ({ host: undefined, backend: undefined, rules: [{ host: 'pay.example.com', paths: [{ path: '/api', bakend: f.api } as never] }] })),
      { code: 'INVALID_PROP', prop: 'rules[0].paths[0].bakend', value: 'shop/api', problem: /is not a setting of this prop/, fix: /remove it, or did you mean "backend"\?/ });
    expectError(() => setup(f => ({ host: undefined, backend: undefined, rules: [{ hosts: ['pay.example.com'], paths: [{ backend: f.web }] } as never] })),
      { code: 'INVALID_PROP', prop: 'rules[0].hosts', value: '["pay.example.com"]', problem: /is not a setting of this prop/, fix: /remove it, or did you mean "host"\?/ });
  });

  test('a wildcard controller principal', () => {
    expectError(() => setup({ ingressControllerPrincipal: '*' }), { code: 'INVALID_PROP', prop: 'ingressControllerPrincipal', value: '"*"', fix: /cluster.local\/ns\/ingress-nginx\/sa\// });
  });

  test('a controller principal written as a SPIFFE ID, with its scheme: the principal without it is the fix', () => {
    expectError(() => setup({ ingressControllerPrincipal: 'spiffe://cluster.local/ns/ingress-nginx/sa/ingress-nginx' }), {
      code: 'INVALID_PROP', prop: 'ingressControllerPrincipal', value: '"spiffe://cluster.local/ns/ingress-nginx/sa/ingress-nginx"',
      problem: /is a SPIFFE ID: Istio principals leave out its "spiffe:\/\/" scheme/, fix: /use "cluster\.local\/ns\/ingress-nginx\/sa\/ingress-nginx"/,
    });
    // The scheme in any case (URI schemes are case-insensitive).
    expect(() => setup({ ingressControllerPrincipal: 'SPIFFE://cluster.local/ns/ingress-nginx/sa/ingress-nginx' }))
      .toThrow(/is a SPIFFE ID.*Fix: use "cluster\.local\/ns\/ingress-nginx\/sa\/ingress-nginx"/);
    // In another namespace as well: both problems, in one error.
    expect(() => setup({ ingressControllerPrincipal: 'spiffe://cluster.local/ns/edge/sa/nginx' }))
      .toThrow(/2 invalid props\n.*is a SPIFFE ID.*Fix: use "cluster\.local\/ns\/edge\/sa\/nginx"\n.*is in namespace "edge", but ingressControllerNamespace is "ingress-nginx"/);
  });

  test('a controller principal from another namespace than the controller namespace', () => {
    expectError(() => setup({ ingressControllerPrincipal: 'cluster.local/ns/kube-system/sa/default' }),
      { code: 'INVALID_PROP', prop: 'ingressControllerPrincipal', value: '"cluster.local/ns/kube-system/sa/default"', fix: /same controller in both props/ });
  });

  test('an invalid name', () => {
    expectError(() => setup({ name: 'Public_Site' }), { code: 'INVALID_NAME', prop: 'name', value: '"Public_Site"', fix: /public-site/ });
  });

  test('a name of 64 characters, longer than the label values it becomes', () => {
    const name = `public-${'a'.repeat(57)}`;
    expect(() => setup({ name })).toThrow(`[INVALID_NAME] shop/public: invalid prop\n  - name = "${name}": is 64 characters long, and must be a DNS-1123 label: lower-case letters, digits and '-', `
      + 'starting with a letter or digit, ending with a letter or digit, at most 63 characters (it is also the value of the app.kubernetes.io/name and '
      + 'app.kubernetes.io/instance labels of the Ingress and the Certificate, which cert-manager copies onto its CertificateRequests and Orders, '
      + 'and a label value holds at most 63 characters; a dot would blur it with the "<name>.<backend>" Ingresses of other backends). '
      + `Fix: use a name like "${name.slice(0, 63)}"`);
  });

  test('a reference to an issuer with an invalid name', () => {
    expectError(() => setup({ issuer: Issuer.clusterIssuer('Lets Encrypt') }),
      { code: 'INVALID_ISSUER', prop: 'issuer (ClusterIssuer name)', value: '"Lets Encrypt"', fix: /name of the existing ClusterIssuer/ });
  });

  test('an issuer that is not one', () => {
    expectError(() => setup({ issuer: 'letsencrypt-prod' as never }), { code: 'INVALID_ISSUER', prop: 'issuer', value: '"letsencrypt-prod"', fix: /Issuer.clusterIssuer/ });
  });

  test('a DNS-01 definition without a provider', () => {
    expectError(() => setup({ issuer: Issuer.acmeDns01({} as never) }), { code: 'INVALID_ISSUER', prop: 'issuer.provider', value: 'undefined', fix: /Dns01Provider.cloudflare/ });
  });

  test('a DNS-01 provider secret reference without a key', () => {
    expectError(() => setup({ issuer: Issuer.acmeDns01({ provider: Dns01Provider.cloudflare({ apiToken: { secret: 'cf' } as never }) }) }),
      { code: 'INVALID_ISSUER', prop: 'issuer.provider.apiToken.key', value: 'undefined', fix: /name the key inside the Secret/ });
  });

  test('a DNS-01 provider without options (from JavaScript)', () => {
    for (const provider of [(Dns01Provider.cloudflare as any)(), (Dns01Provider.route53 as any)(), (Dns01Provider.rfc2136 as any)(), (Dns01Provider.cloudDns as any)()]) {
      expect(() => setup({ issuer: Issuer.acmeDns01({ provider }) })).toThrow(/\[INVALID_ISSUER\] shop\/public: .*issuer.provider/s);
    }
  });

  test('Route 53 options of the wrong form', () => {
    expectError(() => setup({ issuer: Issuer.acmeDns01({ provider: Dns01Provider.route53({ region: 'eu-west-1', role: 42 as never }) }) }),
      { code: 'INVALID_ISSUER', prop: 'issuer.provider.role', value: '42', problem: /is not the ARN of an IAM role/, fix: /arn:aws:iam::/ });
    expectError(() => setup({ issuer: Issuer.acmeDns01({ provider: Dns01Provider.route53({ region: 'eu-west-1', hostedZoneId: {} as never }) }) }),
      { code: 'INVALID_ISSUER', prop: 'issuer.provider.hostedZoneId', value: '{}', problem: /is not a Route 53 hosted zone id/, fix: /omit it/ });
  });

  test('an RFC 2136 nameserver with a port out of range', () => {
    expectError(() => setup({ issuer: Issuer.acmeDns01({ provider: Dns01Provider.rfc2136({
      nameserver: 'ns1.example.com:99999', tsigKeyName: 'acme', tsigSecret: { secret: 'tsig', key: 'k' },
    }) }) }), { code: 'INVALID_ISSUER', prop: 'issuer.provider.nameserver', value: '"ns1.example.com:99999"', problem: /a port from 1 to 65535/, fix: /ns1.example.com:53/ });
  });

  test('an RFC 2136 nameserver whose host is no host name, IPv4 or bracketed IPv6 address', () => {
    const rfc = (nameserver: string) => setup({ issuer: Issuer.acmeDns01({ provider: Dns01Provider.rfc2136({ nameserver, tsigKeyName: 'acme', tsigSecret: { secret: 'tsig', key: 'k' } }) }) });
    for (const [nameserver, host] of [['-:53', '-'], ['...:53', '...'], ['999.1.1.1:53', '999.1.1.1'], ['[:::]:53', '[:::]'], ['ns_1.example.com', 'ns_1.example.com']]) {
      expectError(() => rfc(nameserver), {
        code: 'INVALID_ISSUER', prop: 'issuer.provider.nameserver', value: JSON.stringify(nameserver),
        problem: new RegExp(`names the host "${host.replace(/[.[\]]/g, '\\$&')}", which is no host name, IPv4 address or bracketed IPv6 address`), fix: /\[2001:db8::53\]:53/,
      });
    }
    expectError(() => rfc('2001:db8::53'), {
      code: 'INVALID_ISSUER', prop: 'issuer.provider.nameserver', value: '"2001:db8::53"', problem: /an IPv6 address without brackets/, fix: /write it "\[2001:db8::53\]:53"/,
    });
    for (const nameserver of ['ns1.example.com', 'NS1.Example.com:53', '192.0.2.53:5353', '[2001:db8::53]:53', '[2001:db8::53]', 'bind']) expect(() => rfc(nameserver)).not.toThrow();
  });

  test('an RFC 2136 TSIG key name that is no domain name', () => {
    expectError(() => setup({ issuer: Issuer.acmeDns01({ provider: Dns01Provider.rfc2136({
      nameserver: 'ns1.example.com:53', tsigKeyName: 'k\n:x', tsigSecret: { secret: 'tsig', key: 'k' },
    }) }) }), { code: 'INVALID_ISSUER', prop: 'issuer.provider.tsigKeyName', value: '"k\\n:x"', problem: /is not a TSIG key name/, fix: /acme-update\./ });
  });

  test('a TSIG algorithm weaker than SHA-256', () => {
    expectError(() => setup({ issuer: Issuer.acmeDns01({ provider: Dns01Provider.rfc2136({
      nameserver: 'ns1.example.com:53', tsigKeyName: 'acme', tsigSecret: { secret: 'tsig', key: 'k' }, tsigAlgorithm: 'HMACMD5' as never,
    }) }) }), { code: 'INVALID_ISSUER', prop: 'issuer.provider.tsigAlgorithm', value: '"HMACMD5"', fix: /'HMACSHA256' or 'HMACSHA512'/ });
  });

  test('a TSIG algorithm cert-manager does not support (HMACSHA384)', () => {
    expectError(() => setup({ issuer: Issuer.acmeDns01({ provider: Dns01Provider.rfc2136({
      nameserver: 'ns1.example.com:53', tsigKeyName: 'acme', tsigSecret: { secret: 'tsig', key: 'k' }, tsigAlgorithm: 'HMACSHA384' as never,
    }) }) }), { code: 'INVALID_ISSUER', prop: 'issuer.provider.tsigAlgorithm', value: '"HMACSHA384"', problem: /is not a TSIG algorithm cert-manager supports/, fix: /'HMACSHA256' or 'HMACSHA512'/ });
  });

  test('a CA definition with an invalid Secret name', () => {
    expectError(() => setup({ issuer: Issuer.ca({ secretName: 'Internal CA' }) }), { code: 'INVALID_ISSUER', prop: 'issuer.secretName', value: '"Internal CA"', problem: /must be a DNS-1123 subdomain: .* at most 253 characters/, fix: /CA certificate and key/ });
  });

  test('an HTTP-01 definition solving through another ingress class', () => {
    expectError(() => setup({ issuer: Issuer.acmeHttp01({ ingressClassName: 'traefik' }) }),
      { code: 'INVALID_ISSUER', prop: 'issuer.ingressClassName', value: '"traefik"', fix: /same ingress class/ });
  });

  test('two different issuer definitions with one name in a namespace', () => {
    expectError(() => setup(f => {
      new CertManagedIngress(f.chart, 'first', { host: 'a.example.com', backend: f.web, issuer: Issuer.ca({ name: 'team-ca', secretName: 'ca-a' }) });
      return { issuer: Issuer.ca({ name: 'team-ca', secretName: 'ca-b' }) };
    }), { code: 'DUPLICATE_NAME', prop: 'issuer.name', value: '"team-ca"', fix: /reuse the same Issuer/ });
  });

  test('a host already served by another CertManagedIngress', () => {
    expectError(() => setup(f => {
      new CertManagedIngress(f.chart, 'first', { host: 'pay.example.com', backend: f.web, issuer: LETS_ENCRYPT });
      return {};
    }), { code: 'DUPLICATE_NAME', prop: 'host', value: '"pay.example.com"', fix: /serve each host from one CertManagedIngress/ });
  });

  test('a host already served by another CertManagedIngress is named by the prop that gave it (hosts[i] or rules[i].host)', () => {
    expectError(() => setup(f => {
      new CertManagedIngress(f.chart, 'first', { host: 'pay.example.com', backend: f.web, issuer: LETS_ENCRYPT });
      return { host: undefined, hosts: ['www.pay.example.com', 'pay.example.com'] };
    }), { code: 'DUPLICATE_NAME', prop: 'hosts[1]', value: '"pay.example.com"', problem: /already used by shop\/first/, fix: /serve each host from one CertManagedIngress/ });
    expectError(() => setup(f => {
      new CertManagedIngress(f.chart, 'first', { host: 'pay.example.com', backend: f.web, issuer: LETS_ENCRYPT });
      return { host: undefined, backend: undefined, rules: [{ host: 'pay.example.com', paths: [{ path: '/api', backend: f.web }] }] };
    }), { code: 'DUPLICATE_NAME', prop: 'rules[0].host', value: '"pay.example.com"', problem: /already used by shop\/first/, fix: /serve each host from one CertManagedIngress/ });
  });

  test('a host served from another namespace: the fix is a host of its own or the backends moved, not the impossible merge', () => {
    expectError(() => setup(f => {
      const docs = namespace(f.chart, 'docs');
      const site = new CompliantWorkload(f.chart, 'site', { namespace: docs, image: IMAGE, port: 8080 });
      new CertManagedIngress(f.chart, 'docs-ingress', { host: 'pay.example.com', backend: site, issuer: LETS_ENCRYPT });
      return { host: undefined, backend: undefined, rules: [{ host: 'pay.example.com', paths: [{ path: '/checkout', backend: f.web }] }] };
    }), {
      code: 'DUPLICATE_NAME', prop: 'rules[0].host', value: '"pay.example.com"',
      problem: /already used by shop\/docs-ingress, in namespace "docs" \(a CertManagedIngress routes to the workloads of its own namespace only\)/,
      fix: /give this ingress a host of its own, or run its backends in namespace "docs" and add their paths to the rules of shop\/docs-ingress/,
    });
  });

  test('a host served in the same namespace: the fix names the ingress to add the paths to', () => {
    expectError(() => setup(f => {
      new CertManagedIngress(f.chart, 'first', { host: 'pay.example.com', backend: f.web, issuer: LETS_ENCRYPT });
      return { host: undefined, backend: undefined, rules: [{ host: 'pay.example.com', paths: [{ path: '/api', backend: f.api }] }] };
    }), { code: 'DUPLICATE_NAME', prop: 'rules[0].host', value: '"pay.example.com"', problem: /is already used by shop\/first\. Fix: serve each host/, fix: /add these paths to the rules of shop\/first/ });
  });

  test('a workload named like the ACME HTTP-01 solver NetworkPolicy of its namespace, in either order', () => {
    expectError(() => setup(f => {
      new CompliantWorkload(f.chart, 'solver', { namespace: f.ns, name: 'acme-http01-solver-from-ingress-nginx', image: IMAGE, port: 8080 });
      return {};
    }), { code: 'DUPLICATE_NAME', prop: 'issuer', value: '"acme-http01-solver-from-ingress-nginx"', fix: /unique id or name/, problem: /already taken in namespace "shop" by workload "acme-http01-solver-from-ingress-nginx"/ });
    const { chart, ns } = setup();
    expectSoc2Error(() => new CompliantWorkload(chart, 'solver', { namespace: ns, name: 'acme-http01-solver-from-ingress-nginx', image: IMAGE, port: 8080 }),
      { code: 'DUPLICATE_NAME', path: 'shop/solver', prop: 'name', value: '"acme-http01-solver-from-ingress-nginx"', fix: /unique id or name/, problem: /already taken in namespace "shop" by the ACME HTTP-01 solver NetworkPolicy of shop\/public/ });
  });

  test('a certificate Secret that is one of the namespaced issuer\'s own Secrets', () => {
    const problem = /is one of the Secrets of Issuer "team-issuer" \(CA key pair, ACME account key or DNS provider credentials\): cert-manager would write the certificate over it/;
    for (const issuer of [
      Issuer.ca({ name: 'team-issuer', secretName: 'public-tls' }),
      Issuer.acmeHttp01({ name: 'team-issuer', accountKeySecretName: 'public-tls' }),
      Issuer.acmeDns01({ name: 'team-issuer', provider: Dns01Provider.cloudflare({ apiToken: { secret: 'public-tls', key: 'api-token' } }) }),
    ]) {
      expectError(() => setup({ issuer }), { code: 'DUPLICATE_NAME', prop: 'secretName', value: '"public-tls"', problem, fix: /leave secretName unset/ });
    }
  });

  test('a later ingress whose certificate Secret is the issuer\'s, and an issuer whose Secret is an earlier certificate\'s', () => {
    const ca = Issuer.ca({ name: 'team-ca', secretName: 'team-ca-keypair' });
    expectError(() => setup(f => {
      new CertManagedIngress(f.chart, 'first', { host: 'a.example.com', backend: f.web, issuer: ca });
      return { issuer: ca, secretName: 'team-ca-keypair' };
    }), { code: 'DUPLICATE_NAME', prop: 'secretName', value: '"team-ca-keypair"', problem: /already used by the Secrets of Issuer "team-ca"/, fix: /its own secretName/ });
    expectError(() => setup(f => {
      new CertManagedIngress(f.chart, 'first', { host: 'a.example.com', backend: f.web, issuer: LETS_ENCRYPT });
      return { issuer: Issuer.ca({ name: 'team-ca', secretName: 'first-tls' }) };
    }), { code: 'DUPLICATE_NAME', prop: 'issuer', value: '"first-tls"', problem: /names a Secret that shop\/first already uses/, fix: /their own names/ });
  });

  test('two namespaced issuers that read one Secret (a DNS token for staging and production)', () => {
    const token = Dns01Provider.cloudflare({ apiToken: { secret: 'cloudflare-token', key: 'api-token' } });
    expect(() => setup(f => {
      new CertManagedIngress(f.chart, 'first', { host: 'a.example.com', backend: f.web, issuer: Issuer.acmeDns01({ name: 'staging', provider: token }) });
      return { issuer: Issuer.acmeDns01({ name: 'production', provider: token }) };
    }).objects()).not.toThrow();
  });

  test('one namespaced issuer shared by several ingresses, and ClusterIssuers whose Secrets live with cert-manager', () => {
    const ca = Issuer.ca({ name: 'team-ca', secretName: 'team-ca-keypair' });
    expect(() => setup(f => {
      new CertManagedIngress(f.chart, 'first', { host: 'a.example.com', backend: f.web, issuer: ca });
      return { issuer: ca };
    }).objects()).not.toThrow();
    expect(() => setup({ issuer: Issuer.clusterIssuer('team-ca'), secretName: 'team-ca-keypair' }).objects()).not.toThrow();
  });

  test('null options of an issuer reference from JavaScript are no options', () => {
    expect(() => setup({ issuer: Issuer.clusterIssuer('letsencrypt-prod', null as any) }).objects()).not.toThrow();
  });

  test('a ClusterIssuer whose ACME server is plain http', () => {
    const { app } = newChart('platform');
    expectError(() => new ClusterIssuer(app.charts[0], 'le', { issuer: Issuer.acmeHttp01({ server: 'http://acme.example.com' }) }),
      { code: 'INVALID_ISSUER', path: 'platform/le', prop: 'issuer.server', value: '"http://acme.example.com"', fix: /https URL/ });
  });

  test('a ClusterIssuer without props (from JavaScript)', () => {
    const { app } = newChart('platform');
    expectError(() => new ClusterIssuer(app.charts[0], 'le', undefined as never),
      { code: 'INVALID_ISSUER', path: 'platform/le', prop: 'issuer', value: 'undefined', fix: /Issuer.acmeHttp01/ });
  });

  test('the same ClusterIssuer name twice', () => {
    const { app } = newChart('platform');
    new ClusterIssuer(app.charts[0], 'le', { issuer: Issuer.acmeHttp01() });
    expectError(() => new ClusterIssuer(new Chart(app, 'other'), 'le', { issuer: Issuer.acmeHttp01() }),
      { code: 'DUPLICATE_NAME', path: 'other/le', prop: 'id', value: '"le"', fix: /unique name/ });
  });
});

describe('Testing.synth of one chart', () => {
  test('runs the compliance check over the whole app', () => {
    const { chart } = setup();
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});

describe('ACME HTTP-01 solver pods and the namespace quota', () => {
  /** The quota of namespace shop with one big workload behind an ingress of `hosts` hosts. */
  function quota(issuer: CertManagedIngressProps['issuer'] | undefined, hosts: string[], quotaProps: Record<string, unknown> = {}) {
    const { app, chart } = newChart('shop');
    const ns = namespace(chart, 'shop', { quota: quotaProps });
    const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080, replicas: 2, resources: { limits: { cpu: '4', memory: '8Gi' } } });
    if (issuer) new CertManagedIngress(chart, 'public', { hosts, backend: web, issuer });
    return find(synthApp(app), 'ResourceQuota', 'quota').spec.hard;
  }

  test('a quota sized to the workloads leaves room for one solver pod per host of an HTTP-01 ingress, none for DNS-01', () => {
    const workloads = quota(undefined, []);
    expect(workloads['limits.cpu']).toBe('13500m');
    const http01 = quota(LETS_ENCRYPT, ['a.example.com', 'b.example.com']);
    expect([http01['limits.cpu'], http01['requests.cpu'], http01['limits.memory'], http01.pods]).toEqual(['13700m', '13700m', '25472Mi', '100']);
    expect(workloads['limits.memory']).toBe('25344Mi');
    expect(quota(Issuer.acmeDns01({ provider: CLOUDFLARE }), ['a.example.com', 'b.example.com'])['limits.cpu']).toBe('13500m');
  });

  test('a quota set in the props that holds the workloads but not the solver pods is refused, naming the issuer', () => {
    expectSoc2Error(() => quota(LETS_ENCRYPT, ['a.example.com'], { cpu: '13500m' }), {
      code: 'INVALID_PROP', path: 'shop/public', prop: 'issuer', value: '"ClusterIssuer/letsencrypt-prod"',
      problem: /solves ACME HTTP-01: with one solver pod per host \(100m CPU, 64Mi of memory each\) beside the workloads, namespace "shop" would need 13600m CPU of limits/,
      fix: /raise quota.cpu of namespace "shop" to at least 13600m.*DNS-01 issuer/,
    });
  });
});
