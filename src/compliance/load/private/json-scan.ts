import { kubernetesPlainScalar } from '../../common/go-yaml-scalar';

/**
 * Characters and spellings whose reading by the YAML reader JSON.parse does not reproduce: control
 * and C1 characters (YAML refuses or folds some), line breaks other than `\n` and `\r\n` (YAML 1.1
 * has more), byte order marks, lone surrogates, keys that JSON.parse and YAML treat apart
 * (`__proto__`, the merge key `<<`), and escapes of control characters.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSURE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)|\p{Surrogate}|"__proto__"|"<<"|\\u00[01]/u;

/** Integers read alike by JSON.parse and by go-yaml (safe integers without a sign on zero). */
const PLAIN_INTEGER = /^(?:0|-?[1-9][0-9]{0,14})$/;

const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const HASH = 0x23;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const BYTE_ORDER_MARK = 0xfeff;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

/** Numbers {@link JsonStream} keeps for each value. */
const FIELDS = 5;

/**
 * A text that is a stream of JSON values (one object or array, or several one after another), as
 * {@link scanJsonStream} finds it. For each value: where it starts and ends, the line where it
 * starts (as the YAML reader numbers it), how many keys its objects hold, duplicates included, and
 * how many JSON tokens it holds ({@link JsonStream.tokens}), five numbers a value in one typed
 * array, since a stream may hold millions of values. And how many values, from the first,
 * JSON.parse may read as the YAML reader does.
 */
export class JsonStream {
  public count = 0;
  /**
   * How many values, from the first, hold nothing that the YAML reader may read otherwise, as far
   * as the scan can tell (syntax and duplicate keys are left to JSON.parse).
   */
  public readable = 0;
  private fields = new Uint32Array(FIELDS * 16);
  /** For the values that are objects with an `items` array, the line where each item starts. */
  private readonly items = new Map<number, number[]>();

  public add(start: number, end: number, line: number, keys: number, tokens: number, itemLines: number[] | undefined, sure: boolean): void {
    if (FIELDS * this.count === this.fields.length) {
      const grown = new Uint32Array(2 * this.fields.length);
      grown.set(this.fields);
      this.fields = grown;
    }
    const at = FIELDS * this.count;
    this.fields[at] = start;
    this.fields[at + 1] = end;
    this.fields[at + 2] = line;
    this.fields[at + 3] = keys;
    this.fields[at + 4] = tokens;
    if (itemLines) this.items.set(this.count, itemLines);
    if (sure && this.readable === this.count) this.readable++;
    this.count++;
  }

  public start(k: number): number { return this.fields[FIELDS * k]; }
  public end(k: number): number { return this.fields[FIELDS * k + 1]; }
  public line(k: number): number { return this.fields[FIELDS * k + 2]; }
  public keys(k: number): number { return this.fields[FIELDS * k + 3]; }
  /**
   * How many JSON tokens value `k` holds: its strings (keys included), numbers, `true`, `false`
   * and `null`, and its six punctuation characters `{` `}` `[` `]` `:` `,`, as RFC 8259 spells
   * JSON. The YAML lexer yields a token of its own for each of them, and more (one before each
   * plain scalar, one for each run of spaces and each line break), so this never exceeds its
   * count of the same text; on JSON without spaces its count is at most twice this, plus one.
   */
  public tokens(k: number): number { return this.fields[FIELDS * k + 4]; }
  public itemLines(k: number): number[] | undefined { return this.items.get(k); }
}

/**
 * The values of a text that is a stream of JSON objects and arrays separated by whitespace, in one
 * linear pass that skips strings and escapes: where each ends, and whether JSON.parse may read it
 * as the YAML reader does (not when it nests deeper than `maxDepth`, holds a number go-yaml reads
 * otherwise, or, itself or the space after it, a character or key listed in {@link UNSURE}).
 * `undefined` for any other text: one that starts otherwise, a value that does not close, text
 * after a value, a `'` or `#` outside strings (YAML's quotes and comments). Syntax is left to
 * JSON.parse. A value that follows another on its line is put on a line of its own by
 * {@link jsonStreamAsDocuments}, which moves every later line down by one: lines count that in.
 */
