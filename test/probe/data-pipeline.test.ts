/**
 * Probe 3 (a): a streaming data pipeline. A Kafka-like cluster of three brokers on storage in a
 * RESTRICTED namespace, reached by producers and consumers of two other namespaces on the client
 * port only, its replicas talking to each other on the inter-broker and controller ports, scraped
 * by a Prometheus in the monitoring namespace; a consumer writes to an external managed database
 * allowed by address, the brokers tier old segments to object storage named in the mesh. The
 * auditor's view: the evidence and the network diagram the synth writes state every flow with its
 * port, each control's count and the exceptions with their reasons and expiry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chart } from 'cdk8s';
import {
  CompliantWorkload, Compliance, DataClassification, HealthCheck, MeshMtls, Peer, PodField, SensitiveNamespace,
} from '../../index';
import { expectCliClean, one, probeApp, synthProbe, verdict } from './helpers';
import { expectRefused, Mistake } from './mistake-helpers';

const WAREHOUSE = { cidr: '198.51.100.16/28', port: 5432, reason: 'analytics warehouse, managed PostgreSQL (contract DATA-4)' };
const TIERING = { host: 'objects.storage.example.net', cidr: '203.0.113.64/27', reason: 'tiered storage of old log segments (DATA-7)' };
const PROMETHEUS_EXCEPTION = { reason: 'upstream Prometheus image until the mirror syncs quay.io (OBS-2)', expires: '2027-02-28' };
const PORTS = { client: 9092, interBroker: 9093, controller: 9094, metrics: 9404 };

function pipeline() {
  const app = probeApp({ allowedRegistries: ['registry.example.com/'] });
  const platform = new Chart(app, 'platform');
  new MeshMtls(platform, 'mesh', { externalHosts: [{ host: TIERING.host, reason: TIERING.reason }] });
  const chart = new Chart(app, 'pipeline');
  const streaming = new SensitiveNamespace(chart, 'streaming', {
    dataClassification: DataClassification.RESTRICTED, owner: 'team-streaming',
    access: { editors: ['oidc:streaming-oncall'], viewers: ['oidc:auditors'] },
  });
  const ingest = new SensitiveNamespace(chart, 'ingest', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-ingest' });
  const analytics = new SensitiveNamespace(chart, 'analytics', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-analytics' });
  const monitoring = new SensitiveNamespace(chart, 'monitoring', { dataClassification: DataClassification.INTERNAL, owner: 'team-observability' });

  const kafka = new CompliantWorkload(chart, 'kafka', {
    namespace: streaming, image: 'registry.example.com/streaming/kafka:3.8.1', port: PORTS.client, protocol: 'tcp', replicas: 3,
    metricsPort: PORTS.metrics,
    readiness: HealthCheck.tcp(), liveness: HealthCheck.tcp(PORTS.controller),
    storage: { mountPath: '/var/lib/kafka/data', size: '100Gi', storageClassName: 'fast-ssd', podManagementPolicy: 'Parallel' },
    podInfoEnv: { POD_NAME: PodField.POD_NAME },
    env: {
      KAFKA_NODE_ID_FROM: '$(POD_NAME)',
      KAFKA_ADVERTISED_LISTENERS: 'CLIENT://$(POD_NAME).kafka-headless.streaming.svc.cluster.local:9092,BROKER://$(POD_NAME).kafka-headless.streaming.svc.cluster.local:9093',
      KAFKA_LOG_DIRS: '/var/lib/kafka/data',
    },
    writablePaths: ['/tmp', '/opt/kafka/logs'],
    resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '2', memory: '4Gi' } },
  });
  kafka.allowFrom(kafka);
  kafka.allowFrom(kafka, { port: PORTS.interBroker });
  kafka.allowFrom(kafka, { port: PORTS.controller });
  kafka.allowEgressTo(Peer.cidr(TIERING.cidr, 443, { host: TIERING.host }), { reason: TIERING.reason });

  const collector = new CompliantWorkload(chart, 'collector', {
    namespace: ingest, image: 'registry.example.com/ingest/collector:1.9.0', port: 8080, metricsPort: 9100,
  });
  const enricher = new CompliantWorkload(chart, 'enricher', {
    namespace: ingest, image: 'registry.example.com/ingest/enricher:0.4.2', metricsPort: 9100,
    liveness: HealthCheck.http('/healthz', 9100), readiness: HealthCheck.http('/readyz', 9100),
  });
  const sink = new CompliantWorkload(chart, 'warehouse-sink', {
    namespace: analytics, image: 'registry.example.com/analytics/sink:2.0.3', metricsPort: 9100,
    liveness: HealthCheck.http('/healthz', 9100), readiness: HealthCheck.http('/readyz', 9100),
    secretFiles: { 'warehouse-password': { secret: 'warehouse', key: 'password' } },
  });
  kafka.allowFrom(collector);
  kafka.allowFrom(enricher);
  kafka.allowFrom(sink);
  sink.allowEgressTo(Peer.cidr(WAREHOUSE.cidr, WAREHOUSE.port), { reason: WAREHOUSE.reason });

  const prometheus = new CompliantWorkload(chart, 'prometheus', {
    namespace: monitoring, image: 'quay.io/prometheus/prometheus:v2.54.1', port: 9090,
    readiness: HealthCheck.http('/-/ready'), liveness: HealthCheck.http('/-/healthy'),
    storage: { mountPath: '/prometheus', size: '50Gi' },
  });
  for (const scraped of [kafka, collector, enricher, sink]) scraped.allowFrom(prometheus, { port: scraped.metricsPort });
  Compliance.suppress(prometheus, 'image-registry-allowed', PROMETHEUS_EXCEPTION.reason, { expires: PROMETHEUS_EXCEPTION.expires });
  return { app, chart, streaming, analytics, kafka, collector, enricher, sink, prometheus };
}

type Pipeline = ReturnType<typeof pipeline>;

const ns = (objects: readonly Record<string, any>[], kind: string, name: string, namespace: string) => one(objects, kind, name, namespace);

/** Each ingress rule of a NetworkPolicy as `<namespace>[/<app>] <PROTOCOL>/<port>`, sorted. */
function admitted(policy: Record<string, any>): string[] {
  return policy.spec.ingress.flatMap((rule: any) => rule.from.map((peer: any) => {
    const from = `${peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']}${peer.podSelector ? `/${peer.podSelector.matchLabels['app.kubernetes.io/name']}` : ''}`;
    return rule.ports.map((p: any) => `${from} ${p.protocol}/${p.port}`).join(', ');
  })).sort();
}

