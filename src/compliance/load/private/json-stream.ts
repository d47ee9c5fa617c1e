import type { JsonStream } from './json-scan';

/**
 * A stream of JSON values one after another (`jq` output, `kubectl … -o json` of several objects
 * piped through it), as {@link scanJsonStream} found them, as YAML documents: `--- ` is put at the
 * start of the line of each value after the first, so that lines stay where they were. A value
 * that follows another on the same line gets a line of its own. A single value is returned as it is.
 */
export function jsonStreamAsDocuments(text: string, stream: JsonStream): string {
  let out = '';
  let last = 0;
  for (let k = 1; k < stream.count; k++) {
    const at = stream.start(k);
    const sameLine = !text.slice(stream.end(k - 1), at).includes('\n');
    // A document marker opens a line: at the start of the value's line (only spaces before it).
    const insertAt = sameLine ? at : text.lastIndexOf('\n', at) + 1;
    out += `${text.slice(last, insertAt)}${sameLine ? '\n' : ''}--- `;
    last = insertAt;
  }
  return out + text.slice(last);
}
