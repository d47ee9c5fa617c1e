/**
 * Finds the script of a command line that runs a shell with `-c` (`sh -c "…"`), directly or
 * through a launcher (`env -u NAME bash -c …`, `tini -- sh -c …`): the one argument the shell reads
 * as a script rather than as a word.
 */

/** Shells that run the script given with `-c`. */
const SHELL = /^(?:sh|bash|ash|dash|zsh|ksh|mksh|busybox-sh)$/;

/**
 * Programs that run the rest of their arguments as a command line, after options of their own and
 * (env) assignments, with the options whose value is the next word: a letter of `short` ending a
 * cluster (`env -iu NAME`; `-uNAME` holds it), a `long` option without `=` (`--unset NAME`).
 * `split` is an option whose value is itself a command line (`env -S 'sh -c …'`), which is not
 * followed.
 */
const LAUNCHERS: ReadonlyMap<string, { short: string; long: readonly string[]; split?: { short: string; long: string } }> = new Map([
  ['env', { short: 'uC', long: ['--unset', '--chdir'], split: { short: 'S', long: '--split-string' } }],
  ['busybox', { short: '', long: [] }],
  ['tini', { short: 'pe', long: [] }],
  ['dumb-init', { short: 'r', long: ['--rewrite'] }],
  ['exec', { short: 'a', long: [] }],
]);

/** The file name of a program word (`bash` for `/usr/bin/bash`, `mysql` for `/usr/bin/mysql`). */
export function programName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** The script of a command line that runs a shell with `-c`: its index, and the shell's file name. */
export interface ShellCommand {
  /** The index of the script among the words. */
  readonly script: number;
  /** The shell that runs it (`bash`, `sh`, `zsh`). */
  readonly shell: string;
}

/**
 * How many words a launcher's option takes, itself included: 2 when its value is the next word
 * (`-u NAME`, `--unset NAME`), 1 otherwise, `undefined` for a value env splits into a command line
 * of its own (`-S …`, `--split-string=…`), which is not followed.
 */
function optionWords(launcher: string, option: string): number | undefined {
  const spec = LAUNCHERS.get(launcher);
  if (spec === undefined || option === '-' || option === '--') return 1;
  if (option.startsWith('--')) {
    if (spec.split !== undefined && (option === spec.split.long || option.startsWith(`${spec.split.long}=`))) return undefined;
    return spec.long.includes(option) ? 2 : 1;
  }
  for (let k = 1; k < option.length; k++) {
    if (spec.split !== undefined && option[k] === spec.split.short) return undefined;
    if (spec.short.includes(option[k])) return k === option.length - 1 ? 2 : 1;
  }
  return 1;
}

/**
 * The index of the program a command line runs after its launchers and their options (2 for
 * `tini -- sh …`), or `undefined` when a launcher's option makes it a command line of its own
 * (`env -S …`), which is not followed.
 */
function programIndex(words: readonly unknown[]): number | undefined {
  let i = 0;
  while (i < words.length && typeof words[i] === 'string' && LAUNCHERS.has(programName(words[i] as string))) {
    const launcher = programName(words[i] as string);
    i++;
    // The launcher's own options and env's assignments (`env -i PATH=/bin sh -c …`, `tini -- sh`).
    while (i < words.length && typeof words[i] === 'string' && /^-|^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] as string)) {
      const word = words[i] as string;
      const taken = word.startsWith('-') ? optionWords(launcher, word) : 1;
      if (taken === undefined) return undefined;
      i += taken;
      if (word === '--') break;
    }
  }
  return i;
}

/**
 * The script of a command line that runs a shell with `-c` (`sh -c <script>`, `/bin/bash -ec
 * <script>`, `/usr/bin/env bash -c <script>`, `env -u NAME sh -c <script>`, `sh -o pipefail -c
 * <script>`), or `undefined` when the command line runs no shell script (`sh /script.sh`, or
 * another program).
 */
export function shellCommand(words: readonly unknown[]): ShellCommand | undefined {
  let i = programIndex(words);
  if (i === undefined) return undefined;
  if (typeof words[i] !== 'string' || !SHELL.test(programName(words[i] as string))) return undefined;
  const shell = programName(words[i] as string);
  let command = false;
  for (i++; i < words.length; i++) {
    const w = words[i];
    if (typeof w !== 'string') return undefined;
    if (w === '--') {
      i++;
      break;
    }
    if (w === '-o' || w === '+o') {
      i++;
      continue;
    }
    if (!/^[-+]/.test(w)) break;
    if (/^-[A-Za-z]+$/.test(w) && w.includes('c')) command = true;
  }
  return command && typeof words[i] === 'string' ? { script: i, shell } : undefined;
}

/** The index of the script in a command line that runs a shell with `-c`: {@link shellCommand}'s. */
export function shellScriptIndex(words: readonly unknown[]): number | undefined {
  return shellCommand(words)?.script;
}

/** Options of a shell whose value is the next word (`-o pipefail`, `-O extglob`, `--rcfile file`). */
const SHELL_OPTION_VALUE: ReadonlySet<string> = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);

/** Whether a program word names a shell (`sh`, `/bin/bash`, `zsh`). */
export function isShell(word: string): boolean {
  return SHELL.test(programName(word));
}

/** The script file a command line runs. */
export interface ScriptFileCommand {
  /** The index of the file among the words. */
  readonly file: number;
  /**
   * The shell the command line runs the file with (`sh` for `sh /scripts/run.sh`).
   * @default - none: the command line runs the file itself, with the program its `#!` line names
   */
  readonly shell?: string;
}

/**
 * The script file a command line runs, directly or through a launcher: with a shell, after the
 * shell's options (`sh /scripts/run.sh`, `bash -e -o pipefail /scripts/run.sh arg`, `tini -- sh
 * run.sh`), or as the program itself (`/scripts/run.sh`, `tini -- /scripts/run.sh`), whose `#!`
 * line names what runs it. `undefined` for a shell given `-c` (a script, see
 * {@link shellCommand}) or `-s` (standard input), or given no file.
 */
export function scriptFileCommand(words: readonly unknown[]): ScriptFileCommand | undefined {
  let i = programIndex(words);
  if (i === undefined || typeof words[i] !== 'string') return undefined;
  if (!isShell(words[i] as string)) return { file: i };
  const shell = programName(words[i] as string);
  for (i++; i < words.length; i++) {
    const w = words[i];
    if (typeof w !== 'string') return undefined;
    if (w === '--' || w === '-') {
      i++;
      break;
    }
    if (SHELL_OPTION_VALUE.has(w)) {
      i++;
      continue;
    }
    if (!/^[-+]/.test(w)) break;
    if (/^-[A-Za-z]+$/.test(w) && /[cs]/.test(w)) return undefined;
  }
  return typeof words[i] === 'string' ? { file: i, shell } : undefined;
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
