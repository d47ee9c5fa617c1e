import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Duration } from 'cdk8s';
import {
  CertManagedIngress, ClusterIssuer, Compliance, CompliantApp, CompliantWorkload, CompliantWorkloadProps, Dns01Provider, HealthCheck, IIssuer, Issuer, MeshMtls, Peer,
  PodField, SensitiveNamespace,
} from '../../constructs';
import { WORKLOAD_PROPS } from '../../constructs/private/workload-props';
import { ComplianceConfig } from '../../src/compliance/config';
import { expectSoc2Error } from '../support/errors';
import { IMAGE, namespace } from '../support/synth';

/**
 * Props built from JSON write `null` for an absent field. For an optional key, at any depth, `null`
 * is the key left out: the same YAML, its secure default included. For a required key, `null` is
 * refused, naming the construct path, the prop, the value and the fix.
 */

const TODAY = '2026-01-01';
const ROLE = 'arn:aws:iam::123456789012:role/cert-manager-dns01';
const TOKEN = { secret: 'dns-token', key: 'token' };
interface Shop {
  readonly app: CompliantApp;
  readonly chart: Chart;
  readonly platform: Chart;
  readonly ns: SensitiveNamespace;
  readonly web: CompliantWorkload;
}

/** A CompliantApp (its output under /tmp) with a team chart `shop` (namespace shop, workload web) and a platform chart. */
function shop(compliance: ComplianceConfig = {}): Shop {
  const app = new CompliantApp({ compliance: { today: TODAY, ...compliance }, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-null-')) });
  const chart = new Chart(app, 'shop');
  const ns = namespace(chart, 'shop');
  return { app, chart, platform: new Chart(app, 'platform'), ns, web: new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 }) };
}

/** A CertManagedIngress serving pay.example.com from web with `issuer`. */
function ingress(f: Shop, issuer: IIssuer): CertManagedIngress {
  return new CertManagedIngress(f.chart, 'public', { host: 'pay.example.com', backend: f.web, issuer });
}

/** Every optional prop of CompliantWorkload, so that a prop added to it gets a case. */
const WORKLOAD_OPTIONAL_KEYS: readonly string[] = Object.entries(WORKLOAD_PROPS).filter(([, required]) => !required).map(([key]) => key);

/** The object of settings under test with the key set to null, or left out. */
type Apply = <T extends object>(settings: T) => T;

/** One optional key, and the app that `build` makes with the key's object of settings passed through `apply`. */
interface OptionalCase {
  readonly prop: string;
  readonly key: string;
  readonly build: (f: Shop, apply: Apply) => void;
  readonly compliance?: ComplianceConfig;
}

/** A case for each of `keys`, named `<prefix>.<key>`. */
function optional(prefix: string, keys: readonly string[], build: (f: Shop, apply: Apply) => void, compliance?: ComplianceConfig): OptionalCase[] {
  return keys.map(key => ({ prop: `${prefix}.${key}`, key, build, compliance }));
}

/** The YAML of the case's app, with its key `null`, left out, or given its value. */
function yamlOf(c: OptionalCase, given: 'null' | 'omitted' | 'value'): string {
  const apply: Apply = settings => {
    const out = { ...settings } as Record<string, unknown>;
    if (given === 'null') out[c.key] = null;
    else if (given === 'omitted') delete out[c.key];
    return out as typeof settings;
  };
  const f = shop(c.compliance);
  c.build(f, apply);
  return f.app.synthYaml();
}

const LIVE = HealthCheck.command(['/bin/live']);
const READY = HealthCheck.command(['/bin/ready']);

/** The app's settings for the CompliantWorkload cases: a second monitoring namespace, so that monitoringNamespace can name one other than the default. */
const WORKLOAD_COMPLIANCE: ComplianceConfig = { monitoringNamespaces: ['monitoring', 'observability'] };

