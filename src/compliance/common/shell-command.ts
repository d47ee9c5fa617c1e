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

/** The file name of a program word (`bash` for `/usr/bin/bash`). */
function programName(word: string): string {
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
 * The script of a command line that runs a shell with `-c` (`sh -c <script>`, `/bin/bash -ec
 * <script>`, `/usr/bin/env bash -c <script>`, `env -u NAME sh -c <script>`, `sh -o pipefail -c
 * <script>`), or `undefined` when the command line runs no shell script (`sh /script.sh`, or
 * another program).
 */
export function shellCommand(words: readonly unknown[]): ShellCommand | undefined {
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
