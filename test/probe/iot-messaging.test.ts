/**
 * Probe 7 (a): an IoT messaging platform. An MQTT broker cluster (MQTT over TLS on 8883, not 443;
 * a StatefulSet of three with a claim each, its members reaching each other on a cluster port,
 * its TLS key and password as files, metrics on 9234) in a restricted `iot-broker` namespace; a
 * device gateway behind a public ingress (MQTT over WebSockets) that relays to the broker; workers
 * in two other namespaces consuming from the broker (telemetry ingest, firmware rollout), both
 * reaching an external object store by address and TLS name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chart, Duration } from 'cdk8s';
import {
  CertManagedIngress, ClusterIssuer, CompliantWorkload, DataClassification, Dns01Provider, HealthCheck, Issuer, MeshMtls, Peer, PodField, SensitiveNamespace,
} from '../../index';
import { expectCliClean, one, probeApp, synthProbe, verdict } from './helpers';
import { expectRefused, Mistake } from './mistake-helpers';

const IMAGE = (name: string, tag = '5.8.2') => `registry.iot.example/platform/${name}:${tag}`;
const STORE = { cidr: '198.51.100.32/28', host: 'objects.storage.example', reason: 'telemetry archive in the object store (IOT-21)' };

/** The IoT platform, not yet synthesized. */
function iot() {
  const app = probeApp({ allowedRegistries: ['registry.iot.example/'] });
  const platform = new Chart(app, 'platform');
  new MeshMtls(platform, 'mesh', { externalHosts: [{ host: STORE.host, reason: STORE.reason }] });
  const issuer = new ClusterIssuer(platform, 'letsencrypt', {
    issuer: Issuer.acmeDns01({ email: 'iot-ops@iot.example.com', provider: Dns01Provider.cloudflare({ apiToken: { secret: 'cloudflare', key: 'token' } }) }),
  });
  const chart = new Chart(app, 'iot');
  const brokerNs = new SensitiveNamespace(chart, 'iot-broker', {
    dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-iot', quota: { storage: '300Gi' },
    access: { editors: ['oidc:iot-oncall'], viewers: ['oidc:iot-auditors'] },
  });
  const ingestNs = new SensitiveNamespace(chart, 'iot-ingest', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-telemetry' });
  const fleetNs = new SensitiveNamespace(chart, 'iot-fleet', { dataClassification: DataClassification.INTERNAL, owner: 'team-fleet' });
  const broker = new CompliantWorkload(chart, 'broker', {
    namespace: brokerNs, image: IMAGE('emqx'), port: 8883, protocol: 'tcp', replicas: 3, metricsPort: 9234,
    storage: { mountPath: '/opt/emqx/data', size: '50Gi', storageClassName: 'encrypted-gp3', podManagementPolicy: 'Parallel' },
    readiness: HealthCheck.http('/status', 18083), liveness: HealthCheck.tcp(), startupTimeout: Duration.minutes(5),
    secretFiles: {
      'tls.crt': { secret: 'broker-tls', key: 'tls.crt' }, 'tls.key': { secret: 'broker-tls', key: 'tls.key' },
      'dashboard-password': { secret: 'broker-admin', key: 'password' },
    },
    configFiles: { 'emqx.conf': { configMap: 'broker-config', key: 'emqx.conf' } },
    podInfoEnv: { POD_NAME: PodField.POD_NAME },
    env: { EMQX_NODE__NAME: 'emqx@$(POD_NAME).broker-headless.iot-broker.svc.cluster.local', EMQX_CLUSTER__DISCOVERY_STRATEGY: 'dns' },
    writablePaths: ['/tmp', '/opt/emqx/log'],
    resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi', ephemeralStorage: '1Gi' } },
  });
  broker.allowFrom(broker, { port: 4370 });
  broker.allowFrom(broker);
  const gateway = new CompliantWorkload(chart, 'device-gateway', {
    namespace: brokerNs, image: IMAGE('mqtt-ws-gateway', '1.4.0'), port: 8443, protocol: 'http',
    autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70 }, metricsPort: 9100,
    readiness: HealthCheck.http('/ready'), liveness: HealthCheck.http('/live'),
  });
  broker.allowFrom(gateway);
  const ingest = new CompliantWorkload(chart, 'telemetry-ingest', {
    namespace: ingestNs, image: IMAGE('ingest', '3.1.0'), metricsPort: 9102,
    liveness: HealthCheck.http('/live', 9102), readiness: HealthCheck.http('/ready', 9102),
    secretFiles: { 'mqtt-password': { secret: 'ingest-mqtt', key: 'password' } },
  });
  broker.allowFrom(ingest);
  ingest.allowEgressTo(Peer.cidr(STORE.cidr, 443, { host: STORE.host }), { reason: STORE.reason });
  const rollout = new CompliantWorkload(chart, 'firmware-rollout', {
    namespace: fleetNs, image: IMAGE('firmware', '2.0.7'), port: 8080,
    secretFiles: { 'signing.pem': { secret: 'firmware-signing', key: 'cert.pem' } },
  });
  broker.allowFrom(rollout);
  rollout.allowEgressTo(Peer.cidr(STORE.cidr, 443, { host: STORE.host }), { reason: STORE.reason });
  new CertManagedIngress(chart, 'devices', { hosts: ['mqtt.iot.example.com', 'devices.iot.example.com'], backend: gateway, issuer });
  return { app, chart, brokerNs, ingestNs, fleetNs, broker, gateway, ingest, rollout, issuer };
}
type Iot = ReturnType<typeof iot>;

