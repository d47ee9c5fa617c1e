/**
 * The words GNU env splits its `-S` (`--split-string`) value into: a command line of its own
 * (`env -S 'mysql -p…'`, and a `#!/usr/bin/env -S bash -e` line). One pass, character by character.
 */

/** A word env's `-S` makes, and the variables its `${NAME}` references put into it (env expands only that form). */
export interface SplitWord {
  readonly text: string;
  readonly vars: readonly string[];
}

/** Characters that separate words. */
const SPACE = /[ \t\n\v\f\r]/;

/** What a backslash before a character stands for, in env's `-S` (`\_` separates words outside quotes, and is a space inside them). */
const ESCAPES: Readonly<Record<string, string>> = { 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v', '\\': '\\', '"': '"', "'": "'", '$': '$', '#': '#', ' ': ' ' };

/**
 * The words of env's `-S` value, as GNU env splits them: at whitespace, with single quotes (inside
 * which only `\\` and `\'` are escapes), double quotes and backslash escapes, `${NAME}` read as a
 * reference to the variable NAME (in single quotes as text), `#` at the start of a word beginning a
 * comment, and `\c` ending the value.
 */
export function envSplitString(value: string): SplitWord[] {
  const out: SplitWord[] = [];
  let text: string | undefined;
  let vars: string[] = [];
  let quote: '' | "'" | '"' = '';
  const finish = (): void => {
    if (text !== undefined) out.push({ text, vars });
    text = undefined;
    vars = [];
  };
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quote === '' && SPACE.test(ch)) {
      finish();
    } else if (quote === '' && ch === '#' && text === undefined) {
      break;
    } else if (ch === quote) {
      quote = '';
    } else if (quote === '' && (ch === "'" || ch === '"')) {
      quote = ch;
      text ??= '';
    } else if (ch === '\\' && i + 1 < value.length && (quote !== "'" || value[i + 1] === '\\' || value[i + 1] === "'")) {
      const next = value[++i];
      if (next === 'c' && quote === '') break;
      if (next === '_' && quote === '') finish();
      else text = (text ?? '') + (next === '_' ? ' ' : ESCAPES[next] ?? `\\${next}`);
    } else if (ch === '$' && quote !== "'" && value[i + 1] === '{') {
      const close = value.indexOf('}', i + 2);
      const name = close < 0 ? '' : value.slice(i + 2, close);
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) vars.push(name);
      text = (text ?? '') + value.slice(i, close < 0 ? value.length : close + 1);
      i = close < 0 ? value.length : close;
    } else {
      text = (text ?? '') + ch;
    }
  }
  finish();
  return out;
}
