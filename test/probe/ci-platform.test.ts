/**
 * Probe 5 (b): an internal developer-tools and CI platform. A namespace whose name is 63
 * characters holds many small workloads: six runner pools named at the 50-character limit, a git
 * mirror on the git daemon's port 9418, BuildKit answering gRPC health on 1234, an artifact store
 * as a StatefulSet serving on port 80 (bound without root), a dashboard over HTTP/2, a webhook
 * receiver on an Exact path and a runner controller with leader-election rights. Three ingresses on
 * three issuers: the public host and a wildcard for preview environments from a DNS-01
 * ClusterIssuer, the artifact host from an HTTP-01 Issuer of the namespace, and the same public
 * host again for the internal ingress class, from a private CA, through a second controller.
 * Runners write to directories whose volume names would be alike (`/home/runner/.cache` and
 * `/home/runner/cache`, and `/secrets`).
 */
import { Chart } from 'cdk8s';
import {
  CertManagedIngress, ClusterIssuer, CompliantWorkload, DataClassification, Dns01Provider, HealthCheck, Issuer, MeshMtls, Rule, SensitiveNamespace,
} from '../../index';
import { expectCliClean, one, probeApp, synthProbe, verdict } from './helpers';
import { expectRefused, Mistake } from './mistake-helpers';

const IMAGE = (name: string) => `registry.ci.example/tools/${name}:2026.11.3`;
/** A namespace name of 63 characters, the most a DNS label holds. */
const NS = 'developer-tools-and-continuous-integration-for-the-monorepo-ci1';
const LANGUAGES = ['typescript', 'go', 'rust', 'python', 'java', 'kotlin'] as const;
/** A runner pool's name, padded to the 50 characters a workload name may have. */
const runnerName = (lang: string) => `runner-pool-${lang}-`.padEnd(50, 'x');
const ZONE = 'ci.example.com';

