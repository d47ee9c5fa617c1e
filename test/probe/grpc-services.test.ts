/**
 * Probe 2 (d): gRPC microservices behind an HTTP/2 gateway: gRPC health checks with service names,
 * configuration files from ConfigMaps (and the cluster's CA bundle), credentials as files only,
 * downward-API variables referenced from env, a startup allowance of a whole day and one of ten
 * seconds, and resource settings at their edges (1m of CPU, requests equal to limits, 8Gi pods, a
 * namespace quota sized by hand), under a mesh-wide allow-nothing policy.
 */
import { Chart, Duration } from 'cdk8s';
import { CompliantWorkload, DataClassification, HealthCheck, MeshMtls, PodField, SensitiveNamespace } from '../../index';
import { expectCliClean, one, probeApp, synthProbe, verdict } from './helpers';
import { changedLines, expectRefused, Mistake, synthYaml } from './mistake-helpers';

/** The services, not yet synthesized. */
function catalog() {
  const app = probeApp();
  const platform = new Chart(app, 'platform');
  new MeshMtls(platform, 'mesh', { allowNothing: true });
  const chart = new Chart(app, 'svc');
  const ns = new SensitiveNamespace(chart, 'catalog', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-catalog', quota: { cpu: '28', memory: '44Gi', pods: 40 } });
  const gateway = new CompliantWorkload(chart, 'grpc-gateway', {
    namespace: ns, image: 'registry.example.com/catalog/gateway:2.8.1', port: 8080, protocol: 'http2',
    readiness: HealthCheck.http('/healthz/ready'), liveness: HealthCheck.http('/healthz/live'),
    configFiles: { 'routes.yaml': { configMap: 'gateway-routes', key: 'routes.yaml' } },
    resources: {
      requests: { cpu: '1m', memory: '16Mi', ephemeralStorage: '1Mi' }, limits: { cpu: '1m', memory: '16Mi', ephemeralStorage: '1Mi' },
      sidecar: { requests: { cpu: '10m', memory: '40Mi' }, limits: { cpu: '10m', memory: '40Mi' } },
    },
  });
  const products = new CompliantWorkload(chart, 'products', {
    namespace: ns, image: `registry.example.com/catalog/products@sha256:${'c'.repeat(64)}`, port: 50051, protocol: 'grpc', replicas: 3,
    liveness: HealthCheck.grpc(50051, 'liveness'), readiness: HealthCheck.grpc(undefined, 'catalog.v1.Products'),
    startupTimeout: Duration.days(1), metricsPort: 9464,
    secretFiles: { 'tls.crt': { secret: 'products-upstream', key: 'tls.crt' }, 'search-api-token': { secret: 'search', key: 'token' } },
    configFiles: { 'products.toml': { configMap: 'products', key: 'products.toml' }, 'ca.crt': { configMap: 'kube-root-ca.crt', key: 'ca.crt' } },
    podInfoEnv: { POD_IP: PodField.POD_IP, POD_NAME: PodField.POD_NAME },
    env: { GRPC_VERBOSITY: 'ERROR', OTEL_RESOURCE_ATTRIBUTES: 'k8s.pod.name=$(POD_NAME),k8s.pod.ip=$(POD_IP)', LISTEN: '0.0.0.0:50051' },
    args: ['--config', '/etc/app/products.toml', '--search-token-file', '/var/run/secrets/app/search-api-token'],
    resources: { requests: { cpu: '4', memory: '8Gi', ephemeralStorage: '1Gi' }, limits: { cpu: '4', memory: '8Gi', ephemeralStorage: '4Gi' } },
    labels: { 'example.com/cost-centre': 'cc-42', 'app.kubernetes.io/version': '7.1.0' },
  });
  const pricing = new CompliantWorkload(chart, 'pricing', {
    namespace: ns, image: 'registry.example.com/catalog/pricing:0.14.2', port: 50052, protocol: 'grpc',
    startupTimeout: Duration.seconds(10), args: ['--config', '/etc/app/pricing.json'],
    configFiles: { 'pricing.json': { configMap: 'pricing', key: 'pricing.json' } },
  });
  products.allowFrom(gateway);
  pricing.allowFrom(gateway);
  pricing.allowFrom(products);
  return { app, chart, ns, gateway, products, pricing };
}
type Catalog = ReturnType<typeof catalog>;

const container = (objects: readonly Record<string, any>[], name: string) => one(objects, 'Deployment', name, 'catalog').spec.template.spec.containers[0];

describe('probe 2 (d): gRPC services with health checks, config files, file credentials and edge resources', () => {
  const built = catalog();
  const out = synthProbe(built.app);
  const objects = out.objects;

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
    expect(verdict(out)).toEqual([]);
  });

  test('gRPC health checks name their service and port; the default liveness of a gRPC service is a TCP check', () => {
    const products = container(objects, 'products');
    expect(products.livenessProbe.grpc).toEqual({ port: 50051, service: 'liveness' });
    expect(products.readinessProbe.grpc).toEqual({ port: 50051, service: 'catalog.v1.Products' });
    const pricing = container(objects, 'pricing');
    expect([pricing.livenessProbe.tcpSocket, pricing.readinessProbe.grpc]).toEqual([{ port: 'grpc' }, { port: 50052 }]);
    expect(one(objects, 'Service', 'pricing', 'catalog').spec.ports).toEqual([{ name: 'grpc', appProtocol: 'grpc', port: 50052, protocol: 'TCP', targetPort: 'grpc' }]);
    expect(one(objects, 'Service', 'grpc-gateway', 'catalog').spec.ports[0].appProtocol).toBe('http2');
  });

  test('the startup allowances: a day in 10-second steps, and ten seconds, each before liveness is checked', () => {
    const allowance = (name: string) => {
      const p = container(objects, name).startupProbe;
      return (p.failureThreshold - 1) * p.periodSeconds;
    };
    expect(allowance('products')).toBe(86_400);
    expect(allowance('pricing')).toBe(10);
    expect(container(objects, 'products').startupProbe.grpc).toEqual({ port: 50051, service: 'liveness' });
    expect(container(objects, 'grpc-gateway').startupProbe).toBeUndefined();
  });

  test('configuration and credentials are read-only files in one projected volume each, never environment variables', () => {
    const pod = one(objects, 'Deployment', 'products', 'catalog').spec.template.spec;
    const c = pod.containers[0];
    expect(c.volumeMounts.filter((m: any) => m.readOnly)).toEqual([
      { mountPath: '/var/run/secrets/app', name: 'secrets', readOnly: true }, { mountPath: '/etc/app', name: 'config-files', readOnly: true },
    ]);
    const volume = (name: string) => pod.volumes.find((v: any) => v.name === name).projected;
    expect(volume('secrets')).toEqual({ defaultMode: 0o440, sources: [
      { secret: { name: 'search', items: [{ key: 'token', path: 'search-api-token' }] } }, { secret: { name: 'products-upstream', items: [{ key: 'tls.crt', path: 'tls.crt' }] } },
    ] });
    expect(volume('config-files').sources.map((s: any) => `${s.configMap.name}/${s.configMap.items[0].key}`)).toEqual(['kube-root-ca.crt/ca.crt', 'products/products.toml']);
    expect(c.env.map((e: any) => e.valueFrom?.fieldRef?.fieldPath ?? `${e.name}=${e.value}`)).toEqual([
      'status.podIP', 'metadata.name', 'GRPC_VERBOSITY=ERROR', 'OTEL_RESOURCE_ATTRIBUTES=k8s.pod.name=$(POD_NAME),k8s.pod.ip=$(POD_IP)', 'LISTEN=0.0.0.0:50051',
    ]);
    expect(JSON.stringify(c.env)).not.toMatch(/secretKeyRef|configMapKeyRef/);
  });

  test('resources at the edges are written as given, and the sidecar\'s in its annotations', () => {
    const gateway = one(objects, 'Deployment', 'grpc-gateway', 'catalog').spec.template;
    expect(gateway.spec.containers[0].resources).toEqual({
      requests: { 'cpu': '1m', 'memory': '16Mi', 'ephemeral-storage': '1Mi' }, limits: { 'cpu': '1m', 'memory': '16Mi', 'ephemeral-storage': '1Mi' },
    });
    expect(gateway.spec.volumes.find((v: any) => v.name === 'tmp').emptyDir).toEqual({ sizeLimit: '1Mi' });
    expect(gateway.metadata.annotations).toEqual({
      'sidecar.istio.io/proxyCPU': '10m', 'sidecar.istio.io/proxyCPULimit': '10m', 'sidecar.istio.io/proxyMemory': '40Mi', 'sidecar.istio.io/proxyMemoryLimit': '40Mi',
    });
    expect(container(objects, 'products').resources.limits).toEqual({ 'cpu': '4', 'memory': '8Gi', 'ephemeral-storage': '4Gi' });
    expect(one(objects, 'ResourceQuota', 'quota', 'catalog').spec.hard).toMatchObject({ 'limits.cpu': '28', 'limits.memory': '44Gi', 'pods': '40' });
  });

  test('the version label given in labels replaces the digest\'s missing tag, on the Deployment and its pods only', () => {
    const d = one(objects, 'Deployment', 'products', 'catalog');
    expect([d.metadata.labels['app.kubernetes.io/version'], d.spec.template.metadata.labels['app.kubernetes.io/version']]).toEqual(['7.1.0', '7.1.0']);
    expect(one(objects, 'Service', 'products', 'catalog').metadata.labels['app.kubernetes.io/version']).toBeUndefined();
    expect(one(objects, 'Service', 'products', 'catalog').metadata.labels['example.com/cost-centre']).toBe('cc-42');
  });

  test('with the mesh denying by default, pricing admits exactly the gateway and products, by principal, on 50052', () => {
    expect(one(objects, 'AuthorizationPolicy', 'allow-nothing', 'istio-system').spec).toEqual({});
    expect(one(objects, 'AuthorizationPolicy', 'pricing', 'catalog').spec.rules).toEqual([{
      from: [{ source: { principals: ['cluster.local/ns/catalog/sa/grpc-gateway', 'cluster.local/ns/catalog/sa/products'] } }], to: [{ operation: { ports: ['50052'] } }],
    }]);
  });

  test('the CLI finds nothing in the YAML, with the app\'s settings', async () => {
    await expectCliClean(out);
  });
});

