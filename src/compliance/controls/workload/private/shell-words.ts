/**
 * Reads a shell script (`sh -c "…"`) into the words of its simple commands, with the variables
 * each word expands and what each command substitution outputs: the words shell-script.ts
 * follows from a Secret-backed variable to a program's arguments.
 */
import { programName } from '../../../common/shell-command';
import { holdsMarks, marked, Marks } from './shell-marks';

/** Keywords and builtins before a command that run it (`if`, `until`, `exec`, `command`, `time`). */
export const PREFIXES: ReadonlySet<string> = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '!', '{', 'exec', 'command', 'builtin', 'time', 'nohup']);

/** The name under which `$@` and `$*` (the positional parameters) are recorded as an expansion. */
export const POSITIONAL = '@';

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

/** How deep command substitutions are read; deeper ones are read as text (the shells themselves stop at some depth). */
export const MAX_NESTING = 32;

/** A word of a simple command: its text with quotes removed, and the variables it expands (outside single quotes). */
export interface Word {
  text: string;
  readonly vars: string[];
  /** Whether the word is the target of a redirection (`> file`), which is no argument. */
  redirect: boolean;
  /** Whether the redirection feeds the command's standard input: a file (`< file`) or a here-string (`<<< "$PASS"`). */
  input: boolean;
  /**
   * Whether the word stands for the pipe a command reads (`echo "$PASS" | read x`), added after
   * its words as an input redirection whose variables are what the command before the `|` outputs.
   * @default false
   */
  pipe?: boolean;
  /**
   * Where the word's text holds an expansion (`$PASS`, `${PASS:-}`, `$(cat file)`) and what it
   * expands to: the places `eval` or a shell given the word reads the values at.
   * @default - none
   */
  spans?: Span[];
  /**
   * Whether the word is the value of one expansion of the text `eval` or a shell re-reads
   * (`eval "$CMD"`): code the script does not show.
   * @default false
   */
  value?: boolean;
}

/** An expansion in a word's text: from `start` to `end`, and the variables (or files) whose values it expands to. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly names: readonly string[];
}

/**
 * Splits a script into the words of its simple commands, those of command substitutions
 * (`$(…)`, backticks) and process substitutions (`<(…)`) as commands of their own. Quotes are
 * removed; `$NAME`, `${NAME}` and `${NAME:-…}` outside single quotes are recorded as expansions,
 * with where they stand in the word (`${#NAME}`, a length, is not); redirection targets are
 * marked, and a command after a `|` gets a word for the pipe it reads; comments and here-document
 * bodies are skipped. The marks of a re-read text (`eval`) are read as the values they stand for.
 */
export class ScriptReader {
  public readonly commands: Word[][] = [];
  private i = 0;
  /** How many command substitutions the cursor is inside. */
  private nesting = 0;

  /**
   * @param nested how deep in command substitutions the script stands (a hostile script nests without end)
   * @param marks the values the marks in a re-read text stand for (`eval "mysql -p$PASS"`)
   */
  constructor(private readonly s: string, private readonly nested = 0, private readonly marks: Marks = []) {}

