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
import { printable } from './private/text';
import { commandOf, nameOf, rewriteYargsMessage, SCRIPT_NAME } from './private/usage-messages';

export { SCRIPT_NAME };

/**
 * yargs drops a positional `-`; it stands for stdin, so it is swapped for this marker before
 * parsing and restored in every parsed value before a command runs.
 */
const STDIN_ARG = '\u0000stdin';

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
    await parser.parseAsync(args.map(a => (a === '-' ? STDIN_ARG : a)), {}, (_err, _argv, output) => { help = output; });
    if (help) io.stdout.write(help.endsWith('\n') ? help : `${help}\n`);
    return ctx.exitCode;
  } catch (e) {
    return reportError(e, io, commandOf(args, modules));
  }
}

function buildParser(modules: CommandModule<object, any>[], args: readonly string[], io: CliIO): Argv<object> {
  let parser = yargs()
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
    .fail((message, error) => {
      if (error instanceof CliError) throw error;
      if (error && error.name !== 'YError') throw error;
      throw new UsageError(rewriteYargsMessage(message ?? error?.message ?? 'invalid command line', args, modules));
    });
  for (const m of modules) parser = parser.command(m);
  return parser;
}

/** Puts `-` back where {@link STDIN_ARG} stands, in strings and arrays of strings. */
function restoreStdin(argv: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(argv)) {
    if (value === STDIN_ARG) argv[key] = '-';
    else if (Array.isArray(value)) argv[key] = value.map(v => (v === STDIN_ARG ? '-' : v));
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