/** A valid value of every optional prop of CompliantWorkload, each other than its default. */
const WORKLOAD_VALUES: Required<Omit<CompliantWorkloadProps, 'namespace' | 'image'>> = {
  port: 8080, name: 'payments-api', replicas: 3, resources: { limits: { cpu: '1' } }, env: { LOG_LEVEL: 'info' }, podInfoEnv: { POD_NAME: PodField.POD_NAME },
  secretFiles: { 'db-password': { secret: 'db', key: 'password' } }, configFiles: { 'app.yaml': { configMap: 'app-config', key: 'app.yaml' } },
  priorityClassName: 'business-critical', command: ['/app/server'], args: ['--verbose'], writablePaths: ['/tmp', '/var/cache/app'], liveness: LIVE, readiness: READY,
  metricsPort: 9090, monitoringNamespace: 'observability', user: 10002, group: 10002, protocol: 'http2',
  writableRootFilesystem: { reason: 'vendor image writes /opt (SEC-142)', expires: '2026-06-30' }, partOf: 'payments', autoscaling: { maxReplicas: 6 },
  storage: { mountPath: '/var/lib/api', size: '1Gi' }, singleReplica: { reason: 'no replication in this database (DB-12)' },
  labels: { 'example.com/team': 'payments' }, startupTimeout: Duration.minutes(2),
};

/**
 * The props that cannot be given with the prop under test, left out of its case: one replica
 * count at a time (replicas, autoscaling or singleReplica, replicas unless another is under test),
 * a worker (port under test, left out) has neither protocol nor storage, and monitoringNamespace
 * goes only with metricsPort.
 */
const WORKLOAD_LEFT_OUT: Readonly<Record<string, readonly string[]>> = {
  autoscaling: ['replicas', 'singleReplica'],
  singleReplica: ['replicas', 'autoscaling'],
  port: ['autoscaling', 'singleReplica', 'protocol', 'storage'],
  metricsPort: ['autoscaling', 'singleReplica', 'monitoringNamespace'],
};

/** The props of the case of `key`: every optional prop with its value but those that cannot go with it. */
function workloadProps(f: Shop, key: string): CompliantWorkloadProps {
  const leftOut = WORKLOAD_LEFT_OUT[key] ?? ['autoscaling', 'singleReplica'];
  const values = Object.entries(WORKLOAD_VALUES).filter(([k]) => !leftOut.includes(k));
  return { namespace: f.ns, image: IMAGE, ...Object.fromEntries(values) };
}

/** A case for every optional prop of CompliantWorkload, so that a prop added to it gets one. */
const WORKLOAD_CASES: readonly OptionalCase[] = WORKLOAD_OPTIONAL_KEYS.map(key => ({
  prop: `CompliantWorkload.${key}`, key, compliance: WORKLOAD_COMPLIANCE,
  build: (f, apply) => new CompliantWorkload(f.chart, 'api', apply(workloadProps(f, key))),
}));

