/**
 * What one simple command of a shell script runs besides its program's arguments: the scripts of
 * shells it starts (`bash -c '…' arg0 arg1`, `sh <<EOF … EOF`, `sh <<< '…'`), the variables env's
 * `-S` expands, and whether its words (as the program gets them) pass a literal credential.
 */
import { clientPasswords, mayNameClient } from '../../../common/command-line-credentials';
import { Argv, commandArgv, programName } from '../../../common/launchers';
import { shellCommand, stdinShell } from '../../../common/shell-command';
import { holdsMarks, markedText, shownText } from './shell-marks';
import { Reading } from './shell-reading';
import { isAssignment, POSITIONAL, Word } from './shell-words';

/** Keywords before a command that are no launcher (`exec`, `command`, `time` and `nohup` are read as launchers). */
const KEYWORDS: ReadonlySet<string> = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '!', '{', 'builtin']);

/** A script a command has a shell run. */
export interface InnerScript {
  readonly text: string;
  /** The shell (`bash`). */
  readonly shell: string;
  /** Its positional parameters, `$0` first. */
  readonly positional: readonly string[];
}

/** A simple command's words as its program gets them: from the first after assignments and keywords. */
export interface CommandWords {
  /** Those words. */
  readonly words: readonly Word[];
  /** Their texts as {@link commandArgv} reads them (launchers, env -S). */
  readonly argv: Argv;
}

/** The words of a simple command (without redirections) its program gets, or `undefined` when it has none (`x=1`). */
export function commandWords(words: readonly Word[]): CommandWords | undefined {
  let first = 0;
  while (first < words.length && (isAssignment(words[first]) || (KEYWORDS.has(words[first].text) && words[first].vars.length === 0))) first++;
  if (first >= words.length) return undefined;
  const own = words.slice(first);
  return { words: own, argv: commandArgv(own.map(w => w.text)) };
}

/**
 * A word's text with the positional parameters it expands replaced by their values, as the
 * program gets it: `"$@"` alone is one word per parameter. With each, the parameter (its index)
 * that gave (a part of) it.
 */
function withParameters(w: Word, positional: readonly string[] | undefined): { text: string; parameter?: number }[] {
  const spans = positional === undefined ? [] : (w.spans ?? []).filter(s => s.names.length === 1 && (s.names[0] === POSITIONAL || /^\d+$/.test(s.names[0])));
  if (spans.length === 0) return [{ text: w.text }];
  if (spans.length === 1 && spans[0].start === 0 && spans[0].end === w.text.length && spans[0].names[0] === POSITIONAL) {
    return positional!.slice(1).map((text, k) => ({ text, parameter: k + 1 }));
  }
  let text = '';
  let at = 0;
  for (const s of spans) {
    text += w.text.slice(at, s.start) + (s.names[0] === POSITIONAL ? positional!.slice(1).join(' ') : positional![Number(s.names[0])] ?? '');
    at = s.end;
  }
  const first = spans[0].names[0] === POSITIONAL ? 1 : Number(spans[0].names[0]);
  return [{ text: text + w.text.slice(at), parameter: first < positional!.length ? first : undefined }];
}

/**
 * Records in the report whether the command gives a client a literal password by its own flag as
 * the program gets its words (the positional parameters in place, after launchers and env's `-S`:
 * `exec 2>&1 timeout 5 redis-cli -a …`), and which of the command line's own parameters give it.
 * What does not depend on the program (`--password=…`, tokens) is found in the script's text.
 */
export function checkLiteral(command: CommandWords, reading: Reading): void {
  const { report } = reading;
  const lineParameters = reading.positional !== undefined && reading.positional === report.lineParameters;
  // Once a literal is found, only the command line's own parameters are still worth naming; a command that names no client gives none a password.
  if (!report.namesClient || (report.literal && !lineParameters)) return;
  if (reading.positional === undefined && !command.words.some(w => mayNameClient(w.text))) return;
  // The words as read, unless parameters are given or a re-read text's marks stand for values (expansions, as the text that made them shows: `$PASS`).
  const plain = reading.positional === undefined && !command.words.some(w => holdsMarks(w.text));
  const words = plain ? undefined : command.words.flatMap(w => withParameters(w, reading.positional));
  const argv = words === undefined ? command.argv : commandArgv(words.map(w => shownText(w.text, reading.marks)));
  if (argv.truncated) report.cutShort.add('rereads');
  for (const i of clientPasswords(argv, { shell: true, mountPaths: reading.mountPaths })) {
    const parameter = words?.[argv.words[i].from].parameter;
    if (lineParameters && parameter !== undefined) report.literalParameters.add(parameter);
    else report.literal = true;
  }
}

/** The variables env's `-S` expands in the command line it splits (`env -S 'mysql -p${PASS}'`), with the program that gets them. */
export function splitExpansions(command: CommandWords): { name: string; program: string }[] {
  const { words, program } = command.argv;
  const name = program < words.length ? programName(words[program].text) : 'env';
  return words.flatMap(w => (w.split ?? []).map(v => ({ name: v, program: name })));
}

/**
 * The scripts a command has a shell run: a shell's `-c` script, with the words after it as `$0`,
 * `$1`, …, and the here-document or here-string given to a shell that reads its standard input
 * (`sh <<EOF`, `bash -s arg <<'EOF'`, `sh <<< '…'`), with the words after its options as `$1`, ….
 * A text the outer shell expands is read with the values it puts in (marks); a file or a pipe
 * given to the shell is not read.
 */
export function innerScripts(all: readonly Word[], command: CommandWords, reading: Reading): InnerScript[] {
  const { words, argv } = command;
  if (argv.truncated) reading.report.cutShort.add('rereads');
  const script = shellCommand([], argv);
  if (script !== undefined) {
    const text = argv.words[script.at].split !== undefined ? script.text : markedText(words[argv.words[script.at].from], reading.marks);
    return [{ text, shell: script.shell, positional: script.args.map(a => a.text) }];
  }
  const stdin = stdinShell(argv);
  const doc = stdin === undefined ? undefined : all.filter(w => w.input && !w.pipe).pop();
  if (stdin === undefined || doc?.heredoc === undefined) return [];
  const text = doc.heredoc === 'quoted' ? doc.text : markedText(doc, reading.marks);
  return [{ text, shell: stdin.shell, positional: [stdin.shell, ...stdin.args.map(a => a.text)] }];
}
