import { Testing } from 'cdk8s';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { buildReferencePlatform } from '../../src/reference/platform';
import { allSchemaErrors } from '../support/schema';
import { find, synthApp } from '../support/synth';

const OUT_OF_MESH = { metadata: { labels: { 'sidecar.istio.io/inject': 'false' } } };

describe('the reference app', () => {
  const app = Testing.app();
  const ref = buildReferencePlatform(app);
  const objects = synthApp(app);
  const report = runCompliance(ManifestIndex.fromObjects(objects));

  test('synthesizes the platform chart first, then the teams', () => {
    expect(app.charts.map(c => c.node.id)).toEqual(['platform', 'storefront', 'payments']);
    expect(ref.mesh.node.scope?.node.id).toBe('platform');
    expect(ref.letsEncrypt.node.scope?.node.id).toBe('platform');
  });

  test('every object is schema-valid and the compliance check finds nothing', () => {
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(report.findings).toEqual([]);
  });

  test('the only suppression is the explained one on the ACME solver policy', () => {
    const suppressed = report.evaluations.filter(e => e.status === 'suppressed').map(e => `${e.control.id} ${e.object.ref}`);
    expect(suppressed).toEqual(['network-policy-targets-pods NetworkPolicy/storefront/acme-http01-solver-from-ingress-nginx']);
  });

  test('one MeshMtls: STRICT mesh-wide, REGISTRY_ONLY, access logs, mutual TLS to both team namespaces', () => {
    const root = objects.filter(o => o.metadata.namespace === 'istio-system');
    expect(root.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'DestinationRule/mtls-payments', 'DestinationRule/mtls-storefront', 'PeerAuthentication/default',
      'ServiceEntry/external-api-mail-example-com', 'Sidecar/default', 'Telemetry/mesh-default',
    ]);
    expect(find(root, 'PeerAuthentication', 'default').spec.mtls.mode).toBe('STRICT');
    expect(find(root, 'Sidecar', 'default').spec.outboundTrafficPolicy.mode).toBe('REGISTRY_ONLY');
  });

  test('two CertManagedIngresses: ACME HTTP-01 through the shared ClusterIssuer, and ACME DNS-01 through a namespaced Issuer', () => {
    const shop = find(objects, 'Certificate', 'shop', 'storefront');
    const pay = find(objects, 'Certificate', 'pay', 'payments');
    expect(shop.spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-prod' });
    expect(find(objects, 'ClusterIssuer', 'letsencrypt-prod').spec.acme.solvers).toEqual([{ http01: { ingress: { ingressClassName: 'nginx', serviceType: 'ClusterIP', podTemplate: OUT_OF_MESH } } }]);
    expect(pay.spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'Issuer', name: 'letsencrypt-dns' });
    const dns = find(objects, 'Issuer', 'letsencrypt-dns', 'payments');
    expect(dns.spec.acme.server).toMatch(/^https:\/\//);
    expect(dns.spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef).toEqual({ name: 'cloudflare-api-token', key: 'api-token' });
    expect(objects.filter(o => o.metadata.name.startsWith('acme-http01-solver')).map(o => o.metadata.namespace)).toEqual(['storefront']);
  });

  test('each Ingress serves TLS for every host from the Secret of a Certificate naming exactly those hosts', () => {
    const ingresses = objects.filter(o => o.kind === 'Ingress');
    expect(ingresses.map(i => `${i.metadata.namespace}/${i.metadata.name}`).sort()).toEqual(['payments/pay', 'storefront/shop']);
    for (const ing of ingresses) {
      const hosts = ing.spec.rules.map((r: any) => r.host);
      expect(ing.spec.tls).toEqual([{ hosts, secretName: `${ing.metadata.name}-tls` }]);
      expect(find(objects, 'Certificate', ing.metadata.name, ing.metadata.namespace).spec.dnsNames).toEqual(hosts);
    }
    expect(ref.shopIngress.hosts).toEqual(['shop.example.com', 'www.shop.example.com']);
    expect(ref.payIngress.hosts).toEqual(['pay.example.com']);
  });

  test('only the workloads behind an ingress admit the ingress controller, and every Service stays ClusterIP', () => {
    const admitting = objects.filter(o => o.kind === 'AuthorizationPolicy' && JSON.stringify(o.spec).includes('/ns/ingress-nginx/'))
      .map(o => `${o.metadata.namespace}/${o.metadata.name}`).sort();
    expect(admitting).toEqual(['payments/payments-api', 'storefront/web']);
    const services = objects.filter(o => o.kind === 'Service');
    // One per workload, plus the headless Service of the ledger's StatefulSet.
    expect(services.map(s => s.metadata.name).sort()).toEqual(['cart', 'catalog', 'fraud-scoring', 'ledger', 'ledger-headless', 'payments-api', 'web']);
    expect(services.filter(s => s.spec.type !== 'ClusterIP')).toEqual([]);
  });
});
