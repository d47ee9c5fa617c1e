import { kubernetesPlainScalar } from '../../common/go-yaml-scalar';
import type { StreamDocument } from './yaml-stream';

/**
 * Characters and spellings whose reading by the YAML reader this module does not reproduce: control
 * and C1 characters (YAML refuses or folds some), line breaks other than `\n` and `\r\n` (YAML 1.1
 * has more), byte order marks, lone surrogates, keys that JSON.parse and YAML treat apart
 * (`__proto__`, the merge key `<<`), and escapes of control characters.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSURE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)|\p{Surrogate}|"__proto__"|"<<"|\\u00[01]/u;

/** Integers read alike by JSON.parse and by go-yaml (safe integers without a sign on zero). */
const PLAIN_INTEGER = /^(?:0|-?[1-9][0-9]{0,14})$/;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

/**
 * The JSON values of a text, as the scan finds them: where each starts and ends, the line where it
 * starts (as the YAML reader numbers it) and how many keys its objects hold, duplicates included,
 * four numbers a value in one typed array, since a stream may hold millions of values.
 */
class Extents {
  public count = 0;
  private fields = new Uint32Array(64);
  /** For the values that are objects with an `items` array, the line where each item starts. */
  private readonly items = new Map<number, number[]>();

  public add(start: number, end: number, line: number, keys: number, itemLines: number[] | undefined): void {
    if (4 * this.count === this.fields.length) {
      const grown = new Uint32Array(2 * this.fields.length);
      grown.set(this.fields);
      this.fields = grown;
    }
    const at = 4 * this.count;
    this.fields[at] = start;
    this.fields[at + 1] = end;
    this.fields[at + 2] = line;
    this.fields[at + 3] = keys;
    if (itemLines) this.items.set(this.count, itemLines);
    this.count++;
  }

  public start(k: number): number { return this.fields[4 * k]; }
  public end(k: number): number { return this.fields[4 * k + 1]; }
  public line(k: number): number { return this.fields[4 * k + 2]; }
  public keys(k: number): number { return this.fields[4 * k + 3]; }
  public itemLines(k: number): number[] | undefined { return this.items.get(k); }
}

/**
 * The documents of a text that is JSON (one object or array, or a stream of them one after
 * another), read with JSON.parse, exactly as {@link parseYamlStream} reads them through the YAML
 * reader: same values, document numbers and lines (the line of each value, and of each item of a
 * Kubernetes list). `undefined` for any other text, and for any JSON the YAML reader may read
 * otherwise or refuse (nested deeper than `maxDepth`, a number go-yaml reads differently, a
 * character or key listed in {@link UNSURE}): the YAML reader decides those. The text is scanned
 * whole first; the values are then parsed one at a time, as they are asked for, so that a reader
 * that stops early parses no more. A value that JSON.parse refuses, or that holds a duplicate key,
 * is found only then: the documents stop before it and the generator returns how many it gave
 * (the YAML reader reads the same ones alike, and decides from that value on); it returns
 * `undefined` when it gave them all. The token budget is applied before, by the caller, as for YAML.
 */
export function parseJsonValues(text: string, maxDepth: number): Generator<StreamDocument, number | undefined> | undefined {
  // YAML, the usual input, is told apart by its first character, before the whole text is searched.
  const first = text.search(/\S/);
  if (first < 0 || (text.charCodeAt(first) !== OPEN_OBJECT && text.charCodeAt(first) !== OPEN_ARRAY)) return undefined;
  if (UNSURE.test(text)) return undefined;
  const extents = scanJson(text, maxDepth);
  return extents ? jsonDocuments(text, extents) : undefined;
}

/** The values found by {@link scanJson}, parsed one at a time (see {@link parseJsonValues}). */
function* jsonDocuments(text: string, extents: Extents): Generator<StreamDocument, number | undefined> {
  for (let k = 0; k < extents.count; k++) {
    let value: unknown;
    try {
      value = JSON.parse(extents.count === 1 ? text : text.slice(extents.start(k), extents.end(k)));
    } catch {
      return k;
    }
    if (countKeys(value) !== extents.keys(k)) return k;
    yield { index: k + 1, line: extents.line(k), value, empty: false, itemLines: listItemLines(value, extents.itemLines(k)) };
  }
  return undefined;
}

/** The item lines of a Kubernetes list (`kind: List`, `<Kind>List`), as the YAML reader reports them. */
function listItemLines(value: unknown, itemLines: number[] | undefined): number[] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { kind, items } = value as { kind?: unknown; items?: unknown };
  if (typeof kind !== 'string' || !kind.endsWith('List') || !Array.isArray(items)) return undefined;
  return itemLines;
}

/** How many keys the objects of a parsed value hold, all together (-1 for a key listed in {@link UNSURE}). Iterative. */
function countKeys(root: unknown): number {
  let keys = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') stack.push(item);
    } else {
      for (const key in value) {
        if (key === '__proto__' || key === '<<') return -1;
        keys++;
        const item = (value as Record<string, unknown>)[key];
        if (item !== null && typeof item === 'object') stack.push(item);
      }
    }
  }
  return keys;
}

/**
 * The values of a JSON text (objects and arrays separated by whitespace), with their lines, key
 * counts and list item lines, in one linear pass that skips strings and escapes; `undefined` when the text
 * is not such a stream, nests deeper than `maxDepth`, or holds a number go-yaml reads otherwise.
 * Syntax is left to JSON.parse. A value that follows another on its line is put on a line of its own by
 * {@link jsonStreamAsDocuments}, which moves every later line down by one: lines count that in.
 */
function scanJson(text: string, maxDepth: number): Extents | undefined {
  const extents = new Extents();
  let line = 1;
  let shift = 0;
  let i = 0;
  let previousEnd = -1;
  for (;;) {
    let sameLine = previousEnd >= 0;
    for (; i < text.length && isSpace(text.charCodeAt(i)); i++) {
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
    extents.add(value.start, value.end, line + shift, value.keys, value.itemLines?.map(l => l + shift));
    line = value.endLine;
    i = value.end;
    previousEnd = i;
  }
  return extents.count > 0 ? extents : undefined;
}

/** One object or array starting at `start` on `line`. */
function scanValue(text: string, start: number, line: number, maxDepth: number):
{ start: number; end: number; keys: number; itemLines?: number[]; endLine: number } | undefined {
  let depth = 0;
  let keys = 0;
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
    if (expectItem && c !== CLOSE_ARRAY) itemLines!.push(line);
    expectItem = false;
    if (c === QUOTE) {
      const from = i;
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
      if (i >= text.length) return undefined;
      if (depth === 1 && text.charCodeAt(start) === OPEN_OBJECT) lastKey = stringAt(text, from, i + 1);
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > maxDepth) return undefined;
      if (depth === 2 && c === OPEN_ARRAY && lastKey === 'items' && !itemLines) {
        itemLines = [];
        inItems = true;
        expectItem = true;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth === 2) inItems = false;
      if (--depth === 0) return { start, end: i + 1, keys, itemLines, endLine: line };
    } else if (c === COLON) {
      keys++;
    } else if (c === COMMA) {
      if (depth === 2 && inItems) expectItem = true;
      if (depth === 1) lastKey = '';
    } else {
      let end = i;
      while (end < text.length && !isDelimiter(text.charCodeAt(end))) end++;
      if (!sameNumber(text.slice(i, end))) return undefined;
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