/** The platform, not yet synthesized. */
function ciPlatform() {
  const app = probeApp({ allowedRegistries: ['registry.ci.example/'], ingressControllerNamespaces: ['ingress-nginx', 'ingress-internal'] });
  const platform = new Chart(app, 'platform');
  new MeshMtls(platform, 'mesh');
  const dns = new ClusterIssuer(platform, 'letsencrypt-dns', {
    issuer: Issuer.acmeDns01({ email: 'ci-admins@example.com', dnsZones: [ZONE], provider: Dns01Provider.route53({ region: 'eu-west-1', hostedZoneId: 'Z0123456789ABC' }) }),
  });
  const internalCa = new ClusterIssuer(platform, 'internal-ca', { issuer: Issuer.ca({ secretName: 'internal-ca-key-pair' }) });
  const chart = new Chart(app, 'ci');
  const ns = new SensitiveNamespace(chart, 'ns', {
    name: NS, dataClassification: DataClassification.INTERNAL, owner: 'team-devex', access: { editors: ['oidc:devex'], viewers: ['oidc:engineering'] },
    apiServer: { cidr: '172.18.0.2/32', port: 6443 },
  });
  const worker = { liveness: HealthCheck.command(['/bin/runner', 'alive']), readiness: HealthCheck.command(['/bin/runner', 'ready']) };
  const runners = LANGUAGES.map(lang => new CompliantWorkload(chart, `runner-${lang}`, {
    namespace: ns, name: runnerName(lang), image: IMAGE(`runner-${lang}`), ...worker, metricsPort: 9100,
    autoscaling: { maxReplicas: 4 }, resources: { limits: { cpu: '2', memory: '2Gi', ephemeralStorage: '4Gi' } },
    // Two caches whose volume names would be alike, and a directory named like the secrets volume.
    writablePaths: ['/tmp', '/workspace', '/home/runner/.cache', '/home/runner/cache', '/secrets'],
    secretFiles: { 'registration-token': { secret: 'runner-registration', key: 'token' } },
  }));
  const git = new CompliantWorkload(chart, 'git-mirror', {
    namespace: ns, image: IMAGE('git-daemon'), port: 9418, protocol: 'tcp', readiness: HealthCheck.command(['git', 'ls-remote', 'git://127.0.0.1/monorepo.git']),
  });
  const buildkit = new CompliantWorkload(chart, 'buildkit', {
    namespace: ns, image: IMAGE('buildkitd'), port: 1234, protocol: 'grpc', readiness: HealthCheck.grpc(1234, 'moby.buildkit.v1.Control'), writablePaths: ['/tmp', '/home/user/.local/share/buildkit'],
  });
  const artifacts = new CompliantWorkload(chart, 'artifact-store', {
    namespace: ns, image: IMAGE('artifact-store'), port: 80, metricsPort: 81, readiness: HealthCheck.http('/minio/health/ready'), liveness: HealthCheck.http('/minio/health/live'),
    storage: { mountPath: '/export', size: '200Gi' }, replicas: 4,
  });
  const dashboard = new CompliantWorkload(chart, 'dashboard', { namespace: ns, image: IMAGE('dashboard'), port: 8443, protocol: 'http2' });
  const hooks = new CompliantWorkload(chart, 'webhook-receiver', { namespace: ns, image: IMAGE('hooks'), port: 8080 });
  const controller = new CompliantWorkload(chart, 'runner-controller', {
    namespace: ns, image: IMAGE('runner-controller'), ...worker,
  });
  controller.grant(Rule.write('leases', ['runner-controller-leader']), Rule.read('configmaps', ['runner-pools']));
  for (const runner of runners) {
    git.allowFrom(runner);
    buildkit.allowFrom(runner);
    artifacts.allowFrom(runner);
    hooks.allowFrom(runner);
  }
  artifacts.allowFrom(dashboard);
  dashboard.allowFrom(hooks);
  new CertManagedIngress(chart, 'public', {
    name: 'ci-public-edge-for-the-developer-tools-of-the-monorepo-projects', issuer: dns, allowWildcardHosts: true,
    rules: [
      { host: ZONE, paths: [{ backend: dashboard }, { path: '/hooks/github', pathType: 'Exact', backend: hooks }] },
      { host: `*.preview.${ZONE}`, paths: [{ backend: dashboard }] },
    ],
  });
  const artifactsIssuer = Issuer.acmeHttp01({ name: 'artifacts-http01', email: 'ci-admins@example.com' });
  new CertManagedIngress(chart, 'artifacts-ingress', { name: 'artifacts', host: `artifacts.${ZONE}`, backend: artifacts, issuer: artifactsIssuer });
  new CertManagedIngress(chart, 'internal', {
    name: 'ci-internal', host: ZONE, backend: dashboard, issuer: internalCa, ingressClassName: 'nginx-internal',
    ingressControllerNamespace: 'ingress-internal', ingressControllerPrincipal: 'cluster.local/ns/ingress-internal/sa/ingress-nginx-internal',
  });
  return { app, chart, ns, runners, git, buildkit, artifacts, dashboard, hooks, controller, dns, internalCa, artifactsIssuer };
}
type Ci = ReturnType<typeof ciPlatform>;

const PUBLIC = 'ci-public-edge-for-the-developer-tools-of-the-monorepo-projects';
const podOf = (o: Record<string, any>) => o.spec.template.spec;

