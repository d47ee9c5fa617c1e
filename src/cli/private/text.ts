// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes untrusted text (file names, values from manifests) safe for a terminal: control
 * characters, escape sequences and bidirectional overrides are shown as `\u{…}` instead of being
 * interpreted. Newlines and tabs are kept unless `oneLine`.
 */
export function printable(text: string, oneLine = false): string {
  const safe = text.replace(UNSAFE, c => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return oneLine ? safe.replace(/\s*\n\s*/g, ' ').replace(/\t/g, ' ') : safe;
}

/** Pads `text` with spaces to `width` characters. */
export function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function columns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  return rows.map(row => row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, widths[i]))).join('  ').trimEnd()).join('\n');
}