/** The edges of the Mermaid diagram, as `from -> to ports`. */
function edges(diagram: string): string[] {
  return [...diagram.matchAll(/^ {2}(\S+) -[.-]*->\|"([^"]+)"\| (\S+)$/gm)].map(m => `${m[1]} -> ${m[3]} ${m[2]}`).sort();
}

describe('probe 3 (a): a streaming pipeline across four namespaces', () => {
  const out = synthProbe(pipeline().app);
  const objects = out.objects;

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
    expect(out.report.findings).toEqual([]);
    expect(verdict(out)).toEqual([]);
  });

  test('the CLI finds nothing in the YAML, with the app\'s settings, and counts the one exception', async () => {
    await expectCliClean(out, 1);
  });

  test('the brokers admit each caller on its port only: clients on 9092, the replicas on 9092-9094, scrapers on 9404', () => {
    expect(admitted(ns(objects, 'NetworkPolicy', 'kafka', 'streaming'))).toEqual([
      'analytics/warehouse-sink TCP/9092', 'ingest/collector TCP/9092', 'ingest/enricher TCP/9092',
      'monitoring TCP/9404', 'monitoring/prometheus TCP/9404',
      'streaming/kafka TCP/9092', 'streaming/kafka TCP/9093', 'streaming/kafka TCP/9094',
    ]);
    const egress = (name: string, namespace: string) => ns(objects, 'NetworkPolicy', name, namespace).spec.egress
      .filter((r: any) => r.to[0].podSelector?.matchLabels['k8s-app'] !== 'kube-dns')
      .map((r: any) => `${r.to[0].ipBlock?.cidr ?? `${r.to[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']}/${r.to[0].podSelector.matchLabels['app.kubernetes.io/name']}`} ${r.ports.map((p: any) => `${p.protocol}/${p.port}`).join(',')}`);
    expect(egress('warehouse-sink', 'analytics')).toEqual([`${WAREHOUSE.cidr} TCP/5432`, 'streaming/kafka TCP/9092']);
    expect(egress('collector', 'ingest')).toEqual(['streaming/kafka TCP/9092']);
    expect(egress('prometheus', 'monitoring').sort()).toEqual([
      'analytics/warehouse-sink TCP/9100', 'ingest/collector TCP/9100', 'ingest/enricher TCP/9100', 'streaming/kafka TCP/9404',
    ]);
    expect(egress('kafka', 'streaming')).toEqual([`${TIERING.cidr} TCP/443`, 'streaming/kafka TCP/9092', 'streaming/kafka TCP/9093', 'streaming/kafka TCP/9094']);
  });

  test('the mesh names the same callers by principal, port by port, under STRICT mTLS everywhere', () => {
    const rules = ns(objects, 'AuthorizationPolicy', 'kafka', 'streaming').spec.rules
      .map((r: any) => `${r.to[0].operation.ports.join(',')} <- ${(r.from[0].source.principals ?? r.from[0].source.namespaces.map((n: string) => `ns:${n}`)).join(' ')}`);
    expect(rules).toEqual([
      '9092 <- cluster.local/ns/analytics/sa/warehouse-sink cluster.local/ns/ingest/sa/collector cluster.local/ns/ingest/sa/enricher cluster.local/ns/streaming/sa/kafka',
      '9093 <- cluster.local/ns/streaming/sa/kafka',
      '9094 <- cluster.local/ns/streaming/sa/kafka',
      '9404 <- cluster.local/ns/monitoring/sa/prometheus',
      '9404 <- ns:monitoring',
    ]);
    for (const namespace of ['istio-system', 'streaming', 'ingest', 'analytics', 'monitoring']) {
      expect(ns(objects, 'PeerAuthentication', 'default', namespace).spec.mtls).toEqual({ mode: 'STRICT' });
    }
    for (const namespace of ['streaming', 'ingest', 'analytics', 'monitoring']) {
      expect(ns(objects, 'AuthorizationPolicy', 'allow-nothing', namespace).spec).toEqual({});
      expect(one(objects, 'DestinationRule', `mtls-${namespace}`, 'istio-system').spec.trafficPolicy.tls.mode).toBe('ISTIO_MUTUAL');
    }
  });

  test('the brokers are a StatefulSet of three with a claim each, a headless Service for the peer ports, a budget and a quota that holds them', () => {
    const sts = ns(objects, 'StatefulSet', 'kafka', 'streaming');
    expect([sts.spec.replicas, sts.spec.serviceName, sts.spec.podManagementPolicy]).toEqual([3, 'kafka-headless', 'Parallel']);
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '100Gi' } }, storageClassName: 'fast-ssd' });
    const headless = ns(objects, 'Service', 'kafka-headless', 'streaming').spec;
    expect([headless.clusterIP, headless.publishNotReadyAddresses]).toEqual(['None', true]);
    expect(headless.ports.map((p: any) => p.port)).toEqual([9092, 9093, 9094]);
    // Clients reach the cluster on the client and metrics ports only: the peer ports are not on the ClusterIP Service.
    expect(ns(objects, 'Service', 'kafka', 'streaming').spec.ports.map((p: any) => p.port)).toEqual([9092, 9404]);
    expect(ns(objects, 'PodDisruptionBudget', 'kafka', 'streaming').spec.maxUnavailable).toBe(1);
    expect(ns(objects, 'ResourceQuota', 'quota', 'streaming').spec.hard).toMatchObject({ 'requests.storage': '300Gi', 'services.nodeports': '0', 'services.loadbalancers': '0' });
    expect(one(objects, 'Namespace', 'streaming').metadata.labels).toMatchObject({
      'soc2.cdk8s.io/data-classification': 'restricted', 'pod-security.kubernetes.io/enforce': 'restricted', 'istio-injection': 'enabled',
    });
  });

  test('external destinations: the database by address with its reason, object storage by host in the mesh, which the brokers\' namespace does not shadow', () => {
    expect(ns(objects, 'NetworkPolicy', 'warehouse-sink', 'analytics').metadata.annotations['soc2.cdk8s.io/egress-reasons'])
      .toBe(`${WAREHOUSE.cidr} TCP/5432: ${WAREHOUSE.reason}`);
    const db = ns(objects, 'ServiceEntry', 'egress-198-51-100-16-28-tcp-5432', 'analytics');
    expect(db.spec).toMatchObject({ addresses: [WAREHOUSE.cidr], location: 'MESH_EXTERNAL', ports: [{ number: 5432, protocol: 'TCP' }], exportTo: ['.'] });
    expect(db.metadata.annotations['soc2.cdk8s.io/reason']).toBe(WAREHOUSE.reason);
    const mesh = one(objects, 'ServiceEntry', 'external-objects-storage-example-net', 'istio-system');
    expect(mesh.spec).toMatchObject({ hosts: [TIERING.host], ports: [{ number: 443, protocol: 'TLS' }], location: 'MESH_EXTERNAL' });
    // The brokers' namespace names the host on 443, which the mesh-wide entry serves: it leaves the host to that entry
    // rather than shadow it there with one of its own, and the brokers' NetworkPolicy still admits only the range.
    expect(objects.filter(o => o.kind === 'ServiceEntry' && o.spec.hosts.includes(TIERING.host)).map(o => o.metadata.namespace)).toEqual(['istio-system']);
    expect(one(objects, 'Sidecar', 'default', 'istio-system').spec.outboundTrafficPolicy).toEqual({ mode: 'REGISTRY_ONLY' });
    // The callers' namespaces route to the brokers by Service and by pod name, and to nothing else outside themselves.
    expect(ns(objects, 'Sidecar', 'default', 'ingest').spec.egress[0].hosts).toEqual([
      './*', 'istio-system/*', 'streaming/kafka-headless.streaming.svc.cluster.local', 'streaming/kafka.streaming.svc.cluster.local',
    ]);
  });
});

