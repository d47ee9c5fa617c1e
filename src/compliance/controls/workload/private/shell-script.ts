/**
 * Reads the shell scripts containers run (`sh -c "…"`) far enough to tell where an environment
 * variable is expanded into the arguments of another program, where the node's process list
 * (`ps`, `/proc/<pid>/cmdline`) shows its value, as opposed to places that create no process:
 * assignments (`PGPASSWORD="$PGPASSWORD" psql`, `export …`), redirections, here-documents given to
 * programs that are no shell, and the builtins of every POSIX shell (`echo`, `printf`, `test`,
 * `[`, `read`, …); and whether a command it runs passes a literal credential.
 *
 * The reading is linear in the script's length: the reader moves forward one character at a time
 * (its regular expressions are anchored and cannot backtrack over more than a word), each command
 * is visited once, a function's body once, and a text read again (eval, an inner shell's script, a
 * here-document given to a shell) once per level, {@link MAX_REREADS} levels at most.
 */
import { mayNameClient } from '../../../common/command-line-credentials';
import { expansionsOf } from './shell-commands';
import { ShellFunctions } from './shell-functions';
import { Marks, sanitized } from './shell-marks';
import { ScriptReader } from './shell-reader';
import { ArgumentExpansion, CutShort, LASTPIPE_SHELLS, ReadReport } from './shell-reading';
import { Holders } from './shell-scopes';

export type { ArgumentExpansion, CutShort } from './shell-reading';
export { MAX_REREADS } from './shell-reading';

/** How a script is run. */
export interface ShellOptions {
  /**
   * The shell that runs it (`bash`, `zsh`): zsh and ksh run the last command of a pipeline in the
   * shell itself, so that `echo "$PASS" | read x` sets x.
   * @default - sh, dash, ash or bash, which run it in a subshell (x is empty after it)
   */
  readonly shell?: string;
  /** The script's positional parameters, `$0` first: the words after a `-c` script (`sh -c '…' sh a b`). @default - not known */
  readonly positional?: readonly string[];
  /** The mount paths of the container, where a path argument may point at a mounted secret file. @default - none */
  readonly mountPaths?: readonly string[];
}

/** What the reading of a script found. */
export interface ScriptReading {
  /** Where it expands a variable (or file) that holds a secret into a program's arguments. */
  readonly expansions: ArgumentExpansion[];
  /** Whether a command it runs passes a literal credential (`mysql -p…`, also in a here-document given to `sh`). */
  readonly literal: boolean;
  /** The positional parameters of `options.positional` (by index, `$0` first) a command passes as a literal credential (`sh -c 'mysql "$@"' sh -p…`). */
  readonly literalParameters: readonly number[];
  /** Where its nesting goes deeper than it is read, so that a credential there would go unseen. */
  readonly cutShort: readonly CutShort[];
}

/**
 * Reads a shell script: where it expands one of `names` into the arguments of a program it runs
 * (each variable once, with the first program), and whether a command it runs passes a literal
 * credential. A shell variable the script assigns from one of `names`
 * (`password_aux="${MYSQL_ROOT_PASSWORD:-}"`, `export PASS=$DB_PASSWORD`, `for p in "$PASS"`,
 * `read -r p <<< "$PASS"`, `mapfile -t lines <<< "$PASS"`) holds it too, and so do the positional
 * parameters after `set --`. `read` and `mapfile` read their own redirection, else that of the
 * loop or group they stand in (`while read -r p; do …; done < file`), else the pipe into it
 * (`echo "$PASS" | { read -r p; …; }`, where p is set until the group ends); alone after a `|`
 * they run in a subshell (p is empty after it) unless the shell runs the last command of a
 * pipeline itself (zsh, ksh, bash after `shopt -s lastpipe`). What `xargs` reads reaches the
 * arguments of the program it runs. `eval` is read as the command its arguments make (`eval
 * "mysql -p$PASS"`). A shell function the script defines is no program: what a call gives it is
 * found where its body passes its parameters (`$1`, `"$@"`) to a program. Scripts run by a shell
 * inside the script (`bash -c '…' arg0 arg1`, a here-document or here-string given to a shell that
 * reads its standard input) are read too, and so is the command line env's `-S` splits. `names` may
 * hold absolute paths too (`/etc/secret/pw`): the files a substitution or `read` reads (`P=$(cat
 * /etc/secret/pw)`, `read -r p < /etc/secret/pw`). Nesting deeper than the reading reads (texts
 * read again {@link MAX_REREADS} deep, substitutions or function calls 32 deep) is reported in
 * `cutShort`, not passed over in silence.
 */
export function readScript(script: string, names: { has(name: string): boolean }, options: ShellOptions = {}): ScriptReading {
  const marks: Marks = [];
  const reader = new ScriptReader(sanitized(script), 0, marks);
  reader.readList();
  const namesClient = mayNameClient(script) || (options.positional ?? []).some(mayNameClient);
  const report: ReadReport = { literal: false, namesClient, cutShort: new Set(), lineParameters: options.positional, literalParameters: new Set() };
  if (reader.limits.deep) report.cutShort.add('substitutions');
  const expansions = expansionsOf(reader.commands, new Holders(), {
    names, functions: new ShellFunctions<ArgumentExpansion>(reader.commands), depth: 0, rereads: 0, lastpipe: LASTPIPE_SHELLS.test(options.shell ?? ''),
    marks, positional: options.positional, mountPaths: options.mountPaths ?? [], report,
  });
  return { expansions, literal: report.literal, literalParameters: [...report.literalParameters], cutShort: [...report.cutShort] };
}

