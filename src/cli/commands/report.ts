import { Argv, CommandModule } from 'yargs';
import { runCompliance } from '../../compliance/engine';
import { toJsonReport } from '../../compliance/reports/json';
import { toEvidenceMarkdown } from '../../compliance/reports/markdown';
import { plural } from '../../compliance/reports/private/format';
import { prepare } from '../compliance-run';
import { CommandContext } from '../context';
import { ExitCode } from '../exit-codes';
import { CliIO } from '../io';
import { configOption, maxFileSizeOption, outputOption, stdinFilenameOption } from '../options';
import { note, refuseOversizedReport, writeOutput } from '../output';
import { refuseOverwritingInputs } from '../overwrites';
import { printable } from '../private/text';

/** Output formats of `report`: the evidence matrix, or the same evidence as JSON. */
const REPORT_FORMATS = ['markdown', 'json'] as const;

/** Arguments of `report`. */
export interface ReportArgs {
  readonly paths?: string[];
  /** The format of the evidence written to `output` (stdout by default). @default 'markdown' */
  readonly format?: typeof REPORT_FORMATS[number];
  readonly output?: string;
  readonly json?: string;
  readonly config?: string;
  readonly maxFileSize: number;
  readonly stdinFilename?: string;
}

/** `cdk8s-soc2 report [paths..]`: the evidence matrix (criterion → controls → resources) as Markdown, or the same evidence as JSON. */
export function reportCommand(ctx: CommandContext): CommandModule<object, ReportArgs> {
  return {
    command: 'report [paths..]',
    describe: 'write the SOC 2 evidence for manifests: the Markdown matrix, or JSON (--format), and optionally JSON beside it (--json)',
    builder: (y: Argv<object>) => y
      .positional('paths', { type: 'string', array: true, describe: 'YAML or JSON files, directories, or - for stdin' })
      .option('format', { alias: 'f', choices: REPORT_FORMATS, default: 'markdown' as const, describe: 'the evidence matrix in Markdown, or the same evidence as JSON' })
      .option('output', { ...outputOption, describe: 'write the evidence to this file instead of stdout' })
      .option('json', { type: 'string', describe: 'also write the evidence as JSON to this file', requiresArg: true })
      .option('config', configOption)
      .option('max-file-size', maxFileSizeOption)
      .option('stdin-filename', stdinFilenameOption)
      .example('$0 report dist/ -o dist/EVIDENCE.md --json dist/evidence.json', 'evidence for auditors, beside the YAML') as unknown as Argv<ReportArgs>,
    handler: async args => {
      ctx.exitCode = await runReport(args, ctx.io);
    },
  };
}

/** Runs `report` and returns its exit code (1 when the evidence holds findings). */
export async function runReport(args: ReportArgs, io: CliIO): Promise<ExitCode> {
  const { index, inputs, config } = await prepare('report', args.paths, args, io);
  refuseOverwritingInputs(io, [args.output ?? '-', args.json], args.paths ?? [], [inputs]);
  const report = runCompliance(index, { config });
  refuseOversizedReport(report.findings.length, 'an evidence report',
    'Report on fewer files at a time, or list the findings with check (whose text format lists the first ones, and --control, --skip and --severity narrow).');
  const json = args.format === 'json' || args.json !== undefined ? JSON.stringify(toJsonReport(report), null, 2) : '';
  await writeOutput(io, args.output, args.format === 'json' ? json : toEvidenceMarkdown(report));
  if (args.json !== undefined) await writeOutput(io, args.json, json);
  const written = [args.output, args.json].filter((f): f is string => f !== undefined && f !== '-');
  if (written.length > 0) note(io, `evidence for ${plural(index.objects.length, 'object')} written to ${written.map(f => printable(f, true)).join(' and ')}`);
  if (inputs.errorCount > 0) return ExitCode.ERROR;
  return report.findings.length > 0 ? ExitCode.FINDINGS : ExitCode.OK;
}
