/**
 * Probe (c): an app that weakens defaults the documented way, every exception with a reason and an
 * expiry under a review limit (`maxSuppressionDays`), and evidence that records each reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Compliance, CompliantWorkload, DataClassification, HealthCheck, MeshMtls, Peer, SensitiveNamespace } from '../../index';
import { acceptedSingleReplica, acceptedWritableRoot, checkWithCli, one, probeApp, scannerFindings, synthProbe, verdict } from './helpers';

/** Each exception the app records: control, object, reason, last day. */
const EXCEPTIONS = [
  ['pod-read-only-root-fs', 'Deployment/legacy/cms', 'vendor image writes its cache under /var/www (VEND-3)', '2027-05-31'],
  ['workload-min-replicas', 'Deployment/legacy/cms', 'vendor licence allows one instance (VEND-4)', '2027-06-30'],
  ['service-no-external-exposure', 'Service/legacy/api', 'debug access via bastion (OPS-3)', '2027-01-31'],
  ['mesh-no-permissive-mtls', 'PeerAuthentication/istio-system/default', 'legacy batch clients outside the mesh until MIG-7 lands', '2027-02-28'],
  ['workload-min-replicas', 'StatefulSet/legacy/search', 'single-node search index until the cluster lands (SRCH-2)', '2027-03-15'],
  ['pod-read-only-root-fs', 'Deployment/legacy/indexer', 'indexer unpacks plugins into its install dir (SRCH-3)', '2027-04-30'],
] as const;

function build() {
  const app = probeApp({ maxSuppressionDays: 365 });
  const platform = new Chart(app, 'platform');
  new MeshMtls(platform, 'mesh', {
    mode: 'PERMISSIVE', migrationWindow: { reason: EXCEPTIONS[3][2], expires: EXCEPTIONS[3][3] },
    externalHosts: [{ host: 'licensing.vendor.example.com', reason: 'vendor licence check (VEND-5)' }],
  });
  const chart = new Chart(app, 'legacy');
  const namespace = new SensitiveNamespace(chart, 'legacy', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-legacy' });
  const cms = new CompliantWorkload(chart, 'cms', {
    namespace, image: 'registry.example.com/vendor/cms:7.2.1', port: 8080,
    writableRootFilesystem: { reason: EXCEPTIONS[0][2], expires: EXCEPTIONS[0][3] },
    singleReplica: { reason: EXCEPTIONS[1][2], expires: EXCEPTIONS[1][3] },
  });
  const api = new CompliantWorkload(chart, 'api', { namespace, image: 'registry.example.com/legacy/api:1.0.0', port: 8080 });
  ApiObject.of(api.node.findChild('Service')).addJsonPatch(JsonPatch.add('/spec/type', 'NodePort'));
  ApiObject.of(namespace.node.findChild('Quota')).addJsonPatch(JsonPatch.add('/spec/hard/services.nodeports', '1'));
  Compliance.suppress(api, 'service-no-external-exposure', EXCEPTIONS[2][2], { kind: 'Service', expires: EXCEPTIONS[2][3] });
  const search = new CompliantWorkload(chart, 'search', {
    namespace, image: 'registry.example.com/search/engine:8.15.0', port: 9200, readiness: HealthCheck.http('/_cluster/health'),
    storage: { mountPath: '/var/lib/search', size: '20Gi' }, singleReplica: { reason: EXCEPTIONS[4][2], expires: EXCEPTIONS[4][3] },
  });
  const indexer = new CompliantWorkload(chart, 'indexer', {
    namespace, image: 'registry.example.com/search/indexer:8.15.0',
    liveness: HealthCheck.command(['/bin/alive']), readiness: HealthCheck.command(['/bin/ready']),
    writableRootFilesystem: { reason: EXCEPTIONS[5][2], expires: EXCEPTIONS[5][3] },
  });
  search.allowFrom(indexer);
  search.allowFrom(cms);
  cms.allowFrom(api);
  cms.allowEgressTo(Peer.cidr('203.0.113.16/28', 443, { host: 'licensing.vendor.example.com' }), { reason: 'vendor licence check (VEND-5)' });
  api.allowEgressTo(Peer.cidr('198.51.100.7/32', 8443), { reason: 'legacy SOAP endpoint of the mainframe (MF-2)' });
  return synthProbe(app);
}

describe('probe (c): every documented exception, with a reason and an expiry', () => {
  const out = build();

  test('the judge finds only what the README accepts for these exceptions', () => {
    const accepted = [
      ...acceptedWritableRoot('Deployment/legacy/cms'), ...acceptedSingleReplica('Deployment/legacy/cms', true),
      ...acceptedWritableRoot('Deployment/legacy/indexer'), 'kube-score/service-type Service/legacy/api',
    ];
    expect(verdict(out, accepted)).toEqual([]);
    // Each accepted finding is really drawn: the exceptions stay visible to the scanners.
    expect(scannerFindings(out.objects)).toEqual([...accepted].sort());
  });

  test('the synth\'s report holds each exception as a suppression with its reason and expiry, and nothing else', () => {
    const suppressed = out.report.evaluations.filter(e => e.status === 'suppressed')
      .map(e => [e.control.id, e.object.ref, e.suppression?.reason, e.suppression?.expires]);
    expect(suppressed.sort()).toEqual(EXCEPTIONS.map(x => [...x]).sort());
  });

  test('evidence.md lists every exception with its reason and expiry, and every external destination with its reason', () => {
    const evidence = readFileSync(join(out.outdir, 'compliance', 'evidence.md'), 'utf8');
    const exceptions = evidence.split('## Exceptions')[1].split('\n## ')[0];
    for (const [control, object, reason, expires] of EXCEPTIONS) {
      expect(exceptions).toContain(`| \`${control}\` | \`${object}\` | ${reason} | ${expires} |`);
    }
    const egress = evidence.split('## Egress outside the cluster')[1].split('\n## ')[0];
    expect(egress).toContain('| `NetworkPolicy/legacy/cms` | `203.0.113.16/28 TCP/443` | `licensing.vendor.example.com` | vendor licence check (VEND-5) |');
    expect(egress).toContain('| `NetworkPolicy/legacy/api` | `198.51.100.7/32 TCP/8443` |  | legacy SOAP endpoint of the mainframe (MF-2) |');
  });

  test('the single replicas roll out without running twice, and the Deployment exception has no surge pod', () => {
    const cms = one(out.objects, 'Deployment', 'cms', 'legacy');
    expect(cms.spec.replicas).toBe(1);
    expect(cms.spec.strategy).toEqual({ type: 'Recreate' });
    expect(cms.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(one(out.objects, 'StatefulSet', 'search', 'legacy').spec.replicas).toBe(1);
    expect(one(out.objects, 'PeerAuthentication', 'default', 'istio-system').spec.mtls.mode).toBe('PERMISSIVE');
  });

  test('the CLI, with the app\'s settings, reports each exception as suppressed with its reason', async () => {
    const run = await checkWithCli(out);
    expect(run.code).toBe(0);
    for (const [control, object, reason, expires] of EXCEPTIONS) expect(run.stdout).toContain(`${object} ${control}: ${reason} (until ${expires})`);
    expect(run.stdout).toMatch(/^0 findings .*; \d+ passed, 6 suppressed$/m);
  });
});
