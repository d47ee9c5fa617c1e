/**
 * Probe (e): the mistakes a newcomer makes — bad ports, empty reasons, past expiries, bad host
 * names, duplicate ids, conflicting props. Each throws a Soc2Error naming the construct path, the
 * prop, the value and the fix, before anything is written.
 */
import { Chart } from 'cdk8s';
import {
  CertManagedIngress, Compliance, CompliantApp, CompliantWorkload, DataClassification, HealthCheck, Issuer, MeshMtls, Peer, Rule, SensitiveNamespace,
} from '../../index';
import { expectSoc2Error, ExpectedError, messageOf } from '../support/errors';
import { probeApp, TODAY } from './helpers';

const IMAGE = 'registry.example.com/team/app:1.0.0';
const REASON = 'partner order feed (contract ORD-9)';

interface Fixture {
  readonly app: CompliantApp;
  readonly chart: Chart;
  readonly namespace: SensitiveNamespace;
  /** A workload `web` on port 8080, for the mistakes made when wiring it. */
  readonly web: CompliantWorkload;
}

/** A fresh app with a namespace `team` and a workload `web` in chart `shop`. */
function fixture(): Fixture {
  const app = probeApp();
  const chart = new Chart(app, 'shop');
  const namespace = new SensitiveNamespace(chart, 'team', { dataClassification: DataClassification.INTERNAL, owner: 'team-shop' });
  return { app, chart, namespace, web: new CompliantWorkload(chart, 'web', { namespace, image: IMAGE, port: 8080 }) };
}

const workload = (f: Fixture, props: Record<string, unknown>) => new CompliantWorkload(f.chart, 'api', { namespace: f.namespace, image: IMAGE, port: 8080, ...props });
const ingress = (f: Fixture, props: Record<string, unknown>) => new CertManagedIngress(f.chart, 'site', { issuer: Issuer.clusterIssuer('le'), ...props });

