/**
 * Probe 2 (a): a payments API over two SensitiveNamespaces — an edge namespace with the public API
 * and a card tokenizer, a core namespace with the ledger and its replicated PostgreSQL-like store —
 * under STRICT mesh mTLS, with one external destination, the card processor, named in the mesh and
 * in the caller's NetworkPolicy.
 */
import { Chart } from 'cdk8s';
import {
  CompliantWorkload, DataClassification, HealthCheck, MeshMtls, Peer, PodField, SensitiveNamespace,
} from '../../index';
import { expectSoc2Error } from '../support/errors';
import { expectCliClean, one, probeApp, synthProbe, verdict } from './helpers';
import { changedLines, expectRefused, Mistake, synthYaml } from './mistake-helpers';

const PROCESSOR = { host: 'api.cardprocessor.example.net', cidr: '198.51.100.32/28', reason: 'card authorisations and captures (contract PAY-17)' };

/** The payments app, not yet synthesized, and the constructs a mistake is made on. */
function payments() {
  const app = probeApp({ allowedRegistries: ['registry.example.com/'] });
  const platform = new Chart(app, 'platform');
  new MeshMtls(platform, 'mesh', { externalHosts: [{ host: PROCESSOR.host, reason: PROCESSOR.reason }] });

  const chart = new Chart(app, 'payments');
  const edge = new SensitiveNamespace(chart, 'pay-edge', {
    dataClassification: DataClassification.RESTRICTED, owner: 'team-payments',
    access: { editors: ['oidc:payments-devs'], viewers: ['oidc:auditors'] },
  });
  const core = new SensitiveNamespace(chart, 'pay-core', {
    dataClassification: DataClassification.RESTRICTED, owner: 'team-payments',
    access: { editors: ['oidc:payments-dba'], viewers: ['oidc:auditors'] }, quota: { storage: '500Gi' },
  });
  const api = new CompliantWorkload(chart, 'payments-api', {
    namespace: edge, image: 'registry.example.com/pay/api:4.2.0', port: 8080, metricsPort: 9090,
    readiness: HealthCheck.http('/ready'), secretFiles: { 'processor-api-key': { secret: 'processor', key: 'api-key' } },
    args: ['--processor-key-file', '/var/run/secrets/app/processor-api-key', '--ledger', 'http://ledger.pay-core.svc.cluster.local:8080'],
  });
  const tokenizer = new CompliantWorkload(chart, 'tokenizer', {
    namespace: edge, image: 'registry.example.com/pay/tokenizer:1.9.3', port: 8443, protocol: 'http2',
    secretFiles: { 'hsm-pin': { secret: 'hsm', key: 'pin' } }, replicas: 3,
  });
  const ledger = new CompliantWorkload(chart, 'ledger', {
    namespace: core, image: 'registry.example.com/pay/ledger:2.0.1', port: 8080,
    secretFiles: { 'db-password': { secret: 'ledger-db-app', key: 'password' } },
  });
  const db = new CompliantWorkload(chart, 'ledger-db', {
    namespace: core, image: 'registry.example.com/db/postgres:16.4', port: 5432, protocol: 'tcp', replicas: 3,
    readiness: HealthCheck.command(['pg_isready', '-h', '127.0.0.1']),
    storage: { mountPath: '/var/lib/postgresql/data', size: '100Gi', storageClassName: 'encrypted-ssd' },
    resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi', ephemeralStorage: '1Gi' } },
    secretFiles: { 'replication-password': { secret: 'ledger-db-replication', key: 'password' } },
    podInfoEnv: { POD_NAME: PodField.POD_NAME },
    env: { PGDATA: '/var/lib/postgresql/data/pgdata', PRIMARY_HOST: 'ledger-db-0.ledger-db-headless.pay-core.svc.cluster.local' },
    writablePaths: ['/tmp', '/var/run/postgresql'],
  });
  tokenizer.allowFrom(api);
  ledger.allowFrom(api);
  db.allowFrom(ledger);
  db.allowFrom(db);
  api.allowEgressTo(Peer.cidr(PROCESSOR.cidr, 443, { host: PROCESSOR.host }), { reason: PROCESSOR.reason });
  return { app, chart, edge, core, api, tokenizer, ledger, db };
}
type Payments = ReturnType<typeof payments>;