const svc = (c: Catalog, props: Record<string, unknown>) => new CompliantWorkload(c.chart, 'reviews', { namespace: c.ns, image: 'registry.example.com/catalog/reviews:1.2.0', port: 50053, protocol: 'grpc', ...props } as any);

const MISTAKES: Mistake<Catalog>[] = [
  ['a gRPC health check on a port past 65535', c => svc(c, { readiness: HealthCheck.grpc(70000) }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'readiness', value: '{"grpc":{"port":70000}}', problem: /port 70000/, fix: /HealthCheck\./ }],
  ['an HTTP check without its leading slash', c => svc(c, { protocol: 'http2', readiness: HealthCheck.http('healthz') }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'readiness', value: '{"httpGet":{"path":"healthz"}}', problem: /does not start with "\/"/, fix: /"\/healthz"/ }],
  ['a health check object written by hand', c => svc(c, { readiness: { handler: { grpc: { port: 50053 } } } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'readiness', value: '{"grpc":{"port":50053}}', problem: /must be made with HealthCheck/, fix: /HealthCheck\./ }],
  ['a config file named for a credential', c => svc(c, { configFiles: { 'db-password': { configMap: 'reviews', key: 'db-password' } } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'configFiles.db-password', value: '"db-password"', problem: /named for a credential/, fix: /secretFiles: \{ "db-password"/ }],
  ['a private key from a ConfigMap', c => svc(c, { configFiles: { 'server.conf': { configMap: 'reviews', key: 'tls.key' } } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'configFiles.server.conf', value: '"tls.key"', problem: /named for a credential/, fix: /mount it from a Secret/ }],
  ['a writable cache under the read-only configuration', c => svc(c, { configFiles: { 'reviews.toml': { configMap: 'reviews', key: 'reviews.toml' } }, writablePaths: ['/tmp', '/etc/app/cache'] }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'writablePaths[1]', value: '"/etc/app/cache"', problem: /where configFiles are mounted read-only/, fix: /"\/var\/lib\/app"/ }],
  ['a ConfigMap name in capitals', c => svc(c, { configFiles: { 'reviews.toml': { configMap: 'Reviews', key: 'reviews.toml' } } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'configFiles.reviews.toml.configMap', value: '"Reviews"', problem: /DNS-1123 subdomain/, fix: /"reviews"/ }],
  ['a typo in a downward-API reference', c => svc(c, { podInfoEnv: { POD_NAME: PodField.POD_NAME }, env: { ADVERTISE: '$(POD_NAM):50053' } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'env.ADVERTISE', value: '"$(POD_NAM)"', problem: /refers to POD_NAM, which is not defined/, fix: /did you mean "POD_NAME"\?/ }],
  ['a variable both from the pod and in env', c => svc(c, { podInfoEnv: { POD_NAME: PodField.POD_NAME }, env: { POD_NAME: 'reviews' } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'podInfoEnv.POD_NAME', value: '"POD_NAME"', problem: /also a variable of env/, fix: /keep it in one of them/ }],
  ['a number as an environment value', c => svc(c, { env: { GRPC_MAX_RECV: 4194304 } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'env.GRPC_MAX_RECV', value: '4194304', problem: /must be a string/, fix: /"4194304"/ }],
  ['a value scanners take for a credential', c => svc(c, { env: { AUTH_MODE: 'jwt' } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'env.AUTH_MODE', value: '"<redacted>"', problem: /Kubescape C-0012/, fix: /let the program default it/ }],
  ['a CPU request of zero', c => svc(c, { resources: { requests: { cpu: '0' } } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'resources.requests.cpu', value: '"0"', problem: /positive Kubernetes quantity/, fix: /"250m"/ }],
  ['a quantity with a space', c => svc(c, { resources: { limits: { cpu: '500 m' } } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'resources.limits.cpu', value: '"500 m"', problem: /positive Kubernetes quantity/, fix: /"500m"/ }],
  ['the sidecar\'s limit below its request', c => svc(c, { resources: { sidecar: { requests: { cpu: '300m' }, limits: { cpu: '200m' } } } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'resources.sidecar.limits.cpu', value: '"200m"', problem: /below the request 300m/, fix: /at least 300m/ }],
  ['the Kubernetes spelling of ephemeral storage', c => svc(c, { resources: { limits: { 'ephemeral-storage': '1Gi' } } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'resources.limits.ephemeral-storage', value: '"1Gi"', problem: /not a setting of this prop/, fix: /did you mean "ephemeralStorage"\?/ }],
  ['a startup allowance of two days', c => svc(c, { startupTimeout: Duration.days(2) }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'startupTimeout', value: '"2 days"', problem: /from 10 seconds to a day/, fix: /Duration\.minutes\(5\)/ }],
  ['a startup allowance in plain seconds', c => svc(c, { startupTimeout: 60 }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'startupTimeout', value: '60', problem: /must be a Duration/, fix: /Duration\.minutes/ }],
  ['a host user ID', c => svc(c, { user: 1000 }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'user', value: '1000', problem: /at least 10000/, fix: /e\.g\. 10001/ }],
  ['the mesh\'s label to leave the mesh', c => svc(c, { labels: { 'sidecar.istio.io/inject': 'false' } }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'labels.sidecar.istio.io/inject', value: '"false"', problem: /take the pods out of the mesh/, fix: /"example\.com\/team"/ }],
  ['Istio\'s own metrics port', c => svc(c, { metricsPort: 15090 }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'metricsPort', value: '15090', problem: /reserved by the Istio sidecar/, fix: /another port/ }],
  ['a misspelt prop', c => svc(c, { replica: 3 }),
    { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'replica', value: '3', problem: /not a prop of this construct/, fix: /did you mean "replicas"\?/ }],
];

describe('probe 2 (d): gRPC mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(catalog, make, expected));

  test('health checks given as null from JSON are the defaults, byte for byte', () => {
    const a = catalog();
    svc(a, {});
    const b = catalog();
    svc(b, { liveness: null, readiness: null, startupTimeout: null, resources: { requests: null, limits: { cpu: null } } });
    expect(changedLines(synthYaml(a.app), synthYaml(b.app))).toEqual([]);
  });

  // An empty program cannot start ("exec: \"\": executable file not found"), as a HealthCheck.command's empty entry cannot.
  it.each([[''], ['  ']])('an empty executable in command (%j) is refused, as it is in a health check\'s command', program => {
    expectRefused(catalog, c => svc(c, { command: [program] }),
      { code: 'INVALID_PROP', path: 'svc/reviews', prop: 'command[0]', value: JSON.stringify(program), problem: /empty/, fix: /\/app\/server/ });
  });
});
