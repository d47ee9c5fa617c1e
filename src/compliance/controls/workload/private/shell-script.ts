/**
 * Reads the shell scripts containers run (`sh -c "…"`) far enough to tell where an environment
 * variable is expanded into the arguments of another program, where the node's process list
 * (`ps`, `/proc/<pid>/cmdline`) shows its value, as opposed to places that create no process:
 * assignments (`PGPASSWORD="$PGPASSWORD" psql`, `export …`), redirections, here-documents and the
 * builtins of every POSIX shell (`echo`, `printf`, `test`, `[`, `read`, …).
 */

/** Shells that run the script given with `-c`. */
const SHELL = /^(?:sh|bash|ash|dash|zsh|ksh|mksh|busybox-sh)$/;

/** Programs that run the next word as a program without options of their own worth reading (`/usr/bin/env bash`, `busybox sh`, `tini -- sh`). */
const LAUNCHERS: ReadonlySet<string> = new Set(['env', 'busybox', 'tini', 'dumb-init', 'exec']);

/**
 * Builtins and keywords that start no process: what they are given reaches no other program's
 * arguments. `echo`, `printf`, `test` and `[` are builtins of sh (dash, ash), bash, ksh and zsh;
 * written with a path (`/bin/echo`) they are programs. `eval` is taken as a builtin: the
 * command it assembles is not followed.
 */
const NO_PROCESS: ReadonlySet<string> = new Set([
  'echo', 'printf', 'test', '[', '[[', ':', 'true', 'false', 'export', 'readonly', 'local', 'declare', 'typeset', 'set', 'unset',
  'read', 'cd', 'shift', 'return', 'exit', 'trap', 'wait', 'alias', 'let', 'eval', '.', 'source', 'case', 'for', 'select', 'umask',
  'ulimit', 'getopts', 'pwd', 'kill', 'break', 'continue', 'esac', 'fi', 'done', 'in', '}', '((',
]);

/** Keywords and builtins before a command that run it (`if`, `until`, `exec`, `command`, `time`). */
const PREFIXES: ReadonlySet<string> = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', '!', '{', 'exec', 'command', 'builtin', 'time', 'nohup']);

/** The name under which `$@` and `$*` (the positional parameters) are recorded as an expansion. */
const POSITIONAL = '@';

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

/** Options of `read` whose value is the next word (`-p prompt`, `-d delim`); `-a` takes the name of an array, which is assigned. */
const READ_OPTION_VALUE = /^-[A-Za-z]*[pdnNtu]$/;

/** How deep command substitutions are read; deeper ones are read as text (the shells themselves stop at some depth). */
const MAX_NESTING = 32;

/** A word of a simple command: its text with quotes removed, and the variables it expands (outside single quotes). */
interface Word {
  text: string;
  readonly vars: string[];
  /** Whether the word is the target of a redirection (`> file`), which is no argument. */
  redirect: boolean;
  /** Whether the redirection feeds the command's standard input: a file (`< file`) or a here-string (`<<< "$PASS"`). */
  input: boolean;
}

/** Where a variable is expanded into a program's arguments. */
export interface ArgumentExpansion {
  /** The variable. */
  readonly name: string;
  /** The program whose arguments hold its value (its file name). */
  readonly program: string;
  /** The shell variable the script expands, when it is not the variable itself (`password_aux`). @default - the variable itself */
  readonly through?: string;
  /** The shell function the script calls with it, which passes it on to the program. @default - none: the script runs the program itself */
  readonly function?: string;
}

/** The file name of a program word (`mysql` for `/usr/bin/mysql`). */
function programName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/**
 * The index of the script in a command line that runs a shell with `-c` (`sh -c <script>`,
 * `/bin/bash -ec <script>`, `/usr/bin/env bash -c <script>`, `sh -o pipefail -c <script>`), or
 * `undefined` when the command line runs no shell script (`sh /script.sh`, or another program).
 */
export function shellScriptIndex(words: readonly unknown[]): number | undefined {
  let i = 0;
  while (i < words.length && typeof words[i] === 'string' && LAUNCHERS.has(programName(words[i] as string))) {
    i++;
    // The launcher's own options and env's assignments (`env -i PATH=/bin sh -c …`, `tini -- sh`).
    while (i < words.length && typeof words[i] === 'string' && /^-|^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] as string)) i++;
  }
  if (typeof words[i] !== 'string' || !SHELL.test(programName(words[i] as string))) return undefined;
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
  return command && typeof words[i] === 'string' ? i : undefined;
}

/**
 * Splits a script into the words of its simple commands, those of command substitutions
 * (`$(…)`, backticks) as commands of their own. Quotes are removed; `$NAME`, `${NAME}` and
 * `${NAME:-…}` outside single quotes are recorded as expansions (`${#NAME}`, a length, is not);
 * redirection targets are marked; comments and here-document bodies are skipped.
 */
