import type { JsonStream } from './json-scan';

/**
 * A stream of JSON values one after another (`jq` output, `kubectl … -o json` of several objects
 * piped through it), as {@link scanJsonStream} found them, as YAML documents: `--- ` is put at the
 * start of the line of each value after the first, so that lines stay where they were. A value
 * that follows another on the same line gets a line of its own. A single value is returned as it is.
 *
 * With `from`, the documents of the values from that one on only: the text starts with the marker
 * of value `from` (on line {@link JsonStream.line} of the whole), and its documents are those the
 * YAML reader reads from that value on in the whole text.
 */
export function jsonStreamAsDocuments(text: string, stream: JsonStream, from = 0): string {
  let out = '';
  let last = from === 0 ? 0 : markerOf(text, stream, from).at;
  for (let k = Math.max(from, 1); k < stream.count; k++) {
    const { at, sameLine } = markerOf(text, stream, k);
    // The marker of the first value taken opens the text: no line break before it.
    out += `${text.slice(last, at)}${sameLine && k > from ? '\n' : ''}--- `;
    last = at;
  }
  return out + text.slice(last);
}

/**
 * Where the document marker of value `k` (not the first) goes: a marker opens a line, so at the
 * start of the value's line (only spaces before it), or, when the value follows another on its
 * line, before the value itself, after a line break put there.
 */
function markerOf(text: string, stream: JsonStream, k: number): { at: number; sameLine: boolean } {
  const start = stream.start(k);
  const sameLine = !text.slice(stream.end(k - 1), start).includes('\n');
  return { at: sameLine ? start : text.lastIndexOf('\n', start) + 1, sameLine };
}
