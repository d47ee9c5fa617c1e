import type { YAMLError } from 'yaml';

/** Where a syntax error of the YAML library is, and what it means in plain words when its cause is certain. */
export interface ExplainedError {
  /** The offset of the error in the text. */
  readonly offset: number;
  /** A plain-language hint. @default - none: the cause is not certain */
  readonly hint?: string;
}

/** A plain key at the start of a line's content (after `- ` when `dash`), followed by `:` and a space or the line's end. */
const KEY = String.raw`([A-Za-z0-9_$][^\s:#"'{}\[\],]*):(?: |$)`;
const KEY_LINE = new RegExp(`^( *)${KEY}`);
const ITEM_KEY_LINE = new RegExp(`^( *)(- +)${KEY}`);
/** `key:value` that a missing space makes one string (not a URL's `scheme://`). */
const GLUED = /^([A-Za-z_][A-Za-z0-9_.-]*):([^\s/][^\s]*)\s*$/;

const ALIGN = 'a key of the same mapping starts in the same column';

/**
 * Where a syntax error of the YAML library points in the text, and a hint for the common parser
 * errors (bad indentation, a tab, an unclosed quote or flow collection, `key:value` without a
 * space). An error the library places at the start of a line points at the line's content instead;
 * an unclosed quote points at its opening quote. No hint when the text does not show the cause.
 */
export function explainYamlError(error: YAMLError, text: string): ExplainedError {
  const at = contentStart(text, error.pos[0]);
  const message = error.message;
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return { offset: at, hint: 'a tab indents this line: YAML indents with spaces only (replace the tab with spaces)' };
    case 'MISSING_CHAR': {
      const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
      if (quote) return unclosedQuote(text, error.pos[0], quote);
      if (message.startsWith('Sequence item without - indicator')) return { offset: at, hint: shallowItemKey(text, at) };
      return { offset: at };
    }
    case 'BAD_INDENT': {
      const flow = /^Flow (sequence|map) in block collection/.exec(message)?.[1];
      if (flow) {
        const [open, close] = flow === 'map' ? ['{', '}'] : ['[', ']'];
        return { offset: at, hint: `a \`${open}\` above is not closed by \`${close}\`, or a line inside it is not indented deeper than the line where it opens` };
      }
      return { offset: at };
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
      return deeperNextKey(text, at) ?? { offset: at };
    case 'MULTILINE_IMPLICIT_KEY':
      return { offset: at, hint: gluedKey(text, at) };
    default:
      return { offset: at };
  }
}

/** The offset itself, or, when it is the start of a line that spaces indent, the line's first character after them. */
function contentStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] !== '\n') return offset;
  let i = offset;
  while (text[i] === ' ') i++;
  return i < text.length && text[i] !== '\n' && text[i] !== '\r' ? i : offset;
}

/** A line of the text: where it starts, where its line break is (or the text ends), its text without the break. */
interface Line { readonly start: number; readonly end: number; readonly text: string }

function lineAt(text: string, offset: number): Line {
  const start = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  const found = text.indexOf('\n', offset);
  const end = found < 0 ? text.length : found;
  return { start, end, text: text.slice(start, end).replace(/\r$/, '') };
}

function isContent(line: string): boolean {
  const t = line.trimStart();
  return t !== '' && !t.startsWith('#');
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The nearest line before `line` (or after it, `step` 1) that holds content (not blank, not only a comment). */
function nextContentLine(text: string, line: Line, step: -1 | 1): Line | undefined {
  let at = line;
  for (;;) {
    if (step < 0 ? at.start === 0 : at.end >= text.length) return undefined;
    at = lineAt(text, step < 0 ? at.start - 1 : at.end + 1);
    if (isContent(at.text)) return at;
  }
}

/**
 * A key indented deeper than a sequence's `-` but less than the first key of its item:
 * `- port: 80` then ` targetPort:` one column short of `port`.
 */
function shallowItemKey(text: string, at: number): string | undefined {
  const line = lineAt(text, at);
  const key = KEY_LINE.exec(line.text);
  if (!key) return undefined;
  const indent = key[1].length;
  // A key at column 0 belongs to no item: nothing above can be its sequence.
  if (indent === 0) return undefined;
  let above = nextContentLine(text, line, -1);
  while (above && indentOf(above.text) >= indent) above = nextContentLine(text, above, -1);
  const item = above && ITEM_KEY_LINE.exec(above.text);
  if (!item) return undefined;
  const dash = item[1].length;
  const itemKey = dash + item[2].length;
  return indent > dash && indent < itemKey ? alignHint(key[2], item[3]) : undefined;
}

/**
 * A key on the line after `key: value` indented deeper than `key`, which a scalar value cannot
 * hold: the hint, located at that key (the library points at the value above it).
 */
function deeperNextKey(text: string, at: number): { offset: number; hint: string } | undefined {
  const line = lineAt(text, at);
  const key = ITEM_KEY_LINE.exec(line.text) ?? KEY_LINE.exec(line.text);
  const below = nextContentLine(text, line, 1);
  const next = below && KEY_LINE.exec(below.text);
  if (!key || !next) return undefined;
  const column = key[1].length + (key.length === 4 ? key[2].length : 0);
  const name = key[key.length - 1];
  // The error is on the value of the key (a scalar on the key's line), not on the key itself.
  const valueAt = at - line.start;
  return valueAt > column + name.length && next[1].length > column ? { offset: below.start + next[1].length, hint: alignHint(next[2], name) } : undefined;
}

/** `key:value` (no space after the colon): one string, which the next line cannot follow as a key. */
function gluedKey(text: string, at: number): string | undefined {
  const line = lineAt(text, at);
  const glued = GLUED.exec(line.text.slice(at - line.start));
  return glued
    ? `\`${glued[0].trim()}\` is read as one string, not a key and its value: put a space after the colon (\`${glued[1]}: ${glued[2]}\`)`
    : undefined;
}

function alignHint(key: string, sibling: string): string {
  return `bad indentation: align \`${key}\` with \`${sibling}\` (${ALIGN})`;
}

/**
 * An unclosed quoted string, located at its opening quote: the last quote before the error that
 * does not end an escape (`\"` in double quotes, `''` in single quotes).
 */
function unclosedQuote(text: string, end: number, quote: string): ExplainedError {
  let i = text.lastIndexOf(quote, end - 1);
  while (i > 0) {
    if (quote === '"' && backslashesBefore(text, i) % 2 === 1) i = text.lastIndexOf(quote, i - 1);
    else if (quote === "'" && text[i - 1] === "'") i = text.lastIndexOf(quote, i - 2);
    else break;
  }
  const hint = `a quoted string is not closed: add the closing ${quote} where the string ends`;
  return i >= 0 ? { offset: i, hint: `${hint} (it opens here and runs on to where the error is found)` } : { offset: end, hint };
}

function backslashesBefore(text: string, i: number): number {
  let n = 0;
  while (text[i - 1 - n] === '\\') n++;
  return n;
}