describe('probe 2 (a): a payments API over two namespaces, a replicated ledger store and a card processor', () => {
  const built = payments();
  const out = synthProbe(built.app);
  const objects = out.objects;

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
    expect(verdict(out)).toEqual([]);
  });

  test('mTLS is STRICT mesh-wide and in both namespaces, with ISTIO_MUTUAL towards each', () => {
    expect(one(objects, 'PeerAuthentication', 'default', 'istio-system').spec.mtls).toEqual({ mode: 'STRICT' });
    for (const ns of ['pay-edge', 'pay-core']) {
      expect(one(objects, 'PeerAuthentication', 'default', ns).spec.mtls).toEqual({ mode: 'STRICT' });
      expect(one(objects, 'DestinationRule', `mtls-${ns}`, 'istio-system').spec).toMatchObject({ host: `*.${ns}.svc.cluster.local`, trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } });
    }
    expect(one(objects, 'Sidecar', 'default', 'istio-system').spec.outboundTrafficPolicy).toEqual({ mode: 'REGISTRY_ONLY' });
  });

  test('the card processor is the only destination outside the cluster, named in the mesh, the NetworkPolicy and its reason', () => {
    const entry = one(objects, 'ServiceEntry', 'external-api-cardprocessor-example-net', 'istio-system');
    expect(entry.spec).toMatchObject({ hosts: [PROCESSOR.host], location: 'MESH_EXTERNAL', ports: [{ number: 443, protocol: 'TLS' }] });
    const np = one(objects, 'NetworkPolicy', 'payments-api', 'pay-edge');
    expect(np.metadata.annotations['soc2.cdk8s.io/egress-reasons']).toBe(`${PROCESSOR.cidr} TCP/443 (${PROCESSOR.host}): ${PROCESSOR.reason}`);
    const external = objects.filter(o => o.kind === 'NetworkPolicy').flatMap(o => (o.spec.egress ?? []).flatMap((r: any) => (r.to ?? []).filter((t: any) => t.ipBlock).map((t: any) => `${o.metadata.namespace}/${o.metadata.name} ${t.ipBlock.cidr}`)));
    expect(external).toEqual([`pay-edge/payments-api ${PROCESSOR.cidr}`]);
  });

  test('the ledger admits the API from the other namespace only, by namespace, pods and SPIFFE principal', () => {
    const np = one(objects, 'NetworkPolicy', 'ledger', 'pay-core');
    expect(np.spec.ingress).toContainEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'pay-edge' } }, podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'payments-api', 'app.kubernetes.io/name': 'payments-api' } } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    });
    expect(one(objects, 'AuthorizationPolicy', 'ledger', 'pay-core').spec.rules)
      .toEqual([{ from: [{ source: { principals: ['cluster.local/ns/pay-edge/sa/payments-api'] } }], to: [{ operation: { ports: ['8080'] } }] }]);
    // The API's namespace may route to the ledger's Service, and to nothing else of pay-core.
    expect(one(objects, 'Sidecar', 'default', 'pay-edge').spec.egress[0].hosts.filter((h: string) => h.startsWith('pay-core/'))).toEqual(['pay-core/ledger.pay-core.svc.cluster.local']);
  });

  test('the store is a StatefulSet of 3 with an encrypted-ssd claim each, admitting the ledger and its own replicas only', () => {
    const sts = one(objects, 'StatefulSet', 'ledger-db', 'pay-core');
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.volumeClaimTemplates[0].spec).toMatchObject({ accessModes: ['ReadWriteOnce'], storageClassName: 'encrypted-ssd', resources: { requests: { storage: '100Gi' } } });
    // Claims outlive a scale-down or a deletion (Retain, Kubernetes' default when the policy is unset).
    const retention = sts.spec.persistentVolumeClaimRetentionPolicy ?? {};
    expect([retention.whenDeleted ?? 'Retain', retention.whenScaled ?? 'Retain']).toEqual(['Retain', 'Retain']);
    expect(built.db.podsHost).toBe('ledger-db-headless.pay-core.svc.cluster.local');
    const principals = one(objects, 'AuthorizationPolicy', 'ledger-db', 'pay-core').spec.rules.flatMap((r: any) => r.from[0].source.principals);
    expect(principals).toEqual(['cluster.local/ns/pay-core/sa/ledger', 'cluster.local/ns/pay-core/sa/ledger-db']);
    expect(one(objects, 'ResourceQuota', 'quota', 'pay-core').spec.hard['requests.storage']).toBe('500Gi');
    const c = sts.spec.template.spec.containers[0];
    expect(c.resources.limits).toEqual({ 'cpu': '2', 'memory': '4Gi', 'ephemeral-storage': '1Gi' });
    expect(c.volumeMounts.find((m: any) => m.mountPath === '/var/run/secrets/app')).toMatchObject({ readOnly: true });
  });

  test('no credential is in an environment variable, and every pod runs the restricted profile', () => {
    for (const o of objects.filter(x => x.kind === 'Deployment' || x.kind === 'StatefulSet')) {
      const pod = o.spec.template.spec;
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const c of pod.containers) {
        expect(JSON.stringify(c.env ?? [])).not.toMatch(/secretKeyRef/);
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      }
    }
  });

  test('the CLI finds nothing in the YAML, with the app\'s settings', async () => {
    await expectCliClean(out);
  });
});