export function scanJsonStream(text: string, maxDepth: number): JsonStream | undefined {
  const stream = new JsonStream();
  let line = 1;
  let shift = 0;
  let i = 0;
  for (;;) {
    let sameLine = stream.count > 0;
    for (; i < text.length && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === BYTE_ORDER_MARK); i++) {
      if (text.charCodeAt(i) === NEWLINE) {
        line++;
        sameLine = false;
      }
    }
    if (i >= text.length) break;
    const c = text.charCodeAt(i);
    if (c !== OPEN_OBJECT && c !== OPEN_ARRAY) return undefined;
    if (sameLine) shift++;
    const value = scanValue(text, i, line, maxDepth);
    if (!value) return undefined;
    stream.add(i, value.end, line + shift, value.keys, value.tokens, value.itemLines?.map(l => l + shift), value.sure);
    line = value.endLine;
    i = value.end;
  }
  if (stream.count === 0) return undefined;
  // A value is read by JSON.parse only when neither it nor the space after it holds anything UNSURE.
  const unsure = stream.readable > 0 ? text.search(UNSURE) : -1;
  if (unsure >= 0) {
    let fine = 0;
    while (fine < stream.readable && fine + 1 < stream.count && stream.start(fine + 1) <= unsure) fine++;
    stream.readable = fine;
  }
  return stream;
}

/** One object or array starting at `start` on `line`, or `undefined` when it is not JSON (see {@link scanJsonStream}). */
function scanValue(text: string, start: number, line: number, maxDepth: number):
{ end: number; keys: number; tokens: number; itemLines?: number[]; endLine: number; sure: boolean } | undefined {
  let depth = 0;
  let keys = 0;
  /** Every character outside spaces and strings starts a token, or is one, and so does a quote. */
  let tokens = 0;
  let sure = true;
  /** In the top object, whether the last key read was `items`, and the array that follows it. */
  let lastKey = '';
  let itemLines: number[] | undefined;
  let inItems = false;
  let expectItem = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      line++;
      continue;
    }
    if (isSpace(c)) continue;
    tokens++;
    if (expectItem && c !== CLOSE_ARRAY) itemLines!.push(line);
    expectItem = false;
    if (c === QUOTE) {
      const from = i;
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
      if (i >= text.length) return undefined;
      if (depth === 1 && text.charCodeAt(start) === OPEN_OBJECT) lastKey = stringAt(text, from, i + 1);
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > maxDepth) sure = false;
      if (depth === 2 && c === OPEN_ARRAY && lastKey === 'items' && !itemLines) {
        itemLines = [];
        inItems = true;
        expectItem = true;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth === 2) inItems = false;
      if (--depth === 0) return { end: i + 1, keys, tokens, itemLines, endLine: line, sure };
    } else if (c === COLON) {
      keys++;
    } else if (c === COMMA) {
      if (depth === 2 && inItems) expectItem = true;
      if (depth === 1) lastKey = '';
    } else {
      let end = i;
      for (; end < text.length && !isDelimiter(text.charCodeAt(end)); end++) {
        if (text.charCodeAt(end) === APOSTROPHE || text.charCodeAt(end) === HASH) return undefined;
      }
      if (sure && !sameNumber(text.slice(i, end))) sure = false;
      i = end - 1;
    }
  }
  return undefined;
}

/** The JSON string between `from` and `to`, or `''` when it is not one. */
function stringAt(text: string, from: number, to: number): string {
  const raw = text.slice(from, to);
  if (!raw.includes('\\')) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return '';
  }
}

/** Whether a bare token (a number, `true`, `false`, `null`, or anything else JSON.parse refuses) is read alike by JSON.parse and go-yaml. */
function sameNumber(token: string): boolean {
  if (PLAIN_INTEGER.test(token) || token === 'true' || token === 'false' || token === 'null') return true;
  const number = Number(token);
  return !Number.isNaN(number) && Object.is(kubernetesPlainScalar(token), number);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDelimiter(c: number): boolean {
  return isSpace(c) || c === COMMA || c === CLOSE_ARRAY || c === CLOSE_OBJECT || c === COLON || c === QUOTE || c === OPEN_ARRAY || c === OPEN_OBJECT;
}
