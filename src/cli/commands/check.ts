import { pathToFileURL } from 'node:url';
import { Argv, CommandModule } from 'yargs';
import { CATALOGUE } from '../../compliance/catalogue';
import { toolVersion } from '../../compliance/common/tool-version';
import { ComplianceReport, runCompliance } from '../../compliance/engine';
import { toJsonReport } from '../../compliance/reports/json';
import { toEvidenceMarkdown } from '../../compliance/reports/markdown';
import { plural } from '../../compliance/reports/private/format';
import { STDIN_URI, toSarif } from '../../compliance/reports/sarif';
import { formatText } from '../../compliance/reports/text';
import { SEVERITIES, Severity } from '../../compliance/types';
import { prepare } from '../compliance-run';
import { CommandContext } from '../context';
import { UsageError } from '../errors';
import { ExitCode } from '../exit-codes';
import { CliIO } from '../io';
import { configOption, controlOption, maxFileSizeOption, outputOption, requireKnownControls, severityOption, skipOption, stdinFilenameOption } from '../options';
import { MAX_WRITTEN_FINDINGS, note, refuseOversizedReport, writeOutput } from '../output';
import { refuseOverwritingInputs } from '../overwrites';
import { printable } from '../private/text';

/** Output formats of `check`. */
export const CHECK_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;

/** Arguments of `check`. */
export interface CheckArgs {
  readonly paths?: string[];
  readonly format: typeof CHECK_FORMATS[number];
  readonly output?: string;
  readonly severity?: Severity;
  readonly control?: string[];
  readonly skip?: string[];
  readonly config?: string;
  readonly maxFileSize: number;
  readonly stdinFilename?: string;
  readonly color?: boolean;
}

/** `cdk8s-soc2 check [paths..]`: evaluate manifests against the catalogue; exit 1 on findings. */
export function checkCommand(ctx: CommandContext): CommandModule<object, CheckArgs> {
  return {
    command: 'check [paths..]',
    describe: 'check manifests (files, directories, - for stdin) against the SOC 2 controls',
    builder: (y: Argv<object>) => y
      .positional('paths', { type: 'string', array: true, describe: 'YAML or JSON files, directories (searched recursively), or - for stdin' })
      .option('format', { alias: 'f', choices: CHECK_FORMATS, default: 'text' as const, describe: 'output format', requiresArg: true })
      .option('output', outputOption)
      .option('severity', severityOption)
      .option('control', controlOption)
      .option('skip', skipOption)
      .option('config', configOption)
      .option('max-file-size', maxFileSizeOption)
      .option('stdin-filename', stdinFilenameOption)
      .option('color', { type: 'boolean', describe: 'colour the text output (default: when stdout is a terminal and NO_COLOR is unset)' })
      .example('$0 check dist/', 'check everything cdk8s synthesized')
      .example('helm template . | $0 check - --stdin-filename chart/rendered.yaml --format sarif -o soc2.sarif', 'check a Helm chart, write SARIF for code scanning')
      .example('$0 check k8s/ --severity high --skip pod-read-only-root-fs', 'only high and critical, without one control') as unknown as Argv<CheckArgs>,
    handler: async args => {
      ctx.exitCode = await runCheck(args, ctx.io);
    },
  };
}

/** Runs `check` and returns its exit code. */
export async function runCheck(args: CheckArgs, io: CliIO): Promise<ExitCode> {
  const only = args.control ?? [];
  const skip = args.skip ?? [];
  for (const [flag, given] of [['--control', args.control], ['--skip', args.skip]] as const) {
    if (given !== undefined && given.length === 0) throw new UsageError(`${flag} needs a control id (run "cdk8s-soc2 controls" to list them)`);
  }
  requireKnownControls(only, '--control');
  requireKnownControls(skip, '--skip');
  const floor = SEVERITIES.indexOf(args.severity ?? 'low');
  if (!CATALOGUE.some(c => (only.length === 0 || only.includes(c.id)) && !skip.includes(c.id) && SEVERITIES.indexOf(c.severity) <= floor)) {
    throw new UsageError('--control, --skip and --severity together leave no control to run');
  }
  const { index, inputs, config } = await prepare('check', args.paths, args, io);
  refuseOverwritingInputs(io, [args.output], args.paths ?? [], [inputs]);
  const report = runCompliance(index, { config, only: only.length > 0 ? only : undefined, skip, minSeverity: args.severity });
  const sarif = args.format === 'sarif' ? sarifOf(report, io) : undefined;
  await writeOutput(io, args.output, sarif !== undefined ? JSON.stringify(sarif, null, 2) : render(report, args, io));
  if (sarif !== undefined && locatesAtStdin(sarif)) {
    note(io, 'note: the SARIF locates the objects read from stdin at <stdin>, which names no file of the repository; name the file they stand for with --stdin-filename PATH');
  }
  if (args.output !== undefined && args.output !== '-') note(io, summary(report, args.output));
  if (inputs.errorCount > 0) return ExitCode.ERROR;
  return report.findings.length > 0 ? ExitCode.FINDINGS : ExitCode.OK;
}

/** The report in the text, JSON or Markdown format (SARIF: {@link sarifOf}). */
function render(report: ComplianceReport, args: CheckArgs, io: CliIO): string {
  if (args.format !== 'text') refuseOversizedReport(report.findings.length, args.format === 'json' ? 'JSON' : 'Markdown');
  switch (args.format) {
    case 'json': return JSON.stringify(toJsonReport(report), null, 2);
    case 'markdown': return toEvidenceMarkdown(report);
    default: return formatText(report, { color: useColor(args, io), maxFindings: MAX_WRITTEN_FINDINGS });
  }
}

/** The SARIF log of the report, its paths relative to the working directory. */
function sarifOf(report: ComplianceReport, io: CliIO): SarifLog {
  refuseOversizedReport(report.findings.length, 'SARIF');
  return toSarif(report, { toolVersion: toolVersion(), uriBase: `${pathToFileURL(io.cwd).href}/` }) as SarifLog;
}

/** The part of a SARIF log that locates its results and notifications in files. */
interface SarifLog {
  readonly runs: readonly {
    readonly results?: readonly { readonly locations?: readonly SarifLocation[] }[];
    readonly invocations?: readonly { readonly toolExecutionNotifications?: readonly { readonly locations?: readonly SarifLocation[] }[] }[];
  }[];
}
interface SarifLocation {
  readonly physicalLocation?: { readonly artifactLocation?: { readonly uri?: string } };
}

/** Whether the log locates a result or a notification at {@link STDIN_URI}: something read from stdin, named by no file. */
function locatesAtStdin(log: SarifLog): boolean {
  const atStdin = (locations: readonly SarifLocation[] | undefined) => locations?.some(l => l.physicalLocation?.artifactLocation?.uri === STDIN_URI) === true;
  return log.runs.some(run => (run.results ?? []).some(r => atStdin(r.locations))
    || (run.invocations ?? []).some(i => (i.toolExecutionNotifications ?? []).some(n => atStdin(n.locations))));
}

function useColor(args: CheckArgs, io: CliIO): boolean {
  if (args.color !== undefined) return args.color;
  const toTerminal = args.output === undefined || args.output === '-';
  return toTerminal && io.stdout.isTTY === true && !io.env.NO_COLOR;
}

function summary(report: ComplianceReport, output: string): string {
  const n = report.findings.length;
  return `${n === 0 ? 'no findings' : plural(n, 'finding')} (${plural(report.index.objects.length, 'object')} checked); report written to ${printable(output, true)}`;
}
