export { printable } from '../../compliance/common/printable';

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
