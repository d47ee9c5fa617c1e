/**
 * Walks the simple commands of a read shell script, in order, to find where a variable that holds
 * a secret reaches a program's arguments (shell variables, read, loops, pipes, functions, eval and
 * inner shells followed), and whether a command passes a literal credential. Each command is
 * visited once per reading of its text; texts read again nest {@link MAX_REREADS} deep at most.
 */
import { programName } from '../../../common/shell-command';
import { arrayName, readNames } from './shell-builtins';
import { NAME, PARAMETERS, ShellFunctions } from './shell-functions';
import { markedText, shownText } from './shell-marks';
import { ScriptReader } from './shell-reader';
import { ArgumentExpansion, LASTPIPE_SHELLS, MAX_REREADS, Reading } from './shell-reading';
import { checkLiteral, commandWords, InnerScript, innerScripts, splitExpansions } from './shell-runs';
import { compoundEnds, Holders } from './shell-scopes';
import { inputOf, isAssignment, POSITIONAL, PREFIXES, Word } from './shell-words';

/**
 * Builtins and keywords that start no process: what they are given reaches no other program's
 * arguments. `echo`, `printf`, `test` and `[` are builtins of sh (dash, ash), bash, ksh and zsh;
 * written with a path (`/bin/echo`) they are programs. `eval` runs the command its arguments
 * make, which is read in its place.
 */
const NO_PROCESS: ReadonlySet<string> = new Set([
  'echo', 'printf', 'test', '[', '[[', ':', 'true', 'false', 'export', 'readonly', 'local', 'declare', 'typeset', 'set', 'unset',
  'read', 'mapfile', 'readarray', 'cd', 'shift', 'return', 'exit', 'trap', 'wait', 'alias', 'let', 'eval', '.', 'source', 'case', 'for',
  'select', 'umask', 'ulimit', 'getopts', 'pwd', 'kill', 'break', 'continue', 'shopt', 'esac', 'fi', 'done', 'in', '}', '((',
]);

/** Builtins whose assignment arguments set shell variables (`export PGPASSWORD="$DB_PASSWORD"`). */
const DECLARERS: ReadonlySet<string> = new Set(['export', 'readonly', 'local', 'declare', 'typeset']);

/**
 * The reading of read commands (see shell-script.ts), with the shell variables assigned from
 * secrets (`holders`) mapped to the secrets' own variables.
 */
