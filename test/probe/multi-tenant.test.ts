/**
 * Probe (b): three SensitiveNamespaces whose workloads call each other across namespaces, one
 * exposed by a CertManagedIngress with three hosts and path routes, one calling an external API,
 * under a mesh with a mesh-wide allow-nothing policy and a DNS-01 ClusterIssuer.
 */
import { Chart } from 'cdk8s';
import {
  CertManagedIngress, ClusterIssuer, CompliantWorkload, DataClassification, Dns01Provider, HealthCheck, Issuer, MeshMtls, Peer, Rule, SensitiveNamespace,
} from '../../index';
import { expectCliClean, one, probeApp, synthProbe, verdict } from './helpers';

function build() {
  const app = probeApp();
  const platform = new Chart(app, 'platform');
  new MeshMtls(platform, 'mesh', { externalHosts: [{ host: 'api.partner.example.net', reason: 'partner order feed (contract ORD-9)' }], allowNothing: true });
  const issuer = new ClusterIssuer(platform, 'le', {
    issuer: Issuer.acmeDns01({ email: 'pki@example.com', provider: Dns01Provider.route53({ region: 'eu-west-1', hostedZoneId: 'Z0123456789' }) }),
  });
  const chart = new Chart(app, 'tenants');
  const tenant = (id: string, dataClassification: DataClassification) => new SensitiveNamespace(chart, id, {
    dataClassification, owner: `team-${id}`, access: { editors: [`oidc:${id}-devs`], viewers: ['oidc:auditors'] }, apiServer: { cidr: '10.20.0.0/24', port: 443 },
  });
  const a = tenant('tenant-a', DataClassification.CONFIDENTIAL);
  const b = tenant('tenant-b', DataClassification.RESTRICTED);
  const shared = tenant('shared', DataClassification.INTERNAL);
  const gateway = new CompliantWorkload(chart, 'gateway', { namespace: shared, image: 'registry.example.com/gw:2.0.1', port: 8443, protocol: 'http2', readiness: HealthCheck.http('/ready') });
  const auth = new CompliantWorkload(chart, 'auth', { namespace: shared, image: 'registry.example.com/auth:1.1.0', port: 9000, protocol: 'grpc' });
  const orders = new CompliantWorkload(chart, 'orders', { namespace: a, image: 'registry.example.com/orders:3.2.0', port: 8080, metricsPort: 9090 });
  const billing = new CompliantWorkload(chart, 'billing', { namespace: b, image: 'registry.example.com/billing:0.9.0', port: 8080, autoscaling: { maxReplicas: 5, memoryUtilization: 80 } });
  for (const caller of [gateway, orders, billing]) auth.allowFrom(caller);
  orders.allowFrom(gateway);
  billing.allowFrom(gateway);
  billing.allowFrom(orders);
  billing.allowEgressTo(Peer.cidr('192.0.2.0/28', 443, { host: 'api.partner.example.net' }), { reason: 'partner order feed (contract ORD-9)' });
  billing.grant(Rule.read('configmaps', ['billing-rates']), Rule.write('leases', ['billing-leader']));
  new CertManagedIngress(chart, 'edge', {
    issuer, keyAlgorithm: 'RSA', keySize: 3072,
    rules: [
      { host: 'shop.example.com', paths: [{ path: '/', backend: gateway }] },
      { host: 'api.shop.example.com', paths: [{ path: '/v1', backend: gateway }, { path: '/v1/auth', pathType: 'Exact', backend: gateway }] },
      { host: 'status.shop.example.com', paths: [{ path: '/', backend: gateway }] },
    ],
  });
  return synthProbe(app);
}

