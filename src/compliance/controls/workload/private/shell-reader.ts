/**
 * Reads a shell script (`sh -c "…"`) into the words of its simple commands, with the variables
 * each word expands and what each command substitution outputs: the words shell-script.ts
 * follows from a Secret-backed variable to a program's arguments. One pass over the script: each
 * character is read once (a substitution's by the reader of the substitution).
 */
import { ShellCursor } from './shell-cursor';
import { outputVariables } from './shell-output';
import { Word } from './shell-words';

/**
 * Splits a script into the words of its simple commands, those of command substitutions
 * (`$(…)`, backticks) and process substitutions (`<(…)`) as commands of their own. Quotes are
 * removed; `$NAME`, `${NAME}` and `${NAME:-…}` outside single quotes are recorded as expansions,
 * with where they stand in the word (`${#NAME}`, a length, is not); redirection targets are
 * marked, and a command after a `|` gets a word for the pipe it reads; comments are skipped; a
 * here-document is a redirection of standard input whose text is its body, with the expansions
 * the shell makes in it (the commands of its substitutions are read as commands). The marks of a re-read text (`eval`) are read as the values they stand for.
 */
export class ScriptReader extends ShellCursor {
  public readList(end?: string): void {
    let words: Word[] = [];
    let word: Word | undefined;
    let redirectNext = false;
    let inputNext = false;
    let stringNext = false;
    const heredocs: { doc: Word; delimiter: string; strip: boolean }[] = [];
    let depth = 0;
    /** What the command before a `|` outputs, for the next command to read. */
    let piped: string[] | undefined;
    const finishWord = (): void => {
      if (word === undefined) return;
      this.resolveMarks(word);
      if (words.length === 1 && words[0].text === 'function' && !words[0].redirect) {
        // `function name { …`: the definition is a command of its own, before its body.
        words.push(word);
        word = undefined;
        finishCommand();
        return;
      }
      word.redirect = redirectNext;
      word.input = redirectNext && inputNext;
      if (stringNext) word.heredoc = 'string';
      redirectNext = false;
      inputNext = false;
      stringNext = false;
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
        for (const h of heredocs.splice(0)) this.readHeredoc(h.doc, h.delimiter, h.strip);
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
      } else if ((ch === '<' || ch === '>') && s[this.i + 1] === '(' && this.readsDeeper()) {
        // A process substitution: a path to what its commands output (`<(…)`) or read (`>(…)`); as
        // the file a command's standard input is redirected from (`done < <(cat /etc/secret/pw)`), what they output.
        const w = current();
        const input = ch === '<' && redirectNext && inputNext;
        this.i += 2;
        const output = this.readSubstitution();
        if (input) w.vars.push(...output);
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
          const delimiter = s.slice(start, this.i);
          // The body, read at the end of the line, stands for the command's standard input.
          const doc: Word = { text: '', vars: [], redirect: true, input: true, heredoc: /['"\\]/.test(delimiter) ? 'quoted' : 'expanded' };
          words.push(doc);
          heredocs.push({ doc, delimiter: delimiter.replace(/['"\\]/g, ''), strip });
          continue;
        }
        const start = this.i++;
        while (this.i < s.length && /[<>&|]/.test(s[this.i])) this.i++;
        redirectNext = true;
        inputNext = ['<', '<<<'].includes(s.slice(start, this.i));
        stringNext = s.slice(start, this.i) === '<<<';
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
            // In double quotes a backslash quotes only `$`, a backtick, `"`, a backslash or a newline (which it removes).
            const next = s[this.i + 1];
            if (next !== '\n') w.text += '$`"\\'.includes(next) ? next : `\\${next}`;
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

  protected readerOf(text: string, nested: number): ScriptReader {
    return new ScriptReader(text, nested, this.marks, this.limits);
  }
}