describe('probe 3 (a): what an auditor reads in the evidence the synth writes', () => {
  const out = synthProbe(pipeline().app);
  const read = (file: string) => readFileSync(join(out.outdir, 'compliance', file), 'utf8');
  const evidence = read('evidence.md');
  const report = JSON.parse(read('report.json'));

  test('the diagram draws every flow between the namespaces with its port, and nothing more', () => {
    expect(edges(read('network.md')).filter(e => !/istiod|kube_dns/.test(e))).toEqual([
      'ns_monitoring -> w_analytics_warehouse_sink TCP/9100',
      'ns_monitoring -> w_ingest_collector TCP/9100',
      'ns_monitoring -> w_ingest_enricher TCP/9100',
      'ns_monitoring -> w_streaming_kafka TCP/9404',
      'w_analytics_warehouse_sink -> ext_198_51_100_16_28 TCP/5432',
      'w_analytics_warehouse_sink -> w_streaming_kafka TCP/9092',
      'w_ingest_collector -> w_streaming_kafka TCP/9092',
      'w_ingest_enricher -> w_streaming_kafka TCP/9092',
      'w_monitoring_prometheus -> w_analytics_warehouse_sink TCP/9100',
      'w_monitoring_prometheus -> w_ingest_collector TCP/9100',
      'w_monitoring_prometheus -> w_ingest_enricher TCP/9100',
      'w_monitoring_prometheus -> w_streaming_kafka TCP/9404',
      'w_streaming_kafka -> ext_203_0_113_64_27 TCP/443',
      'w_streaming_kafka -> w_streaming_kafka TCP/9092-9094',
    ]);
    expect(read('network.md')).toContain(`ext_203_0_113_64_27[/"${TIERING.cidr} (${TIERING.host})"/]`);
    for (const namespace of ['analytics', 'ingest', 'monitoring', 'streaming']) {
      expect(edges(read('network.md'))).toContain(`ns_${namespace} -> pods_kube_system_k8s_app_kube_dns TCP/53, UDP/53`);
    }
  });

  test('the exception stands with its control, object, reason and last day, in the evidence and the JSON', () => {
    expect(evidence).toContain(`| \`image-registry-allowed\` | \`StatefulSet/monitoring/prometheus\` | ${PROMETHEUS_EXCEPTION.reason} | ${PROMETHEUS_EXCEPTION.expires} |`);
    expect(report.suppressions.map((s: any) => [s.controlId, s.object.ref, s.reason, s.expires]))
      .toEqual([['image-registry-allowed', 'StatefulSet/monitoring/prometheus', PROMETHEUS_EXCEPTION.reason, PROMETHEUS_EXCEPTION.expires]]);
  });

  test('each external destination is listed with its host and reason', () => {
    expect(evidence).toContain(`| \`NetworkPolicy/analytics/warehouse-sink\` | \`${WAREHOUSE.cidr} TCP/5432\` |  | ${WAREHOUSE.reason} |`);
    expect(evidence).toContain(`| \`NetworkPolicy/streaming/kafka\` | \`${TIERING.cidr} TCP/443\` | \`${TIERING.host}\` | ${TIERING.reason} |`);
  });

  test('every control states its counts, the same in the evidence as in the JSON, and they add up to every object', () => {
    const objectCount = report.objects.length;
    for (const c of report.controls) {
      const line = `- Result: ${c.passed} passed, ${c.failed} failed, ${c.suppressed} suppressed, ${c.notApplicable} not applicable`;
      const section = evidence.split(`#### \`${c.id}\` — `).slice(1);
      expect([c.id, section.length > 0]).toEqual([c.id, true]);
      for (const s of section) expect([c.id, s.split('\n').find(l => l.startsWith('- Result:'))]).toEqual([c.id, line]);
      expect(c.passed + c.failed + c.suppressed + c.notApplicable).toBe(objectCount);
    }
    const counts = Object.fromEntries(report.controls.map((c: any) => [c.id, [c.passed, c.suppressed]]));
    expect(counts).toMatchObject({
      'mesh-strict-mtls': [5, 0], 'network-ingress-default-deny': [5, 0], 'network-egress-default-deny': [5, 0], 'statefulset-headless-service': [2, 0],
      'namespace-classification': [4, 0], 'workload-disruption-budget': [5, 0], 'image-registry-allowed': [4, 1], 'network-metrics-from-monitoring': [7, 0],
    });
  });
});

