/**
 * Text from manifests, made safe for the Markdown reports (evidence matrix, diff): inside a table
 * cell nothing may end the row or the cell, and text a user wrote (a suppression reason) must
 * read as written, not as formatting, links or HTML.
 */

/** CR LF, a lone CR and a lone LF: each is a line ending in CommonMark. */
const LINE_END = /\r\n?|\n/g;
/** What would end a table cell or start raw HTML or an entity. */
const CELL_SPECIAL = /[\\|<&\r\n]/;
/** Markdown punctuation that formats or links prose. */
const PROSE_SPECIAL = /[`*_~[\]]/g;

/** Text safe inside a table cell: pipes, backslashes, HTML and line breaks escaped. */
export function cell(text: string): string {
  if (!CELL_SPECIAL.test(text)) return text;
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(LINE_END, '<br>');
}

/** Free text a user wrote, for a table cell: as {@link cell}, and its Markdown punctuation shown as typed. */
export function prose(text: string): string {
  return cell(text).replace(PROSE_SPECIAL, '\\$&');
}

/**
 * A code span of `text` on one line, fenced with more backticks than any run inside it. In a
 * table cell, text holding a pipe is given as escaped prose instead: GFM splits cells before it
 * reads code spans, and a backslash before a pipe cannot be escaped inside a code span.
 */
export function code(text: string, inTable = true): string {
  const line = text.replace(LINE_END, ' ');
  if (inTable && line.includes('|')) return prose(line);
  if (!line.includes('`')) return `\`${line}\``;
  let longest = 0;
  for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}