const templateOf = (o: Record<string, any>) => o.spec.template.spec;
const fromOf = (rule: any) => `${rule.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']}/${rule.from[0].podSelector?.matchLabels['app.kubernetes.io/name'] ?? '*'}:${rule.ports.map((p: any) => p.port)}`;

describe('probe 7 (a): an MQTT-over-TLS broker cluster, a device gateway and consumers in other namespaces', () => {
  const out = synthProbe(iot().app);
  const objects = out.objects;

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
    expect(verdict(out)).toEqual([]);
  });

  test('the CLI finds nothing in the YAML, with the app\'s settings', async () => {
    await expectCliClean(out);
  });

  test('the broker is a StatefulSet of 3 started together, a 50Gi encrypted claim each, within the namespace\'s 300Gi storage quota', () => {
    const sts = one(objects, 'StatefulSet', 'broker', 'iot-broker');
    expect([sts.spec.replicas, sts.spec.podManagementPolicy, sts.spec.serviceName]).toEqual([3, 'Parallel', 'broker-headless']);
    expect(sts.spec.volumeClaimTemplates.map((t: any) => [t.metadata.name, t.spec.accessModes, t.spec.resources.requests.storage, t.spec.storageClassName]))
      .toEqual([['data', ['ReadWriteOnce'], '50Gi', 'encrypted-gp3']]);
    expect(one(objects, 'ResourceQuota', 'quota', 'iot-broker').spec.hard['requests.storage']).toBe('300Gi');
    expect(one(objects, 'PodDisruptionBudget', 'broker', 'iot-broker').spec.maxUnavailable).toBe(1);
  });

  test('the broker serves MQTT over TLS on 8883 as opaque TCP, metrics on 9234, and its members reach each other on 4370 through the headless Service', () => {
    const container = templateOf(one(objects, 'StatefulSet', 'broker', 'iot-broker')).containers[0];
    expect(container.ports.map((p: any) => `${p.name}:${p.containerPort}/${p.protocol}`)).toEqual(['tcp:8883/TCP', 'metrics:9234/TCP']);
    expect(one(objects, 'Service', 'broker', 'iot-broker').spec.ports.map((p: any) => `${p.name}:${p.port}:${p.appProtocol}`)).toEqual(['tcp:8883:tcp', 'metrics:9234:http']);
    const headless = one(objects, 'Service', 'broker-headless', 'iot-broker').spec;
    expect([headless.clusterIP, headless.publishNotReadyAddresses, headless.ports.map((p: any) => p.port)]).toEqual(['None', true, [8883, 4370]]);
    // A port above 1024 everywhere: no sysctl lowers the unprivileged boundary.
    expect(templateOf(one(objects, 'StatefulSet', 'broker', 'iot-broker')).securityContext.sysctls).toBeUndefined();
    expect(container.startupProbe).toMatchObject({ tcpSocket: { port: 'tcp' }, periodSeconds: 10, failureThreshold: 31 });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/status', port: 18083 });
  });

  test('the members\' names come from the downward API before the variable that uses them; the TLS key and password are read-only files', () => {
    const container = templateOf(one(objects, 'StatefulSet', 'broker', 'iot-broker')).containers[0];
    expect(container.env.map((e: any) => e.name)).toEqual(['POD_NAME', 'EMQX_NODE__NAME', 'EMQX_CLUSTER__DISCOVERY_STRATEGY']);
    expect(container.env[0].valueFrom.fieldRef.fieldPath).toBe('metadata.name');
    expect(JSON.stringify(container.env)).not.toMatch(/secretKeyRef/);
    const mounts = Object.fromEntries(container.volumeMounts.map((m: any) => [m.mountPath, m.readOnly === true]));
    expect(mounts).toEqual({ '/tmp': false, '/opt/emqx/log': false, '/opt/emqx/data': false, '/var/run/secrets/app': true, '/etc/app': true });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  test('the broker admits its members, the gateway and the two consumers on 8883 only, by namespace, pods and principal; monitoring on 9234 only', () => {
    const ingress = one(objects, 'NetworkPolicy', 'broker', 'iot-broker').spec.ingress.map(fromOf);
    expect(ingress).toEqual([
      'monitoring/*:9234', 'iot-broker/broker:4370', 'iot-broker/broker:8883', 'iot-broker/device-gateway:8883', 'iot-fleet/firmware-rollout:8883', 'iot-ingest/telemetry-ingest:8883',
    ]);
    const rules = one(objects, 'AuthorizationPolicy', 'broker', 'iot-broker').spec.rules.map((r: any) => `${r.to[0].operation.ports}: ${r.from[0].source.principals ?? r.from[0].source.namespaces}`);
    expect(rules).toEqual([
      '4370: cluster.local/ns/iot-broker/sa/broker',
      '8883: cluster.local/ns/iot-broker/sa/broker,cluster.local/ns/iot-broker/sa/device-gateway,cluster.local/ns/iot-fleet/sa/firmware-rollout,cluster.local/ns/iot-ingest/sa/telemetry-ingest',
      '9234: monitoring',
    ]);
    // The consumers' Sidecars route to the broker's Services, nothing else of iot-broker.
    expect(one(objects, 'Sidecar', 'default', 'iot-ingest').spec.egress[0].hosts)
      .toEqual(['./*', 'istio-system/*', 'iot-broker/broker-headless.iot-broker.svc.cluster.local', 'iot-broker/broker.iot-broker.svc.cluster.local']);
  });

  test('devices come in through one ingress of two hosts to the gateway only, with a Let\'s Encrypt DNS-01 certificate', () => {
    const ingress = one(objects, 'Ingress', 'devices', 'iot-broker');
    expect(ingress.spec.rules.map((r: any) => `${r.host}->${r.http.paths[0].backend.service.name}:${r.http.paths[0].backend.service.port.number}`))
      .toEqual(['mqtt.iot.example.com->device-gateway:8443', 'devices.iot.example.com->device-gateway:8443']);
    expect(ingress.metadata.annotations).toMatchObject({ 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true', 'soc2.cdk8s.io/ingress-controller-namespace': 'ingress-nginx' });
    const cert = one(objects, 'Certificate', 'devices', 'iot-broker').spec;
    expect([cert.dnsNames, cert.issuerRef.name, cert.privateKey.algorithm, cert.duration]).toEqual([['mqtt.iot.example.com', 'devices.iot.example.com'], 'letsencrypt', 'ECDSA', '2160h0m0s']);
    expect(one(objects, 'NetworkPolicy', 'device-gateway', 'iot-broker').spec.ingress.map((r: any) => fromOf(r))).toEqual(['ingress-nginx/*:8443', 'monitoring/*:9100']);
    // Nothing admits the broker from the ingress controller.
    expect(one(objects, 'NetworkPolicy', 'broker', 'iot-broker').spec.ingress.map(fromOf).filter((r: string) => r.startsWith('ingress-nginx'))).toEqual([]);
    const hpa = one(objects, 'HorizontalPodAutoscaler', 'device-gateway', 'iot-broker').spec;
    expect([hpa.minReplicas, hpa.maxReplicas]).toEqual([3, 10]);
  });

  test('both consumers reach the object store by address and TLS name, each with its reason, and the diagram draws every flow into the broker', () => {
    for (const [name, ns] of [['telemetry-ingest', 'iot-ingest'], ['firmware-rollout', 'iot-fleet']]) {
      const np = one(objects, 'NetworkPolicy', name, ns);
      expect(np.metadata.annotations['soc2.cdk8s.io/egress-reasons']).toBe(`${STORE.cidr} TCP/443 (${STORE.host}): ${STORE.reason}`);
      // The MeshMtls serves the host mesh-wide: a ServiceEntry of the namespace would shadow it there.
      expect(objects.filter(o => o.kind === 'ServiceEntry' && o.metadata.namespace === ns)).toEqual([]);
    }
    expect(one(objects, 'ServiceEntry', 'external-objects-storage-example', 'istio-system').spec).toMatchObject({ hosts: [STORE.host], ports: [{ number: 443, protocol: 'TLS' }] });
    const diagram = readFileSync(join(out.outdir, 'compliance', 'network.md'), 'utf8');
    for (const edge of [
      'w_iot_broker_broker -->|"TCP/4370, TCP/8883"| w_iot_broker_broker', 'w_iot_broker_device_gateway -->|"TCP/8883"| w_iot_broker_broker',
      'w_iot_fleet_firmware_rollout -->|"TCP/8883"| w_iot_broker_broker', 'w_iot_ingest_telemetry_ingest -->|"TCP/8883"| w_iot_broker_broker',
      'ns_ingress_nginx -->|"TCP/8443"| w_iot_broker_device_gateway', 'ns_monitoring -->|"TCP/9234"| w_iot_broker_broker',
    ]) expect(diagram).toContain(edge);
    expect(diagram.split('\n').filter(l => /--> *\|[^|]*\| *w_iot_broker_broker$/.test(l.trim()))).toHaveLength(5);
  });
});

const MISTAKES: Mistake<Iot>[] = [
  ['a typo in the MQTT port, out of range', r => new CompliantWorkload(r.chart, 'broker-eu', {
    namespace: r.brokerNs, image: IMAGE('emqx'), port: 88830, protocol: 'tcp', readiness: HealthCheck.command(['/opt/emqx/bin/emqx', 'ping']),
  }), { code: 'INVALID_PROP', path: 'iot/broker-eu', prop: 'port', value: '88830', problem: /must be an integer port from 1 to 65535/, fix: /pass the port the container listens on/ }],
  ['a claim size in decimal gigabytes written as GB', r => new CompliantWorkload(r.chart, 'broker-eu', {
    namespace: r.brokerNs, image: IMAGE('emqx'), port: 8883, protocol: 'tcp', readiness: HealthCheck.command(['/opt/emqx/bin/emqx', 'ping']), storage: { mountPath: '/opt/emqx/data', size: '50GB' },
  }), { code: 'INVALID_PROP', path: 'iot/broker-eu', prop: 'storage.size', value: '"50GB"', problem: /must be a Kubernetes quantity/, fix: /did you mean "50Gi"\?/ }],
  ['the replica count read from a YAML file as a string', r => new CompliantWorkload(r.chart, 'broker-eu', {
    namespace: r.brokerNs, image: IMAGE('emqx'), port: 8883, protocol: 'tcp', readiness: HealthCheck.command(['/opt/emqx/bin/emqx', 'ping']), replicas: '3' as unknown as number,
  }), { code: 'INVALID_PROP', path: 'iot/broker-eu', prop: 'replicas', value: '"3"', problem: /must be an integer/, fix: /omit replicas/ }],
  ['the object store given as a URL', r => r.ingest.allowEgressTo(Peer.cidr('198.51.100.48/28', 443, { host: 'https://archive.storage.example/bucket' }), { reason: STORE.reason }), {
    code: 'INVALID_PEER', path: 'iot/telemetry-ingest', prop: 'allowEgressTo(peer.host)', value: '"https://archive.storage.example/bucket"', problem: /is a URL/, fix: /drop "https:\/\/" and anything after the host: "archive.storage.example"/,
  }],
  ['the object store\'s whole /6 allocation instead of its published range', r => r.ingest.allowEgressTo(Peer.cidr('196.0.0.0/6', 443, { host: 'archive.storage.example' }), { reason: STORE.reason }), {
    code: 'INVALID_PEER', path: 'iot/telemetry-ingest', prop: 'allowEgressTo(peer.cidr)', value: '"196.0.0.0/6"', fix: /published address ranges/,
  }],
  ['a placeholder reason for the egress', r => r.rollout.allowEgressTo(Peer.cidr('198.51.100.48/28', 443, { host: 'archive.storage.example' }), { reason: 'TODO' }), {
    code: 'INVALID_PEER', path: 'iot/firmware-rollout', prop: 'allowEgressTo(options.reason)', value: '"TODO"', fix: /write why this exception is needed and how it is tracked/,
  }],
  ['a clustering port opened on the gateway, a Deployment', r => r.gateway.allowFrom(r.gateway, { port: 4370 }), {
    code: 'INVALID_PORT', path: 'iot/device-gateway', prop: 'allowFrom(options.port)', value: '4370', problem: /is not a port of workload "device-gateway" \(ports: 8443, 9100\)/, fix: /give the workload storage/,
  }],
  ['a second broker named like the first in the same namespace', r => new CompliantWorkload(r.chart, 'broker-eu', {
    name: 'broker', namespace: r.brokerNs, image: IMAGE('emqx'), port: 8883, protocol: 'tcp', readiness: HealthCheck.command(['/opt/emqx/bin/emqx', 'ping']),
  }), { code: 'DUPLICATE_NAME', path: 'iot/broker-eu', prop: 'name', value: '"broker"', problem: /already taken in namespace "iot-broker"/, fix: /unique id or name/ }],
  ['a consumer that subscribes with the broker password on its command line', r => new CompliantWorkload(r.chart, 'alerts', {
    namespace: r.ingestNs, image: IMAGE('mosquitto-clients', '2.0.18'), metricsPort: 9102,
    liveness: HealthCheck.http('/live', 9102), readiness: HealthCheck.http('/ready', 9102),
    command: ['mosquitto_sub'], args: ['-h', 'broker.iot-broker.svc.cluster.local', '-p', '8883', '-u', 'alerts', '-P', 'Xk29mQz7wLp4', '-t', 'alerts/#'],
  }), { code: 'INVALID_PROP', path: 'iot/alerts', prop: 'args[7]', value: '"<redacted>"', problem: /passes a credential on the command line/, fix: /mount it with secretFiles/ }],
  ['a wildcard host for every device fleet, without saying so', r => new CertManagedIngress(r.chart, 'fleets', {
    host: '*.fleets.iot.example.com', backend: r.gateway, issuer: r.issuer,
  }), { code: 'INVALID_HOST', path: 'iot/fleets', prop: 'host', value: '"*.fleets.iot.example.com"', problem: /is a wildcard/, fix: /set allowWildcardHosts: true with an ACME DNS-01 issuer/ }],
  ['a wildcard host allowed, from an HTTP-01 issuer, which cannot prove one', r => new CertManagedIngress(r.chart, 'fleets', {
    host: '*.fleets.iot.example.com', backend: r.gateway, issuer: Issuer.acmeHttp01({ email: 'iot-ops@iot.example.com' }), allowWildcardHosts: true,
  }), { code: 'INVALID_ISSUER', path: 'iot/fleets', prop: 'issuer', value: '"Issuer/acme-http01"', problem: /does not solve DNS-01/, fix: /use Issuer\.acmeDns01/ }],
  ['the MQTT TLS port asked of the ingress, which serves HTTP only', r => new CertManagedIngress(r.chart, 'mqtt-direct', {
    host: 'broker.iot.example.com', backend: r.broker, issuer: r.issuer,
  }), { code: 'INVALID_BACKEND', path: 'iot/mqtt-direct', prop: 'backend', value: '"iot/broker"', problem: /serves plain TCP, which an Ingress cannot route/, fix: /expose only HTTP, HTTP\/2 or gRPC workloads/ }],
];

describe('probe 7 (a): an IoT team\'s mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(iot, make, expected));
});

/**
 * Found by this probe, now refused: a host is matched by its TLS server name, and a host on plain
 * HTTP's port 80 is refused for that reason; so is one on the IANA ports of protocols that are
 * plaintext from the first byte and have a TLS port of their own (MQTT 1883 beside 8883, AMQP 5672
 * beside 5671), whose ServiceEntry would declare `protocol: TLS` while a plaintext connection
 * carries no SNI to match, so that the mesh would drop it.
 */
describe('probe 7 (a): a plaintext MQTT port named by its host', () => {
  it('is refused like plain HTTP on port 80, naming the TLS port to use', () => {
    expectRefused(iot, r => r.ingest.allowEgressTo(Peer.cidr('203.0.113.80/28', 1883, { host: 'mqtt.partner-fleet.example.com' }), { reason: 'partner fleet bridge (IOT-40)' }), {
      code: 'INVALID_PEER', path: 'iot/telemetry-ingest', prop: 'allowEgressTo(peer.host)', value: '"mqtt.partner-fleet.example.com"', problem: /SNI/, fix: /8883/,
    });
  });
  it('is refused by MeshMtls too', () => {
    // A fresh app: one MeshMtls per app.
    expectRefused(() => ({ app: probeApp() }), r => new MeshMtls(new Chart(r.app, 'platform'), 'mesh', { externalHosts: [{ host: 'mqtt.partner-fleet.example.com', port: 1883, reason: 'partner fleet bridge (IOT-40)' }] }), {
      code: 'INVALID_HOST', path: 'platform/mesh', prop: 'externalHosts[0].port', value: '1883', problem: /SNI/, fix: /8883/,
    });
  });
});
