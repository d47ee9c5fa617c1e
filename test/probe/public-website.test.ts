/**
 * Probe 2 (c): a public website. The apex, www and a wildcard for customer sub-sites come from a
 * namespaced DNS-01 Issuer (Cloudflare, limited to the zone); a status page comes from a shared
 * HTTP-01 ClusterIssuer. The front end listens on port 80, static assets sit under a path of the
 * apex, and every host is served over TLS with HTTP redirected to HTTPS.
 */
import { Chart, Duration } from 'cdk8s';
import {
  CertManagedIngress, ClusterIssuer, CompliantWorkload, DataClassification, Dns01Provider, HealthCheck, Issuer, MeshMtls, SensitiveNamespace,
} from '../../index';
import { expectCliClean, one, probeApp, synthProbe, verdict } from './helpers';
import { changedLines, expectRefused, Mistake, synthYaml } from './mistake-helpers';

const dns01 = (name?: string) => Issuer.acmeDns01({
  name, email: 'webmaster@example.org', dnsZones: ['example.org'],
  provider: Dns01Provider.cloudflare({ apiToken: { secret: 'cloudflare-token', key: 'token' } }),
});

/** The website, not yet synthesized. */
function website() {
  const app = probeApp();
  const platform = new Chart(app, 'platform');
  new MeshMtls(platform, 'mesh');
  const http01 = new ClusterIssuer(platform, 'letsencrypt-http', { issuer: Issuer.acmeHttp01({ email: 'webmaster@example.org' }) });
  const chart = new Chart(app, 'site');
  const www = new SensitiveNamespace(chart, 'www', { dataClassification: DataClassification.PUBLIC, owner: 'team-web', access: { editors: ['oidc:web-devs'] } });
  const frontend = new CompliantWorkload(chart, 'frontend', { namespace: www, image: 'registry.example.com/web/frontend:12.0.4', port: 80, metricsPort: 9090, readiness: HealthCheck.http('/ready') });
  const assets = new CompliantWorkload(chart, 'assets', { namespace: www, image: 'registry.example.com/web/assets:12.0.4', port: 8080, autoscaling: { maxReplicas: 8 } });
  const sites = new CompliantWorkload(chart, 'tenant-sites', { namespace: www, image: 'registry.example.com/web/tenant-sites:3.3.0', port: 8080 });
  new CertManagedIngress(chart, 'main', {
    issuer: dns01(), allowWildcardHosts: true,
    rules: [
      { host: 'example.org', paths: [{ backend: frontend }, { path: '/static', backend: assets }] },
      { host: 'www.example.org', paths: [{ backend: frontend }] },
      { host: '*.sites.example.org', paths: [{ backend: sites }] },
    ],
  });
  new CertManagedIngress(chart, 'status', { host: 'status.example.org', backend: frontend, issuer: http01, keyAlgorithm: 'ECDSA', keySize: 384 });
  return { app, chart, www, frontend, assets, sites, http01 };
}
type Website = ReturnType<typeof website>;