  /** Reads commands up to the end, or up to `end` (`)` of a `$(…)`), and returns after it. */
  public readList(end?: string): void {
    let words: Word[] = [];
    let word: Word | undefined;
    let redirectNext = false;
    let inputNext = false;
    const heredocs: { delimiter: string; strip: boolean }[] = [];
    let depth = 0;
    /** What the command before a `|` outputs, for the next command to read. */
    let piped: string[] | undefined;
    const finishWord = (): void => {
      if (word === undefined) return;
      if (holdsMarks(word.text)) this.resolveMarks(word);
      if (words.length === 1 && words[0].text === 'function' && !words[0].redirect) {
        // `function name { …`: the definition is a command of its own, before its body.
        words.push(word);
        word = undefined;
        finishCommand();
        return;
      }
      word.redirect = redirectNext;
      word.input = redirectNext && inputNext;
      redirectNext = false;
      inputNext = false;
      words.push(word);
      word = undefined;
    };
    // The pipe a command reads, after its words.
    const attachPipe = (): void => {
      if (piped === undefined || words.length === 0) return;
      words.push({ text: '|', vars: piped, redirect: true, input: true, pipe: true });
      piped = undefined;
    };
    const finishCommand = (): void => {
      finishWord();
      attachPipe();
      if (words.length > 0) this.commands.push(words);
      words = [];
    };
    const current = (): Word => (word ??= { text: '', vars: [], redirect: false, input: false });
    const s = this.s;
    while (this.i < s.length) {
      const ch = s[this.i];
      if (end !== undefined && ch === end && depth === 0) {
        this.i++;
        break;
      }
      if (ch === ' ' || ch === '\t') {
        finishWord();
        this.i++;
      } else if (ch === '\n') {
        finishCommand();
        this.i++;
        for (const h of heredocs.splice(0)) this.skipHeredoc(h.delimiter, h.strip);
      } else if (ch === '#' && word === undefined) {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (ch === ';' || ch === '&' || ch === '|') {
        if (ch === '&' && s[this.i + 1] === '>') {
          finishWord();
          this.i += s[this.i + 2] === '>' ? 3 : 2;
          redirectNext = true;
          continue;
        }
        if (ch === '|' && s[this.i + 1] !== '|') {
          // A pipe (`|&` adds the errors): the next command reads what this one outputs.
          finishWord();
          attachPipe();
          const from = outputVariables([words]);
          finishCommand();
          piped = from;
          this.i += s[this.i + 1] === '&' ? 2 : 1;
          continue;
        }
        finishCommand();
        this.i += ch === '|' ? 2 : 1;
      } else if ((ch === '<' || ch === '>') && s[this.i + 1] === '(' && this.nested + this.nesting < MAX_NESTING) {
        // A process substitution: a path to what its commands output (`<(…)`) or read (`>(…)`); as
        // the file a command's standard input is redirected from (`done < <(cat /etc/secret/pw)`), what they output.
        const w = current();
        const input = ch === '<' && redirectNext && inputNext;
        this.i += 2;
        this.nesting++;
        const before = this.commands.length;
        this.readList(')');
        this.nesting--;
        if (input) w.vars.push(...outputVariables(this.commands.slice(before)));
        w.text += '/dev/fd/63';
      } else if (ch === '(' && /^[ \t]*\)/.test(s.slice(this.i + 1, this.i + 64))) {
        // A function definition (`name() …`, `function name() …`) becomes the command `function name`.
        finishWord();
        const name = words.length === 1 ? words[0] : words.length === 2 && words[0].text === 'function' ? words[1] : undefined;
        words = name === undefined ? words : [{ text: 'function', vars: [], redirect: false, input: false }, name];
        finishCommand();
        this.i = s.indexOf(')', this.i) + 1;
      } else if (ch === '(' || ch === ')') {
        if (ch === '(') depth++;
        else depth = Math.max(0, depth - 1);
        finishCommand();
        this.i++;
      } else if (ch === '<' || ch === '>') {
        // A file descriptor number before the operator (`2>`) belongs to it.
        if (word !== undefined && /^\d+$/.test(word.text) && word.vars.length === 0) word = undefined;
        finishWord();
        if (s.startsWith('<<', this.i) && s[this.i + 2] !== '<') {
          const strip = s[this.i + 2] === '-';
          this.i += strip ? 3 : 2;
          while (s[this.i] === ' ' || s[this.i] === '\t') this.i++;
          const start = this.i;
          while (this.i < s.length && !/[\s;&|<>()]/.test(s[this.i])) this.i++;
          heredocs.push({ delimiter: s.slice(start, this.i).replace(/['"\\]/g, ''), strip });
          continue;
        }
        const start = this.i++;
        while (this.i < s.length && /[<>&|]/.test(s[this.i])) this.i++;
        redirectNext = true;
        inputNext = ['<', '<<<'].includes(s.slice(start, this.i));
      } else if (ch === '\\') {
        // A backslash quotes the next character; before a newline it continues the line.
        if (s[this.i + 1] !== '\n') current().text += s[this.i + 1] ?? '';
        this.i += 2;
      } else if (ch === "'") {
        const close = s.indexOf("'", this.i + 1);
        const stop = close < 0 ? s.length : close;
        current().text += s.slice(this.i + 1, stop);
        this.i = stop + 1;
      } else if (ch === '"') {
        this.i++;
        const w = current();
        while (this.i < s.length && s[this.i] !== '"') {
          if (s[this.i] === '\\' && this.i + 1 < s.length) {
            w.text += s[this.i + 1];
            this.i += 2;
          } else if (s[this.i] === '$' || s[this.i] === '`') {
            this.readExpansion(w);
          } else {
            w.text += s[this.i++];
          }
        }
        this.i++;
      } else if (ch === '$' || ch === '`') {
        this.readExpansion(current());
      } else {
        current().text += ch;
        this.i++;
      }
    }
    finishCommand();
  }

  /** Reads `$NAME`, `${…}`, `$(…)`, `$((…))`, `$'…'` or a backtick substitution at the cursor into `w`. */
  private readExpansion(w: Word): void {
    const s = this.s;
    if (s[this.i] === '`') {
      let j = this.i + 1;
      while (j < s.length && s[j] !== '`') j += s[j] === '\\' ? 2 : 1;
      let names: string[] = [];
      if (this.nested + this.nesting < MAX_NESTING) {
        const inner = new ScriptReader(s.slice(this.i + 1, j).replace(/\\([`$\\])/g, '$1'), this.nested + this.nesting + 1, this.marks);
        inner.readList();
        this.commands.push(...inner.commands);
        names = outputVariables(inner.commands);
      }
      expand(w, '`…`', names);
      this.i = j + 1;
      return;
    }
    const next = s[this.i + 1];
    if (next === '(' && s[this.i + 2] === '(') {
      // Arithmetic: `$(( … ))` holds no command.
      let depth = 0;
      let j = this.i + 1;
      for (; j < s.length; j++) {
        if (s[j] === '(') depth++;
        else if (s[j] === ')' && --depth === 0) break;
      }
      w.text += '0';
      this.i = j + 1;
      return;
    }
    if (next === '(' && this.nested + this.nesting < MAX_NESTING) {
      this.i += 2;
      this.nesting++;
      const before = this.commands.length;
      this.readList(')');
      this.nesting--;
      expand(w, '$(…)', outputVariables(this.commands.slice(before)));
      return;
    }
    if (next === '{') {
      const close = s.indexOf('}', this.i + 2);
      const body = s.slice(this.i + 2, close < 0 ? s.length : close);
      const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d+|[@*])/.exec(body);
      if (name) expand(w, `\${${body}}`, [name[0] === '*' ? POSITIONAL : name[0]]);
      else w.text += `\${${body}}`;
      this.i = close < 0 ? s.length : close + 1;
      return;
    }
    if (next === "'") {
      const close = s.indexOf("'", this.i + 2);
      const stop = close < 0 ? s.length : close;
      w.text += s.slice(this.i + 2, stop);
      this.i = stop + 1;
      return;
    }
    if (next === '@' || next === '*') {
      expand(w, `$${next}`, [POSITIONAL]);
      this.i += 2;
      return;
    }
    const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d)/.exec(s.slice(this.i + 1));
    if (name) {
      expand(w, `$${name[0]}`, [name[0]]);
      this.i += 1 + name[0].length;
      return;
    }
    w.text += '$';
    this.i++;
  }

  /**
   * Gives a word of a re-read text the variables its marks stand for (`eval "mysql -p$PASS"`
   * reads `mysql -p` and the value of `$PASS`), and marks it as a value when it is one mark only.
   */
  private resolveMarks(w: Word): void {
    const { names, value } = marked(w.text, this.marks);
    w.vars.push(...names);
    if (value) w.value = true;
  }

  /** Skips a here-document's lines up to its delimiter (with `<<-`, after leading tabs). */
  private skipHeredoc(delimiter: string, strip: boolean): void {
    const s = this.s;
    while (this.i < s.length) {
      const eol = s.indexOf('\n', this.i);
      const line = s.slice(this.i, eol < 0 ? s.length : eol);
      this.i = eol < 0 ? s.length : eol + 1;
      if ((strip ? line.replace(/^\t+/, '') : line) === delimiter) return;
    }
  }
}

/**
 * The variables whose values a command substitution outputs, so that the word it stands in holds
 * them: those an `echo` or `printf` in it is given (`$(echo $MONGODB_ROOT_PASSWORD | sed …)`,
 * whatever the pipe does to them next), `printenv NAME`, and what a {@link READERS reader} (`cat`,
 * `tr`, `jq`, …) or a bare `$(< file)` reads: a here-string (`<<< "$PASS"`) or a file, as its
 * absolute path (`/etc/secret/pw`, which no variable's name can be). What a program in it is given
 * reaches that program's arguments, and is found there.
 */
function outputVariables(commands: readonly Word[][]): string[] {
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

/** What a redirection of standard input feeds: the variables a here-string expands, or a file named by its absolute path. */
export function inputOf(word: Word): string[] {
  if (word.vars.length > 0) return word.vars;
  return word.text.startsWith('/') ? [word.text] : [];
}

/** Appends an expansion to a word: its text, the names whose values it expands, and where it stands. */
function expand(w: Word, text: string, names: readonly string[]): void {
  (w.spans ??= []).push({ start: w.text.length, end: w.text.length + text.length, names });
  w.vars.push(...names);
  w.text += text;
}

/** Whether a word is an assignment before a command (`PGPASSWORD=… psql`), which sets the program's environment, not its arguments. */
export function isAssignment(word: Word): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(word.text);
}