describe('probe (b): three tenants, cross-namespace calls, a three-host ingress with paths, an external API', () => {
  const out = build();
  const objects = out.objects;

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
    expect(verdict(out)).toEqual([]);
  });

  test('the Ingress routes three hosts and their paths over TLS from a certificate for exactly those hosts', () => {
    const ingress = one(objects, 'Ingress', 'edge', 'shared');
    expect(ingress.spec.rules.map((r: any) => `${r.host}${r.http.paths.map((p: any) => ` ${p.pathType}:${p.path}->${p.backend.service.name}:${p.backend.service.port.number}`).join('')}`)).toEqual([
      'shop.example.com Prefix:/->gateway:8443',
      'api.shop.example.com Prefix:/v1->gateway:8443 Exact:/v1/auth->gateway:8443',
      'status.shop.example.com Prefix:/->gateway:8443',
    ]);
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/force-ssl-redirect']).toBe('true');
    const hosts = ['shop.example.com', 'api.shop.example.com', 'status.shop.example.com'];
    expect(ingress.spec.tls).toEqual([{ hosts, secretName: 'edge-tls' }]);
    const cert = one(objects, 'Certificate', 'edge', 'shared');
    expect(cert.spec.dnsNames).toEqual(hosts);
    expect(cert.spec.privateKey).toEqual({ algorithm: 'RSA', rotationPolicy: 'Always', size: 3072 });
    expect(cert.spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'le' });
  });

  test('only the ingress controller reaches the gateway, by namespace and principal, on its serving port', () => {
    expect(one(objects, 'AuthorizationPolicy', 'gateway', 'shared').spec.rules)
      .toEqual([{ from: [{ source: { principals: ['cluster.local/ns/ingress-nginx/sa/ingress-nginx'] } }], to: [{ operation: { ports: ['8443'] } }] }]);
    const from = one(objects, 'NetworkPolicy', 'gateway', 'shared').spec.ingress.map((r: any) => r.from[0].namespaceSelector.matchLabels?.['kubernetes.io/metadata.name']);
    expect(from).toEqual(['ingress-nginx']);
  });

  test('each namespace\'s REGISTRY_ONLY Sidecar lists exactly the Services its workloads call in other namespaces', () => {
    const hosts = (ns: string) => one(objects, 'Sidecar', 'default', ns).spec.egress[0].hosts;
    expect(hosts('tenant-a')).toEqual(['./*', 'istio-system/*', 'shared/auth.shared.svc.cluster.local', 'tenant-b/billing.tenant-b.svc.cluster.local']);
    expect(hosts('tenant-b')).toEqual(['./*', 'istio-system/*', 'default/kubernetes.default.svc.cluster.local', 'shared/auth.shared.svc.cluster.local']);
    expect(hosts('shared')).toEqual(['./*', 'istio-system/*', 'tenant-a/orders.tenant-a.svc.cluster.local', 'tenant-b/billing.tenant-b.svc.cluster.local']);
  });

  test('the external API is the mesh-wide ServiceEntry, which tenant-b does not shadow with one of its own, and the billing Role names its objects', () => {
    expect(objects.filter(o => o.kind === 'ServiceEntry').map(o => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['istio-system/external-api-partner-example-net']);
    expect(one(objects, 'NetworkPolicy', 'billing', 'tenant-b').spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: '192.0.2.0/28' } }], ports: [{ port: 443, protocol: 'TCP' }] });
    expect(one(objects, 'Role', 'billing', 'tenant-b').rules).toEqual([
      { apiGroups: ['coordination.k8s.io'], resourceNames: ['billing-leader'], resources: ['leases'], verbs: ['get', 'patch', 'update'] },
      { apiGroups: [''], resourceNames: ['billing-rates'], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] },
    ]);
    const hpa = one(objects, 'HorizontalPodAutoscaler', 'billing', 'tenant-b');
    expect(hpa.spec.metrics.map((m: any) => `${m.containerResource.name}=${m.containerResource.target.averageUtilization}`)).toEqual(['cpu=70', 'memory=80']);
    expect(one(objects, 'Deployment', 'billing', 'tenant-b').spec.replicas).toBeUndefined();
  });

  test('the CLI finds nothing in the YAML, with the app\'s settings', async () => {
    await expectCliClean(out);
  });
});
