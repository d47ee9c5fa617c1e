/**
 * A stream of JSON values one after another (`jq` output, `kubectl … -o json` of several objects
 * piped through it) as YAML documents: `--- ` is put at the start of the line of each value after
 * the first, so that lines stay where they were. A value that follows another on the same line
 * gets a line of its own. Any other text, and a single value, is returned as it
 * is. Linear in the text; strings and escapes are skipped as JSON reads them.
 */
export function jsonStreamAsDocuments(text: string): string {
  let i = skipSpace(text, 0);
  if (text[i] !== '{' && text[i] !== '[') return text;
  const starts: { at: number; sameLine: boolean }[] = [];
  while (i < text.length) {
    const end = endOfValue(text, i);
    if (end < 0) return text;
    const next = skipSpace(text, end);
    if (next >= text.length) break;
    if (text[next] !== '{' && text[next] !== '[') return text;
    starts.push({ at: next, sameLine: !text.slice(end, next).includes('\n') });
    i = next;
  }
  if (starts.length === 0) return text;
  let out = '';
  let last = 0;
  for (const { at, sameLine } of starts) {
    // A document marker opens a line: at the start of the value's line (only spaces before it).
    const insertAt = sameLine ? at : text.lastIndexOf('\n', at) + 1;
    out += `${text.slice(last, insertAt)}${sameLine ? '\n' : ''}--- `;
    last = insertAt;
  }
  return out + text.slice(last);
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r' || text[i] === '\ufeff')) i++;
  return i;
}

/** The index just after the JSON object or array that starts at `i`, or -1 when it does not close. */
function endOfValue(text: string, i: number): number {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (i >= text.length) return -1;
    } else if (c === '\'' || c === '#') {
      return -1; // YAML (a single-quoted string, a comment), not JSON
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}
