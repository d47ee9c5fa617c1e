import { Chart } from 'cdk8s';
import { CertManagedIngress, CompliantWorkload, CompliantWorkloadProps, HealthCheck, Issuer, SensitiveNamespace } from '../../constructs';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { expectSoc2Error } from '../support/errors';
import { allSchemaErrors } from '../support/schema';
import { find, IMAGE, namespace, newChart, synthApp } from '../support/synth';
import { SCANNERS } from '../third-party/scanners';

const PROBES = { liveness: HealthCheck.command(['/bin/alive']), readiness: HealthCheck.command(['/bin/ready']) };
const worker = (ns: SensitiveNamespace, props: Partial<CompliantWorkloadProps> = {}): CompliantWorkloadProps => ({ namespace: ns, image: IMAGE, ...PROBES, ...props });

function synthWorker(props: Partial<CompliantWorkloadProps> = {}) {
  const { app, chart } = newChart();
  const ns = namespace(chart, 'shop');
  const consumer = new CompliantWorkload(chart, 'consumer', worker(ns, props));
  const api = new CompliantWorkload(chart, 'api', { namespace: ns, image: IMAGE, port: 8080 });
  api.allowFrom(consumer);
  return { objects: synthApp(app), consumer, api, chart, ns };
}

describe('CompliantWorkload without port (a worker)', () => {
  const { objects, consumer } = synthWorker();
  const deployment = find(objects, 'Deployment', 'consumer');
  const container = deployment.spec.template.spec.containers[0];

  test('passes the engine with zero findings, is schema-valid and clean for every scanner mirror', () => {
    expect(runCompliance(ManifestIndex.fromObjects(objects), { config: { today: '2026-11-27' } }).findings.map(f => `${f.controlId} ${f.object.ref}: ${f.message}`)).toEqual([]);
    expect(allSchemaErrors(objects)).toEqual([]);
    expect(Object.values(SCANNERS).flatMap(scan => scan(objects))).toEqual([]);
  });

  test('has no serving port and no Service, and runs its own probes', () => {
    expect(consumer.port).toBeUndefined();
    expect(container.ports).toBeUndefined();
    expect(objects.filter(o => o.metadata.name === 'consumer').map(o => o.kind).sort()).toEqual(['Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'ServiceAccount']);
    expect(container.livenessProbe.exec).toEqual({ command: ['/bin/alive'] });
    expect(container.readinessProbe.exec).toEqual({ command: ['/bin/ready'] });
  });

  test('admits nothing in, on any port, and keeps its egress to the peers it calls', () => {
    const policy = find(objects, 'NetworkPolicy', 'consumer');
    expect(policy.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'DoesNotExist' }] } }] }]);
    expect(policy.spec.egress.some((r: any) => r.to?.[0]?.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'api' && r.ports[0].port === 8080)).toBe(true);
  });

  test('with a metrics port: a Service for the metrics port alone, scraped from the monitoring namespace', () => {
    const scraped = synthWorker({ metricsPort: 9090, liveness: HealthCheck.http('/healthz', 9090), readiness: HealthCheck.http('/readyz', 9090) });
    const service = find(scraped.objects, 'Service', 'consumer');
    expect(service.spec.ports).toEqual([{ name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP', appProtocol: 'http' }]);
    expect(find(scraped.objects, 'NetworkPolicy', 'consumer').spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 9090, protocol: 'TCP' }],
    }]);
    expect(runCompliance(ManifestIndex.fromObjects(scraped.objects), { config: { today: '2026-11-27' } }).findings).toEqual([]);
    expect(Object.values(SCANNERS).flatMap(scan => scan(scraped.objects))).toEqual([]);
  });
});