describe('probe 2 (c): a public website with apex, www, a wildcard and a status page', () => {
  const built = website();
  const out = synthProbe(built.app);
  const objects = out.objects;

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
    expect(verdict(out)).toEqual([]);
  });

  test('every Ingress forces HTTPS and terminates TLS for exactly its hosts, from the Secret of the certificate for them', () => {
    const ingresses = objects.filter(o => o.kind === 'Ingress');
    expect(ingresses.map(i => i.metadata.name)).toEqual(['main', 'main.assets', 'main.tenant-sites', 'status']);
    for (const ingress of ingresses) {
      expect(ingress.metadata.annotations).toMatchObject({ 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true', 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' });
      expect(ingress.spec.ingressClassName).toBe('nginx');
      const hosts = ingress.spec.rules.map((r: any) => r.host);
      expect(ingress.spec.tls).toEqual([{ hosts, secretName: ingress.metadata.name === 'status' ? 'status-tls' : 'main-tls' }]);
    }
    expect(one(objects, 'Ingress', 'main.assets', 'www').spec.rules).toEqual([{ host: 'example.org', http: { paths: [{ path: '/static', pathType: 'Prefix', backend: { service: { name: 'assets', port: { number: 8080 } } } }] } }]);
    expect(one(objects, 'Certificate', 'main', 'www').spec.dnsNames).toEqual(['example.org', 'www.example.org', '*.sites.example.org']);
  });

  test('the wildcard comes from the namespace\'s DNS-01 Issuer, limited to the zone; the status page from the HTTP-01 ClusterIssuer', () => {
    const issuer = one(objects, 'Issuer', 'acme-dns01', 'www').spec.acme;
    expect(issuer.server).toBe('https://acme-v02.api.letsencrypt.org/directory');
    expect(issuer.solvers).toEqual([{ dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare-token', key: 'token' } } }, selector: { dnsZones: ['example.org'] } }]);
    expect(one(objects, 'Certificate', 'main', 'www').spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'Issuer', name: 'acme-dns01' });
    const status = one(objects, 'Certificate', 'status', 'www').spec;
    expect(status.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-http' });
    expect([status.duration, status.renewBefore, status.privateKey]).toEqual(['2160h0m0s', '720h0m0s', { algorithm: 'ECDSA', rotationPolicy: 'Always', size: 384 }]);
  });

  test('the controller reaches the solver pods for HTTP-01 only, and each backend on its serving port only', () => {
    const solver = one(objects, 'NetworkPolicy', 'acme-http01-solver-from-ingress-nginx', 'www');
    expect(solver.spec).toEqual({
      podSelector: { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } }, policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8089, protocol: 'TCP' }] }],
    });
    expect(one(objects, 'ClusterIssuer', 'letsencrypt-http').spec.acme.solvers[0].http01.ingress).toMatchObject({ ingressClassName: 'nginx', serviceType: 'ClusterIP' });
    for (const [name, port] of [['frontend', 80], ['assets', 8080], ['tenant-sites', 8080]] as const) {
      const fromController = one(objects, 'NetworkPolicy', name, 'www').spec.ingress.filter((r: any) => r.from[0].namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx');
      expect(fromController).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port, protocol: 'TCP' }] }]);
      const byPrincipal = one(objects, 'AuthorizationPolicy', name, 'www').spec.rules.filter((r: any) => r.from[0].source.principals);
      expect(byPrincipal).toEqual([{ from: [{ source: { principals: ['cluster.local/ns/ingress-nginx/sa/ingress-nginx'] } }], to: [{ operation: { ports: [String(port)] } }] }]);
    }
  });

  test('the front end binds port 80 without root or capabilities', () => {
    const pod = one(objects, 'Deployment', 'frontend', 'www').spec.template.spec;
    expect(pod.securityContext.sysctls).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '80' }]);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('the CLI finds nothing in the YAML, with the app\'s settings', async () => {
    await expectCliClean(out, 1);
  });
});

const blog = (w: Website, props: Record<string, unknown>) => new CertManagedIngress(w.chart, 'blog', { issuer: w.http01, ...props } as any);