describe('probe 5 (b): a CI platform of many small workloads, names at their limits, odd ports and three ingresses on three issuers', () => {
  const out = synthProbe(ciPlatform().app);
  const objects = out.objects;

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
    expect(verdict(out)).toEqual([]);
  });

  test('the CLI finds nothing in the YAML, with the app\'s settings; the one suppression is the HTTP-01 solver policy\'s, by design', async () => {
    await expectCliClean(out, 1);
  });

  test('names at their limits: a 63-character namespace and ingress, six 50-character runners, and no name or label value past its limit', () => {
    expect(NS).toHaveLength(63);
    expect(PUBLIC).toHaveLength(63);
    const runners = objects.filter(o => o.kind === 'Deployment' && o.metadata.name.startsWith('runner-pool-'));
    expect(runners.map(o => o.metadata.name.length)).toEqual([50, 50, 50, 50, 50, 50]);
    for (const o of objects) {
      for (const v of Object.values<string>(o.metadata.labels ?? {})) expect(v.length).toBeLessThanOrEqual(63);
      expect(o.metadata.name.length).toBeLessThanOrEqual(o.kind === 'Ingress' ? 253 : 63);
    }
    expect(one(objects, 'Sidecar', 'default', NS).metadata.namespace).toBe(NS);
  });

  test('each runner is an autoscaled worker with a volume of its own for every writable directory, alike names included', () => {
    for (const lang of LANGUAGES) {
      const pod = podOf(one(objects, 'Deployment', runnerName(lang), NS));
      const scratch = pod.containers[0].volumeMounts.filter((m: any) => !m.readOnly);
      expect(scratch.map((m: any) => m.mountPath)).toEqual(['/tmp', '/workspace', '/home/runner/.cache', '/home/runner/cache', '/secrets']);
      const names = scratch.map((m: any) => m.name);
      expect(new Set([...names, 'secrets']).size).toBe(names.length + 1);
      for (const name of names) expect(pod.volumes.find((v: any) => v.name === name)).toEqual({ name, emptyDir: { sizeLimit: '4Gi' } });
      expect(pod.containers[0].volumeMounts.find((m: any) => m.name === 'secrets')).toEqual({ name: 'secrets', mountPath: '/var/run/secrets/app', readOnly: true });
      expect(one(objects, 'HorizontalPodAutoscaler', runnerName(lang), NS).spec).toMatchObject({ minReplicas: 2, maxReplicas: 4 });
      expect(objects.filter(o => o.kind === 'Service' && o.metadata.name === runnerName(lang)).map(o => o.spec.ports.map((p: any) => p.name))).toEqual([['metrics']]);
    }
  });

  test('odd ports: git on 9418 over plain TCP, BuildKit\'s gRPC health on 1234 with its service, the artifact store bound to 80 without root', () => {
    const git = one(objects, 'Service', 'git-mirror', NS).spec.ports;
    expect(git).toEqual([{ name: 'tcp', port: 9418, targetPort: 'tcp', protocol: 'TCP', appProtocol: 'tcp' }]);
    const buildkit = podOf(one(objects, 'Deployment', 'buildkit', NS)).containers[0];
    expect(buildkit.readinessProbe.grpc).toEqual({ port: 1234, service: 'moby.buildkit.v1.Control' });
    expect(buildkit.livenessProbe.tcpSocket).toEqual({ port: 'grpc' });
    const store = podOf(one(objects, 'StatefulSet', 'artifact-store', NS));
    expect(store.securityContext.sysctls).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '80' }]);
    expect(store.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(store.containers[0].ports.map((p: any) => p.containerPort)).toEqual([80, 81]);
    for (const o of objects.filter(x => ['Deployment', 'StatefulSet'].includes(x.kind) && x.metadata.name !== 'artifact-store')) expect(podOf(o).securityContext.sysctls).toBeUndefined();
  });

  test('the public ingress: a 63-character name, the wildcard preview host and the Exact webhook path, one certificate from the DNS-01 ClusterIssuer', () => {
    const routes = objects.filter(o => o.kind === 'Ingress' && o.spec.ingressClassName === 'nginx' && o.metadata.name.startsWith('ci-public'))
      .map(o => `${o.metadata.name} ${o.spec.rules.map((r: any) => `${r.host}${r.http.paths.map((p: any) => ` ${p.pathType}:${p.path}->${p.backend.service.name}:${p.backend.service.port.number}`).join('')}`).join(' | ')}`);
    expect(routes).toEqual([
      `${PUBLIC} ${ZONE} Prefix:/->dashboard:8443 | *.preview.${ZONE} Prefix:/->dashboard:8443`,
      `${PUBLIC}.webhook-receiver ${ZONE} Exact:/hooks/github->webhook-receiver:8080`,
    ]);
    const cert = one(objects, 'Certificate', PUBLIC, NS).spec;
    expect([cert.dnsNames, cert.issuerRef.kind, cert.issuerRef.name, cert.secretName]).toEqual([[ZONE, `*.preview.${ZONE}`], 'ClusterIssuer', 'letsencrypt-dns', `${PUBLIC}-tls`]);
    expect(one(objects, 'ClusterIssuer', 'letsencrypt-dns').spec.acme.solvers).toEqual([{ dns01: { route53: { region: 'eu-west-1', hostedZoneID: 'Z0123456789ABC' } }, selector: { dnsZones: [ZONE] } }]);
  });

  test('the same public host for the internal class: its own Ingress, certificate from the private CA, and only the internal controller admitted', () => {
    const ingress = one(objects, 'Ingress', 'ci-internal', NS);
    expect([ingress.spec.ingressClassName, ingress.spec.rules.map((r: any) => r.host), ingress.spec.tls]).toEqual(['nginx-internal', [ZONE], [{ hosts: [ZONE], secretName: 'ci-internal-tls' }]]);
    expect(one(objects, 'Certificate', 'ci-internal', NS).spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'internal-ca' });
    const np = one(objects, 'NetworkPolicy', 'dashboard', NS).spec.ingress.filter((r: any) => r.from[0].namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name']?.startsWith('ingress-'));
    expect(np.map((r: any) => `${r.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']}:${r.ports[0].port}`).sort()).toEqual(['ingress-internal:8443', 'ingress-nginx:8443']);
    const principals = one(objects, 'AuthorizationPolicy', 'dashboard', NS).spec.rules.filter((r: any) => r.to[0].operation.ports[0] === '8443').flatMap((r: any) => r.from[0].source.principals).sort();
    expect(principals).toEqual([
      `cluster.local/ns/${NS}/sa/webhook-receiver`, 'cluster.local/ns/ingress-internal/sa/ingress-nginx-internal', 'cluster.local/ns/ingress-nginx/sa/ingress-nginx',
    ]);
  });

  test('the artifact host from an HTTP-01 Issuer of the namespace: its solver admitted from the public controller only, on 8089', () => {
    const issuer = one(objects, 'Issuer', 'artifacts-http01', NS).spec.acme;
    expect(issuer.solvers.map((s: any) => s.http01.ingress.ingressClassName)).toEqual(['nginx']);
    expect(one(objects, 'Certificate', 'artifacts', NS).spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'Issuer', name: 'artifacts-http01' });
    const solver = one(objects, 'NetworkPolicy', 'acme-http01-solver-from-ingress-nginx', NS).spec;
    expect(solver.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8089, protocol: 'TCP' }] }]);
    expect(objects.filter(o => o.kind === 'NetworkPolicy' && o.metadata.name === 'acme-http01-solver-from-ingress-internal')).toEqual([]);
  });

  test('the runner controller holds one lease and reads one ConfigMap; no runner may reach the API server', () => {
    expect(one(objects, 'Role', 'runner-controller', NS).rules.map((r: any) => `${r.apiGroups}/${r.resources}:${r.resourceNames}:${r.verbs}`))
      .toEqual(['coordination.k8s.io/leases:runner-controller-leader:get,patch,update', '/configmaps:runner-pools:get,list,watch']);
    for (const lang of LANGUAGES) {
      expect(podOf(one(objects, 'Deployment', runnerName(lang), NS)).automountServiceAccountToken).toBe(false);
      expect(one(objects, 'NetworkPolicy', runnerName(lang), NS).spec.egress.filter((r: any) => r.to[0].ipBlock)).toEqual([]);
    }
  });

  test('each runner reaches exactly the four services it was allowed, on their serving ports', () => {
    const reach = one(objects, 'NetworkPolicy', runnerName('go'), NS).spec.egress.filter((r: any) => r.to[0].podSelector?.matchLabels?.['app.kubernetes.io/name'])
      .map((r: any) => `${r.to[0].podSelector.matchLabels['app.kubernetes.io/name']}:${r.ports[0].port}`).sort();
    expect(reach).toEqual(['artifact-store:80', 'buildkit:1234', 'git-mirror:9418', 'webhook-receiver:8080']);
  });
});