describe('CompliantWorkload without port refuses', () => {
  const create = (props: Partial<CompliantWorkloadProps>) => () => {
    const { chart } = newChart();
    return new CompliantWorkload(chart, 'w', { namespace: namespace(chart, 'shop'), image: IMAGE, ...props } as CompliantWorkloadProps);
  };

  test('missing health checks, naming each', () => {
    expectSoc2Error(create({}), { code: 'INVALID_PROP', path: 'test/w', prop: 'liveness', value: 'undefined', problem: /required for a workload without port/, fix: /HealthCheck.command/ });
    expectSoc2Error(create({ liveness: PROBES.liveness }), { code: 'INVALID_PROP', path: 'test/w', prop: 'readiness', value: 'undefined', problem: /required for a workload without port/, fix: /HealthCheck.command/ });
  });

  test('health checks that would check the port it does not have', () => {
    expectSoc2Error(create({ liveness: HealthCheck.http('/healthz'), readiness: PROBES.readiness }),
      { code: 'INVALID_PROP', path: 'test/w', prop: 'liveness', value: '{"httpGet":{"path":"/healthz"}}', problem: /checks the workload's port, and the workload has none/, fix: /its own port/ });
    expectSoc2Error(create({ liveness: PROBES.liveness, readiness: HealthCheck.tcp() }),
      { code: 'INVALID_PROP', path: 'test/w', prop: 'readiness', value: '{"tcpSocket":{}}', problem: /has none/, fix: /its own port/ });
  });

  test('a protocol, which describes a port', () => {
    expectSoc2Error(create({ ...PROBES, protocol: 'grpc' }), { code: 'INVALID_PROP', path: 'test/w', prop: 'protocol', value: '"grpc"', problem: /no port/, fix: /set port, or omit protocol/ });
  });

  test('storage, whose replicas are reached through the headless Service', () => {
    expectSoc2Error(create({ ...PROBES, storage: { mountPath: '/var/lib/app', size: '1Gi' } }),
      { code: 'INVALID_PROP', path: 'test/w', prop: 'storage', value: '{"mountPath":"/var/lib/app","size":"1Gi"}', problem: /needs port/, fix: /set the port/ });
  });

  test('callers without a port, and an ingress routing to it', () => {
    const { chart, consumer, api } = synthWorker();
    expectSoc2Error(() => consumer.allowFrom(api), { code: 'INVALID_PORT', path: 'test/consumer', prop: 'allowFrom(options.port)', value: 'undefined', problem: /serves on no port/, fix: /give the workload a port/ });
    expectSoc2Error(() => new CertManagedIngress(chart, 'public', { host: 'shop.example.com', backend: consumer, issuer: Issuer.clusterIssuer('le', { challenge: 'HTTP01' }) }),
      { code: 'INVALID_BACKEND', path: 'test/public', prop: 'backend', value: '"test/consumer"', problem: /serves on no port/, fix: /route the hosts to a workload that serves them/ });
  });

  test('a caller on a port the worker does not have', () => {
    const { consumer, api } = synthWorker();
    expectSoc2Error(() => consumer.allowFrom(api, { port: 7000 }), { code: 'INVALID_PORT', path: 'test/consumer', prop: 'allowFrom(options.port)', value: '7000', problem: /serves on no port/, fix: /only on its metricsPort/ });
    expectSoc2Error(() => consumer.allowFrom(consumer, { port: 7000 }), { code: 'INVALID_PORT', path: 'test/consumer', prop: 'allowFrom(options.port)', value: '7000', problem: /serves on no port/, fix: /only on its metricsPort/ });
  });

  test('callers on the metrics port are allowed', () => {
    const { app, chart } = newChart();
    const ns = namespace(chart, 'shop');
    const consumer = new CompliantWorkload(chart, 'consumer', worker(ns, { metricsPort: 9090 }));
    const scraper = new CompliantWorkload(new Chart(app, 'other'), 'scraper', { namespace: ns, image: IMAGE, port: 8080 });
    consumer.allowFrom(scraper, { port: 9090 });
    expect(find(synthApp(app), 'NetworkPolicy', 'consumer').spec.ingress.map((r: any) => r.ports[0].port)).toEqual([9090, 9090]);
  });
});