class ScriptReader {
  public readonly commands: Word[][] = [];
  private i = 0;
  /** How many command substitutions the cursor is inside. */
  private nesting = 0;

  /** @param nested how deep in command substitutions the script stands (a hostile script nests without end) */
  constructor(private readonly s: string, private readonly nested = 0) {}

  /** Reads commands up to the end, or up to `end` (`)` of a `$(…)`), and returns after it. */
  public readList(end?: string): void {
    let words: Word[] = [];
    let word: Word | undefined;
    let redirectNext = false;
    let inputNext = false;
    const heredocs: { delimiter: string; strip: boolean }[] = [];
    let depth = 0;
    const finishWord = (): void => {
      if (word === undefined) return;
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
    const finishCommand = (): void => {
      finishWord();
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
        finishCommand();
        this.i++;
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
      if (this.nested + this.nesting < MAX_NESTING) {
        const inner = new ScriptReader(s.slice(this.i + 1, j).replace(/\\([`$\\])/g, '$1'), this.nested + this.nesting + 1);
        inner.readList();
        this.commands.push(...inner.commands);
        w.vars.push(...outputVariables(inner.commands));
      }
      w.text += '`…`';
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
      w.vars.push(...outputVariables(this.commands.slice(before)));
      w.text += '$(…)';
      return;
    }
    if (next === '{') {
      const close = s.indexOf('}', this.i + 2);
      const body = s.slice(this.i + 2, close < 0 ? s.length : close);
      const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d+|[@*])/.exec(body);
      if (name) w.vars.push(name[0] === '*' ? POSITIONAL : name[0]);
      w.text += `\${${body}}`;
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
      w.vars.push(POSITIONAL);
      w.text += `$${next}`;
      this.i += 2;
      return;
    }
    const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|\d)/.exec(s.slice(this.i + 1));
    if (name) {
      w.vars.push(name[0]);
      w.text += `$${name[0]}`;
      this.i += 1 + name[0].length;
      return;
    }
    w.text += '$';
    this.i++;
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
function inputOf(word: Word): string[] {
  if (word.vars.length > 0) return word.vars;
  return word.text.startsWith('/') ? [word.text] : [];
}

/** Whether a word is an assignment before a command (`PGPASSWORD=… psql`), which sets the program's environment, not its arguments. */
function isAssignment(word: Word): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(word.text);
}

/** Builtins whose assignment arguments set shell variables (`export PGPASSWORD="$DB_PASSWORD"`). */
const DECLARERS: ReadonlySet<string> = new Set(['export', 'readonly', 'local', 'declare', 'typeset']);

/** The names a shell variable may be: what `for`, `read` and assignments set. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The positional parameters a function's body reads its arguments by (`$1` … `$9`, and `$@` or `$*` for all). */
const PARAMETERS: { has(name: string): boolean } = { has: name => name === POSITIONAL || /^[1-9]$/.test(name) };

/**
 * Where a shell script expands one of `names` into the arguments of a program it runs: each
 * variable once, with the first program. A shell variable the script assigns from one of them
 * (`password_aux="${MYSQL_ROOT_PASSWORD:-}"`, `export PASS=$DB_PASSWORD`, `for p in "$PASS"`,
 * `read -r p <<< "$PASS"`) holds it too, and so do the positional parameters after `set --`.
 * A shell function the script defines is no program: what a call gives it is found where its body
 * passes its parameters (`$1`, `"$@"`) to a program. Scripts run by a shell inside the script
 * (`bash -c '…'`) are read too. `names` may hold absolute paths too (`/etc/secret/pw`): the
 * files a substitution or `read` reads (`P=$(cat /etc/secret/pw)`, `read -r p < /etc/secret/pw`).
 */
export function expansionsIntoArguments(script: string, names: { has(name: string): boolean }): ArgumentExpansion[] {
  const reader = new ScriptReader(script);
  reader.readList();
  return expansionsOf(reader.commands, names, new Map(), new ShellFunctions(reader.commands), 0);
}

/**
 * The functions a script defines (`name() { … }`, `function name { … }`), each with its body: the
 * commands from the `{` after the definition to its matching `}`, without those of the functions
 * defined inside it, so that every command is read once. What each passes its parameters to is
 * worked out once, when first called.
 */
class ShellFunctions {
  private readonly bodies = new Map<string, Word[][]>();
  private readonly sinks = new Map<string, ArgumentExpansion[]>();

  constructor(commands: readonly Word[][]) {
    const open: { name: string; body: Word[][]; depth: number }[] = [];
    let depth = 0;
    for (const command of commands) {
      if (command.length === 2 && command[0].text === 'function' && command[0].vars.length === 0 && NAME.test(command[1].text)) {
        const body: Word[][] = [];
        if (!this.bodies.has(command[1].text)) this.bodies.set(command[1].text, body);
        open.push({ name: command[1].text, body, depth });
        continue;
      }
      open[open.length - 1]?.body.push(command);
      // Braces that open or close groups: `{` before a command, `}` after the keywords that end one (`done }`).
      for (const w of command) {
        if (w.text === '{' && w.vars.length === 0) depth++;
        else if (!['done', 'fi', 'esac', '}'].includes(w.text) || w.vars.length > 0) break;
        if (w.text === '}') depth = Math.max(0, depth - 1);
      }
      while (open.length > 0 && depth <= open[open.length - 1].depth && command !== open[open.length - 1].body[0]) open.pop();
    }
  }

  public has(name: string): boolean {
    return this.bodies.has(name);
  }

  /**
   * Where the function passes its parameters into a program's arguments, named `1` … `9` or `@`
   * (a recursive call, or one deeper than {@link MAX_NESTING}, passes nothing more).
   */
  public sinksOf(name: string, depth: number): ArgumentExpansion[] {
    const known = this.sinks.get(name);
    if (known !== undefined) return known;
    this.sinks.set(name, []);
    const found = depth < MAX_NESTING ? expansionsOf(this.bodies.get(name) ?? [], PARAMETERS, new Map(), this, depth + 1) : [];
    this.sinks.set(name, found);
    return found;
  }
}

/** {@link expansionsIntoArguments} over read commands, with the shell variables assigned from secrets (`holders`) mapped to the secrets' own variables. */
function expansionsOf(
  commands: readonly Word[][], names: { has(name: string): boolean }, holders: Map<string, string[]>, functions: ShellFunctions, depth: number,
): ArgumentExpansion[] {
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
  for (const command of commands) {
    const words = command.filter(w => !w.redirect);
    let at = 0;
    while (at < words.length && (isAssignment(words[at]) || (PREFIXES.has(words[at].text) && words[at].vars.length === 0))) at++;
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
    // `for p in "$PASS"` (or `for p`, over "$@") sets p to it.
    if ((program === 'for' || program === 'select') && builtin && NAME.test(words[at + 1]?.text ?? '')) {
      const list = words[at + 2]?.text === 'in' ? words.slice(at + 3).flatMap(w => w.vars.flatMap(secretsOf)) : secretsOf(POSITIONAL);
      hold(words[at + 1].text, list);
    }
    // `read -r p <<< "$PASS"` and `read -r p < /etc/secret/pw` set p to what it reads.
    if (program === 'read' && builtin) {
      const secrets = command.filter(w => w.input).flatMap(w => inputOf(w).flatMap(secretsOf));
      for (const name of readNames(words.slice(at + 1))) hold(name, secrets);
    }
    // A call of a function the script defines (`command name` runs the program): what it is given reaches the programs its body passes its parameters to.
    if (program !== undefined && builtin && functions.has(program) && !words.slice(0, at).some(w => w.text === 'command')) {
      const sinks = functions.sinksOf(program, depth);
      words.slice(at + 1).forEach((w, i) => {
        for (const v of w.vars) {
          for (const sink of sinks.filter(k => k.name === POSITIONAL || k.name === String(i + 1) || v === POSITIONAL)) {
            for (const secret of secretsOf(v)) add({ name: secret, program: sink.program, ...(v !== secret ? { through: v } : {}), function: program });
          }
        }
      });
      continue;
    }
    // A builtin, unless named by a path (`/bin/echo` is a program).
    if (program === undefined || (NO_PROCESS.has(program) && builtin) || (program === 'function' && builtin)) continue;
    const args = words.slice(at);
    for (const w of args) {
      for (const v of w.vars) {
        for (const secret of secretsOf(v)) add({ name: secret, program: programName(program), ...(v !== secret ? { through: v } : {}) });
      }
    }
    // A shell the script runs reads its own script (`bash -c 'mysql -p"$PASS"'`).
    const inner = depth < 3 ? shellScriptIndex(args.map(w => w.text)) : undefined;
    if (inner !== undefined) {
      const reader = new ScriptReader(args[inner].text);
      reader.readList();
      for (const e of expansionsOf(reader.commands, names, new Map(holders), new ShellFunctions(reader.commands), depth + 1)) add(e);
    }
  }
  return out;
}

/** The variables `read` sets: the names after its options (and the array of `-a name`). */
function readNames(words: readonly Word[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const t = words[i].text;
    if (t.startsWith('-')) {
      if (READ_OPTION_VALUE.test(t)) i++;
      else if (/^-[A-Za-z]*a$/.test(t) && NAME.test(words[i + 1]?.text ?? '')) out.push(words[++i].text);
      continue;
    }
    if (NAME.test(t) && words[i].vars.length === 0) out.push(t);
  }
  return out;
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
