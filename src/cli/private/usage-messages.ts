import yargs, { Argv, CommandModule } from 'yargs';
import { didYouMean } from '../../compliance/common/suggest';
import { printable } from './text';

/** The name users type. */
export const SCRIPT_NAME = 'cdk8s-soc2';

/** A command's name (`check` for `check [paths..]`). */
export function nameOf(m: CommandModule<object, any>): string {
  return String(m.command).split(' ')[0];
}

/** The command named on the command line, if any. */
export function commandOf(args: readonly string[], modules: readonly CommandModule<object, any>[]): string | undefined {
  const first = args.find(a => !a.startsWith('-'));
  return modules.map(nameOf).find(n => n === first);
}

/**
 * Rewrites a yargs validation message as one line that says what to do: the unknown command or
 * option with the closest valid one, the valid choices, the missing value or argument.
 */
export function rewriteYargsMessage(message: string, args: readonly string[], modules: readonly CommandModule<object, any>[]): string {
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim();
  const command = commandOf(args, modules);
  const recommended = /^Did you mean (\S+)\?$/.exec(oneLine);
  if (recommended) return `unknown command "${printable(args.find(a => !a.startsWith('-')) ?? '', true)}"; did you mean "${recommended[1]}"?`;
  const unknown = /^Unknown arguments?: (.+)$/.exec(oneLine);
  if (unknown) return unknownArgument(unknown[1].split(', ')[0], args, modules, command);
  const invalid = /^Invalid values: Argument: (\S+), Given: (.+), Choices: (.+)$/.exec(oneLine);
  if (invalid) return `invalid value ${printable(invalid[2], true)} for --${invalid[1]}; choose from ${invalid[3].replace(/"/g, '')}`;
  const missingValue = /^Not enough arguments following: (\S+)$/.exec(oneLine);
  if (missingValue) return `${missingValue[1].length === 1 ? '-' : '--'}${missingValue[1]} needs a value`;
  const missingArgs = /^Not enough non-option arguments: got (\d+), need at least (\d+)$/.exec(oneLine);
  if (missingArgs && command) {
    const usage = modules.find(m => nameOf(m) === command)!.command;
    return `${command} needs ${missingArgs[2]} argument${missingArgs[2] === '1' ? '' : 's'}, got ${missingArgs[1]}: ${SCRIPT_NAME} ${usage}`;
  }
  return printable(oneLine, true);
}

function unknownArgument(unknown: string, args: readonly string[], modules: readonly CommandModule<object, any>[], command: string | undefined): string {
  const givenAsOption = args.some(a => a.startsWith('-') && a.replace(/^-+/, '').split('=')[0] === unknown);
  if (!givenAsOption) {
    return command
      ? `unexpected argument "${printable(unknown, true)}" for ${command}`
      : `unknown command "${printable(unknown, true)}"; choose one of ${modules.map(nameOf).join(', ')}`;
  }
  const flag = unknown.length === 1 ? `-${unknown}` : `--${unknown}`;
  return `unknown option ${printable(flag, true)}${didYouMean(unknown, optionsOf(modules, command), '--')}`;
}

/** The long option names a command accepts (every command's when none was named). */
function optionsOf(modules: readonly CommandModule<object, any>[], command: string | undefined): string[] {
  const names = new Set(['help', 'version']);
  for (const m of modules) {
    if (command !== undefined && nameOf(m) !== command) continue;
    const probe = yargs();
    if (typeof m.builder === 'function') void m.builder(probe as Argv<object>);
    // getOptions() is public in yargs 17 but missing from its type declarations.
    const declared = (probe as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key;
    for (const key of Object.keys(declared)) {
      if (key.length > 1 && !/[A-Z]/.test(key)) names.add(key);
    }
  }
  return [...names];
}
