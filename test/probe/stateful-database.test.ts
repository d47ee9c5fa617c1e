/**
 * Probe (a): a replicated database as a StatefulSet with a volume per replica, a backup worker
 * that ships to object storage, credentials mounted as files, and a caller in another namespace.
 */
import { Chart } from 'cdk8s';
import { CompliantWorkload, DataClassification, HealthCheck, Peer, PodField, SensitiveNamespace } from '../../index';
import { expectCliClean, one, probeApp, synthProbe, verdict } from './helpers';

function build() {
  const app = probeApp({ allowedRegistries: ['registry.example.com/'] });
  const chart = new Chart(app, 'data');
  const dbNs = new SensitiveNamespace(chart, 'db', { dataClassification: DataClassification.RESTRICTED, owner: 'team-data' });
  const ordersNs = new SensitiveNamespace(chart, 'orders', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-orders' });
  const db = new CompliantWorkload(chart, 'orders-db', {
    namespace: dbNs, image: 'registry.example.com/db/postgres:16.4', port: 5432, protocol: 'tcp', replicas: 3,
    readiness: HealthCheck.command(['pg_isready', '-U', 'app']),
    storage: { mountPath: '/var/lib/postgresql/data', size: '50Gi', storageClassName: 'fast-ssd' },
    secretFiles: {
      'superuser-password': { secret: 'pg-superuser', key: 'password' },
      'replication-password': { secret: 'pg-replication', key: 'password' },
    },
    podInfoEnv: { POD_NAME: PodField.POD_NAME },
    env: { PGDATA: '/var/lib/postgresql/data/pgdata', PATRONI_NAME: '$(POD_NAME)' },
    writablePaths: ['/tmp', '/var/run/postgresql'],
  });
  db.allowFrom(db, { port: 8008 });  // the replicas' own REST port, beside the database port
  db.allowFrom(db);
  const backup = new CompliantWorkload(chart, 'backup', {
    namespace: dbNs, image: 'registry.example.com/db/wal-g:3.0.0',
    liveness: HealthCheck.command(['test', '-f', '/tmp/alive']),
    readiness: HealthCheck.command(['test', '-f', '/tmp/ready']),
    secretFiles: { 's3-credentials': { secret: 'backup-s3', key: 'credentials' } },
    args: ['--config', '/var/run/secrets/app/s3-credentials'],
  });
  db.allowFrom(backup);
  backup.allowEgressTo(Peer.cidr('198.51.100.0/24', 443, { host: 's3.eu-west-1.example.com' }), { reason: 'nightly base backups to object storage (OPS-44)' });
  const api = new CompliantWorkload(chart, 'orders-api', { namespace: ordersNs, image: 'registry.example.com/orders/api:1.0.0', port: 8080 });
  db.allowFrom(api);
  return synthProbe(app);
}

describe('probe (a): a stateful database with a backup worker and a caller in another namespace', () => {
  const out = build();
  const objects = out.objects;

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
    expect(verdict(out)).toEqual([]);
  });

  test('the database is a StatefulSet of 3 with a 50Gi fast-ssd claim per replica, counted in the namespace quota', () => {
    const sts = one(objects, 'StatefulSet', 'orders-db', 'db');
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.serviceName).toBe('orders-db-headless');
    expect(sts.spec.volumeClaimTemplates.map((t: any) => [t.spec.accessModes, t.spec.resources.requests.storage, t.spec.storageClassName]))
      .toEqual([[['ReadWriteOnce'], '50Gi', 'fast-ssd']]);
    expect(one(objects, 'ResourceQuota', 'quota', 'db').spec.hard['requests.storage']).toBe('150Gi');
    expect(one(objects, 'Service', 'orders-db-headless', 'db').spec.ports.map((p: any) => p.port)).toEqual([5432, 8008]);
  });

  test('credentials reach both containers as read-only files only, never as environment variables', () => {
    for (const name of ['orders-db', 'backup']) {
      const pod = objects.find(o => (o.kind === 'StatefulSet' || o.kind === 'Deployment') && o.metadata.name === name)!.spec.template.spec;
      const container = pod.containers[0];
      expect(JSON.stringify(container.env ?? [])).not.toMatch(/secretKeyRef/);
      expect(container.envFrom).toBeUndefined();
      expect(container.volumeMounts.find((m: any) => m.name === 'secrets')).toEqual({ mountPath: '/var/run/secrets/app', name: 'secrets', readOnly: true });
      expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    }
    const env = one(objects, 'StatefulSet', 'orders-db').spec.template.spec.containers[0].env.map((e: any) => e.name);
    expect(env).toEqual(['POD_NAME', 'PGDATA', 'PATRONI_NAME']);
  });

  test('the caller in namespace orders is admitted by namespace and pods, and by its SPIFFE principal, on 5432 only', () => {
    const np = one(objects, 'NetworkPolicy', 'orders-db', 'db');
    const fromOrders = np.spec.ingress.filter((r: any) => r.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'] === 'orders');
    expect(fromOrders).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'orders' } }, podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'orders-api', 'app.kubernetes.io/name': 'orders-api' } } }],
      ports: [{ port: 5432, protocol: 'TCP' }],
    }]);
    const authz = one(objects, 'AuthorizationPolicy', 'orders-db', 'db');
    const rule = authz.spec.rules.find((r: any) => r.to[0].operation.ports[0] === '5432');
    expect(rule.from[0].source.principals).toEqual(['cluster.local/ns/db/sa/backup', 'cluster.local/ns/db/sa/orders-db', 'cluster.local/ns/orders/sa/orders-api']);
    expect(one(objects, 'Sidecar', 'default', 'orders').spec.egress[0].hosts).toEqual(expect.arrayContaining(['db/orders-db.db.svc.cluster.local']));
  });

  test('the backup worker serves nothing and reaches only DNS, the database and the object store it records a reason for', () => {
    expect(objects.filter(o => o.kind === 'Service' && o.metadata.name === 'backup')).toEqual([]);
    const np = one(objects, 'NetworkPolicy', 'backup', 'db');
    expect(np.metadata.annotations['soc2.cdk8s.io/egress-reasons']).toBe('198.51.100.0/24 TCP/443 (s3.eu-west-1.example.com): nightly base backups to object storage (OPS-44)');
    const destinations = np.spec.egress.map((r: any) => `${r.to[0].ipBlock?.cidr ?? r.to[0].podSelector.matchLabels['app.kubernetes.io/name'] ?? r.to[0].podSelector.matchLabels['k8s-app']}:${r.ports.map((p: any) => p.port).join(',')}`);
    expect(destinations.sort()).toEqual(['198.51.100.0/24:443', 'kube-dns:53,53', 'orders-db:5432']);
    expect(np.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'DoesNotExist' }] } }] }]);
  });

  test('the CLI finds nothing in the YAML, with the app\'s settings', async () => {
    await expectCliClean(out);
  });
});
