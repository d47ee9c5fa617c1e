/** The longest compact form of an array element that is still written on one line. */
const ROW_WIDTH = 320;

/**
 * JSON text for reports: indented by two spaces like `JSON.stringify(value, null, 2)`, except that
 * an array element whose compact form is at most {@link ROW_WIDTH} characters (an evaluation, an
 * object and its source, a ref) is written compactly on a line of its own. A large report stays
 * short, and a change to one element is a one-line diff. Parses back to the same value as
 * `JSON.stringify` gives.
 */
export function reportJson(value: unknown): string {
  return write(value, '');
}

function write(value: unknown, indent: string): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      const lines: string[] = [];
      for (const v of value) lines.push(inner + element(v, inner));
      return `[\n${lines.join(',\n')}\n${indent}]`;
    }
    const lines: string[] = [];
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      lines.push(`${inner}${JSON.stringify(key)}: ${write(member, inner)}`);
    }
    return lines.length === 0 ? '{}' : `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function element(value: unknown, indent: string): string {
  if (value !== null && typeof value === 'object') {
    const compact = JSON.stringify(value);
    if (compact.length <= ROW_WIDTH) return compact;
  }
  return write(value, indent);
}