const PG = { image: 'registry.example.com/db/postgres:16.4', port: 5432, protocol: 'tcp', readiness: HealthCheck.command(['pg_isready']) } as const;

const MISTAKES: Mistake<Payments>[] = [
  ['the processor host written as a URL', p => p.api.allowEgressTo(Peer.cidr(PROCESSOR.cidr, 443, { host: `https://${PROCESSOR.host}` }), { reason: PROCESSOR.reason }),
    { code: 'INVALID_PEER', path: 'payments/payments-api', prop: 'allowEgressTo(peer.host)', value: `"https://${PROCESSOR.host}"`, problem: /is a URL/, fix: new RegExp(`"${PROCESSOR.host.replace(/\./g, '\\.')}"`) }],
  ['the processor host with its port', p => p.api.allowEgressTo(Peer.cidr(PROCESSOR.cidr, 443, { host: `${PROCESSOR.host}:443` }), { reason: PROCESSOR.reason }),
    { code: 'INVALID_PEER', path: 'payments/payments-api', prop: 'allowEgressTo(peer.host)', value: `"${PROCESSOR.host}:443"`, problem: /holds a port/, fix: /no scheme, port, path or trailing dot/ }],
  ['a range wider than /8 for the processor', p => p.api.allowEgressTo(Peer.cidr('198.0.0.0/7', 443), { reason: PROCESSOR.reason }),
    { code: 'INVALID_PEER', path: 'payments/payments-api', prop: 'allowEgressTo(peer.cidr)', value: '"198.0.0.0/7"', problem: /wider than \/8/, fix: /published address ranges/ }],
  ['an address with its host bits for the range', p => p.api.allowEgressTo(Peer.cidr('198.51.100.33/28', 443), { reason: PROCESSOR.reason }),
    { code: 'INVALID_PEER', path: 'payments/payments-api', prop: 'allowEgressTo(peer.cidr)', value: '"198.51.100.33/28"', problem: /stands for the whole range 198\.51\.100\.32\/28/, fix: /"198\.51\.100\.32\/28"/ }],
  ['the processor range allowed again with another reason', p => p.api.allowEgressTo(Peer.cidr(PROCESSOR.cidr, 443, { host: PROCESSOR.host }), { reason: 'refunds through the processor (PAY-18)' }),
    { code: 'INVALID_PEER', path: 'payments/payments-api', prop: 'allowEgressTo(peer)', value: `"${PROCESSOR.cidr} TCP/443"`, problem: /already allowed .* would not be recorded/, fix: /one reason that covers every host/ }],
  ['the node-local tracing agent allowed on loopback', p => p.api.allowEgressTo(Peer.cidr('127.0.0.1/32', 8126), { reason: 'traces to the local tracing agent (OBS-3)' }),
    { code: 'INVALID_PEER', path: 'payments/payments-api', prop: 'allowEgressTo(peer.cidr)', value: '"127.0.0.1/32"', problem: /range of the pod's own addresses \(loopback 127\.0\.0\.0\/8/, fix: /allow the node's address range/ }],
  ['the port given as a string', p => p.api.allowEgressTo(Peer.cidr(PROCESSOR.cidr, '443' as any), { reason: PROCESSOR.reason }),
    { code: 'INVALID_PEER', path: 'payments/payments-api', prop: 'allowEgressTo(peer.port)', value: '"443"', problem: /integer port/, fix: /e\.g\. 443/ }],
  ['a named host over UDP, which carries no SNI', p => p.api.allowEgressTo(Peer.cidr(PROCESSOR.cidr, 443, { host: PROCESSOR.host, protocol: 'UDP' }), { reason: PROCESSOR.reason }),
    { code: 'INVALID_PEER', path: 'payments/payments-api', prop: 'allowEgressTo(peer.host)', value: `"${PROCESSOR.host}"`, problem: /TLS SNI, which UDP traffic does not carry/, fix: /omit host/ }],
  ['the ledger called on a port it does not serve', p => p.ledger.allowFrom(p.api, { port: 9999 }),
    { code: 'INVALID_PORT', path: 'payments/ledger', prop: 'allowFrom(options.port)', value: '9999', problem: /not a port of workload "ledger" \(ports: 8080\)/, fix: /omit the port/ }],
  ['a namespace passed where a caller belongs', p => p.ledger.allowFrom(p.edge as any),
    { code: 'INVALID_PEER', path: 'payments/ledger', prop: 'allowFrom(peer)', value: '"payments/pay-edge"', problem: /not a CompliantWorkload/, fix: /wire only CompliantWorkloads/ }],
  ['a second mesh for the same root namespace', p => new MeshMtls(p.chart, 'mesh'),
    { code: 'DUPLICATE_NAME', path: 'payments/mesh', prop: 'rootNamespace', value: '"istio-system"', problem: /already has a MeshMtls .* \(platform\/mesh\)/, fix: /one MeshMtls per mesh/ }],
  ['a STARTTLS port for an external database host', p => new MeshMtls(p.chart, 'mesh', { externalHosts: [{ host: 'db.processor.example.net', port: 5432, reason: PROCESSOR.reason }] }),
    { code: 'INVALID_HOST', path: 'payments/mesh', prop: 'externalHosts[0]', value: '"db.processor.example.net:5432"', problem: /PostgreSQL.*no TLS server name/, fix: /allowEgressTo\(Peer\.cidr\(\.\.\.\)\) without a host/ }],
  ['storage sized in GB', p => new CompliantWorkload(p.chart, 'audit-db', { ...PG, namespace: p.core, storage: { mountPath: '/var/lib/postgresql/data', size: '100GB' } }),
    { code: 'INVALID_PROP', path: 'payments/audit-db', prop: 'storage.size', value: '"100GB"', problem: /Kubernetes quantity of whole bytes/, fix: /did you mean "100Gi"\?/ }],
  ['storage mounted on the scratch directory', p => new CompliantWorkload(p.chart, 'audit-db', { ...PG, namespace: p.core, storage: { mountPath: '/tmp', size: '10Gi' } }),
    { code: 'INVALID_PROP', path: 'payments/audit-db', prop: 'storage.mountPath', value: '"/tmp"', problem: /overlaps \/tmp/, fix: /"\/var\/lib\/app"/ }],
  ['a TCP database without a readiness check', p => new CompliantWorkload(p.chart, 'audit-db', { ...PG, readiness: undefined, namespace: p.core }),
    { code: 'INVALID_PROP', path: 'payments/audit-db', prop: 'readiness', value: 'undefined', problem: /required for tcp workloads/, fix: /HealthCheck\.command/ }],
  ['the database password as an environment variable', p => new CompliantWorkload(p.chart, 'audit-db', { ...PG, namespace: p.core, env: { POSTGRES_PASSWORD: 'hunter2hunter2' } }),
    { code: 'INVALID_PROP', path: 'payments/audit-db', prop: 'env.POSTGRES_PASSWORD', value: '"<redacted>"', problem: /looks like a credential/, fix: /secretFiles: \{ 'postgres-password'/ }],
  ['a Secret reference given as an environment variable', p => new CompliantWorkload(p.chart, 'audit-db', { ...PG, namespace: p.core, env: { PGPASS: { secret: 'db', key: 'password' } as any } }),
    { code: 'INVALID_PROP', path: 'payments/audit-db', prop: 'env.PGPASS', value: '{"secret":"db","key":"password"}', problem: /must be a string/, fix: /secretFiles/ }],
  ['a built-in group as editors', p => new SensitiveNamespace(p.chart, 'pay-ops', { dataClassification: DataClassification.RESTRICTED, owner: 'team-payments', access: { editors: ['system:masters'] } }),
    { code: 'INVALID_PROP', path: 'payments/pay-ops', prop: 'access.editors[0]', value: '"system:masters"', problem: /built-in Kubernetes group/, fix: /OIDC group/ }],
  ['an e-mail address as owner', p => new SensitiveNamespace(p.chart, 'pay-ops', { dataClassification: DataClassification.RESTRICTED, owner: 'payments@example.com' }),
    { code: 'INVALID_PROP', path: 'payments/pay-ops', prop: 'owner', value: '"payments@example.com"', problem: /label value/, fix: /"team-payments"/ }],
];

describe('probe 2 (a): payments mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(payments, make, expected));

  test('an allowed registry copied as a URL is refused with the prefix to write, not left to fail every image at synth', () => {
    expectSoc2Error(() => probeApp({ allowedRegistries: ['https://registry.example.com/'] }), {
      code: 'INVALID_PROP', path: '<app>', prop: 'compliance.allowedRegistries', value: '"https://registry.example.com/"',
      problem: /is a URL, while an image names its registry without a scheme, so no image would match: write "registry\.example\.com\/"/, fix: /correct the value/,
    });
  });

  test('a private range allowed by address is written with its reason, and changes nothing else', () => {
    // Not a mistake the library can know: an on-premises range reached over a VPN is outside the
    // cluster. What it must do is record it, in the NetworkPolicy and the ServiceEntry, and open nothing more.
    const before = synthYaml(payments().app);
    const p = payments();
    p.ledger.allowEgressTo(Peer.cidr('10.40.0.0/16', 8443), { reason: 'settlement files to the bank over the VPN (PAY-30)' });
    const changed = changedLines(before, synthYaml(p.app));
    expect(changed.filter(l => l.startsWith('- '))).toEqual([]);
    expect(changed).toEqual(expect.arrayContaining(['+     soc2.cdk8s.io/egress-reasons: "10.40.0.0/16 TCP/8443: settlement files to the bank over the VPN (PAY-30)"', '+             cidr: 10.40.0.0/16']));
  });
});
