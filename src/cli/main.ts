import yargs, { Argv, CommandModule } from 'yargs';
import { toolVersion } from '../compliance/common/tool-version';
import { checkCommand } from './commands/check';
import { controlsCommand } from './commands/controls';
import { diagramCommand } from './commands/diagram';
import { diffCommand } from './commands/diff';
import { explainCommand } from './commands/explain';
import { reportCommand } from './commands/report';
import { CommandContext } from './context';
import { CliError, UsageError } from './errors';
import { ExitCode } from './exit-codes';
import { CliIO, processIO } from './io';
import { REPEATABLE_OPTIONS } from './options';
import { printable } from './private/text';
import { commandOf, nameOf, rewriteYargsMessage, SCRIPT_NAME } from './private/usage-messages';

export { SCRIPT_NAME };

/**
 * yargs drops a positional `-`; it stands for stdin, so it is swapped for this marker before
 * parsing and restored in every parsed value before a command runs.
 */
const STDIN_ARG = '\u0000stdin';
/** Marks the arguments after `--`, which are paths even when they start with `-`; removed before a command runs. */
const LITERAL_ARG = '\u0000literal:';

/** The commands, in help order. */
function commands(ctx: CommandContext): CommandModule<object, any>[] {
  return [checkCommand(ctx), controlsCommand(ctx), explainCommand(ctx), reportCommand(ctx), diagramCommand(ctx), diffCommand(ctx)];
}

/**
 * Runs the CLI on `args` (without `node` and the script) and resolves to the exit code. Prints
 * results to `io.stdout` and problems to `io.stderr`, one clean line each; never throws for
 * anything a user can cause. Set `SOC2_DEBUG=1` to see the stack of an unexpected error.
 */
export async function main(args: readonly string[], io: CliIO = processIO()): Promise<ExitCode> {
  const ctx: CommandContext = { io, exitCode: ExitCode.OK };
  const modules = commands(ctx);
  let help = '';
  try {
    const parser = buildParser(modules, args, io);
    await parser.parseAsync(protectArgs(args), {}, (_err, _argv, output) => { help = output; });
    if (help) io.stdout.write(help.endsWith('\n') ? help : `${help}\n`);
    return ctx.exitCode;
  } catch (e) {
    return reportError(e, io, commandOf(args, modules));
  }
}

function buildParser(modules: CommandModule<object, any>[], args: readonly string[], io: CliIO): Argv<object> {
  let parser: Argv<object> = yargs()
    .scriptName(SCRIPT_NAME)
    .usage(`${SCRIPT_NAME} <command> [options]\n\nSOC 2 compliance checks, evidence and network diagrams for Kubernetes manifests.`)
    .wrap(Math.min(110, io.stdout.columns ?? 100))
    .env(false)
    .exitProcess(false)
    .strict()
    .recommendCommands()
    .demandCommand(1, `choose a command: ${modules.map(nameOf).join(', ')}`)
    .help()
    .alias('help', 'h')
    .version(toolVersion())
    .epilog('Exit codes: 0 clean, 1 findings (or the diff --fail-on condition), 2 usage or input error.')
    .middleware(restoreStdin, true)
    .middleware(argv => refuseRepeated(argv, (parser as unknown as { getOptions(): ParserOptions }).getOptions()), true)
    .fail((message, error) => {
      if (error instanceof CliError) throw error;
      if (error && error.name !== 'YError') throw error;
      throw new UsageError(rewriteYargsMessage(message ?? error?.message ?? 'invalid command line', args, modules));
    });
  for (const m of modules) parser = parser.command(m);
  return parser;
}

/** What yargs' `getOptions()` tells of the declared options (it has no typing for it). */
interface ParserOptions {
  readonly array: readonly string[];
  readonly alias: Readonly<Record<string, readonly string[]>>;
}

/**
 * Refuses an option that takes one value but was given several times: yargs would pass an array,
 * which read as one value silently changes the result (`--severity high --severity high` checked
 * nothing) or fails later. Refuses an empty file name too.
 */
function refuseRepeated(argv: Record<string, unknown>, options: ParserOptions): void {
  const lists = new Set(options.array);
  for (const [key, aliases] of Object.entries(options.alias)) if (lists.has(key)) for (const a of aliases) lists.add(a);
  for (const [key, value] of Object.entries(argv)) {
    if (FILE_OPTIONS.has(key) && typeof value === 'string' && value.trim() === '') {
      throw new UsageError(`--${key} is empty (an unset variable?); name a file${OUTPUT_OPTIONS.has(key) ? ', or - for stdout' : ''}`);
    }
    if (key === '_' || key === '$0' || key.length === 1 || /[A-Z]/.test(key) || lists.has(key) || REPEATABLE_OPTIONS.has(key) || !Array.isArray(value)) continue;
    throw new UsageError(`--${key} is given ${value.length} times; give it once`);
  }
}

/** Options that name a file: an empty one is refused rather than read as the current directory. */
const FILE_OPTIONS: ReadonlySet<string> = new Set(['output', 'config', 'json', 'stdin-filename']);
/** The {@link FILE_OPTIONS} that are written, where `-` stands for stdout. */
const OUTPUT_OPTIONS: ReadonlySet<string> = new Set(['output', 'json']);

/**
 * The arguments as yargs should see them: `-` as {@link STDIN_ARG}, and everything after `--`
 * marked as a literal path (yargs would otherwise read `-x.yaml` as a flag, or drop the rest).
 */
function protectArgs(args: readonly string[]): string[] {
  const end = args.indexOf('--');
  const before = (end < 0 ? args : args.slice(0, end)).map(a => (a === '-' ? STDIN_ARG : a));
  return end < 0 ? before : [...before, ...args.slice(end + 1).map(a => `${LITERAL_ARG}${a}`)];
}

/** Puts `-` back where {@link STDIN_ARG} stands and unmarks literal paths, in strings and arrays of strings. */
function restoreStdin(argv: Record<string, unknown>): void {
  const restore = (v: unknown) => (v === STDIN_ARG ? '-' : typeof v === 'string' && v.startsWith(LITERAL_ARG) ? v.slice(LITERAL_ARG.length) : v);
  for (const [key, value] of Object.entries(argv)) {
    argv[key] = Array.isArray(value) ? value.map(restore) : restore(value);
  }
}

/** Prints an error as one clean line plus a hint, and returns the exit code. */
function reportError(e: unknown, io: CliIO, command: string | undefined): ExitCode {
  if (e instanceof CliError) {
    io.stderr.write(`${SCRIPT_NAME}: ${e.message}\n`);
    const hint = e.hint ?? (e instanceof UsageError ? `Run "${SCRIPT_NAME}${command ? ` ${command}` : ''} --help" for usage.` : undefined);
    if (hint) io.stderr.write(`${hint}\n`);
    return e.exitCode;
  }
  io.stderr.write(`${SCRIPT_NAME}: internal error: ${printable(String((e as Error)?.message ?? e), true)}\n`);
  if (io.env.SOC2_DEBUG === '1' && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
  else io.stderr.write('This is a bug in cdk8s-soc2. Run again with SOC2_DEBUG=1 for details and report it.\n');
  return ExitCode.ERROR;
}