const MISTAKES: Mistake<Ci>[] = [
  ['a runner pool named one character past the limit', c => new CompliantWorkload(c.chart, 'runner-swift', {
    namespace: c.ns, name: `${runnerName('swift')}x`, image: IMAGE('runner-swift'), liveness: HealthCheck.command(['/a']), readiness: HealthCheck.command(['/r']),
  }), {
    code: 'INVALID_PROP', path: 'ci/runner-swift', prop: 'name', value: `"${runnerName('swift')}x"`, problem: /at most 50 characters/, fix: new RegExp(`use a name like "${runnerName('swift')}"`),
  }],
  ['a service on the sidecar\'s health port 15021', c => new CompliantWorkload(c.chart, 'status', { namespace: c.ns, image: IMAGE('status'), port: 15021 }), {
    code: 'INVALID_PROP', path: 'ci/status', prop: 'port', value: '15021', problem: /reserved by the Istio sidecar/, fix: /serve on another port/,
  }],
  ['a wildcard preview host from the namespace\'s HTTP-01 issuer', c => new CertManagedIngress(c.chart, 'previews', {
    host: `*.pr.${ZONE}`, allowWildcardHosts: true, backend: c.dashboard, issuer: c.artifactsIssuer,
  }), {
    code: 'INVALID_ISSUER', path: 'ci/previews', prop: 'issuer', value: '"Issuer/artifacts-http01"', problem: /does not solve DNS-01/, fix: /Issuer\.acmeDns01/,
  }],
  ['a second public ingress for the dashboard\'s host, on the same class', c => new CertManagedIngress(c.chart, 'status-page', {
    rules: [{ host: ZONE, paths: [{ path: '/status', backend: c.hooks }] }], issuer: c.dns,
  }), {
    code: 'DUPLICATE_NAME', path: 'ci/status-page', prop: 'rules[0].host', value: `"${ZONE}"`, problem: /is already used by ci\/public\. Fix:/,
    fix: /add these paths to the rules of ci\/public/,
  }],
  ['an egress proxy for the runners named like the mesh\'s own proxy container', c => new CompliantWorkload(c.chart, 'egress-proxy', {
    namespace: c.ns, name: 'istio-proxy', image: IMAGE('squid'), port: 3128,
  }), {
    code: 'INVALID_PROP', path: 'ci/egress-proxy', prop: 'name', value: '"istio-proxy"', problem: /would merge the application container with its proxy/, fix: /choose another name, e\.g\. "proxy-app"/,
  }],
  ['a runner named like the namespace\'s default-deny policy', c => new CompliantWorkload(c.chart, 'default-deny', {
    namespace: c.ns, image: IMAGE('runner'), liveness: HealthCheck.command(['/a']), readiness: HealthCheck.command(['/r']),
  }), {
    code: 'DUPLICATE_NAME', path: 'ci/default-deny', prop: 'id', value: '"default-deny"', problem: /names an object that namespace/, fix: /unique id or name/,
  }],
  ['the runner controller granted the right to create pods', c => c.controller.grant(Rule.create('pods')), {
    code: 'INVALID_RULE', path: 'ci/runner-controller', prop: 'grant(rules[0])', value: '"pods"', problem: /runs containers of the caller's choosing/, fix: /remove the rule/,
  }],
];

describe('probe 5 (b): a platform team\'s mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(ciPlatform, make, expected));
});
