import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CertManagedIngress, ClusterIssuer, CompliantWorkload, DataClassification, Dns01Provider, HealthCheck, Issuer, MeshMtls, Peer, Rule,
  SensitiveNamespace,
} from '../../constructs';

/** A stable fake digest for the reference images. */
function image(repository: string, seed: string): string {
  let hex = '';
  for (let i = 0; hex.length < 64; i++) hex += ((seed.charCodeAt(i % seed.length) * (i + 7)) % 256).toString(16).padStart(2, '0');
  return `registry.example.com/${repository}@sha256:${hex.slice(0, 64)}`;
}

/** The constructs of the reference platform, for tests. */
export interface ReferencePlatform {
  readonly mesh: MeshMtls;
  readonly letsEncrypt: ClusterIssuer;
  readonly storefront: SensitiveNamespace;
  readonly payments: SensitiveNamespace;
  readonly web: CompliantWorkload;
  readonly catalog: CompliantWorkload;
  readonly cart: CompliantWorkload;
  readonly paymentsApi: CompliantWorkload;
  readonly ledger: CompliantWorkload;
  readonly fraud: CompliantWorkload;
  readonly shopIngress: CertManagedIngress;
  readonly payIngress: CertManagedIngress;
}

/**
 * The reference app: an online shop run by two teams on a shared platform. The platform chart
 * holds the mesh-wide policies (STRICT mTLS, REGISTRY_ONLY egress, access logging) and the
 * Let's Encrypt ClusterIssuer. The storefront team runs the web front end, the catalogue and the
 * cart (confidential data); the payments team runs the payments API, the ledger and fraud scoring
 * (restricted data). The web front end is public at shop.example.com (certificate by ACME
 * HTTP-01 from the shared ClusterIssuer); the payments API is public at pay.example.com
 * (certificate by ACME DNS-01 from an Issuer of the payments namespace). The cart calls the
 * payments API across namespaces, the payments API calls an external card processor, and fraud
 * scoring reads its rules from a named ConfigMap through the Kubernetes API.
 */
export function buildReferencePlatform(scope: Construct): ReferencePlatform {
  const platformChart = new Chart(scope, 'platform');
  const storefrontChart = new Chart(scope, 'storefront');
  const paymentsChart = new Chart(scope, 'payments');

  const storefront = new SensitiveNamespace(storefrontChart, 'storefront', {
    dataClassification: DataClassification.CONFIDENTIAL,
    owner: 'team-storefront',
    access: { editors: ['oidc:storefront-devs'], viewers: ['oidc:auditors', 'oidc:storefront-support'] },
  });
  const payments = new SensitiveNamespace(paymentsChart, 'payments', {
    dataClassification: DataClassification.RESTRICTED,
    owner: 'team-payments',
    access: { editors: ['oidc:payments-devs'], viewers: ['oidc:auditors'] },
    quota: { cpu: '20', memory: '32Gi' },
    // The API server's endpoint address (kubectl get endpoints kubernetes -n default), not the Service IP.
    apiServer: { cidr: '10.20.0.10/32', port: 443 },
  });

  const web = new CompliantWorkload(storefrontChart, 'web', {
    namespace: storefront, image: image('storefront/web', 'web-2.14.0'), port: 8080, metricsPort: 9090,
    autoscaling: { minReplicas: 3, maxReplicas: 10 }, env: { LOG_LEVEL: 'info', CATALOG_URL: 'http://catalog.storefront.svc.cluster.local:8080' },
    writablePaths: ['/tmp', '/var/cache/nginx'],
  });
  const catalog = new CompliantWorkload(storefrontChart, 'catalog', {
    namespace: storefront, image: 'registry.example.com/storefront/catalog:3.2.1', port: 8080, metricsPort: 9090,
    secretFiles: { 'database-password': { secret: 'catalog-db', key: 'password' } },
  });
  const cart = new CompliantWorkload(storefrontChart, 'cart', {
    namespace: storefront, image: image('storefront/cart', 'cart-1.9.4'), port: 8080,
    env: { PAYMENTS_URL: 'http://payments-api.payments.svc.cluster.local:8443' },
  });
  catalog.allowFrom(web);
  cart.allowFrom(web);

  const paymentsApi = new CompliantWorkload(paymentsChart, 'payments-api', {
    namespace: payments, image: image('payments/api', 'payments-api-5.0.3'), port: 8443, metricsPort: 9090,
    replicas: 3,
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    secretFiles: { 'processor-api-key': { secret: 'card-processor', key: 'api-key' } },
  });
  // The ledger image runs PostgreSQL with streaming replication: the other replicas copy the first
  // one's data to their own volumes, so the replicas reach each other (allowFrom itself, below).
  const ledger = new CompliantWorkload(paymentsChart, 'ledger', {
    namespace: payments, image: image('payments/ledger', 'ledger-16.4'), port: 5432, protocol: 'tcp',
    readiness: HealthCheck.command(['pg_isready', '-h', '127.0.0.1', '-p', '5432']),
    resources: { requests: { cpu: '500m', memory: '1Gi', ephemeralStorage: '256Mi' }, limits: { cpu: '2', memory: '2Gi', ephemeralStorage: '1Gi' } },
    writablePaths: ['/tmp', '/var/run/postgresql'],
    // The data directory sits below the volume's root, which the volume's own files (lost+found) share.
    storage: { mountPath: '/var/lib/postgresql/data', size: '50Gi' }, env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
    secretFiles: { 'postgres-password': { secret: 'ledger-db', key: 'password' } },
  });
  const fraud = new CompliantWorkload(paymentsChart, 'fraud-scoring', {
    namespace: payments, image: 'registry.example.com/payments/fraud-scoring:0.21.7', port: 50051, protocol: 'grpc',
    liveness: HealthCheck.tcp(), readiness: HealthCheck.grpc(50051),
  });
  paymentsApi.allowFrom(cart);
  ledger.allowFrom(paymentsApi);
  ledger.allowFrom(ledger);
  fraud.allowFrom(paymentsApi);
  paymentsApi.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: 'api.cardprocessor.example.com' }),
    { reason: 'card authorisations go to the card processor (contract PAY-17)' });
  fraud.grant(Rule.read('configmaps', ['fraud-rules']));

  const letsEncrypt = new ClusterIssuer(platformChart, 'letsencrypt-prod', {
    issuer: Issuer.acmeHttp01({ email: 'security@shop.example.com', ingressClassName: 'nginx' }),
  });
  const shopIngress = new CertManagedIngress(storefrontChart, 'shop', {
    hosts: ['shop.example.com', 'www.shop.example.com'], backend: web, issuer: letsEncrypt,
  });
  const payIngress = new CertManagedIngress(paymentsChart, 'pay', {
    host: 'pay.example.com', backend: paymentsApi,
    issuer: Issuer.acmeDns01({
      name: 'letsencrypt-dns',
      email: 'security@shop.example.com',
      provider: Dns01Provider.cloudflare({ apiToken: { secret: 'cloudflare-api-token', key: 'api-token' } }),
      dnsZones: ['example.com'],
    }),
  });
  // Created after the namespaces so that it covers them (DestinationRule per namespace).
  const mesh = new MeshMtls(platformChart, 'mesh', {
    externalHosts: [{ host: 'api.mail.example.com', reason: 'order confirmation e-mails go through the mail provider (contract OPS-88)' }],
  });

  return { mesh, letsEncrypt, storefront, payments, web, catalog, cart, paymentsApi, ledger, fraud, shopIngress, payIngress };
}
