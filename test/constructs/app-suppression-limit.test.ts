import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { CertManagedIngress, Compliance, CompliantApp, CompliantWorkload, Issuer, MeshMtls } from '../../constructs';
import { ComplianceConfig } from '../../src/compliance/config';
import { expectSoc2Error, synthFailure } from '../support/errors';
import { IMAGE, namespace } from '../support/synth';

const TODAY = '2026-11-27';
const REASON = 'vendor image writes /var/cache; SEC-142';
const outdirs: string[] = [];
afterAll(() => outdirs.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));

/** A chart in a CompliantApp whose exceptions must be reviewed within `maxSuppressionDays` of 2026-11-27, and its namespace `shop`. */
function appWith(settings: ComplianceConfig = { maxSuppressionDays: 365 }) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-review-'));
  outdirs.push(outdir);
  const app = new CompliantApp({ compliance: { today: TODAY, ...settings }, outdir });
  const chart = new Chart(app, 'shop');
  return { app, chart, ns: namespace(chart, 'shop'), outdir };
}

function suppressions(chart: Chart, kind: string, name: string): Record<string, string> {
  const found = Testing.synth(chart).find(o => o.kind === kind && o.metadata.name === name);
  expect(found).toBeDefined();
  return Object.fromEntries(Object.entries<string>(found.metadata.annotations ?? {}).filter(([k]) => k.startsWith('soc2.cdk8s.io/suppress.')));
}

