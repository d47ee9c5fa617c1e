import { Argv, CommandModule } from 'yargs';
import { runCompliance } from '../../compliance/engine';
import { computeFlows } from '../../compliance/network/flows';
import { ChangeKind, diffPosture, hasChanges } from '../../compliance/posture/diff';
import { formatDiffMarkdown } from '../../compliance/posture/diff-markdown';
import { prepare } from '../compliance-run';
import { CommandContext } from '../context';
import { UsageError } from '../errors';
import { ExitCode } from '../exit-codes';
import { CliIO } from '../io';
import { configOption, maxFileSizeOption, outputOption, stdinFilenameOption } from '../options';
import { writeOutput } from '../output';
import { refuseOverwritingInputs } from '../overwrites';

/** Output formats of `diff`. */
export const DIFF_FORMATS = ['markdown', 'json'] as const;

/** Conditions `diff --fail-on` can exit 1 on. */
export const FAIL_ON: readonly ChangeKind[] = ['new-findings', 'new-flows', 'new-rights', 'new-suppressions', 'any'];

/** Arguments of `diff`. */
export interface DiffArgs {
  readonly old: string;
  readonly new: string;
  readonly format: typeof DIFF_FORMATS[number];
  readonly output?: string;
  readonly failOn?: ChangeKind;
  readonly config?: string;
  readonly maxFileSize: number;
  readonly stdinFilename?: string;
}

/** `cdk8s-soc2 diff OLD NEW`: how the security posture changes between two manifest sets. */
export function diffCommand(ctx: CommandContext): CommandModule<object, DiffArgs> {
  return {
    command: 'diff <old> <new>',
    describe: 'compare the security posture of two manifest sets: new findings, flows, RBAC rights, suppressions',
    builder: (y: Argv<object>) => y
      .positional('old', { type: 'string', describe: 'the manifests before (file, directory, or -)' })
      .positional('new', { type: 'string', describe: 'the manifests after (file, directory, or -)' })
      .option('format', { alias: 'f', choices: DIFF_FORMATS, default: 'markdown' as const, describe: 'output format', requiresArg: true })
      .option('output', outputOption)
      .option('fail-on', { choices: FAIL_ON, describe: 'exit 1 when the change adds findings, allowed flows, RBAC rights, suppressions, or any change at all', requiresArg: true })
      .option('config', configOption)
      .option('max-file-size', maxFileSizeOption)
      .option('stdin-filename', stdinFilenameOption)
      .example('$0 diff base/dist dist --fail-on new-findings -o posture.md', 'review the posture change of a pull request') as unknown as Argv<DiffArgs>,
    handler: async args => {
      ctx.exitCode = await runDiff(args, ctx.io);
    },
  };
}

/** Runs `diff` and returns its exit code. */
export async function runDiff(args: DiffArgs, io: CliIO): Promise<ExitCode> {
  if (args.old === '-' && args.new === '-') throw new UsageError('stdin (-) can be only one side of the diff');
  if (args.config === '-' && (args.old === '-' || args.new === '-')) throw new UsageError('stdin cannot be both the config (--config -) and an input (-)');
  // A side that cannot be read at all still gives a comment, saying the comparison is incomplete,
  // and the other side is read too, so that all the input errors are shown at once.
  const options = { allowEmpty: true, commandReadsStdin: args.old === '-' || args.new === '-' };
  const before = await prepare('diff', [args.old], args, io, options);
  // The config was read with the old side; both sides are judged by the same settings.
  const after = await prepare('diff', [args.new], { ...args, config: undefined }, io, options);
  refuseOverwritingInputs(io, [args.output], [args.old, args.new], [before.inputs, after.inputs]);
  const beforeReport = runCompliance(before.index, { config: before.config });
  const afterReport = runCompliance(after.index, { config: before.config });
  const diff = diffPosture(beforeReport, afterReport,
    computeFlows(before.index, beforeReport.config), computeFlows(after.index, afterReport.config));
  // Unreadable documents make the comparison incomplete: the output says so instead of a verdict.
  const unreadable = before.inputs.errorCount + after.inputs.errorCount;
  await writeOutput(io, args.output, args.format === 'json'
    ? JSON.stringify(unreadable > 0 ? { inputErrors: unreadable, ...diff } : diff, jsonSafe, 2)
    : formatDiffMarkdown(diff, unreadable));
  if (unreadable > 0) return ExitCode.ERROR;
  return args.failOn !== undefined && hasChanges(diff, args.failOn) ? ExitCode.FINDINGS : ExitCode.OK;
}

/** JSON replacer: indexed objects become their ref, collections become arrays and objects. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  if (value !== null && typeof value === 'object' && 'raw' in value && 'ref' in value) return (value as { ref: string }).ref;
  return value;
}