const broker = (p: Pipeline, props: Record<string, unknown>) => new CompliantWorkload(p.chart, 'kafka-2', {
  namespace: p.streaming, image: 'registry.example.com/streaming/kafka:3.8.1', port: PORTS.client, protocol: 'tcp',
  readiness: HealthCheck.command(['/opt/kafka/ready']), ...props,
} as any);

const MISTAKES: Mistake<Pipeline>[] = [
  ['a client on the inter-broker port', p => p.kafka.allowFrom(p.collector, { port: PORTS.interBroker }),
    { code: 'INVALID_PORT', path: 'pipeline/kafka', prop: 'allowFrom(options.port)', value: '9093', problem: /is not a port of workload "kafka" \(ports: 9092, 9404\)/, fix: /omit the port/ }],
  ['the TCP check of the client port for readiness, which is already the default liveness', p => broker(p, { readiness: HealthCheck.tcp() }),
    { code: 'INVALID_PROP', path: 'pipeline/kafka-2', prop: 'readiness', value: '{"tcpSocket":{}}', problem: /identical to liveness \(the default liveness of a tcp workload, HealthCheck\.tcp\(\)\)/, fix: /HealthCheck\.command\(\["\/app\/ready"\]\)/ }],
  ['the managed database by host name, on a protocol that starts in plaintext', p => p.sink.allowEgressTo(Peer.cidr(WAREHOUSE.cidr, 5432, { host: 'warehouse.db.example.net' }), { reason: WAREHOUSE.reason }),
    { code: 'INVALID_PEER', path: 'pipeline/warehouse-sink', prop: 'allowEgressTo(peer.host)', value: '"warehouse.db.example.net"', problem: /PostgreSQL/, fix: /omit host/ }],
  ['the database range with its address bits', p => p.sink.allowEgressTo(Peer.cidr('198.51.100.17/28', 5432), { reason: WAREHOUSE.reason }),
    { code: 'INVALID_PEER', path: 'pipeline/warehouse-sink', prop: 'allowEgressTo(peer.cidr)', value: '"198.51.100.17/28"', problem: /address bits set below its prefix/, fix: /"198\.51\.100\.16\/28"/ }],
  ['a protocol in lower case', p => p.sink.allowEgressTo(Peer.cidr(WAREHOUSE.cidr, 5432, { protocol: 'udp' as never }), { reason: WAREHOUSE.reason }),
    { code: 'INVALID_PEER', path: 'pipeline/warehouse-sink', prop: 'allowEgressTo(peer.protocol)', value: '"udp"', problem: /must be TCP or UDP/, fix: /write it in upper case, "UDP"/ }],
  ['a placeholder for a reason', p => p.sink.allowEgressTo(Peer.cidr(WAREHOUSE.cidr, 5432), { reason: 'TODO' }),
    { code: 'INVALID_PEER', path: 'pipeline/warehouse-sink', prop: 'allowEgressTo(options.reason)', value: '"TODO"', problem: /placeholder/, fix: /write why this exception is needed/ }],
  ['the log directory under /tmp, the scratch directory', p => broker(p, { storage: { mountPath: '/tmp', size: '10Gi' } }),
    { code: 'INVALID_PROP', path: 'pipeline/kafka-2', prop: 'storage.mountPath', value: '"/tmp"', problem: /overlaps \/tmp/, fix: /"\/var\/lib\/app"/ }],
  ['peer ports for a workload without storage', p => p.collector.allowFrom(p.collector, { port: 7946 }),
    { code: 'INVALID_PORT', path: 'pipeline/collector', prop: 'allowFrom(options.port)', value: '7946', problem: /is not a port of workload "collector"/, fix: /give the workload storage/ }],
];

describe('probe 3 (a): pipeline mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(pipeline, make, expected));
});
