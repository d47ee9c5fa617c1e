/**
 * The cursor of a shell script's reader, and what it reads inside a word: expansions (`$NAME`,
 * `${…}`, `$(…)`, backticks) and the marks of a re-read text (shell-marks.ts). Every step moves
 * the cursor forward, and no regular expression here can backtrack: reading is linear in the
 * script's length, times the bounded depth of the texts read again.
 */
import { holdsMarks, marked, Marks } from './shell-marks';
import { outputVariables } from './shell-output';
import { expand, MAX_NESTING, POSITIONAL, ReadLimits, Word } from './shell-words';

/** The reading of a script: its commands, and the cursor in its text. */
export abstract class ShellCursor {
  public readonly commands: Word[][] = [];
  protected i = 0;
  /** How many command substitutions the cursor is inside. */
  protected nesting = 0;

  /**
   * @param s the script
   * @param nested how deep in command substitutions the script stands (a hostile script nests without end)
   * @param marks the values the marks in a re-read text stand for (`eval "mysql -p$PASS"`)
   * @param limits where the reading met its bounds, shared with the readers of the texts inside this one
   */
  constructor(
    protected readonly s: string, protected readonly nested = 0, protected readonly marks: Marks = [], public readonly limits: ReadLimits = { deep: false },
  ) {}

  /** Reads commands up to the end, or up to `end` (`)` of a `$(…)`), and returns after it. */
  public abstract readList(end?: string): void;

  /** A reader of another text (a backtick substitution's) at the given depth, with the same marks. */
  protected abstract readerOf(text: string, nested: number): ShellCursor;

  /** Whether a substitution at the cursor is read as commands: it stands less than {@link MAX_NESTING} deep (else the reading is marked as cut short). */
  protected readsDeeper(): boolean {
    if (this.nested + this.nesting < MAX_NESTING) return true;
    this.limits.deep = true;
    return false;
  }

  /** Reads the commands of `$(…)` or `<(…)` after the cursor, up to its `)`, and returns what they output. */
  protected readSubstitution(): string[] {
    this.nesting++;
    const before = this.commands.length;
    this.readList(')');
    this.nesting--;
    return outputVariables(this.commands.slice(before));
  }

  /**
   * Reads the whole text as the body of a here-document whose delimiter is not quoted, into `w`:
   * the shell expands `$VAR`, `${…}`, `$(…)` and backticks in it, and a backslash quotes only `$`,
   * a backtick, a backslash or a newline. Commands of its substitutions are read as commands.
   */
  public readDocument(w: Word): void {
    const s = this.s;
    while (this.i < s.length) {
      const ch = s[this.i];
      if (ch === '\\' && '$`\\\n'.includes(s[this.i + 1] ?? 'x')) {
        if (s[this.i + 1] !== '\n') w.text += s[this.i + 1];
        this.i += 2;
      } else if (ch === '$' || ch === '`') {
        this.readExpansion(w);
      } else {
        w.text += ch;
        this.i++;
      }
    }
  }

  /** Reads `$NAME`, `${…}`, `$(…)`, `$((…))`, `$'…'` or a backtick substitution at the cursor into `w`. */
  protected readExpansion(w: Word): void {
    const s = this.s;
    if (s[this.i] === '`') {
      let j = this.i + 1;
      while (j < s.length && s[j] !== '`') j += s[j] === '\\' ? 2 : 1;
      let names: string[] = [];
      if (this.readsDeeper()) {
        const inner = this.readerOf(s.slice(this.i + 1, j).replace(/\\([`$\\])/g, '$1'), this.nested + this.nesting + 1);
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
    if (next === '(' && this.readsDeeper()) {
      this.i += 2;
      expand(w, '$(…)', this.readSubstitution());
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
  protected resolveMarks(w: Word): void {
    if (!holdsMarks(w.text)) return;
    const { names, value } = marked(w.text, this.marks);
    w.vars.push(...names);
    if (value) w.value = true;
  }

  /**
   * Reads a here-document's lines after the cursor up to its delimiter (with `<<-`, after leading
   * tabs, which are not part of the body) into `doc`: as they stand for a quoted delimiter, else
   * with the shell's expansions (see {@link readDocument}).
   */
  protected readHeredoc(doc: Word, delimiter: string, strip: boolean): void {
    const s = this.s;
    let body = '';
    while (this.i < s.length) {
      const eol = s.indexOf('\n', this.i);
      const raw = s.slice(this.i, eol < 0 ? s.length : eol);
      this.i = eol < 0 ? s.length : eol + 1;
      const line = strip ? raw.replace(/^\t+/, '') : raw;
      if (line === delimiter) break;
      body += `${line}\n`;
    }
    if (doc.heredoc === 'quoted') {
      doc.text = body;
      return;
    }
    const reader = this.readerOf(body, this.nested + this.nesting);
    reader.readDocument(doc);
    this.commands.push(...reader.commands);
  }
}