export function expansionsOf(commands: readonly Word[][], holders: Holders, reading: Reading): ArgumentExpansion[] {
  const { names, functions, depth, marks, report } = reading;
  let lastpipe = reading.lastpipe;
  // `$1` … `$9` are the positional parameters `set --` sets, as `$@` is.
  const secretsOf = (v: string): string[] => holders.get(v) ?? (names.has(v) ? [v] : /^\d+$/.test(v) ? holders.get(POSITIONAL) ?? [] : []);
  const hold = (name: string, secrets: string[]): void => {
    if (secrets.length > 0 && secretsOf(name).length === 0) holders.set(name, [...new Set(secrets)]);
  };
  const out: ArgumentExpansion[] = [];
  const seen = new Set<string>();
  const add = (e: ArgumentExpansion): void => {
    if (seen.has(e.name)) return;
    seen.add(e.name);
    out.push(e);
  };
  const ends = compoundEnds(commands);
  // The compound commands the command stands in, innermost last: the command that ends each, what
  // it reads (its standard input), and whether it runs in a subshell.
  const compounds: { end: number; stdin: readonly Word[]; subshell: boolean }[] = [];
  // What the redirections of a closing command give, read once for all the compounds it closes (`} } } < file`).
  const redirections = new Map<number, Word[]>();
  const redirectedAt = (end: number): Word[] => {
    let found = redirections.get(end);
    if (found === undefined) redirections.set(end, found = commands[end].filter(w => w.input && !w.pipe));
    return found;
  };
  const leave = (before: number): void => {
    while (compounds.length > 0 && compounds[compounds.length - 1].end < before) {
      if (compounds.pop()!.subshell) holders.leaveSubshell();
    }
  };
  for (let c = 0; c < commands.length; c++) {
    leave(c);
    const command = commands[c];
    const pipe = command.find(w => w.pipe);
    const opened = ends.get(c) ?? [];
    // A compound reads what the redirections of its closing keyword give (`done < file`), else the
    // pipe into it (`… | while …`), where it runs in a subshell unless lastpipe, else what encloses it reads.
    for (let k = opened.length - 1; k >= 0; k--) {
      const redirected = redirectedAt(opened[k]);
      const piped = k === opened.length - 1 ? pipe : undefined;
      const stdin = redirected.length > 0 ? redirected : piped !== undefined ? [piped] : compounds[compounds.length - 1]?.stdin ?? [];
      const subshell = piped !== undefined && !lastpipe;
      if (subshell) holders.enterSubshell();
      compounds.push({ end: opened[k], stdin, subshell });
    }
    // What the command reads: its own redirection, else the pipe into it, else what the compound it stands in reads.
    const stdin = (): Word[] => {
      const redirected = command.filter(w => w.input && !w.pipe);
      if (redirected.length > 0) return redirected;
      return pipe !== undefined && opened.length === 0 ? [pipe] : [...compounds[compounds.length - 1]?.stdin ?? []];
    };
    const words = command.filter(w => !w.redirect);
    let at = 0;
    while (at < words.length && (isAssignment(words[at]) || (PREFIXES.has(words[at].text) && words[at].vars.length === 0))) at++;
    // A command that is the value of an expansion `eval` or a shell re-reads (`eval "$CMD"`) is code the script does not show.
    if (words[at]?.value === true) continue;
    const own = commandWords(words);
    if (own !== undefined) checkLiteral(own, reading);
    const program = at < words.length ? words[at].text : undefined;
    const builtin = program !== undefined && words[at].vars.length === 0;
    // Assignments that stay in the shell: a command of assignments only, or those export, local and the like make.
    if (program === undefined || DECLARERS.has(program)) {
      for (const w of program === undefined ? words : words.slice(at + 1)) if (isAssignment(w)) assign(w, secretsOf, hold);
    }
    // `set -- … "$DB_PASSWORD"` puts it in the positional parameters, which "$@" and "$*" expand.
    if (program === 'set' && builtin) {
      const secrets = [...new Set(words.slice(at + 1).flatMap(w => w.vars.flatMap(secretsOf)))];
      if (secrets.length > 0) holders.set(POSITIONAL, [...new Set([...secretsOf(POSITIONAL), ...secrets])]);
    }
    // `shopt -s lastpipe` runs the last command of a pipeline in the shell itself from then on.
    if (program === 'shopt' && builtin && words.slice(at + 1).some(w => w.text === 'lastpipe')) {
      if (words.slice(at + 1).some(w => w.text === '-s')) lastpipe = true;
      if (words.slice(at + 1).some(w => w.text === '-u')) lastpipe = false;
    }
    // `for p in "$PASS"` (or `for p`, over "$@") sets p to it.
    if ((program === 'for' || program === 'select') && builtin && NAME.test(words[at + 1]?.text ?? '')) {
      const list = words[at + 2]?.text === 'in' ? words.slice(at + 3).flatMap(w => w.vars.flatMap(secretsOf)) : secretsOf(POSITIONAL);
      hold(words[at + 1].text, list);
    }
    // `read -r p <<< "$PASS"`, `read -r p < /etc/secret/pw` and `mapfile -t lines < /etc/secret/pw` set p (lines) to what they
    // read: their own redirection, else what the compound they stand in reads (`while read -r p; do …; done < file`). Alone
    // after a `|` (`echo "$PASS" | read -r p`), read runs in a subshell of its own unless lastpipe: p is empty after it.
    if ((program === 'read' || program === 'mapfile' || program === 'readarray') && builtin && (pipe === undefined || opened.length > 0 || lastpipe)) {
      const secrets = stdin().flatMap(w => inputOf(w).flatMap(secretsOf));
      for (const name of program === 'read' ? readNames(words.slice(at + 1)) : [arrayName(words.slice(at + 1))]) hold(name, secrets);
    }
    // A call of a function the script defines (`command name` runs the program): what it is given reaches the programs its body passes its parameters to.
    if (program !== undefined && builtin && functions.has(program) && !words.slice(0, at).some(w => w.text === 'command')) {
      const body = (commands: readonly Word[][]) => expansionsOf(commands, new Holders(), { ...reading, names: PARAMETERS, depth: depth + 1, positional: undefined });
      const sinks = functions.sinksOf(program, depth, body, () => report.cutShort.add('functions'));
      words.slice(at + 1).forEach((w, i) => {
        for (const v of w.vars) {
          for (const sink of sinks.filter(k => k.name === POSITIONAL || k.name === String(i + 1) || v === POSITIONAL)) {
            for (const secret of secretsOf(v)) add({ name: secret, program: sink.program, ...(v !== secret ? { through: v } : {}), function: program });
          }
        }
      });
      continue;
    }
    // `eval` runs, in this shell, the command its arguments make: their words joined, with the values of their expansions in place.
    if (program === 'eval' && builtin) {
      const given = words.slice(at + 1);
      const text = (given[0]?.text === '--' ? given.slice(1) : given).map(w => markedText(w, marks)).join(' ');
      for (const e of reread(text, undefined, holders, { ...reading, lastpipe })) add(e);
      continue;
    }
    // A builtin, unless named by a path (`/bin/echo` is a program).
    if (program === undefined || (NO_PROCESS.has(program) && builtin) || (program === 'function' && builtin)) continue;
    const args = words.slice(at);
    for (const w of args) {
      for (const v of w.vars) {
        for (const secret of secretsOf(v)) add({ name: secret, program: shownText(programName(program), marks), ...(v !== secret ? { through: v } : {}) });
      }
    }
    // xargs puts what it reads into the arguments of the program it runs (`cat /etc/secret/pw | xargs -I{} mysql -p{}`).
    if (programName(program) === 'xargs') {
      for (const v of stdin().flatMap(inputOf)) {
        for (const secret of secretsOf(v)) add({ name: secret, program: 'xargs', ...(v !== secret ? { through: v } : {}) });
      }
    }
    if (own === undefined) continue;
    // env -S expands `${NAME}` in the command line it splits (`env -S 'mysql -p${PASS}'`).
    for (const e of splitExpansions(own)) {
      for (const secret of secretsOf(e.name)) add({ name: secret, program: e.program, ...(e.name !== secret ? { through: e.name } : {}), by: 'env -S' });
    }
    // A shell the script runs reads its own script (`bash -c 'mysql -p"$PASS"'`, `sh <<EOF`), with the values the script expanded in it in place.
    for (const inner of innerScripts(command, own, reading)) {
      // It starts with the variables of this one (as far as they are known, all of them), and what it sets stays in it.
      holders.enterSubshell();
      for (const e of reread(inner.text, inner, holders, reading)) add(e);
      holders.leaveSubshell();
    }
  }
  leave(Infinity);
  return out;
}


