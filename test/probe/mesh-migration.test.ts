/**
 * Probe 7 (c): a migration into the mesh, before and after. Before: the mesh is PERMISSIVE for a
 * dated window while a reporting tool outside the mesh still calls in plaintext, a PDF renderer
 * writes fonts into its image's filesystem, and a ledger sync runs once because it holds a lock it
 * cannot share — each an exception with a reason and an expiry, under a 180-day review limit.
 * After: STRICT, the renderer's cache moved to a declared writable path, the sync run twice, no
 * exception left. The evidence of each, and the posture diff between them, must say so.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chart } from 'cdk8s';
import { Compliance, CompliantWorkload, DataClassification, HealthCheck, MeshMtls, SensitiveNamespace } from '../../index';
import { synthFailure } from '../support/errors';
import { acceptedSingleReplica, acceptedWritableRoot, checkWithCli, cli, one, probeApp, scannerFindings, synthProbe, verdict } from './helpers';
import { expectRefused, Mistake } from './mistake-helpers';

const IMAGE = (name: string) => `registry.example.com/docs/${name}:3.0.1`;
const WINDOW = { reason: 'reporting tool outside the mesh calls the API in plaintext until MIG-31 moves it in', expires: '2027-03-31' };
const FONTS = { reason: 'renderer writes its font cache beside the binary until REN-8 lands', expires: '2027-02-28' };
const LOCK = { reason: 'ledger sync holds an exclusive upstream lock; a second copy would deadlock (LED-5)', expires: '2027-01-31' };

/** The documents app before the migration (`after: false`) or after it (and without its mesh, for the mesh's mistakes), not yet synthesized. */
function documents(after = false, withMesh = true) {
  const app = probeApp({ maxSuppressionDays: 180, allowedRegistries: ['registry.example.com/'] });
  const platform = new Chart(app, 'platform');
  const mesh = withMesh ? new MeshMtls(platform, 'mesh', after ? {} : { mode: 'PERMISSIVE', migrationWindow: WINDOW }) : undefined;
  const chart = new Chart(app, 'documents');
  const ns = new SensitiveNamespace(chart, 'documents', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-docs' });
  const api = new CompliantWorkload(chart, 'docs-api', { namespace: ns, image: IMAGE('api'), port: 8080 });
  const renderer = new CompliantWorkload(chart, 'pdf-renderer', {
    namespace: ns, image: IMAGE('renderer'), port: 8081,
    ...after ? { writablePaths: ['/tmp', '/opt/renderer/fonts'] } : { writableRootFilesystem: FONTS },
  });
  const sync = new CompliantWorkload(chart, 'ledger-sync', {
    namespace: ns, image: IMAGE('sync'), metricsPort: 9100,
    liveness: HealthCheck.http('/live', 9100), readiness: HealthCheck.http('/ready', 9100),
    ...after ? {} : { singleReplica: LOCK },
  });
  renderer.allowFrom(api);
  api.allowFrom(sync);
  return { app, platform, mesh, chart, ns, api, renderer, sync };
}
type Documents = ReturnType<typeof documents>;

const EXCEPTIONS = [
  ['workload-min-replicas', 'Deployment/documents/ledger-sync', LOCK],
  ['pod-read-only-root-fs', 'Deployment/documents/pdf-renderer', FONTS],
  ['mesh-no-permissive-mtls', 'PeerAuthentication/istio-system/default', WINDOW],
] as const;
const ACCEPTED = [...acceptedWritableRoot('Deployment/documents/pdf-renderer'), ...acceptedSingleReplica('Deployment/documents/ledger-sync', true)];
const exceptionsOf = (evidence: string) => evidence.split('## Exceptions')[1].split('\n## ')[0];

describe('probe 7 (c): a migration into STRICT mTLS, before and after, and the evidence of the difference', () => {
  const before = synthProbe(documents().app);
  const after = synthProbe(documents(true).app);
  const evidence = (out: typeof before) => readFileSync(join(out.outdir, 'compliance', 'evidence.md'), 'utf8');

  test('before: the judge finds only what the README accepts for the two workload exceptions, each really drawn', () => {
    expect(verdict(before, ACCEPTED)).toEqual([]);
    expect(scannerFindings(before.objects)).toEqual([...ACCEPTED].sort());
  });

  test('after: the judge finds nothing at all, and the scanners nothing either', () => {
    expect(verdict(after)).toEqual([]);
    expect(scannerFindings(after.objects)).toEqual([]);
  });

  test('before: PERMISSIVE, a writable root filesystem and one replica rolled out by Recreate, each a dated suppression on its object', () => {
    const peer = one(before.objects, 'PeerAuthentication', 'default', 'istio-system');
    expect(peer.spec.mtls.mode).toBe('PERMISSIVE');
    expect(peer.metadata.annotations['soc2.cdk8s.io/suppress.mesh-no-permissive-mtls']).toBe(`until ${WINDOW.expires}: ${WINDOW.reason}`);
    const renderer = one(before.objects, 'Deployment', 'pdf-renderer', 'documents');
    expect(renderer.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(renderer.metadata.annotations['soc2.cdk8s.io/suppress.pod-read-only-root-fs']).toBe(`until ${FONTS.expires}: ${FONTS.reason}`);
    const sync = one(before.objects, 'Deployment', 'ledger-sync', 'documents');
    expect([sync.spec.replicas, sync.spec.strategy]).toEqual([1, { type: 'Recreate' }]);
    expect(sync.metadata.annotations['soc2.cdk8s.io/suppress.workload-min-replicas']).toBe(`until ${LOCK.expires}: ${LOCK.reason}`);
    const suppressed = before.report.evaluations.filter(e => e.status === 'suppressed').map(e => [e.control.id, e.object.ref, e.suppression?.reason, e.suppression?.expires]);
    expect(suppressed.sort()).toEqual(EXCEPTIONS.map(([id, ref, x]) => [id, ref, x.reason, x.expires]).sort());
  });

  test('after: STRICT, a read-only root filesystem with the font cache on its own emptyDir, two replicas rolled without downtime, no suppression anywhere', () => {
    expect(one(after.objects, 'PeerAuthentication', 'default', 'istio-system').spec.mtls.mode).toBe('STRICT');
    const renderer = one(after.objects, 'Deployment', 'pdf-renderer', 'documents').spec.template.spec;
    expect(renderer.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(renderer.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/opt/renderer/fonts']);
    expect(renderer.volumes.find((v: any) => v.name === 'opt-renderer-fonts')).toEqual({ name: 'opt-renderer-fonts', emptyDir: { sizeLimit: '256Mi' } });
    const sync = one(after.objects, 'Deployment', 'ledger-sync', 'documents').spec;
    expect([sync.replicas, sync.strategy]).toEqual([2, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }]);
    expect(JSON.stringify(after.objects)).not.toContain('soc2.cdk8s.io/suppress.');
    expect(after.report.evaluations.filter(e => e.status === 'suppressed')).toEqual([]);
  });

  test('the evidence lists each exception with its reason and expiry before, and none after', () => {
    const was = exceptionsOf(evidence(before));
    for (const [control, object, x] of EXCEPTIONS) expect(was).toContain(`| \`${control}\` | \`${object}\` | ${x.reason} | ${x.expires} |`);
    expect(exceptionsOf(evidence(after)).trim()).toBe('No finding is suppressed.');
    expect(evidence(before)).toContain('| `maxSuppressionDays` | `180` |');
  });

  test('the CLI counts three suppressions before and none after, with the app\'s settings', async () => {
    const [was, is] = await Promise.all([checkWithCli(before), checkWithCli(after)]);
    expect([was.code, is.code]).toEqual([0, 0]);
    expect(was.stdout).toMatch(/^0 findings .*; \d+ passed, 3 suppressed$/m);
    expect(is.stdout).toMatch(/^0 findings .*; \d+ passed, 0 suppressed$/m);
  });

  test('the posture diff reads the migration as a tightening: three suppressions removed, mTLS PERMISSIVE to STRICT, the read-only root and the second replica', async () => {
    const config = join(before.outdir, 'soc2.json');
    writeFileSync(config, JSON.stringify(before.config));
    const run = await cli(['diff', before.outdir, after.outdir, '--config', config, '--fail-on', 'any']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^## 🟢 Security posture tightens$/m);
    expect(run.stdout).toContain('3 removed suppressions, 4 changed objects.');
    for (const [control, object, x] of EXCEPTIONS) expect(run.stdout).toContain(`| \`${object}\` | \`${control}\` | ${x.reason} | ${x.expires} | was active |`);
    expect(run.stdout).toContain('`spec.mtls.mode`: `PERMISSIVE` → `STRICT`');
    expect(run.stdout).toContain('`spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem`: `false` → `true`');
    expect(run.stdout).toContain('`spec.replicas`: `1` → `2`');
    // Neither way adds a finding or a flow; going back re-adds the three suppressions, which --fail-on new-suppressions refuses.
    const back = await cli(['diff', after.outdir, before.outdir, '--config', config, '--fail-on', 'new-suppressions']);
    expect(back.code).toBe(1);
    expect(back.stdout).toContain('3 new suppressions, 4 changed objects.');
    expect(back.stdout).not.toMatch(/new findings|new allowed flows/);
  });
});

/** The mistakes made on the mesh of the app after the migration, each on an app whose mesh is that one. */
const MESH_MISTAKES: Mistake<Documents>[] = [
  ['a migration window copied from last quarter, already over', d => new MeshMtls(d.platform, 'mesh', {
    mode: 'PERMISSIVE', migrationWindow: { ...WINDOW, expires: '2026-10-31' },
  }), { code: 'INVALID_MTLS', path: 'platform/mesh', prop: 'migrationWindow.expires', value: '"2026-10-31"', problem: /is in the past \(today is 2026-11-28\)/, fix: /renew the exception with a new date, or remove it/ }],
  ['a migration window of a year', d => new MeshMtls(d.platform, 'mesh', {
    mode: 'PERMISSIVE', migrationWindow: { ...WINDOW, expires: '2027-11-30' },
  }), { code: 'INVALID_MTLS', path: 'platform/mesh', prop: 'migrationWindow.expires', value: '"2027-11-30"', problem: /is more than 180 days away/, fix: /end the window by 2027-05-27/ }],
  ['PERMISSIVE with no window at all', d => new MeshMtls(d.platform, 'mesh', { mode: 'PERMISSIVE' }), {
    code: 'INVALID_MTLS', path: 'platform/mesh', prop: 'migrationWindow', value: 'undefined', problem: /is required with mode PERMISSIVE/, fix: /add migrationWindow/,
  }],
  ['the window left in after switching back to STRICT', d => new MeshMtls(d.platform, 'mesh', { mode: 'STRICT', migrationWindow: WINDOW }), {
    code: 'INVALID_MTLS', path: 'platform/mesh', prop: 'migrationWindow', value: JSON.stringify(WINDOW), problem: /applies only to mode PERMISSIVE/, fix: /remove it/,
  }],
  ['the mode in lower case, as the Istio docs write it in prose', d => new MeshMtls(d.platform, 'mesh', {
    mode: 'permissive' as 'PERMISSIVE', migrationWindow: WINDOW,
  }), { code: 'INVALID_MTLS', path: 'platform/mesh', prop: 'mode', value: '"permissive"', problem: /is not a mesh mTLS mode/, fix: /use 'STRICT'/ }],
];

const MISTAKES: Mistake<Documents>[] = [
  ['a placeholder reason for the writable root filesystem', d => new CompliantWorkload(d.chart, 'thumbnailer', {
    namespace: d.ns, image: IMAGE('thumbs'), port: 8080, writableRootFilesystem: { reason: 'n/a', expires: '2027-01-31' },
  }), { code: 'INVALID_PROP', path: 'documents/thumbnailer', prop: 'writableRootFilesystem.reason', value: '"n/a"', problem: /is a placeholder, not a reason/, fix: /how it is tracked/ }],
  ['no expiry under the 180-day review limit', d => new CompliantWorkload(d.chart, 'thumbnailer', {
    namespace: d.ns, image: IMAGE('thumbs'), port: 8080, writableRootFilesystem: { reason: FONTS.reason },
  }), { code: 'INVALID_PROP', path: 'documents/thumbnailer', prop: 'writableRootFilesystem.expires', value: 'undefined', problem: /maxSuppressionDays setting \(180\)/, fix: /set an expiry on or before 2027-05-27/ }],
  ['an expiry written day first', d => new CompliantWorkload(d.chart, 'thumbnailer', {
    namespace: d.ns, image: IMAGE('thumbs'), port: 8080, writableRootFilesystem: { reason: FONTS.reason, expires: '28/02/2027' },
  }), { code: 'INVALID_PROP', path: 'documents/thumbnailer', prop: 'writableRootFilesystem.expires', value: '"28/02/2027"', problem: /must be a calendar date in the form YYYY-MM-DD/, fix: /e\.g\. "2027-03-31"/ }],
  ['the option spelt expiry', d => new CompliantWorkload(d.chart, 'thumbnailer', {
    namespace: d.ns, image: IMAGE('thumbs'), port: 8080, writableRootFilesystem: { reason: FONTS.reason, expiry: '2027-01-31' } as { reason: string },
  }), { code: 'INVALID_PROP', path: 'documents/thumbnailer', prop: 'writableRootFilesystem.expiry', value: '"2027-01-31"', problem: /is not a setting of this prop/, fix: /did you mean "expires"\?/ }],
  ['one replica asked for twice over, with replicas: 2', d => new CompliantWorkload(d.chart, 'thumbnailer', {
    namespace: d.ns, image: IMAGE('thumbs'), port: 8080, replicas: 2, singleReplica: LOCK,
  }), { code: 'INVALID_PROP', path: 'documents/thumbnailer', prop: 'replicas', value: '2', problem: /must be 1 \(or omitted\) with singleReplica/, fix: /omit replicas, or drop singleReplica/ }],
  ['singleReplica given as a flag', d => new CompliantWorkload(d.chart, 'thumbnailer', {
    namespace: d.ns, image: IMAGE('thumbs'), port: 8080, singleReplica: true as unknown as { reason: string },
  }), { code: 'INVALID_PROP', path: 'documents/thumbnailer', prop: 'singleReplica', value: 'true', problem: /must be an object with a reason/, fix: /singleReplica: \{ reason:/ }],
  ['the font cache as a relative path', d => new CompliantWorkload(d.chart, 'thumbnailer', {
    namespace: d.ns, image: IMAGE('thumbs'), port: 8080, writablePaths: ['/tmp', 'opt/thumbs/cache'],
  }), { code: 'INVALID_PROP', path: 'documents/thumbnailer', prop: 'writablePaths[1]', value: '"opt/thumbs/cache"', problem: /must be a normalised absolute directory path/, fix: /e\.g\. "\/var\/cache\/app"/ }],
];

describe('probe 7 (c): a migrating team\'s mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MESH_MISTAKES)('%s', (_, make, expected) => expectRefused(() => documents(true, false), make, expected));
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(() => documents(true), make, expected));
});

describe('probe 7 (c): an exception left behind after the migration', () => {
  test('a hand-written suppression of the read-only root, kept after the fix, fails the synth as one that silences nothing', () => {
    const d = documents(true);
    Compliance.suppress(d.renderer, 'pod-read-only-root-fs', FONTS.reason, { expires: FONTS.expires });
    const error = synthFailure(d.app);
    expect(error.findings.map(f => `${f.controlId} ${f.object.ref}`)).toEqual(['suppression-needed Deployment/documents/pdf-renderer']);
    expect(error.message).toMatch(/pod-read-only-root-fs/);
    expect(readdirSync(d.app.outdir)).toEqual([]);
  });
});