const MISTAKES: Array<[string, (f: Fixture) => unknown, ExpectedError]> = [
  ['a port of 0', f => workload(f, { port: 0 }),
    { code: 'INVALID_PROP', path: 'shop/api', prop: 'port', value: '0', problem: /integer port from 1 to 65535/, fix: /e\.g\. 8080/ }],
  ['a port given as a string', f => workload(f, { port: '8080' }),
    { code: 'INVALID_PROP', path: 'shop/api', prop: 'port', value: '"8080"', problem: /integer port/, fix: /e\.g\. 8080/ }],
  ['a port the sidecar reserves', f => workload(f, { port: 15006 }),
    { code: 'INVALID_PROP', path: 'shop/api', prop: 'port', value: '15006', problem: /reserved by the Istio sidecar/, fix: /another port/ }],
  ['a health check on a port past 65535', f => workload(f, { liveness: HealthCheck.tcp(99999) }),
    { code: 'INVALID_PROP', path: 'shop/api', prop: 'liveness', value: '{"tcpSocket":{"port":99999}}', problem: /port 99999/, fix: /HealthCheck\.http/ }],
  ['an empty reason for a writable root filesystem', f => workload(f, { writableRootFilesystem: { reason: '' } }),
    { code: 'INVALID_PROP', path: 'shop/api', prop: 'writableRootFilesystem.reason', value: '""', problem: /empty/, fix: /write why/ }],
  ['a placeholder reason for a single replica', f => workload(f, { singleReplica: { reason: 'TODO fix later' } }),
    { code: 'INVALID_PROP', path: 'shop/api', prop: 'singleReplica.reason', value: '"TODO fix later"', problem: /placeholder/, fix: /write why/ }],
  ['an expiry in the past', f => workload(f, { singleReplica: { reason: 'vendor licence allows one (VEND-4)', expires: '2025-01-01' } }),
    { code: 'INVALID_PROP', path: 'shop/api', prop: 'singleReplica.expires', value: '"2025-01-01"', problem: new RegExp(`in the past \\(today is ${TODAY}\\)`), fix: /renew the exception/ }],
  ['an expiry that is no calendar date', f => workload(f, { singleReplica: { reason: 'vendor licence allows one (VEND-4)', expires: '2027-02-30' } }),
    { code: 'INVALID_PROP', path: 'shop/api', prop: 'singleReplica.expires', value: '"2027-02-30"', problem: /calendar date/, fix: /"2027-03-31"/ }],
  ['a suppression with an expiry in the past', f => Compliance.suppress(f.web, 'pod-read-only-root-fs', 'vendor writes its cache (V-1)', { expires: '2020-01-01' }),
    { code: 'INVALID_SUPPRESSION', path: 'shop/web', prop: 'options.expires', value: '"2020-01-01"', problem: /in the past/, fix: /renew/ }],
  ['a suppression of a misspelt control', f => Compliance.suppress(f.web, 'pod-readonly-root-fs', 'vendor writes its cache (V-1)'),
    { code: 'INVALID_SUPPRESSION', path: 'shop/web', prop: 'controlId', value: '"pod-readonly-root-fs"', problem: /not a control/, fix: /did you mean "pod-read-only-root-fs"/ }],
  ['a suppression of a control that cannot be suppressed', f => Compliance.suppress(f.web, 'pod-no-privileged', 'vendor needs it (V-1)'),
    { code: 'INVALID_SUPPRESSION', path: 'shop/web', prop: 'controlId', value: '"pod-no-privileged"', problem: /cannot be suppressed/, fix: /change the configuration/ }],
  ['an egress without a reason', f => f.web.allowEgressTo(Peer.cidr('203.0.113.0/24', 443), { reason: '' }),
    { code: 'INVALID_PEER', path: 'shop/web', prop: 'allowEgressTo(options.reason)', value: '""', problem: /empty/, fix: /write why/ }],
  ['an egress to the whole internet', f => f.web.allowEgressTo(Peer.cidr('0.0.0.0/0', 443), { reason: REASON }),
    { code: 'INVALID_PEER', path: 'shop/web', prop: 'allowEgressTo(peer.cidr)', value: '"0.0.0.0/0"', problem: /whole internet/, fix: /published address ranges/ }],
  ['an egress host with a trailing dot', f => f.web.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: 'api.example.com.' }), { reason: REASON }),
    { code: 'INVALID_PEER', path: 'shop/web', prop: 'allowEgressTo(peer.host)', value: '"api.example.com."', problem: /fully qualified DNS name/, fix: /no scheme, port, path or trailing dot/ }],
  ['an ingress host that is a URL', f => ingress(f, { host: 'https://shop.example.com', backend: f.web }),
    { code: 'INVALID_HOST', path: 'shop/site', prop: 'host', value: '"https://shop.example.com"', problem: /is a URL/, fix: /"shop\.example\.com"/ }],
  ['an ingress host in upper case', f => ingress(f, { host: 'Shop.Example.com', backend: f.web }),
    { code: 'INVALID_HOST', path: 'shop/site', prop: 'host', value: '"Shop.Example.com"', problem: /lower case/, fix: /"shop\.example\.com"/ }],
  ['an ingress host listed twice', f => ingress(f, { hosts: ['a.example.com', 'a.example.com'], backend: f.web }),
    { code: 'INVALID_HOST', path: 'shop/site', prop: 'hosts[1]', value: '"a.example.com"', problem: /repeats hosts\[0\]/, fix: /once/ }],
  ['a host served by two ingresses', f => { ingress(f, { host: 'a.example.com', backend: f.web }); new CertManagedIngress(f.chart, 'other', { host: 'a.example.com', backend: f.web, issuer: Issuer.clusterIssuer('le') }); },
    { code: 'DUPLICATE_NAME', path: 'shop/other', prop: 'host', value: '"a.example.com"', problem: /already used by shop\/site/, fix: /one CertManagedIngress/ }],
  ['a workload name taken in the namespace', f => new CompliantWorkload(f.chart, 'web2', { name: 'web', namespace: f.namespace, image: IMAGE, port: 8081 }),
    { code: 'DUPLICATE_NAME', path: 'shop/web2', prop: 'name', value: '"web"', problem: /already taken in namespace "team"/, fix: /unique id or name/ }],
  ['a workload named like an object the namespace emits', f => new CompliantWorkload(f.chart, 'allow-dns', { namespace: f.namespace, image: IMAGE, port: 8080 }),
    { code: 'DUPLICATE_NAME', path: 'shop/allow-dns', prop: 'id', value: '"allow-dns"', problem: /names an object that namespace "team" emits itself/, fix: /unique id or name/ }],
  ['a second SensitiveNamespace of the same name in another chart', f => new SensitiveNamespace(new Chart(f.app, 'other'), 'team', { dataClassification: DataClassification.RESTRICTED, owner: 'o' }),
    { code: 'DUPLICATE_NAME', path: 'other/team', prop: 'id', value: '"team"', problem: /another SensitiveNamespace of the app has this name/, fix: /create each namespace once/ }],
  ['replicas beside autoscaling', f => workload(f, { replicas: 3, autoscaling: { maxReplicas: 5 } }),
    { code: 'INVALID_PROP', path: 'shop/api', prop: 'replicas', value: '3', problem: /together with autoscaling/, fix: /autoscaling\.minReplicas/ }],
  ['three replicas beside singleReplica', f => workload(f, { replicas: 3, singleReplica: { reason: 'vendor licence allows one (VEND-4)' } }),
    { code: 'INVALID_PROP', path: 'shop/api', prop: 'replicas', value: '3', problem: /must be 1/, fix: /drop singleReplica/ }],
  ['storage for a worker without a port', f => new CompliantWorkload(f.chart, 'worker', { namespace: f.namespace, image: IMAGE, storage: { mountPath: '/data', size: '1Gi' }, liveness: HealthCheck.command(['/alive']), readiness: HealthCheck.command(['/ready']) }),
    { code: 'INVALID_PROP', path: 'shop/worker', prop: 'storage', value: '{"mountPath":"/data","size":"1Gi"}', problem: /needs port/, fix: /set the port/ }],
  ['host beside hosts', f => ingress(f, { host: 'a.example.com', hosts: ['b.example.com'], backend: f.web }),
    { code: 'INVALID_HOST', path: 'shop/site', prop: 'host + hosts', value: '["host","hosts"]', problem: /only one of host, hosts and rules/, fix: /pass host/ }],
  ['a mesh in PERMISSIVE mode without an expiry', f => new MeshMtls(f.chart, 'mesh', { mode: 'PERMISSIVE', migrationWindow: { reason: 'legacy clients until MIG-7' } as any }),
    { code: 'INVALID_MTLS', path: 'shop/mesh', prop: 'migrationWindow.expires', value: 'undefined', problem: /dated window/, fix: /last day of the migration/ }],
  ['a grant of secrets', f => f.web.grant(Rule.read('secrets', ['db'])),
    { code: 'INVALID_RULE', path: 'shop/web', prop: 'grant(rules[0])', value: '"secrets"', problem: /secrets are passed to the workload by reference/, fix: /remove the rule/ }],
];