/**
 * The reading of a text read again: the command `eval` makes (`shell` undefined: in this shell),
 * or the script of a shell the script runs, with its positional parameters. Texts nested more
 * than {@link MAX_REREADS} deep are not read: the reading is marked as cut short.
 */
function reread(text: string, shell: InnerScript | undefined, holders: Holders, reading: Reading): ArgumentExpansion[] {
  if (reading.rereads >= MAX_REREADS) {
    reading.report.cutShort.add('rereads');
    return [];
  }
  const reader = new ScriptReader(text, 0, reading.marks);
  reader.readList();
  if (reader.limits.deep) reading.report.cutShort.add('substitutions');
  const inner: Reading = shell === undefined ? { ...reading, rereads: reading.rereads + 1 } : {
    ...reading, functions: new ShellFunctions<ArgumentExpansion>(reader.commands), depth: reading.depth + 1, rereads: reading.rereads + 1,
    lastpipe: LASTPIPE_SHELLS.test(shell.shell), positional: shell.positional,
  };
  return expansionsOf(reader.commands, holders, inner);
}

/**
 * Records that a shell variable may hold secrets after an assignment that expands variables
 * holding them (`BASIC_AUTH="-u ${ELASTIC_USERNAME}:${ELASTIC_PASSWORD}"` holds both). An
 * assignment of something else does not clear it: the script is not followed branch by branch
 * (`if …; then password_aux=$(cat "$FILE"); fi` may not run).
 */
function assign(word: Word, secretsOf: (v: string) => string[], hold: (name: string, secrets: string[]) => void): void {
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.text)![0];
  hold(name, word.vars.flatMap(secretsOf));
}
