import type { JsonStream } from './json-scan';
import type { StreamDocument } from './stream-document';

/**
 * The documents of a text that is JSON (one object or array, or a stream of them one after
 * another: {@link scanJsonStream}), read with JSON.parse, exactly as {@link parseYamlStream} reads
 * them through the YAML reader: same values, document numbers and lines (the line of each value,
 * and of each item of a Kubernetes list). The values are parsed one at a time, as they are asked
 * for, so that a reader that stops early parses no more. The documents stop before the first value
 * that the YAML reader may read otherwise or refuse (as the scan found it: nested deeper than the
 * limit, a number go-yaml reads differently, a character or key it cannot vouch for), or that
 * JSON.parse refuses or that holds a duplicate key, and the generator returns how many it gave:
 * the YAML reader reads the same ones alike, and decides from that value on. It returns
 * `undefined` when it gave them all. The token budget (in JSON tokens) is applied before, by the caller.
 */
export function* parseJsonValues(text: string, stream: JsonStream): Generator<StreamDocument, number | undefined> {
  for (let k = 0; k < stream.count; k++) {
    if (k === stream.readable) return k;
    let value: unknown;
    try {
      value = JSON.parse(stream.count === 1 ? text : text.slice(stream.start(k), stream.end(k)));
    } catch {
      return k;
    }
    if (countKeys(value) !== stream.keys(k)) return k;
    yield { index: k + 1, line: stream.line(k), value, empty: false, itemLines: listItemLines(value, stream.itemLines(k)) };
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

/** How many keys the objects of a parsed value hold, all together (-1 for a `__proto__` or `<<` key, which the YAML reader reads otherwise). Iterative. */
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