const OPTIONAL: readonly OptionalCase[] = [
  // Issuers and DNS-01 providers
  ...optional('issuer (Issuer.acmeHttp01)', ['server', 'email', 'name', 'accountKeySecretName', 'ingressClassName'], (f, apply) => ingress(f, Issuer.acmeHttp01(apply({
    server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'security@example.com', name: 'le', accountKeySecretName: 'le-key', ingressClassName: 'nginx',
  })))),
  ...optional('issuer (Issuer.acmeDns01)', ['server', 'email', 'name', 'accountKeySecretName', 'dnsZones'], (f, apply) => ingress(f, Issuer.acmeDns01(apply({
    provider: Dns01Provider.cloudflare({ apiToken: TOKEN }), server: 'https://acme.example.com/directory', email: 'security@example.com', name: 'dns',
    accountKeySecretName: 'dns-key', dnsZones: ['example.com'],
  })))),
  ...optional('issuer (Issuer.ca)', ['name'], (f, apply) => ingress(f, Issuer.ca(apply({ secretName: 'shop-ca', name: 'shop-ca-issuer' })))),
  ...optional('issuer (Issuer.clusterIssuer options)', ['challenge'], (f, apply) => ingress(f, Issuer.clusterIssuer('letsencrypt-prod', apply({ challenge: 'HTTP01' as const })))),
  ...optional('ClusterIssuer', ['name'], (f, apply) => ingress(f, new ClusterIssuer(f.platform, 'letsencrypt', apply({ issuer: Issuer.acmeHttp01(), name: 'letsencrypt' })))),
  ...optional('issuer.provider (Dns01Provider.route53)', ['hostedZoneId', 'accessKeyId', 'secretAccessKey'], (f, apply) => ingress(f, Issuer.acmeDns01({
    provider: Dns01Provider.route53(apply({ region: 'eu-west-1', role: ROLE, serviceAccountName: 'dns01', hostedZoneId: 'Z0123456789ABCDEFGHIJ' })),
  }))),
  ...optional('ClusterIssuer issuer.provider (Dns01Provider.route53)', ['role'], (f, apply) => ingress(f, new ClusterIssuer(f.platform, 'route53', {
    issuer: Issuer.acmeDns01({ provider: Dns01Provider.route53(apply({ region: 'eu-west-1', role: ROLE })) }),
  }))),
  ...optional('ClusterIssuer issuer.provider (Dns01Provider.route53)', ['serviceAccountName'], (f, apply) => ingress(f, new ClusterIssuer(f.platform, 'route53', {
    issuer: Issuer.acmeDns01({ provider: Dns01Provider.route53(apply({ region: 'eu-west-1', role: ROLE, serviceAccountName: 'dns01' })) }),
  }))),
  ...optional('issuer.provider (Dns01Provider.rfc2136)', ['tsigAlgorithm'], (f, apply) => ingress(f, Issuer.acmeDns01({
    provider: Dns01Provider.rfc2136(apply({ nameserver: 'ns1.example.com:53', tsigKeyName: 'acme-update.', tsigSecret: TOKEN, tsigAlgorithm: 'HMACSHA512' as const })),
  }))),
  ...optional('ClusterIssuer issuer.provider (Dns01Provider.cloudDns)', ['serviceAccount'], (f, apply) => ingress(f, new ClusterIssuer(f.platform, 'clouddns', {
    issuer: Issuer.acmeDns01({ provider: Dns01Provider.cloudDns(apply({ project: 'shop-prod-dns', serviceAccount: TOKEN })) }),
  }))),
  // SensitiveNamespace
  ...optional('access', ['editors', 'viewers'], (f, apply) => namespace(f.chart, 'team', { access: apply({ editors: ['oidc:team-devs'], viewers: ['oidc:auditors'] }) })),
  ...optional('quota', ['cpu', 'memory', 'pods', 'storage'], (f, apply) => namespace(f.chart, 'team', { quota: apply({ cpu: '12', memory: '20Gi', pods: 120, storage: '50Gi' }) })),
  ...optional('quota', ['ephemeralStorage'], (f, apply) => namespace(f.chart, 'team', { quota: apply({ cpu: '12' }) })),
  ...optional('apiServer', ['port'], (f, apply) => namespace(f.chart, 'team', { apiServer: apply({ cidr: '172.18.0.2/32', port: 6443 }) })),
  // CompliantWorkload
  ...optional('resources', ['requests', 'limits', 'sidecar'], (f, apply) => new CompliantWorkload(f.chart, 'api', {
    namespace: f.ns, image: IMAGE, port: 8080, resources: apply({ requests: { cpu: '200m' }, limits: { cpu: '1' }, sidecar: { limits: { cpu: '400m' } } }),
  })),
  ...optional('resources.requests', ['cpu', 'memory', 'ephemeralStorage'], (f, apply) => new CompliantWorkload(f.chart, 'api', {
    namespace: f.ns, image: IMAGE, port: 8080, resources: { requests: apply({ cpu: '200m', memory: '200Mi', ephemeralStorage: '100Mi' }) },
  })),
  ...optional('resources.limits', ['cpu', 'memory', 'ephemeralStorage'], (f, apply) => new CompliantWorkload(f.chart, 'api', {
    namespace: f.ns, image: IMAGE, port: 8080, resources: { limits: apply({ cpu: '1', memory: '512Mi', ephemeralStorage: '512Mi' }) },
  })),
  ...optional('resources.sidecar', ['requests', 'limits'], (f, apply) => new CompliantWorkload(f.chart, 'api', {
    namespace: f.ns, image: IMAGE, port: 8080, resources: { sidecar: apply({ requests: { cpu: '50m' }, limits: { cpu: '400m' } }) },
  })),
  ...optional('resources.sidecar.limits', ['cpu', 'memory'], (f, apply) => new CompliantWorkload(f.chart, 'api', {
    namespace: f.ns, image: IMAGE, port: 8080, resources: { sidecar: { limits: apply({ cpu: '400m', memory: '300Mi' }) } },
  })),
  ...optional('autoscaling', ['minReplicas', 'cpuUtilization', 'memoryUtilization'], (f, apply) => new CompliantWorkload(f.chart, 'api', {
    namespace: f.ns, image: IMAGE, port: 8080, autoscaling: apply({ maxReplicas: 6, minReplicas: 3, cpuUtilization: 60, memoryUtilization: 80 }),
  })),
  ...optional('storage', ['storageClassName', 'podManagementPolicy'], (f, apply) => new CompliantWorkload(f.chart, 'db', {
    namespace: f.ns, image: IMAGE, port: 5432, storage: apply({ mountPath: '/var/lib/db', size: '10Gi', storageClassName: 'fast', podManagementPolicy: 'Parallel' as const }),
  })),
  ...optional('singleReplica', ['expires'], (f, apply) => new CompliantWorkload(f.chart, 'db', {
    namespace: f.ns, image: IMAGE, port: 5432, singleReplica: apply({ reason: 'no replication in this database (DB-12)', expires: '2026-06-30' }),
  })),
  ...optional('writableRootFilesystem', ['expires'], (f, apply) => new CompliantWorkload(f.chart, 'api', {
    namespace: f.ns, image: IMAGE, port: 8080, writableRootFilesystem: apply({ reason: 'vendor image writes /opt (SEC-142)', expires: '2026-06-30' }),
  })),
  ...optional('allowFrom(options)', ['port'], (f, apply) => f.web.allowFrom(new CompliantWorkload(f.chart, 'api', { namespace: f.ns, image: IMAGE, port: 8080 }), apply({ port: 8080 }))),
  ...optional('Peer.cidr(options)', ['protocol', 'host'],
    (f, apply) => f.web.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, apply({ host: 'api.example.com', protocol: 'TCP' as const })), { reason: 'card processor (PAY-7)' })),
  ...optional('Compliance.suppress(options)', ['expires'],
    (f, apply) => Compliance.suppress(f.web, 'image-registry-allowed', 'vendor image until the mirror lands (SEC-142)', apply({ expires: '2026-06-30' })),
    { allowedRegistries: ['registry.internal.example/'] }),
  // CertManagedIngress
  ...optional('rules[0].paths[0]', ['path', 'pathType', 'port'], (f, apply) => new CertManagedIngress(f.chart, 'public', {
    rules: [{ host: 'pay.example.com', paths: [apply({ backend: f.web, path: '/', pathType: 'Prefix' as const, port: 8080 })] }], issuer: Issuer.clusterIssuer('letsencrypt-prod'),
  })),
  // MeshMtls
  ...optional('externalHosts[0]', ['port'],
    (f, apply) => new MeshMtls(f.platform, 'mesh', { externalHosts: [apply({ host: 'api.stripe.com', reason: 'card payments (PAY-1)', port: 443 })] })),
  // Top-level props
  ...optional('SensitiveNamespace', ['name', 'access', 'quota', 'podSecurityVersion', 'meshRootNamespace', 'apiServer'], (f, apply) => namespace(f.chart, 'team', apply({
    name: 'team', access: { viewers: ['oidc:auditors'] }, quota: { cpu: '12' }, podSecurityVersion: 'v1.27', meshRootNamespace: 'istio-system',
    apiServer: { cidr: '172.18.0.2/32' },
  }))),
  ...WORKLOAD_CASES,
  ...optional('CertManagedIngress', [
    'name', 'namespace', 'hosts', 'rules', 'allowWildcardHosts', 'ingressClassName', 'ingressControllerNamespace', 'ingressControllerPrincipal',
    'keyAlgorithm', 'keySize', 'certificateDuration', 'renewBefore', 'secretName',
  ], (f, apply) => new CertManagedIngress(f.chart, 'public', apply({
    host: 'pay.example.com', backend: f.web, issuer: Issuer.clusterIssuer('letsencrypt-prod'), name: 'public', namespace: f.ns, allowWildcardHosts: false,
    ingressClassName: 'nginx', ingressControllerNamespace: 'ingress-nginx', ingressControllerPrincipal: 'cluster.local/ns/ingress-nginx/sa/ingress-nginx',
    keyAlgorithm: 'ECDSA' as const, keySize: 384, certificateDuration: Duration.days(60), renewBefore: Duration.days(20), secretName: 'public-cert',
  }))),
  ...optional('MeshMtls', ['rootNamespace', 'mode', 'migrationWindow', 'externalHosts', 'allowNothing', 'accessLogProvider'], (f, apply) => new MeshMtls(f.platform, 'mesh', apply({
    rootNamespace: 'istio-system', allowNothing: true, accessLogProvider: 'envoy', externalHosts: [{ host: 'api.stripe.com', reason: 'card payments (PAY-1)' }],
  }))),
];

