/**
 * What a stranger to the code can do with the package: build an app from the public API only
 * (the package entry), synthesize it as `CompliantApp` does, and judge the YAML it writes with the
 * project's engine, the resource schemas, quota admission, the mirrored third-party scanners and
 * the CLI.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComplianceConfig, ComplianceReport, CompliantApp } from '../../index';
import { childProcess, CliRun } from '../cli/helpers';
import { quotaRefusals } from '../support/quota';
import { allSchemaErrors } from '../support/schema';
import { loadManifestFile } from '../third-party/load';
import { SCANNERS } from '../third-party/scanners';

/** The day the probes' dated exceptions are judged against, so that they never expire under the tests. */
export const TODAY = '2026-11-28';

/** What a synthesized probe app left on disk, and its report. */
export interface ProbeOutput {
  readonly outdir: string;
  /** The `*.k8s.yaml` files written, sorted. */
  readonly files: readonly string[];
  /** Every object of those files, in file order. */
  readonly objects: readonly Record<string, any>[];
  /** The report of the synth's own check. */
  readonly report: ComplianceReport;
  /** The settings the app was built with (`today` included), as the CLI's `--config` takes them. */
  readonly config: ComplianceConfig;
}

/** A fresh CompliantApp writing into a new temporary folder, judged on {@link TODAY}. */
export function probeApp(compliance: ComplianceConfig = {}): CompliantApp {
  return new CompliantApp({ outdir: mkdtempSync(join(tmpdir(), 'soc2-probe-')), compliance: { today: TODAY, ...compliance } });
}

/** Synthesizes the app and reads back what it wrote. */
export function synthProbe(app: CompliantApp): ProbeOutput {
  app.synth();
  const files = readdirSync(app.outdir).filter(f => f.endsWith('.k8s.yaml')).sort().map(f => join(app.outdir, f));
  return { outdir: app.outdir, files, objects: files.flatMap(loadManifestFile), report: app.lastReport!, config: app.complianceConfig ?? {} };
}

/** Every mirrored scanner's findings, as `<scanner>/<check> <Kind/ns/name>` lines, sorted. */
export function scannerFindings(objects: readonly Record<string, any>[]): string[] {
  return Object.values(SCANNERS).flatMap(check => check([...objects])).map(f => `${f.check} ${f.object}`).sort();
}

/**
 * Everything an independent judge finds in the output: the synth's own findings, schema and
 * admission errors, quota refusals, and the scanner findings beyond those `accepted`.
 */
export function verdict(out: ProbeOutput, accepted: readonly string[] = []): string[] {
  const allowed = new Set(accepted);
  return [
    ...out.report.findings.map(f => `engine ${f.controlId} ${f.object.ref}: ${f.message}`),
    ...allSchemaErrors(out.objects).map(e => `schema ${e}`),
    ...quotaRefusals(out.objects).map(e => `quota ${e}`),
    ...scannerFindings(out.objects).filter(f => !allowed.has(f)).map(f => `scanner ${f}`),
  ];
}

/** The findings the README ("Third-party scanners") accepts for a `writableRootFilesystem` exception. */
export function acceptedWritableRoot(object: string): string[] {
  return [
    `kube-score/container-security-context-readonlyrootfilesystem ${object}`,
    `kubescape/C-0017 ${object}`,
    `polaris/notReadOnlyRootFilesystem ${object}`,
  ];
}

/**
 * The findings the README accepts for a `singleReplica` Deployment: Polaris'
 * `deploymentMissingReplicas`, and kube-score's `deployment-replicas` and `deployment-strategy`
 * when a Service selects its pods.
 */
export function acceptedSingleReplica(object: string, selectedByService: boolean): string[] {
  return [
    ...selectedByService ? [`kube-score/deployment-replicas ${object}`, `kube-score/deployment-strategy ${object}`] : [],
    `polaris/deploymentMissingReplicas ${object}`,
  ];
}

/** Runs the compiled CLI (`node lib/src/cli/bin.js …`), as a user would. */
export function cli(args: string[]): Promise<CliRun> {
  return childProcess(args);
}

/** `cdk8s-soc2 check` over the app's YAML, with the app's settings as `--config`. */
export function checkWithCli(out: ProbeOutput): Promise<CliRun> {
  const config = join(out.outdir, 'soc2.json');
  writeFileSync(config, JSON.stringify(out.config));
  return cli(['check', ...out.files, '--config', config]);
}

/**
 * `cdk8s-soc2 check` over the app's YAML with its settings ({@link checkWithCli}), expected clean:
 * exit status 0, nothing on stderr, a summary of no finding and `suppressed` suppressions.
 */
export async function expectCliClean(out: ProbeOutput, suppressed = 0): Promise<CliRun> {
  const run = await checkWithCli(out);
  expect([run.code, run.stderr]).toEqual([0, '']);
  expect(run.stdout).toMatch(new RegExp(`^0 findings \\(0 critical, 0 high, 0 medium, 0 low\\) in 0 of \\d+ objects; \\d+ passed, ${suppressed} suppressed$`, 'm'));
  return run;
}

/** The object of a kind and name (and namespace); fails when there is not exactly one. */
export function one(objects: readonly Record<string, any>[], kind: string, name: string, namespace?: string): Record<string, any> {
  const found = objects.filter(o => o.kind === kind && o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace));
  if (found.length !== 1) throw new Error(`expected one ${kind}/${namespace ?? '*'}/${name}, found ${found.length}`);
  return found[0];
}
