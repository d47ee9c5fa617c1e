/**
 * The program a command line runs after its launchers (`env`, `tini --`, `exec -a name`, `timeout
 * 10`, `gosu user`), with the command line env's `-S` splits out of one word read in its place.
 */
import { envSplitString } from './env-split-string';

/**
 * How many command lines split out of one another (`env -S "env -S '…'"`) are followed; past that
 * the command line is {@link Argv.truncated} (no real one nests so: a hostile one would cost a
 * reading of its text at each level).
 */
export const MAX_SPLITS = 8;

/** A launcher's options: letters of `short` whose value is the next word (or the rest of the cluster), `long` ones likewise, and the words it takes before the program (`timeout 10`, `gosu user`). */
interface Launcher {
  readonly short: string;
  readonly long: readonly string[];
  /** The option whose value is itself a command line (`env -S …`). @default - none */
  readonly split?: { readonly short: string; readonly long: string };
  /** How many words the launcher takes after its options, before the program. @default 0 */
  readonly operands?: number;
}

/**
 * Programs that run the rest of their arguments as a command line, after options of their own and
 * (env) assignments: a letter of `short` ending a cluster takes the next word (`env -iu NAME`;
 * `-uNAME` holds it), and so does a `long` option without `=` (`--unset NAME`).
 */
const LAUNCHERS: ReadonlyMap<string, Launcher> = new Map<string, Launcher>([
  ['env', { short: 'uC', long: ['--unset', '--chdir'], split: { short: 'S', long: '--split-string' } }],
  ['busybox', { short: '', long: [] }],
  ['tini', { short: 'pe', long: [] }],
  ['dumb-init', { short: 'r', long: ['--rewrite'] }],
  ['exec', { short: 'a', long: [] }],
  ['command', { short: '', long: [] }],
  ['nohup', { short: '', long: [] }],
  ['setsid', { short: '', long: [] }],
  ['time', { short: 'fo', long: ['--format', '--output'] }],
  ['nice', { short: 'n', long: ['--adjustment'] }],
  ['ionice', { short: 'cnp', long: ['--class', '--classdata', '--pid'] }],
  ['stdbuf', { short: 'ioe', long: ['--input', '--output', '--error'] }],
  ['timeout', { short: 'sk', long: ['--signal', '--kill-after'], operands: 1 }],
  ['gosu', { short: '', long: [], operands: 1 }],
  ['su-exec', { short: '', long: [], operands: 1 }],
  ['s6-setuidgid', { short: '', long: [], operands: 1 }],
  ['sudo', { short: 'ugCDhprtUT', long: ['--user', '--group', '--close-from', '--chdir', '--host', '--prompt', '--role', '--type', '--other-user'] }],
]);

/** The file name of a program word (`bash` for `/usr/bin/bash`, `mysql` for `/usr/bin/mysql`). */
export function programName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** A word of the command line a program is run with. */
export interface ArgvWord {
  /** Its text; `''` for an entry that is not a string. */
  readonly text: string;
  /** The index of the entry it comes from (the one holding env's `-S` value, for a word split out of it). */
  readonly from: number;
  /**
   * For a word env's `-S` split out of an entry, the variables env expands into it (`${NAME}`).
   * @default - none: the word is a whole entry
   */
  readonly split?: readonly string[];
  /** Whether the entry is not a string (a malformed manifest): it ends the reading of launchers. @default false */
  readonly invalid?: boolean;
}

/** A command line as the program it runs gets it. */
export interface Argv {
  /** Its words: launchers and their options first, with each env `-S` value replaced by the words it splits into. */
  readonly words: readonly ArgvWord[];
  /** The index among `words` of the program the launchers run (`words.length` when they run none). */
  readonly program: number;
  /** Whether env `-S` values nested more than {@link MAX_SPLITS} deep were left unsplit. @default false */
  readonly truncated?: boolean;
}

/** The words of the entries of a command line (non-strings as invalid words). */
function entryWords(entries: readonly unknown[]): ArgvWord[] {
  return entries.map((e, i) => (typeof e === 'string' ? { text: e, from: i } : { text: '', from: i, invalid: true }));
}

/**
 * How a launcher's option at `words[i]` is read: how many words it takes, itself included (2 when
 * its value is the next word: `-u NAME`, `--unset NAME`), or, for env's `-S`, the value it splits.
 */
function optionOf(spec: Launcher, words: readonly ArgvWord[], i: number): { taken: number; split?: string } {
  const option = words[i].text;
  const next = words[i + 1];
  const valueNext = (): { taken: number; split?: string } => ({ taken: 2, split: next === undefined || next.invalid ? undefined : next.text });
  if (option === '-' || option === '--') return { taken: 1 };
  if (option.startsWith('--')) {
    if (spec.split !== undefined && option.startsWith(`${spec.split.long}=`)) return { taken: 1, split: option.slice(spec.split.long.length + 1) };
    if (spec.split !== undefined && option === spec.split.long) return valueNext();
    return { taken: spec.long.includes(option) ? 2 : 1 };
  }
  for (let k = 1; k < option.length; k++) {
    if (spec.split !== undefined && option[k] === spec.split.short) return k === option.length - 1 ? valueNext() : { taken: 1, split: option.slice(k + 1) };
    if (spec.short.includes(option[k])) return { taken: k === option.length - 1 ? 2 : 1 };
  }
  return { taken: 1 };
}

/**
 * The command line a program is run with, from the entries of a manifest's command line (or the
 * words of a shell command): after its launchers, their options, env's assignments and the words
 * a launcher takes (`tini -p SIGTERM -- sh …`, `env -i PATH=/bin sh …`, `timeout -s KILL 10 redis-cli
 * …`), with a value of env's `-S` (`-S 'cmd …'`, `-S'cmd …'`, `--split-string=…`) split into the
 * words it stands for, in its place, as env does. Each word is read once, and each split string
 * once per level of splitting.
 */
export function commandArgv(entries: readonly unknown[]): Argv {
  let words = entryWords(entries);
  let splits = 0;
  let i = 0;
  while (i < words.length && !words[i].invalid && LAUNCHERS.has(programName(words[i].text))) {
    const spec = LAUNCHERS.get(programName(words[i].text))!;
    i++;
    // The launcher's own options and env's assignments (`env -i PATH=/bin sh -c …`, `tini -- sh`).
    while (i < words.length && !words[i].invalid && /^-|^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i].text)) {
      const word = words[i].text;
      if (!word.startsWith('-')) {
        i++;
        continue;
      }
      const { taken, split } = optionOf(spec, words, i);
      if (split !== undefined) {
        if (++splits > MAX_SPLITS) return { words, program: words.length, truncated: true };
        const from = words[i + taken - 1].from;
        const pieces = envSplitString(split).map(w => ({ text: w.text, from, split: w.vars }));
        words = [...words.slice(0, i), ...pieces, ...words.slice(i + taken)];
        continue;
      }
      i += taken;
      if (word === '--') break;
    }
    for (let k = 0; k < (spec.operands ?? 0) && i < words.length && !words[i].invalid; k++) i++;
  }
  return { words, program: i };
}