describe('null for an optional key is the key left out', () => {
  test.each(OPTIONAL.map(c => [c.prop, c] as const))('%s: null synthesizes the same YAML as omitting it', (_prop, c) => {
    expect(yamlOf(c, 'null')).toBe(yamlOf(c, 'omitted'));
  });

  test.each(WORKLOAD_CASES.map(c => [c.key, c] as const))('CompliantWorkload.%s: the case gives the prop a value that changes the YAML, so its null case proves something', (key, c) => {
    expect(workloadProps(shop(), key)[key as keyof CompliantWorkloadProps]).toBeDefined();
    expect(yamlOf(c, 'value')).not.toBe(yamlOf(c, 'omitted'));
  });

  test('a null where a secure default applies keeps it: allowNothing, mode, readOnlyRootFilesystem, user, replicas, the quota', () => {
    const f = shop();
    new MeshMtls(f.platform, 'mesh', { allowNothing: null, mode: null, migrationWindow: null } as never);
    new CompliantWorkload(f.chart, 'api', { namespace: f.ns, image: IMAGE, port: 8080, writableRootFilesystem: null, user: null, replicas: null } as never);
    const team = namespace(f.chart, 'team', { quota: { pods: null, cpu: null } } as never);
    const objects = f.app.charts.flatMap(c => c.toJson());
    const of = (kind: string, name: string, ns?: string) => objects.find(o => o.kind === kind && o.metadata.name === name && (ns === undefined || o.metadata.namespace === ns));
    expect(of('PeerAuthentication', 'default', 'istio-system').spec.mtls.mode).toBe('STRICT');
    expect(of('AuthorizationPolicy', 'allow-nothing', 'istio-system')).toBeUndefined();
    const api = of('Deployment', 'api');
    expect(api.spec.replicas).toBe(2);
    expect(api.spec.template.spec.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsUser: 10001, runAsNonRoot: true });
    expect(of('ResourceQuota', 'quota', team.name).spec.hard).toMatchObject({ 'pods': '100', 'limits.cpu': '8' });
  });

  test.each([
    ['HealthCheck.http(path, port)', 'http', () => HealthCheck.http('/live', null as never), () => HealthCheck.http('/live')],
    ['HealthCheck.tcp(port)', 'http', () => HealthCheck.tcp(null as never), () => HealthCheck.tcp()],
    ['HealthCheck.grpc(port, service)', 'grpc', () => HealthCheck.grpc(null as never, null as never), () => HealthCheck.grpc()],
  ] as const)('%s: null arguments are the arguments left out', (_name, protocol, withNulls, omitted) => {
    const yaml = (liveness: HealthCheck) => {
      const f = shop();
      new CompliantWorkload(f.chart, 'api', { namespace: f.ns, image: IMAGE, port: 8080, protocol, liveness, readiness: READY });
      return f.app.synthYaml();
    };
    expect(JSON.stringify(withNulls().handler)).not.toContain('null');
    expect(yaml(withNulls())).toBe(yaml(omitted()));
  });

  test('CompliantApp: compliance null, and settings null, are the defaults', () => {
    const build = (compliance: unknown) => {
      const app = new CompliantApp({ compliance: compliance as ComplianceConfig, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-null-')) });
      const chart = new Chart(app, 'shop');
      new CompliantWorkload(chart, 'web', { namespace: namespace(chart, 'shop'), image: IMAGE, port: 8080 });
      return app;
    };
    expect(build(null).complianceConfig).toBeUndefined();
    expect(build({ minReplicas: null, requireMesh: null, requiredWorkloadLabels: null, ownerLabel: null }).synthYaml()).toBe(build(undefined).synthYaml());
  });
});

/** One required key given as null, and what the error names. */
interface RequiredCase {
  readonly prop: string;
  readonly code: string;
  readonly path: string;
  readonly fix: RegExp;
  readonly build: () => unknown;
}

const REQUIRED: readonly RequiredCase[] = [
  { prop: 'issuer.secretName', code: 'INVALID_ISSUER', path: 'shop/public', fix: /name the Secret holding the CA certificate and key/,
    build: () => ingress(shop(), Issuer.ca({ secretName: null } as never)) },
  { prop: 'issuer.provider', code: 'INVALID_ISSUER', path: 'shop/public', fix: /use Dns01Provider.cloudflare/,
    build: () => ingress(shop(), Issuer.acmeDns01({ provider: null } as never)) },
  { prop: 'issuer', code: 'INVALID_ISSUER', path: 'platform/le', fix: /use Issuer.acmeHttp01/,
    build: () => new ClusterIssuer(shop().platform, 'le', { issuer: null } as never) },
  { prop: 'issuer.provider.apiToken', code: 'INVALID_ISSUER', path: 'shop/public', fix: /pass \{ secret: '<name>', key: '<key>' \}/,
    build: () => ingress(shop(), Issuer.acmeDns01({ provider: Dns01Provider.cloudflare({ apiToken: null } as never) })) },
  { prop: 'issuer.provider.apiToken.key', code: 'INVALID_ISSUER', path: 'shop/public', fix: /name the key inside the Secret/,
    build: () => ingress(shop(), Issuer.acmeDns01({ provider: Dns01Provider.cloudflare({ apiToken: { secret: 'dns-token', key: null } } as never) })) },
  { prop: 'issuer.provider.region', code: 'INVALID_ISSUER', path: 'platform/le', fix: /e.g. "eu-west-1"/,
    build: () => new ClusterIssuer(shop().platform, 'le', { issuer: Issuer.acmeDns01({ provider: Dns01Provider.route53({ region: null } as never) }) }) },
  { prop: 'issuer.provider.tsigKeyName', code: 'INVALID_ISSUER', path: 'shop/public', fix: /name the TSIG key configured on the server/,
    build: () => ingress(shop(), Issuer.acmeDns01({ provider: Dns01Provider.rfc2136({ nameserver: 'ns1.example.com:53', tsigKeyName: null, tsigSecret: TOKEN } as never) })) },
  { prop: 'issuer.provider.project', code: 'INVALID_ISSUER', path: 'platform/le', fix: /e.g. "shop-prod-dns"/,
    build: () => new ClusterIssuer(shop().platform, 'le', { issuer: Issuer.acmeDns01({ provider: Dns01Provider.cloudDns({ project: null } as never) }) }) },
  { prop: 'apiServer.cidr', code: 'INVALID_PROP', path: 'shop/team', fix: /name the addresses of the API server's endpoints/,
    build: () => namespace(shop().chart, 'team', { apiServer: { cidr: null, port: 6443 } } as never) },
  { prop: 'owner', code: 'INVALID_PROP', path: 'shop/team', fix: /name the owning team/,
    build: () => namespace(shop().chart, 'team', { owner: null } as never) },
  { prop: 'storage.size', code: 'INVALID_PROP', path: 'shop/db', fix: /e.g. "10Gi"/,
    build: () => { const f = shop(); return new CompliantWorkload(f.chart, 'db', { namespace: f.ns, image: IMAGE, port: 5432, storage: { mountPath: '/var/lib/db', size: null } } as never); } },
  { prop: 'autoscaling.maxReplicas', code: 'INVALID_PROP', path: 'shop/api', fix: /set it to the most pods the service may run/,
    build: () => { const f = shop(); return new CompliantWorkload(f.chart, 'api', { namespace: f.ns, image: IMAGE, port: 8080, autoscaling: { maxReplicas: null } } as never); } },
  { prop: 'singleReplica.reason', code: 'INVALID_PROP', path: 'shop/db', fix: /write why this exception is needed/,
    build: () => { const f = shop(); return new CompliantWorkload(f.chart, 'db', { namespace: f.ns, image: IMAGE, port: 5432, singleReplica: { reason: null } } as never); } },
  { prop: 'secretFiles.db-password.key', code: 'INVALID_PROP', path: 'shop/api', fix: /name the key inside the Secret/,
    build: () => { const f = shop(); return new CompliantWorkload(f.chart, 'api', { namespace: f.ns, image: IMAGE, port: 8080, secretFiles: { 'db-password': { secret: 'db', key: null } } } as never); } },
  { prop: 'allowEgressTo(options.reason)', code: 'INVALID_PEER', path: 'shop/web', fix: /write why this exception is needed/,
    build: () => shop().web.allowEgressTo(Peer.cidr('203.0.113.0/24', 443), { reason: null } as never) },
  { prop: 'rules[0].paths[0].backend', code: 'INVALID_BACKEND', path: 'shop/public', fix: /run the backend as a CompliantWorkload/,
    build: () => new CertManagedIngress(shop().chart, 'public', { rules: [{ host: 'pay.example.com', paths: [{ backend: null }] }], issuer: Issuer.clusterIssuer('le') } as never) },
  { prop: 'migrationWindow.expires', code: 'INVALID_MTLS', path: 'platform/mesh', fix: /set the last day of the migration/,
    build: () => new MeshMtls(shop().platform, 'mesh', { mode: 'PERMISSIVE', migrationWindow: { reason: 'legacy clients move to mTLS (NET-7)', expires: null } } as never) },
  { prop: 'externalHosts[0].reason', code: 'INVALID_HOST', path: 'platform/mesh', fix: /write why this exception is needed/,
    build: () => new MeshMtls(shop().platform, 'mesh', { externalHosts: [{ host: 'api.stripe.com', reason: null }] } as never) },
];

describe('null for a required key is refused, naming the construct path, the prop, the value and the fix', () => {
  test.each(REQUIRED.map(c => [c.prop, c] as const))('%s', (_prop, c) => {
    expectSoc2Error(c.build, { code: c.code, path: c.path, prop: c.prop, value: 'null', fix: c.fix });
  });
});

describe('misspelt settings of the nested objects that had no check are named', () => {
  test('migrationWindow and externalHosts entries', () => {
    expectSoc2Error(() => new MeshMtls(shop().platform, 'mesh', { mode: 'PERMISSIVE', migrationWindow: { reason: 'legacy clients move to mTLS (NET-7)', expires: '2026-01-20', expiry: '2026-01-20' } } as never),
      { code: 'INVALID_MTLS', path: 'platform/mesh', prop: 'migrationWindow.expiry', value: '"2026-01-20"', problem: /is not a setting of this prop/, fix: /did you mean "expires"/ });
    expectSoc2Error(() => new MeshMtls(shop().platform, 'mesh', { externalHosts: [{ host: 'api.stripe.com', reason: 'card payments (PAY-1)', prot: 8443 }] } as never),
      { code: 'INVALID_HOST', path: 'platform/mesh', prop: 'externalHosts[0].prot', value: '8443', problem: /is not a setting of this prop/, fix: /did you mean "port"/ });
  });
});
