/**
 * Probe 4 (b): the edge of a B2B SaaS. Four tenant namespaces, each with an apex host and a
 * wildcard for its customers' sub-domains (a DNS-01 ClusterIssuer limited to the zone) routed by
 * path to three workloads, and a vanity domain of its own (one tenant's from an HTTP-01 Issuer in
 * its namespace, the others' from an HTTP-01 ClusterIssuer); an admin host in the core namespace
 * from a private CA; one authorization service in the core namespace that the web and API
 * workloads of every tenant call. The ingress controller reaches each backend on its serving port
 * only, and the solver pods only where a certificate needs HTTP-01.
 */
import { Chart } from 'cdk8s';
import {
  CertManagedIngress, ClusterIssuer, CompliantWorkload, DataClassification, Dns01Provider, HealthCheck, Issuer, MeshMtls, SensitiveNamespace,
} from '../../index';
import { expectCliClean, one, probeApp, synthProbe, verdict } from './helpers';
import { expectRefused, Mistake } from './mistake-helpers';

const TENANTS = ['acme', 'globex', 'initech', 'umbrella'] as const;
const ZONE = 'saas.example.com';
const IMAGE = (name: string) => `registry.example.com/saas/${name}:5.2.0`;

/** The SaaS edge, not yet synthesized. */
function saas() {
  const app = probeApp({ allowedRegistries: ['registry.example.com/'] });
  const platform = new Chart(app, 'platform');
  new MeshMtls(platform, 'mesh', { allowNothing: true });
  const dns = new ClusterIssuer(platform, 'letsencrypt-dns', {
    issuer: Issuer.acmeDns01({ email: 'pki@example.com', dnsZones: [ZONE], provider: Dns01Provider.cloudflare({ apiToken: { secret: 'cloudflare-token', key: 'api-token' } }) }),
  });
  const http = new ClusterIssuer(platform, 'letsencrypt-http', { issuer: Issuer.acmeHttp01({ email: 'pki@example.com' }) });
  const internal = new ClusterIssuer(platform, 'internal-ca', { issuer: Issuer.ca({ secretName: 'internal-ca-key-pair' }) });
  const chart = new Chart(app, 'saas');
  const core = new SensitiveNamespace(chart, 'core', { dataClassification: DataClassification.RESTRICTED, owner: 'team-core', access: { editors: ['oidc:core-devs'] } });
  const authz = new CompliantWorkload(chart, 'authz', { namespace: core, image: IMAGE('authz'), port: 9000, protocol: 'grpc', autoscaling: { maxReplicas: 10 } });
  const admin = new CompliantWorkload(chart, 'admin', { namespace: core, image: IMAGE('admin'), port: 8080, readiness: HealthCheck.http('/ready') });
  authz.allowFrom(admin);
  new CertManagedIngress(chart, 'admin-ingress', { name: 'admin', host: `admin.${ZONE}`, backend: admin, issuer: internal });
  const vanityIssuer = Issuer.acmeHttp01({ name: 'vanity-http01', email: 'pki@example.com' });
  const tenants = TENANTS.map(t => {
    const namespace = new SensitiveNamespace(chart, `tenant-${t}`, { dataClassification: DataClassification.CONFIDENTIAL, owner: `team-${t}`, access: { viewers: [`oidc:${t}-support`] } });
    const web = new CompliantWorkload(chart, `${t}-web`, { namespace, name: 'web', image: IMAGE('web'), port: 8080, metricsPort: 9090 });
    const api = new CompliantWorkload(chart, `${t}-api`, { namespace, name: 'api', image: IMAGE('api'), port: 8443, protocol: 'http2', autoscaling: { maxReplicas: 6 } });
    const files = new CompliantWorkload(chart, `${t}-files`, { namespace, name: 'files', image: IMAGE('files'), port: 8080 });
    authz.allowFrom(web);
    authz.allowFrom(api);
    api.allowFrom(web);
    new CertManagedIngress(chart, `${t}-edge`, {
      name: 'edge', issuer: dns, allowWildcardHosts: true,
      rules: [
        { host: `${t}.${ZONE}`, paths: [{ backend: web }, { path: '/api', backend: api }, { path: '/files', pathType: 'Prefix', backend: files }] },
        { host: `*.${t}.${ZONE}`, paths: [{ backend: web }, { path: '/api', backend: api }] },
      ],
    });
    new CertManagedIngress(chart, `${t}-vanity`, { name: 'vanity', hosts: [`${t}-corp.example.net`, `www.${t}-corp.example.net`], backend: web, issuer: t === 'acme' ? vanityIssuer : http });
    return { namespace, web, api, files };
  });
  return { app, platform, chart, core, authz, admin, tenants, dns, http, internal };
}
type Saas = ReturnType<typeof saas>;

