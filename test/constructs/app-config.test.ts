import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import { CertManagedIngress, Compliance, CompliantApp, CompliantWorkload, Issuer, MeshMtls, Soc2Error } from '../../constructs';
import { ComplianceConfig } from '../../src/compliance/config';
import { configProblems } from '../../src/compliance/config-check';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { expectSoc2Error } from '../support/errors';
import { IMAGE, namespace } from '../support/synth';

/** A chart in a CompliantApp with the given compliance settings, and its namespace `shop`. */
function appWith(compliance: ComplianceConfig): { app: CompliantApp; chart: Chart; ns: ReturnType<typeof namespace> } {
  const app = new CompliantApp({ compliance, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-config-')) });
  const chart = new Chart(app, 'shop');
  return { app, chart, ns: namespace(chart, 'shop') };
}

function objectOf(chart: Chart, kind: string, name: string): any {
  const found = Testing.synth(chart).find(o => o.kind === kind && o.metadata.name === name);
  expect(found).toBeDefined();
  return found;
}

describe('the constructs follow the app\'s compliance settings, so that what they emit passes the check the app runs', () => {
  test('minReplicas above 2 raises the default and the floor of replicas and of autoscaling', () => {
    const { app, chart, ns } = appWith({ minReplicas: 3 });
    new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    new CompliantWorkload(chart, 'api', { namespace: ns, image: IMAGE, port: 8080, autoscaling: { maxReplicas: 6 } });
    expect(objectOf(chart, 'Deployment', 'web').spec.replicas).toBe(3);
    expect(objectOf(chart, 'HorizontalPodAutoscaler', 'api').spec.minReplicas).toBe(3);
    expect(() => app.synth()).not.toThrow();
    expectSoc2Error(() => new CompliantWorkload(chart, 'two', { namespace: ns, image: IMAGE, port: 8080, replicas: 2 }),
      { code: 'INVALID_PROP', path: 'shop/two', prop: 'replicas', value: '2', problem: /must be an integer from 3 \(the app's minReplicas setting\)/, fix: /omit replicas \(default 3\)/ });
    expectSoc2Error(() => new CompliantWorkload(chart, 'hpa', { namespace: ns, image: IMAGE, port: 8080, autoscaling: { minReplicas: 2, maxReplicas: 6 } }),
      { code: 'INVALID_PROP', path: 'shop/hpa', prop: 'autoscaling.minReplicas', value: '2', problem: /must be an integer from 3 \(the app's minReplicas setting\)/, fix: /omit it \(default 3\)/ });
  });

  test('minReplicas 1 lets a workload run one replica without a suppression; singleReplica then only makes it roll out by Recreate', () => {
    const { app, chart, ns } = appWith({ minReplicas: 1 });
    new CompliantWorkload(chart, 'db', { namespace: ns, image: IMAGE, port: 5432, replicas: 1 });
    const deployment = objectOf(chart, 'Deployment', 'db');
    expect(deployment.spec.replicas).toBe(1);
    expect(Object.keys(deployment.metadata.annotations ?? {}).filter(k => k.includes('suppress'))).toEqual([]);
    expect(() => app.synth()).not.toThrow();
    new CompliantWorkload(chart, 'single', { namespace: ns, image: IMAGE, port: 8080, singleReplica: { reason: 'a database without replication (DB-3)' } });
    const single = objectOf(chart, 'Deployment', 'single');
    expect(single.spec).toMatchObject({ replicas: 1, strategy: { type: 'Recreate' } });
    expect(Object.keys(single.metadata.annotations ?? {}).filter(k => k.includes('suppress'))).toEqual([]);
    expect(() => app.synth()).not.toThrow();
    expectSoc2Error(() => new CompliantWorkload(chart, 'none', { namespace: ns, image: IMAGE, port: 8080, replicas: 0 }),
      { code: 'INVALID_PROP', path: 'shop/none', prop: 'replicas', value: '0', problem: /must be an integer from 1 \(a workload without replicas runs nothing\)/, fix: /omit replicas \(default 2\)/ });
    // The default stays 2.
    new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    expect(objectOf(chart, 'Deployment', 'web').spec.replicas).toBe(2);
  });

  test('classificationLabel and ownerLabel name the labels a SensitiveNamespace writes', () => {
    const { app, chart } = appWith({ classificationLabel: 'example.com/data-class', ownerLabel: 'example.com/team' });
    const labels = objectOf(chart, 'Namespace', 'shop').metadata.labels;
    expect(labels['example.com/data-class']).toBe('confidential');
    expect(labels['example.com/team']).toBe('team-a');
    expect(Object.keys(labels).filter(k => k.startsWith('soc2.cdk8s.io/'))).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  test('meshRootNamespace is the default root of MeshMtls and of the namespaces\' mesh egress; ingressControllerNamespaces the default controller namespace', () => {
    const { app, chart, ns } = appWith({ meshRootNamespace: 'mesh-root', ingressControllerNamespaces: ['traefik', 'ingress-nginx'] });
    const mesh = new MeshMtls(new Chart(app, 'platform'), 'mesh');
    expect(mesh.rootNamespace).toBe('mesh-root');
    expect(ns.meshRootNamespace).toBe('mesh-root');
    const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    new CertManagedIngress(chart, 'public', { host: 'pay.example.com', backend: web, issuer: Issuer.clusterIssuer('le', { challenge: 'HTTP01' }) });
    const policy = objectOf(chart, 'NetworkPolicy', 'web');
    expect(JSON.stringify(policy.spec.ingress)).toContain('"kubernetes.io/metadata.name":"traefik"');
    expect(() => app.synth()).not.toThrow();
    const none = appWith({ ingressControllerNamespaces: [] });
    const api = new CompliantWorkload(none.chart, 'api', { namespace: none.ns, image: IMAGE, port: 8080 });
    expectSoc2Error(() => new CertManagedIngress(none.chart, 'public', { host: 'pay.example.com', backend: api, issuer: Issuer.clusterIssuer('le', { challenge: 'HTTP01' }) }),
      { code: 'INVALID_PROP', path: 'shop/public', prop: 'ingressControllerNamespace', value: 'undefined', problem: /has no default: the app's ingressControllerNamespaces setting is empty/, fix: /pass the namespace the ingress controller runs in/ });
  });

  test('maxCertificateDays and minRsaKeySize set the certificate\'s defaults and limits', () => {
    const { app, chart, ns } = appWith({ maxCertificateDays: 30, minRsaKeySize: 3072 });
    const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    const issuer = Issuer.clusterIssuer('le', { challenge: 'HTTP01' });
    new CertManagedIngress(chart, 'ecdsa', { host: 'a.example.com', backend: web, issuer });
    new CertManagedIngress(chart, 'rsa', { host: 'b.example.com', backend: web, issuer, keyAlgorithm: 'RSA' });
    expect(objectOf(chart, 'Certificate', 'ecdsa').spec).toMatchObject({ duration: '720h0m0s', renewBefore: '240h0m0s', privateKey: { algorithm: 'ECDSA', size: 256 } });
    expect(objectOf(chart, 'Certificate', 'rsa').spec.privateKey).toMatchObject({ algorithm: 'RSA', size: 3072 });
    expect(() => app.synth()).not.toThrow();
    expectSoc2Error(() => new CertManagedIngress(chart, 'long', { host: 'c.example.com', backend: web, issuer, certificateDuration: Duration.days(60) }),
      { code: 'INVALID_CERTIFICATE', path: 'shop/long', prop: 'certificateDuration', value: '"60 days"', problem: /exceeds 30 days \(the app's maxCertificateDays setting\)/, fix: /use Duration.days\(30\) or less/ });
    expectSoc2Error(() => new CertManagedIngress(chart, 'weak', { host: 'd.example.com', backend: web, issuer, keyAlgorithm: 'RSA', keySize: 2048 }),
      { code: 'INVALID_CERTIFICATE', path: 'shop/weak', prop: 'keySize', value: '2048', problem: /below the app's minRsaKeySize setting \(3072\)/, fix: /use one of 3072, 4096 for RSA, or ECDSA/ });
    expectSoc2Error(() => new CertManagedIngress(chart, 'broken', { host: 'e.example.com', backend: web, issuer, keyAlgorithm: 'RSA', keySize: 1024 }),
      { code: 'INVALID_CERTIFICATE', path: 'shop/broken', prop: 'keySize', value: '1024', problem: /is too small for RSA/, fix: /use one of 3072, 4096 for RSA, or ECDSA/ });
    const day = appWith({ maxCertificateDays: 1 });
    const api = new CompliantWorkload(day.chart, 'api', { namespace: day.ns, image: IMAGE, port: 8080 });
    new CertManagedIngress(day.chart, 'daily', { host: 'a.example.com', backend: api, issuer });
    expect(objectOf(day.chart, 'Certificate', 'daily').spec).toMatchObject({ duration: '24h0m0s', renewBefore: '8h0m0s' });
    expectSoc2Error(() => new CertManagedIngress(day.chart, 'late', { host: 'b.example.com', backend: api, issuer, renewBefore: Duration.days(30) }),
      { code: 'INVALID_CERTIFICATE', path: 'shop/late', prop: 'renewBefore', value: '"30 days"', problem: /is not shorter than the certificate duration \(1 day\)/, fix: /e.g. Duration.hours\(8\), or omit renewBefore/ });
    const strict = appWith({ minRsaKeySize: 8192 });
    const db = new CompliantWorkload(strict.chart, 'db', { namespace: strict.ns, image: IMAGE, port: 8080 });
    expectSoc2Error(() => new CertManagedIngress(strict.chart, 'rsa', { host: 'a.example.com', backend: db, issuer, keyAlgorithm: 'RSA' }),
      { code: 'INVALID_CERTIFICATE', path: 'shop/rsa', prop: 'keyAlgorithm', value: '"RSA"', problem: /below the app's minRsaKeySize setting \(8192\)/, fix: /use ECDSA, or lower the compliance setting minRsaKeySize/ });
  });

  test('a lifetime Let\'s Encrypt does not issue is refused: it issues 90 days whatever the Certificate asks', () => {
    const { chart, ns } = appWith({ maxCertificateDays: 30 });
    const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    expectSoc2Error(() => new CertManagedIngress(chart, 'le', { host: 'a.example.com', backend: web, issuer: Issuer.acmeHttp01() }), {
      code: 'INVALID_CERTIFICATE', path: 'shop/le', prop: 'issuer', value: '"Let\'s Encrypt"',
      problem: /cannot meet the app's maxCertificateDays setting \(30\): Let's Encrypt issues 90-day certificates whatever the Certificate asks/,
      fix: /e.g. Issuer.ca\(\.\.\.\), or set the app's maxCertificateDays to 90$/,
    });
    // A private ACME server may honour it, and a referenced issuer is not known.
    new CertManagedIngress(chart, 'private', { host: 'b.example.com', backend: web, issuer: Issuer.acmeHttp01({ server: 'https://acme.example.com/directory', name: 'private-acme' }) });
    new CertManagedIngress(chart, 'referenced', { host: 'c.example.com', backend: web, issuer: Issuer.clusterIssuer('le', { challenge: 'HTTP01' }) });
    const plain = appWith({});
    const api = new CompliantWorkload(plain.chart, 'api', { namespace: plain.ns, image: IMAGE, port: 8080 });
    expectSoc2Error(() => new CertManagedIngress(plain.chart, 'short', { host: 'a.example.com', backend: api, issuer: Issuer.acmeHttp01(), certificateDuration: Duration.days(30) }), {
      code: 'INVALID_CERTIFICATE', path: 'shop/short', prop: 'certificateDuration', value: '"30 days"', problem: /is not what the certificate gets: Let's Encrypt issues 90-day certificates/,
      fix: /omit certificateDuration \(90 days\)/,
    });
    const fresh = appWith({});
    new CertManagedIngress(fresh.chart, 'default', { host: 'b.example.com', backend: new CompliantWorkload(fresh.chart, 'api', { namespace: fresh.ns, image: IMAGE, port: 8080 }), issuer: Issuer.acmeHttp01() });
    expect(objectOf(fresh.chart, 'Certificate', 'default').spec.duration).toBe('2160h0m0s');
  });

  test('a certificateDuration alone is renewed a third of its lifetime ahead, not the default 30 days', () => {
    const { chart, ns } = appWith({});
    const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    new CertManagedIngress(chart, 'short', { host: 'a.example.com', backend: web, issuer: Issuer.clusterIssuer('le', { challenge: 'HTTP01' }), certificateDuration: Duration.days(21) });
    expect(objectOf(chart, 'Certificate', 'short').spec).toMatchObject({ duration: '504h0m0s', renewBefore: '168h0m0s' });
  });

  test('today dates the constructs\' exceptions as it dates the check\'s suppressions', () => {
    const { app, chart, ns } = appWith({ today: '2026-01-01' });
    new MeshMtls(new Chart(app, 'platform'), 'mesh', { mode: 'PERMISSIVE', migrationWindow: { reason: 'legacy clients move to mTLS (NET-7)', expires: '2026-01-20' } });
    new CompliantWorkload(chart, 'db', { namespace: ns, image: IMAGE, port: 8080, singleReplica: { reason: 'a database without replication (DB-3)', expires: '2026-03-01' } });
    expect(() => app.synth()).not.toThrow();
    const later = appWith({ today: '2026-04-01' });
    expectSoc2Error(() => new CompliantWorkload(later.chart, 'db', { namespace: later.ns, image: IMAGE, port: 8080, singleReplica: { reason: 'a database without replication (DB-3)', expires: '2026-03-01' } }),
      { code: 'INVALID_PROP', path: 'shop/db', prop: 'singleReplica.expires', value: '"2026-03-01"', problem: /is in the past \(today is 2026-04-01\)/, fix: /renew the exception/ });
  });

  test('requiredWorkloadLabels: a workload without them is refused, and its labels prop carries them to the workload and its pods', () => {
    const { app, chart, ns } = appWith({ requiredWorkloadLabels: ['app.kubernetes.io/name', 'example.com/team'] });
    expectSoc2Error(() => new CompliantWorkload(chart, 'bare', { namespace: ns, image: IMAGE, port: 8080 }),
      { code: 'INVALID_PROP', path: 'shop/bare', prop: 'labels', value: 'undefined', problem: /lacks "example.com\/team", which the app's requiredWorkloadLabels setting requires/, fix: /add "example.com\/team": "<value>" to labels/ });
    new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080, labels: { 'example.com/team': 'payments', 'cost-centre': 'cc-42' } });
    const deployment = objectOf(chart, 'Deployment', 'web');
    for (const labels of [deployment.metadata.labels, deployment.spec.template.metadata.labels, objectOf(chart, 'Service', 'web').metadata.labels]) {
      expect(labels).toMatchObject({ 'app.kubernetes.io/name': 'web', 'example.com/team': 'payments', 'cost-centre': 'cc-42' });
    }
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' });
    expect(() => app.synth()).not.toThrow();
  });

  test('requiredWorkloadLabels under a prefix CompliantWorkload refuses is refused at each workload, naming the setting, not asked for in labels', () => {
    const required = ['app.kubernetes.io/part-of', 'example.com/team', 'sidecar.istio.io/inject', 'topology.kubernetes.io/zone', 'soc2.cdk8s.io/tier'];
    expect(configProblems({ requiredWorkloadLabels: required })).toEqual([]);
    const { chart, ns } = appWith({ requiredWorkloadLabels: required });
    let thrown: unknown;
    try {
      new CompliantWorkload(chart, 'api', { namespace: ns, image: IMAGE, port: 8080, labels: { 'example.com/team': 'payments' } });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Soc2Error);
    expect((thrown as Soc2Error).problems.map(p => [p.prop, p.value])).toEqual([
      ['compliance.requiredWorkloadLabels', 'sidecar.istio.io/inject'],
      ['compliance.requiredWorkloadLabels', 'topology.kubernetes.io/zone'],
      ['compliance.requiredWorkloadLabels', 'soc2.cdk8s.io/tier'],
    ]);
    expectSoc2Error(() => new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080, labels: { 'example.com/team': 'payments' } }), {
      code: 'INVALID_PROP', path: 'shop/web', prop: 'compliance.requiredWorkloadLabels', value: '"sidecar.istio.io/inject"',
      problem: /is a label under "sidecar.istio.io", which steers Kubernetes or the mesh, so a CompliantWorkload never sets it \(nor takes it in labels\): no workload of this app could carry it/,
      fix: /require a label under your organisation's prefix instead \(e.g. "example.com\/team"\) in the CompliantApp's compliance settings; keep "sidecar.istio.io\/inject" only in the settings of `cdk8s-soc2 check --config`/,
    });
    // Without the unmeetable keys, the same workload passes; a label it lacks is still asked for in labels.
    const ok = appWith({ requiredWorkloadLabels: ['app.kubernetes.io/part-of', 'example.com/team'] });
    new CompliantWorkload(ok.chart, 'api', { namespace: ok.ns, image: IMAGE, port: 8080, labels: { 'example.com/team': 'payments' } });
    expect(() => ok.app.synth()).not.toThrow();
  });

  test('requiredWorkloadLabels under a refused prefix can be met by manifests from elsewhere, which the check reads the same way', () => {
    const podSpec = { containers: [{ name: 'c', image: IMAGE }] };
    const labels = { 'app.kubernetes.io/name': 'api', 'sidecar.istio.io/inject': 'true' };
    const report = runCompliance(ManifestIndex.fromDocuments([{ doc: {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'team', labels },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
    }, source: { document: 1 } }]), { config: { requiredWorkloadLabels: ['sidecar.istio.io/inject'] } });
    expect(report.evaluations.filter(e => e.control.id === 'workload-required-labels').map(e => e.status)).toEqual(['passed']);
  });

  test('labels: Kubernetes\' recommended labels are the user\'s to give (a version replaces the image tag\'s), and reach the workload\'s RBAC and mesh policies', () => {
    const { app, chart, ns } = appWith({ requiredWorkloadLabels: ['app.kubernetes.io/component', 'app.kubernetes.io/version'] });
    const api = new CompliantWorkload(chart, 'api', { namespace: ns, image: `registry.example.com/team/api@sha256:${'a'.repeat(64)}`, port: 8080,
      labels: { 'app.kubernetes.io/component': 'backend', 'app.kubernetes.io/version': '1.4.2' } });
    const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080, labels: { 'app.kubernetes.io/component': 'frontend', 'app.kubernetes.io/version': '2.0.0' } });
    api.allowFrom(web);
    expect(objectOf(chart, 'Deployment', 'api').spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/component': 'backend', 'app.kubernetes.io/version': '1.4.2' });
    expect(objectOf(chart, 'AuthorizationPolicy', 'api').metadata.labels).toMatchObject({ 'app.kubernetes.io/component': 'backend' });
    expect(() => app.synth()).not.toThrow();
    expectSoc2Error(() => new CompliantWorkload(chart, 'empty', { namespace: ns, image: IMAGE, port: 8080, labels: { 'app.kubernetes.io/component': '' } }),
      { code: 'INVALID_PROP', path: 'shop/empty', prop: 'labels.app.kubernetes.io/component', value: '""', problem: /is empty, and the app's requiredWorkloadLabels setting requires a value/, fix: /give the label a value/ });
  });

  test('a renewBefore that rounds to the duration is refused: cert-manager keeps whole seconds', () => {
    const { chart, ns } = appWith({});
    const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    expectSoc2Error(() => new CertManagedIngress(chart, 'ing', { host: 'a.example.com', backend: web, issuer: Issuer.clusterIssuer('le', { challenge: 'HTTP01' }),
      certificateDuration: Duration.hours(2), renewBefore: Duration.millis(7_199_600) }),
    { code: 'INVALID_CERTIFICATE', path: 'shop/ing', prop: 'renewBefore', value: '"1 hour 59 minutes 59 seconds 600 millis"',
      problem: /is not shorter than the certificate duration \(2 hours\) once both are rounded to the whole seconds cert-manager keeps \(2 hours and 2 hours\)/, fix: /renew about a third of the lifetime ahead/ });
  });

  test('an empty required label is refused even where the workload would set it (a version replaces the image tag\'s)', () => {
    const { chart, ns } = appWith({ requiredWorkloadLabels: ['app.kubernetes.io/version'] });
    expectSoc2Error(() => new CompliantWorkload(chart, 'api', { namespace: ns, image: IMAGE, port: 8080, labels: { 'app.kubernetes.io/version': '' } }),
      { code: 'INVALID_PROP', path: 'shop/api', prop: 'labels.app.kubernetes.io/version', value: '""', problem: /is empty/, fix: /give the label a value/ });
  });

  test('Compliance.suppress refuses a control the app\'s settings turn off: the suppression would fail as not needed', () => {
    const { chart, ns } = appWith({});
    const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    expectSoc2Error(() => Compliance.suppress(web, 'image-registry-allowed', 'vendor image until the mirror lands (SEC-142)'),
      { code: 'INVALID_SUPPRESSION', path: 'shop/web', prop: 'controlId', value: '"image-registry-allowed"',
        problem: /checks nothing under the app's compliance settings \(no allowed registries are configured/, fix: /remove the suppression/ });
    const strict = appWith({ allowedRegistries: ['registry.internal.example/'] });
    const api = new CompliantWorkload(strict.chart, 'api', { namespace: strict.ns, image: IMAGE, port: 8080 });
    Compliance.suppress(api, 'image-registry-allowed', 'vendor image until the mirror lands (SEC-142)');
    expect(() => strict.app.synth()).not.toThrow();
  });
});
