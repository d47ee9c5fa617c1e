/**
 * What a command substitution outputs (`$(echo "$PASS" | sed …)`, `$(cat /etc/secret/pw)`), so
 * that the word it stands in holds the variables and files it outputs.
 */
import { programName } from '../../../common/shell-command';
import { inputOf, isAssignment, PREFIXES, Word } from './shell-words';

/** Builtins whose output is what they are given (`$(echo "$PASS" | sed …)`, `$(printf %s "$PASS" | base64)`). */
const OUTPUTS: ReadonlySet<string> = new Set(['echo', 'printf']);

/**
 * Programs whose output is (a part of) what they read, from the files they are given or their
 * standard input (`$(cat /etc/secret/pw)`, `$(tr -d '\n' <<< "$PASS")`, `$(jq -r .password /etc/secret/db.json)`);
 * not those that output something else (`wc`, `sha256sum`, `stat`).
 */
const READERS: ReadonlySet<string> = new Set([
  'cat', 'head', 'tail', 'tac', 'base64', 'tr', 'sed', 'awk', 'gawk', 'mawk', 'cut', 'grep', 'jq', 'yq', 'xargs',
]);

/**
 * The variables whose values a command substitution outputs, so that the word it stands in holds
 * them: those an `echo` or `printf` in it is given (`$(echo $MONGODB_ROOT_PASSWORD | sed …)`,
 * whatever the pipe does to them next), `printenv NAME`, and what a {@link READERS reader} (`cat`,
 * `tr`, `jq`, …) or a bare `$(< file)` reads: a here-string (`<<< "$PASS"`) or a file, as its
 * absolute path (`/etc/secret/pw`, which no variable's name can be). What a program in it is given
 * reaches that program's arguments, and is found there.
 */
export function outputVariables(commands: readonly Word[][]): string[] {
  const out: string[] = [];
  for (const command of commands) {
    const words = command.filter(w => !w.redirect);
    let at = 0;
    while (at < words.length && (isAssignment(words[at]) || PREFIXES.has(words[at].text))) at++;
    const program = at < words.length && words[at].vars.length === 0 ? programName(words[at].text) : undefined;
    if (program !== undefined && OUTPUTS.has(words[at].text)) {
      for (const w of words.slice(at + 1)) out.push(...w.vars);
    }
    if (program === 'printenv') out.push(...words.slice(at + 1).filter(w => w.vars.length === 0).map(w => w.text));
    if (at === words.length || (program !== undefined && READERS.has(program))) {
      for (const w of command.filter(w => w.input)) out.push(...inputOf(w));
      if (program !== undefined) out.push(...words.slice(at + 1).filter(w => w.vars.length === 0 && w.text.startsWith('/')).map(w => w.text));
    }
  }
  return out;
}
