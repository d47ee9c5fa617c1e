/**
 * Finds the script of a command line that runs a shell with `-c` (`sh -c "…"`), directly or
 * through a launcher (`env -u NAME bash -c …`, `tini -- sh -c …`, `env -S 'sh -c …'`): the one
 * argument the shell reads as a script rather than as a word.
 */
import { Argv, ArgvWord, commandArgv, programName } from './launchers';

export { programName } from './launchers';

/** Shells that run the script given with `-c`. */
const SHELL = /^(?:sh|bash|ash|dash|zsh|ksh|mksh|busybox-sh)$/;

/** The script of a command line that runs a shell with `-c`. */
export interface ShellCommand {
  /** The index of the entry that holds the script (the entry of env's `-S` value, for a script split out of it). */
  readonly script: number;
  /** The shell that runs it (`bash`, `sh`, `zsh`). */
  readonly shell: string;
  /** The script's text. */
  readonly text: string;
  /** The words after the script, which the script reads as `$0`, `$1`, … (`sh -c 'exec "$@"' sh app --flag`). */
  readonly args: readonly ArgvWord[];
  /** The command line's words, as {@link commandArgv} reads them. */
  readonly argv: Argv;
  /** The index of the script among `argv.words`. */
  readonly at: number;
}

/**
 * The script of a command line that runs a shell with `-c` (`sh -c <script>`, `/bin/bash -ec
 * <script>`, `/usr/bin/env bash -c <script>`, `env -u NAME sh -c <script>`, `sh -o pipefail -c
 * <script>`, `env -S 'sh -c …'`), or `undefined` when the command line runs no shell script (`sh
 * /script.sh`, or another program).
 */
export function shellCommand(words: readonly unknown[], argv: Argv = commandArgv(words)): ShellCommand | undefined {
  const operands = shellOperands(argv);
  const list = argv.words;
  if (operands?.from !== 'script' || operands.at >= list.length || list[operands.at].invalid) return undefined;
  const i = operands.at;
  return { script: list[i].from, shell: operands.shell, text: list[i].text, args: list.slice(i + 1), argv, at: i };
}

/** Options of a shell whose value is the next word (`-o pipefail`, `-O extglob`, `--rcfile file`). */
const SHELL_OPTION_VALUE: ReadonlySet<string> = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);

/** Whether a program word names a shell (`sh`, `/bin/bash`, `zsh`). */
export function isShell(word: string): boolean {
  return SHELL.test(programName(word));
}

/** The script file a command line runs. */
export interface ScriptFileCommand {
  /** The index of the entry that names the file. */
  readonly file: number;
  /** The file's name, as the entry (or env's `-S` value) gives it. */
  readonly name: string;
  /**
   * The shell the command line runs the file with (`sh` for `sh /scripts/run.sh`).
   * @default - none: the command line runs the file itself, with the program its `#!` line names
   */
  readonly shell?: string;
}

/** How a shell a command line runs is given its commands: after its options, a script (`-c`), its standard input (`-s`, or no file) or a file. */
interface ShellOperands {
  readonly shell: string;
  readonly from: 'script' | 'stdin' | 'file';
  /** The index among the words of the script or the file; of the first word after the options, for standard input. */
  readonly at: number;
}

/** How the shell a command line runs (at `argv.program`) is given its commands, or `undefined` when it runs no shell. */
function shellOperands(argv: Argv): ShellOperands | undefined {
  const list = argv.words;
  let i = argv.program;
  if (i >= list.length || list[i].invalid || !isShell(list[i].text)) return undefined;
  const shell = programName(list[i].text);
  let from: ShellOperands['from'] = 'file';
  for (i++; i < list.length; i++) {
    const w = list[i].text;
    if (list[i].invalid) return undefined;
    if (w === '--' || w === '-') {
      if (w === '-') from = from === 'file' ? 'stdin' : from;
      i++;
      break;
    }
    if (!/^[-+]/.test(w)) break;
    if (/^-[A-Za-z]+$/.test(w) && w.includes('c')) from = 'script';
    else if (/^-[A-Za-z]+$/.test(w) && w.includes('s') && from === 'file') from = 'stdin';
    // `-o pipefail`, `-euo pipefail`, `--rcfile file`: the option's value is the next word.
    if (SHELL_OPTION_VALUE.has(w) || /^[-+][A-Za-z]*[oO]$/.test(w)) i++;
  }
  if (from === 'file' && i >= list.length) from = 'stdin';
  return { shell, from, at: i };
}

/**
 * The script file a command line runs, directly or through a launcher: with a shell, after the
 * shell's options (`sh /scripts/run.sh`, `bash -e -o pipefail /scripts/run.sh arg`, `tini -- sh
 * run.sh`), or as the program itself (`/scripts/run.sh`, `tini -- /scripts/run.sh`), whose `#!`
 * line names what runs it. `undefined` for a shell given `-c` (a script, see
 * {@link shellCommand}) or `-s` (standard input), or given no file.
 */
export function scriptFileCommand(words: readonly unknown[], argv: Argv = commandArgv(words)): ScriptFileCommand | undefined {
  const list = argv.words;
  if (argv.program >= list.length || list[argv.program].invalid) return undefined;
  const operands = shellOperands(argv);
  if (operands === undefined) return { file: list[argv.program].from, name: list[argv.program].text };
  if (operands.from !== 'file' || list[operands.at].invalid) return undefined;
  return { file: list[operands.at].from, name: list[operands.at].text, shell: operands.shell };
}

/**
 * The shell of a command line that reads its commands from its standard input (`sh`, `bash -s
 * arg`, `sh -`, `bash -e`): a here-document or here-string it is given is a script it runs, with
 * the words after its options as `$1`, `$2`, … Not a shell given `-c` or a file.
 */
export function stdinShell(argv: Argv): { readonly shell: string; readonly args: readonly ArgvWord[] } | undefined {
  const operands = shellOperands(argv);
  return operands?.from === 'stdin' ? { shell: operands.shell, args: argv.words.slice(operands.at) } : undefined;
}

/**
 * The shell a script's first line names (`bash` for `#!/bin/bash -e` or `#!/usr/bin/env bash`,
 * also after env's options, `#!/usr/bin/env -S bash -e`), or `undefined` when it names another
 * program (`#!/usr/bin/env python3`) or the text starts with no `#!` line.
 */
export function shebangShell(text: string): string | undefined {
  if (!text.startsWith('#!')) return undefined;
  const end = text.indexOf('\n');
  const words = text.slice(2, end === -1 ? undefined : end).trim().split(/\s+/);
  let i = 0;
  if (programName(words[0]) === 'env') {
    for (i = 1; i < words.length && /^-|^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]); i++);
  }
  return i < words.length && isShell(words[i]) ? programName(words[i]) : undefined;
}