describe('probe (e): mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, mistake, expected) => {
    const f = fixture();
    expectSoc2Error(() => mistake(f), expected);
    // Nothing was written: the error came at construction, before any synth.
    expect(f.app.lastReport).toBeUndefined();
  });

  test('a construct id used twice in a chart is refused by constructs itself, naming the id and the chart', () => {
    const f = fixture();
    expect(messageOf(() => new CompliantWorkload(f.chart, 'web', { namespace: f.namespace, image: IMAGE, port: 8081 }))).toBe('There is already a Construct with name \'web\' in Chart [shop]');
  });

  test('MeshMtls refuses an external host inside the cluster, which its mesh-wide ServiceEntry would declare external', () => {
    const f = fixture();
    expectSoc2Error(() => new MeshMtls(f.chart, 'mesh', { externalHosts: [{ host: 'web.team.svc.cluster.local', reason: REASON }] }),
      { code: 'INVALID_HOST', path: 'shop/mesh', prop: 'externalHosts[0].host', value: '"web.team.svc.cluster.local"', problem: /is a name inside the cluster/, fix: /callee\.allowFrom\(caller\)/ });
  });

  describe('mistakes a probe found explained poorly', () => {
    test('allowEgressTo refuses a host inside the cluster, as MeshMtls does', () => {
      const f = fixture();
      expectSoc2Error(() => f.web.allowEgressTo(Peer.cidr('203.0.113.0/24', 443, { host: 'ledger.payments.svc.cluster.local' }), { reason: REASON }),
        { code: 'INVALID_PEER', path: 'shop/web', prop: 'allowEgressTo(peer.host)', value: '"ledger.payments.svc.cluster.local"', problem: /inside the cluster/, fix: /allowFrom/ });
    });

    test('a bad egress port is explained as the destination\'s port, not the port the container listens on', () => {
      const f = fixture();
      const message = messageOf(() => f.web.allowEgressTo(Peer.cidr('203.0.113.0/24', 0), { reason: REASON }));
      expect(message).toContain('- allowEgressTo(peer.port) = 0: must be an integer port from 1 to 65535.');
      expect(message).not.toMatch(/the port the container listens on/);
    });

    test('a grant in a namespace without apiServer names the missing prop, namespace.apiServer', () => {
      const f = fixture();
      expectSoc2Error(() => f.web.grant(Rule.read('configmaps', ['app-config'])),
        { code: 'INVALID_RULE', path: 'shop/web', prop: 'namespace.apiServer', value: 'undefined', problem: /namespace "team"/, fix: /set apiServer/ });
    });

    test('a metrics port in an app without monitoringNamespaces says the prop has no default, as CertManagedIngress does', () => {
      const app = probeApp({ monitoringNamespaces: [] });
      const chart = new Chart(app, 'shop');
      const namespace = new SensitiveNamespace(chart, 'team', { dataClassification: DataClassification.INTERNAL, owner: 'o' });
      expectSoc2Error(() => new CompliantWorkload(chart, 'api', { namespace, image: IMAGE, port: 8080, metricsPort: 9090 }),
        { code: 'INVALID_PEER', path: 'shop/api', prop: 'monitoringNamespace', value: 'undefined', problem: /has no default: the app's monitoringNamespaces setting is empty/, fix: /monitoringNamespaces/ });
    });
  });
});