describe('probe 4 (b): a SaaS edge of four tenants with wildcard hosts, three issuers and one shared authorization service', () => {
  const out = synthProbe(saas().app);
  const objects = out.objects;

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
    expect(verdict(out)).toEqual([]);
  });

  test('each tenant: one Ingress per backend, the apex and the wildcard in one certificate from the DNS-01 ClusterIssuer', () => {
    for (const t of TENANTS) {
      const routes = objects.filter(o => o.kind === 'Ingress' && o.metadata.namespace === `tenant-${t}` && o.metadata.name.startsWith('edge'))
        .map(o => `${o.metadata.name} ${o.spec.rules.map((r: any) => `${r.host}${r.http.paths.map((p: any) => ` ${p.path}->${p.backend.service.name}:${p.backend.service.port.number}`).join('')}`).join(' | ')}`);
      expect(routes).toEqual([
        `edge ${t}.${ZONE} /->web:8080 | *.${t}.${ZONE} /->web:8080`,
        `edge.api ${t}.${ZONE} /api->api:8443 | *.${t}.${ZONE} /api->api:8443`,
        `edge.files ${t}.${ZONE} /files->files:8080`,
      ]);
      for (const name of ['edge', 'edge.api', 'edge.files']) {
        const ingress = one(objects, 'Ingress', name, `tenant-${t}`);
        expect(ingress.spec.tls).toEqual([{ hosts: [`${t}.${ZONE}`, `*.${t}.${ZONE}`].filter(h => ingress.spec.rules.some((r: any) => r.host === h)), secretName: 'edge-tls' }]);
        expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/force-ssl-redirect']).toBe('true');
      }
      expect(one(objects, 'Certificate', 'edge', `tenant-${t}`).spec).toMatchObject({
        dnsNames: [`${t}.${ZONE}`, `*.${t}.${ZONE}`], secretName: 'edge-tls', issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt-dns' },
      });
    }
  });

  test('the vanity domains come from HTTP-01: acme\'s from an Issuer of its own namespace, the others\' from the ClusterIssuer', () => {
    const issuers = TENANTS.map(t => {
      const ref = one(objects, 'Certificate', 'vanity', `tenant-${t}`).spec.issuerRef;
      return `${t}: ${ref.kind}/${ref.name}`;
    });
    expect(issuers).toEqual(['acme: Issuer/vanity-http01', 'globex: ClusterIssuer/letsencrypt-http', 'initech: ClusterIssuer/letsencrypt-http', 'umbrella: ClusterIssuer/letsencrypt-http']);
    expect(objects.filter(o => o.kind === 'Issuer').map(o => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['tenant-acme/vanity-http01']);
    expect(one(objects, 'Certificate', 'admin', 'core').spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'internal-ca' });
  });

  test('the solver pods are admitted from the controller only in the namespaces whose certificates need HTTP-01', () => {
    const solverPolicies = objects.filter(o => o.kind === 'NetworkPolicy' && o.metadata.name.startsWith('acme-http01-solver')).map(o => o.metadata.namespace);
    expect(solverPolicies.sort()).toEqual(TENANTS.map(t => `tenant-${t}`));
    for (const t of TENANTS) {
      expect(one(objects, 'NetworkPolicy', 'acme-http01-solver-from-ingress-nginx', `tenant-${t}`).spec).toMatchObject({
        podSelector: { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8089, protocol: 'TCP' }] }],
      });
    }
  });

  test('the ingress controller reaches each backend on its serving port, by namespace and by principal, and nothing on a metrics port', () => {
    for (const t of TENANTS) {
      for (const [name, port] of [['web', 8080], ['api', 8443], ['files', 8080]] as const) {
        const rules = one(objects, 'NetworkPolicy', name, `tenant-${t}`).spec.ingress
          .filter((r: any) => r.from.some((f: any) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx'));
        expect(rules.map((r: any) => r.ports.map((p: any) => p.port))).toEqual([[port]]);
        const authorization = one(objects, 'AuthorizationPolicy', name, `tenant-${t}`).spec.rules
          .filter((r: any) => r.from[0].source.principals?.includes('cluster.local/ns/ingress-nginx/sa/ingress-nginx'));
        expect(authorization.map((r: any) => r.to[0].operation.ports)).toEqual([[String(port)]]);
      }
    }
  });

  test('the authorization service admits exactly the web and API workloads of every tenant and the admin console, by pod and by principal', () => {
    const callers = TENANTS.flatMap(t => [`tenant-${t}/api`, `tenant-${t}/web`]).concat('core/admin').sort();
    const admitted = one(objects, 'NetworkPolicy', 'authz', 'core').spec.ingress.map((r: any) => {
      const from = r.from[0];
      return `${from.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] ?? 'core'}/${from.podSelector.matchLabels['app.kubernetes.io/name']}:${r.ports[0].port}`;
    });
    expect(admitted.sort()).toEqual(callers.map(c => `${c}:9000`));
    const principals = one(objects, 'AuthorizationPolicy', 'authz', 'core').spec.rules.flatMap((r: any) => r.from[0].source.principals);
    expect([...principals].sort()).toEqual(callers.map(c => `cluster.local/ns/${c.replace('/', '/sa/')}`));
    // Each tenant's sidecars know the authorization service, and nothing of the other tenants.
    for (const t of TENANTS) {
      expect(one(objects, 'Sidecar', 'default', `tenant-${t}`).spec.egress[0].hosts).toEqual(['./*', 'istio-system/*', 'core/authz.core.svc.cluster.local']);
    }
  });

  test('the CLI finds nothing in the YAML, with the app\'s settings; the suppressions are the HTTP-01 solver policies\', by design', async () => {
    const run = await expectCliClean(out, 4);
    expect(run.stdout.split('\n').filter(l => / network-policy-targets-pods: /.test(l)).map(l => l.trim().split(' ')[0]))
      .toEqual(TENANTS.map(t => `NetworkPolicy/tenant-${t}/acme-http01-solver-from-ingress-nginx`));
  });
});