const MISTAKES: Mistake<Website>[] = [
  ['a wildcard host without allowWildcardHosts', w => blog(w, { host: '*.blog.example.org', backend: w.frontend, issuer: dns01() }),
    { code: 'INVALID_HOST', path: 'site/blog', prop: 'host', value: '"*.blog.example.org"', problem: /every subdomain/, fix: /allowWildcardHosts: true with an ACME DNS-01 issuer/ }],
  ['a wildcard host from the HTTP-01 issuer', w => blog(w, { host: '*.blog.example.org', backend: w.frontend, allowWildcardHosts: true }),
    { code: 'INVALID_ISSUER', path: 'site/blog', prop: 'issuer', value: '"ClusterIssuer/letsencrypt-http"', problem: /does not solve DNS-01/, fix: /Issuer\.acmeDns01/ }],
  ['a wildcard inside a label', w => blog(w, { host: 'shop*.example.org', backend: w.frontend, issuer: dns01(), allowWildcardHosts: true }),
    { code: 'INVALID_HOST', path: 'site/blog', prop: 'host', value: '"shop*.example.org"', problem: /whole first label/, fix: /fully qualified lower-case DNS name/ }],
  ['a host with a path', w => blog(w, { host: 'blog.example.org/', backend: w.frontend }),
    { code: 'INVALID_HOST', path: 'site/blog', prop: 'host', value: '"blog.example.org/"', problem: /holds a path/, fix: /no scheme, port, path or trailing dot/ }],
  ['a host with a port', w => blog(w, { host: 'blog.example.org:443', backend: w.frontend }),
    { code: 'INVALID_HOST', path: 'site/blog', prop: 'host', value: '"blog.example.org:443"', problem: /holds a port/, fix: /no scheme, port, path or trailing dot/ }],
  ['an empty hosts list', w => blog(w, { hosts: [], backend: w.frontend }),
    { code: 'INVALID_HOST', path: 'site/blog', prop: 'hosts', value: '[]', problem: /at least one host/, fix: /hosts: \['shop\.example\.com'/ }],
  ['a host outside the DNS-01 issuer\'s zones', w => blog(w, { host: 'blog.example.com', backend: w.frontend, issuer: dns01('dns-blog') }),
    { code: 'INVALID_HOST', path: 'site/blog', prop: 'host', value: '"blog.example.com"', problem: /not covered by the issuer's dnsZones \(example\.org\)/, fix: /add the host's zone/ }],
  ['a host another ingress serves', w => blog(w, { host: 'www.example.org', backend: w.assets }),
    { code: 'DUPLICATE_NAME', path: 'site/blog', prop: 'host', value: '"www.example.org"', problem: /already used by site\/main/, fix: /one CertManagedIngress/ }],
  ['the certificate Secret of another ingress', w => blog(w, { host: 'blog.example.org', backend: w.frontend, secretName: 'main-tls' }),
    { code: 'DUPLICATE_NAME', path: 'site/blog', prop: 'secretName', value: '"main-tls"', problem: /already used by site\/main/, fix: /its own secretName/ }],
  ['a path without its leading slash', w => blog(w, { rules: [{ host: 'blog.example.org', paths: [{ path: 'static', backend: w.assets }] }] }),
    { code: 'INVALID_PATH', path: 'site/blog', prop: 'rules[0].paths[0].path', value: '"static"', problem: /must start with "\/"/, fix: /"\/api"/ }],
  ['a regular expression as a path', w => blog(w, { rules: [{ host: 'blog.example.org', paths: [{ path: '/api/.*', backend: w.assets }] }] }),
    { code: 'INVALID_PATH', path: 'site/blog', prop: 'rules[0].paths[0].path', value: '"/api/.*"', problem: /only letters, digits/, fix: /plain path prefix/ }],
  ['one path routed to two backends', w => blog(w, { rules: [{ host: 'blog.example.org', paths: [{ backend: w.frontend }, { path: '/', backend: w.assets }] }] }),
    { code: 'INVALID_PATH', path: 'site/blog', prop: 'rules[0].paths[1].path', value: '"/"', problem: /routed twice for host "blog\.example\.org"/, fix: /once/ }],
  ['the metrics port published', w => blog(w, { rules: [{ host: 'blog.example.org', paths: [{ backend: w.frontend, port: 9090 }] }] }),
    { code: 'INVALID_BACKEND', path: 'site/blog', prop: 'rules[0].paths[0].port', value: '9090', problem: /metrics port/, fix: /omit the port/ }],
  ['a Traefik class', w => blog(w, { host: 'blog.example.org', backend: w.frontend, ingressClassName: 'traefik' }),
    { code: 'INVALID_PROP', path: 'site/blog', prop: 'ingressClassName', value: '"traefik"', problem: /would serve plain HTTP/, fix: /ingress-nginx controller/ }],
  ['a 30-day certificate from Let\'s Encrypt', w => blog(w, { host: 'blog.example.org', backend: w.frontend, certificateDuration: Duration.days(30) }),
    { code: 'INVALID_CERTIFICATE', path: 'site/blog', prop: 'certificateDuration', value: '"30 days"', problem: /Let's Encrypt issues 90-day certificates/, fix: /omit certificateDuration/ }],
  ['a renewal as long as the lifetime', w => blog(w, { host: 'blog.example.org', backend: w.frontend, renewBefore: Duration.days(90) }),
    { code: 'INVALID_CERTIFICATE', path: 'site/blog', prop: 'renewBefore', value: '"90 days"', problem: /renewed continuously/, fix: /Duration\.days\(30\)/ }],
  ['a 1024-bit RSA key', w => blog(w, { host: 'blog.example.org', backend: w.frontend, keyAlgorithm: 'RSA', keySize: 1024 }),
    { code: 'INVALID_CERTIFICATE', path: 'site/blog', prop: 'keySize', value: '1024', problem: /too small for RSA/, fix: /2048, 3072, 4096/ }],
  ['an internal host from a public CA', w => blog(w, { host: 'intranet.corp.internal', backend: w.frontend }),
    { code: 'INVALID_HOST', path: 'site/blog', prop: 'host', value: '"intranet.corp.internal"', problem: /only for names in the public DNS/, fix: /Issuer\.ca/ }],
  ['an ACME server over http', w => blog(w, { host: 'blog.example.org', backend: w.frontend, issuer: Issuer.acmeHttp01({ server: 'http://acme.example.org/directory' }) }),
    { code: 'INVALID_ISSUER', path: 'site/blog', prop: 'issuer.server', value: '"http://acme.example.org/directory"', problem: /not an https:\/\/ URL/, fix: /https URL/ }],
  ['the DNS API token written in the code', w => blog(w, { host: 'blog.example.org', backend: w.frontend, issuer: Issuer.acmeDns01({ provider: Dns01Provider.cloudflare({ apiToken: 'cf-1234567890' as any }) }) }),
    { code: 'INVALID_ISSUER', path: 'site/blog', prop: 'issuer.provider.apiToken', value: '"cf-1234567890"', problem: /reference to a key of a Secret/, fix: /\{ secret: '<name>', key: '<key>' \}/ }],
  ['a workload mounting the ingress certificate\'s Secret', w => new CompliantWorkload(w.chart, 'reader', { namespace: w.www, image: 'registry.example.com/web/x:1.0.0', port: 8080, secretFiles: { 'tls.key': { secret: 'main-tls', key: 'tls.key' } } }),
    { code: 'DUPLICATE_NAME', path: 'site/reader', prop: 'secretFiles.tls.key.secret', value: '"main-tls"', problem: /cert-manager write its certificate into/, fix: /a Secret of their own/ }],
  ['a controller principal in another namespace', w => blog(w, { host: 'blog.example.org', backend: w.frontend, ingressControllerPrincipal: 'cluster.local/ns/edge/sa/nginx' }),
    { code: 'INVALID_PROP', path: 'site/blog', prop: 'ingressControllerPrincipal', value: '"cluster.local/ns/edge/sa/nginx"', problem: /is in namespace "edge"/, fix: /same controller in both props/ }],
];

describe('probe 2 (c): website mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(website, make, expected));

  test('a controller principal copied with its spiffe:// scheme is refused with the principal to write instead', () => {
    expectRefused(website, w => blog(w, { host: 'blog.example.org', backend: w.frontend, ingressControllerPrincipal: 'spiffe://cluster.local/ns/ingress-nginx/sa/ingress-nginx' }), {
      code: 'INVALID_PROP', path: 'site/blog', prop: 'ingressControllerPrincipal', value: '"spiffe://cluster.local/ns/ingress-nginx/sa/ingress-nginx"',
      problem: /is a SPIFFE ID: Istio principals leave out its "spiffe:\/\/" scheme/, fix: /"cluster\.local\/ns\/ingress-nginx\/sa\/ingress-nginx"/,
    });
  });

  test('a host another ingress covers with its wildcard gets a certificate and an Ingress of its own, and weakens nothing', () => {
    const before = synthYaml(website().app);
    const w = website();
    blog(w, { host: 'a.sites.example.org', backend: w.assets });
    const changed = changedLines(before, synthYaml(w.app));
    // What it takes away is quota room only, which grows by the HTTP-01 solver pod of the new host (100m).
    expect(changed.filter(l => l.startsWith('- '))).toEqual(['-     limits.cpu: 15100m', '-     requests.cpu: 15100m']);
    expect(changed).toEqual(expect.arrayContaining(['+     limits.cpu: 15200m', '+     - host: a.sites.example.org', '+   secretName: blog-tls']));
  });
});