describe('the app\'s maxSuppressionDays setting', () => {
  test('a construct\'s exception within the limit, to its last day, synthesizes and passes the check', () => {
    const { app, chart, ns } = appWith();
    new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080, writableRootFilesystem: { reason: REASON, expires: '2027-11-27' } });
    new CompliantWorkload(chart, 'db', { namespace: ns, image: IMAGE, port: 5432, singleReplica: { reason: 'a database without replication (DB-3)', expires: '2027-01-31' } });
    expect(suppressions(chart, 'Deployment', 'web')).toEqual({ 'soc2.cdk8s.io/suppress.pod-read-only-root-fs': `until 2027-11-27: ${REASON}` });
    expect(() => app.synth()).not.toThrow();
  });

  test.each(['writableRootFilesystem', 'singleReplica'] as const)('%s without an expiry, or one a day beyond the limit, is refused naming the prop and the latest date', prop => {
    const { chart, ns } = appWith();
    const port = 8080;
    expectSoc2Error(() => new CompliantWorkload(chart, 'undated', { namespace: ns, image: IMAGE, port, [prop]: { reason: REASON } }), {
      code: 'INVALID_PROP', path: 'shop/undated', prop: `${prop}.expires`, value: 'undefined',
      problem: /is required: the app's maxSuppressionDays setting \(365\) has every exception reviewed again within 365 days/,
      fix: /set an expiry on or before 2027-11-27, e.g. "2027-11-27"/,
    });
    expectSoc2Error(() => new CompliantWorkload(chart, 'late', { namespace: ns, image: IMAGE, port, [prop]: { reason: REASON, expires: '2027-11-28' } }), {
      code: 'INVALID_PROP', path: 'shop/late', prop: `${prop}.expires`, value: '"2027-11-28"',
      problem: /is more than 365 days after 2026-11-27, the longest the app's maxSuppressionDays setting \(365\) allows/,
      fix: /set an expiry on or before 2027-11-27, and renew the exception then/,
    });
  });

  test('without the setting, an exception needs no expiry (today\'s behaviour)', () => {
    const { app, chart, ns } = appWith({});
    new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080, writableRootFilesystem: { reason: REASON } });
    expect(suppressions(chart, 'Deployment', 'web')).toEqual({ 'soc2.cdk8s.io/suppress.pod-read-only-root-fs': REASON });
    expect(() => app.synth()).not.toThrow();
  });

  test('singleReplica writes no suppression when minReplicas is 1, and so needs no expiry', () => {
    const { app, chart, ns } = appWith({ maxSuppressionDays: 30, minReplicas: 1 });
    new CompliantWorkload(chart, 'db', { namespace: ns, image: IMAGE, port: 5432, singleReplica: { reason: 'a database without replication (DB-3)' } });
    expect(suppressions(chart, 'Deployment', 'db')).toEqual({});
    expect(() => app.synth()).not.toThrow();
  });

  test('Compliance.suppress needs options.expires within the limit', () => {
    const { app, chart, ns } = appWith({ maxSuppressionDays: 90 });
    const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    ApiObject.of(web.node.findChild('Service')).addJsonPatch(JsonPatch.add('/spec/externalIPs', ['203.0.113.10']));
    const suppress = (options?: { expires: string }) => () => Compliance.suppress(web, 'service-no-external-exposure', 'debug access via bastion (OPS-3)', { kind: 'Service', ...options });
    expectSoc2Error(suppress(), {
      code: 'INVALID_SUPPRESSION', path: 'shop/web', prop: 'options.expires', value: 'undefined',
      problem: /is required: the app's maxSuppressionDays setting \(90\)/, fix: /set an expiry on or before 2027-02-25/,
    });
    expectSoc2Error(suppress({ expires: '2027-02-26' }), {
      code: 'INVALID_SUPPRESSION', path: 'shop/web', prop: 'options.expires', value: '"2027-02-26"',
      problem: /is more than 90 days after 2026-11-27/, fix: /on or before 2027-02-25/,
    });
    expectSoc2Error(suppress({ expires: '2026-11-26' }), {
      code: 'INVALID_SUPPRESSION', path: 'shop/web', prop: 'options.expires', value: '"2026-11-26"', problem: /is in the past/, fix: /renew the exception/,
    });
    suppress({ expires: '2027-02-25' })();
    expect(() => app.synth()).not.toThrow();
  });

  test('a MeshMtls migration window is held to the shorter of its 180 days and the limit', () => {
    const { app } = appWith({ maxSuppressionDays: 90 });
    const window = (expires: string) => ({ mode: 'PERMISSIVE' as const, migrationWindow: { reason: 'legacy clients move to mTLS (NET-7)', expires } });
    expectSoc2Error(() => new MeshMtls(new Chart(app, 'late'), 'mesh', window('2027-02-26')), {
      code: 'INVALID_MTLS', path: 'late/mesh', prop: 'migrationWindow.expires', value: '"2027-02-26"',
      problem: /is more than 90 days after 2026-11-27, the longest the app's maxSuppressionDays setting \(90\) allows/, fix: /on or before 2027-02-25/,
    });
    new MeshMtls(new Chart(app, 'platform'), 'mesh', window('2027-02-25'));
  });

  test('a MeshMtls migration window beyond both its 180 days and a shorter limit is refused naming the limit, so that the fix is accepted', () => {
    const { app } = appWith({ maxSuppressionDays: 90 });
    const window = { mode: 'PERMISSIVE' as const, migrationWindow: { reason: 'legacy clients move to mTLS (NET-7)', expires: '2027-06-01' } };
    expectSoc2Error(() => new MeshMtls(new Chart(app, 'late'), 'mesh', window), {
      code: 'INVALID_MTLS', path: 'late/mesh', prop: 'migrationWindow.expires', value: '"2027-06-01"',
      problem: /is more than 90 days after 2026-11-27, the longest the app's maxSuppressionDays setting \(90\) allows/, fix: /on or before 2027-02-25/,
    });
  });

  test('the ACME HTTP-01 solver policy\'s permanent suppression records a limit of the check, not an exception: the app still synthesizes', () => {
    const { app, chart, ns } = appWith({ maxSuppressionDays: 30 });
    const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    new CertManagedIngress(chart, 'public', { host: 'pay.example.com', backend: web, issuer: Issuer.acmeHttp01({ email: 'security@example.com' }) });
    expect(suppressions(chart, 'NetworkPolicy', 'acme-http01-solver-from-ingress-nginx')).toEqual({
      'soc2.cdk8s.io/suppress.network-policy-targets-pods': expect.not.stringMatching(/^until /),
    });
    expect(() => app.synth()).not.toThrow();
  });

  test('a hand-written permanent suppression fails suppression-reasoned and does not silence its finding', () => {
    const { app, chart, ns } = appWith();
    new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    const web = Testing.synth(chart).find(o => o.kind === 'Deployment')!;
    new ApiObject(chart, 'legacy', {
      ...web,
      metadata: { ...web.metadata, name: 'legacy', annotations: { 'soc2.cdk8s.io/suppress.pod-read-only-root-fs': REASON } },
      spec: { ...web.spec, template: { ...web.spec.template, spec: { ...web.spec.template.spec,
        containers: web.spec.template.spec.containers.map((c: any) => ({ ...c, securityContext: { ...c.securityContext, readOnlyRootFilesystem: false } })) } } },
    });
    const thrown = synthFailure(app);
    const findings = thrown.findings.filter(f => f.object.name === 'legacy').map(f => `${f.controlId}: ${f.message}`);
    expect(findings).toEqual(expect.arrayContaining([
      expect.stringMatching(/^pod-read-only-root-fs: /),
      'suppression-reasoned: suppression of pod-read-only-root-fs has no expiry, and every suppression must expire within 365 days of 2026-11-27 (maxSuppressionDays): '
        + 'set an expiry on or before 2027-11-27 ("until 2027-11-27: reason")',
    ]));
  });

  test('is recorded in the evidence\'s configuration', () => {
    const { app, chart, ns, outdir } = appWith({ maxSuppressionDays: 365 });
    new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
    app.synth();
    expect(fs.readFileSync(path.join(outdir, 'compliance', 'evidence.md'), 'utf8')).toContain('| `maxSuppressionDays` | `365` |');
    expect(JSON.parse(fs.readFileSync(path.join(outdir, 'compliance', 'report.json'), 'utf8')).config.maxSuppressionDays).toBe(365);
  });

  test('a value that is not a positive integer of at most 3650 is refused, naming compliance.maxSuppressionDays', () => {
    for (const [value, problem] of [[0, /must be a positive integer/], ['365', /must be a positive integer/], [5000, /must be at most 3650/]] as const) {
      expectSoc2Error(() => new CompliantApp({ compliance: { maxSuppressionDays: value as number } }), {
        code: 'INVALID_PROP', path: '<app>', prop: 'compliance.maxSuppressionDays', value: JSON.stringify(value), problem, fix: /correct the value, or remove the setting for its default/,
      });
    }
  });
});