const web = (s: Saas) => s.tenants[0].web;
const LONG_LABEL = 'l'.repeat(64);
/** 4 labels of 60 characters and the zone: 255 characters, each label within its 63. */
const LONG_HOST = `${['a', 'b', 'c', 'd'].map(c => c.repeat(60)).join('.')}.example.com`;

const MISTAKES: Mistake<Saas>[] = [
  ['a host longer than a DNS name holds, every label within its limit', s => new CertManagedIngress(s.chart, 'long', { host: LONG_HOST, backend: web(s), issuer: s.http }),
    { code: 'INVALID_HOST', path: 'saas/long', prop: 'host', value: `"${LONG_HOST}"`, problem: /is 255 characters long, more than the 253 a DNS name holds/, fix: /shorter name/ }],
  ['a host with a label longer than 63 characters', s => new CertManagedIngress(s.chart, 'long', { hosts: [`acme-corp.example.net`, `${LONG_LABEL}.example.net`], backend: web(s), issuer: s.http }),
    { code: 'INVALID_HOST', path: 'saas/long', prop: 'hosts[1]', value: `"${LONG_LABEL}.example.net"`, problem: /has a label of 64 characters \("l{20}…"\), more than the 63 a DNS label holds/, fix: /shorten that label/ }],
  ['a second tenant claiming a host another namespace serves', s => new CertManagedIngress(s.chart, 'hijack', { host: `acme.${ZONE}`, backend: s.tenants[1].web, issuer: s.dns }),
    { code: 'DUPLICATE_NAME', path: 'saas/hijack', prop: 'host', value: `"acme.${ZONE}"`, problem: /is already used by saas\/acme-edge/, fix: /serve each host from one CertManagedIngress/ }],
  ['a wildcard from the HTTP-01 ClusterIssuer', s => new CertManagedIngress(s.chart, 'wild', { host: `*.shop.${ZONE}`, backend: web(s), issuer: s.http, allowWildcardHosts: true }),
    { code: 'INVALID_ISSUER', path: 'saas/wild', prop: 'issuer', value: '"ClusterIssuer/letsencrypt-http"', problem: /does not solve DNS-01, the only ACME challenge for the wildcard host/, fix: /Issuer\.acmeDns01/ }],
  ['a wildcard outside the zone the DNS-01 issuer answers for', s => new CertManagedIngress(s.chart, 'wild', { host: '*.acme-corp.example.net', backend: web(s), issuer: s.dns, allowWildcardHosts: true }),
    { code: 'INVALID_HOST', path: 'saas/wild', prop: 'host', value: '"*.acme-corp.example.net"', problem: /not covered by the issuer's dnsZones \(saas\.example\.com\)/, fix: /add the host's zone to the issuer's dnsZones/ }],
  ['a path routed to a workload of another tenant', s => new CertManagedIngress(s.chart, 'mixed', {
    issuer: s.dns, rules: [{ host: `shop.${ZONE}`, paths: [{ backend: s.tenants[0].web }, { path: '/api', backend: s.tenants[1].api }] }],
  }), { code: 'INVALID_BACKEND', path: 'saas/mixed', prop: 'rules[0].paths[1].backend', value: '"saas/globex-api"', problem: /runs in namespace "tenant-globex", not "tenant-acme"/, fix: /one CertManagedIngress per namespace/ }],
];

describe('probe 4 (b): edge mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(saas, make, expected));
});
