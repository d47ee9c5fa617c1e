import { cell, code, prose } from '../../../../src/compliance/reports/private/markdown-text';

/** The cells of a GFM table row, split as cmark-gfm does: on pipes not escaped by a backslash. */
function cellsOf(row: string): string[] {
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\' && i + 1 < row.length) {
      current += row[i] + row[i + 1];
      i++;
    } else if (row[i] === '|') {
      cells.push(current);
      current = '';
    } else current += row[i];
  }
  cells.push(current);
  return cells;
}

describe('Markdown text of the reports', () => {
  const hostile = ['a | b', 'a \\| b', 'line one\r\nline two\rthree\nfour', '<script>x</script> &lt;', 'a\\', '| `x` |'];

  test('a cell never ends its row or splits into more cells, whatever the text', () => {
    for (const text of hostile) {
      const row = `| ${cell(text)} | ${prose(text)} | ${code(text)} |`;
      expect(row).not.toMatch(/[\r\n]/);
      expect(cellsOf(row)).toHaveLength(5);
      // Raw HTML only inside a code span, where it is shown as text.
      expect(cell(text) + prose(text)).not.toContain('<script');
    }
  });

  test('keeps a backslash before a pipe and shows entities as typed', () => {
    expect(cell('a\\|b')).toBe('a\\\\\\|b');
    expect(cell('&lt;')).toBe('&amp;lt;');
    expect(cell('plain text: rules[0] uses * in verbs')).toBe('plain text: rules[0] uses * in verbs');
  });

  test('prose shows Markdown punctuation as typed, not as formatting or links', () => {
    expect(prose('**urgent** see [ticket](https://example.com) `x` ~~y~~ a_b_c')).toBe(
      '\\*\\*urgent\\*\\* see \\[ticket\\](https://example.com) \\`x\\` \\~\\~y\\~\\~ a\\_b\\_c',
    );
  });

  test('a code span holds backticks with a longer fence; in a table, text with a pipe is escaped prose', () => {
    expect(code('plain')).toBe('`plain`');
    expect(code('weird `role`')).toBe('`` weird `role` ``');
    expect(code('a``b')).toBe('```a``b```');
    expect(code('bind:x|y')).toBe('bind:x\\|y');
    expect(code('bind:x|y', false)).toBe('`bind:x|y`');
    expect(code('two\nlines')).toBe('`two lines`');
  });
});
