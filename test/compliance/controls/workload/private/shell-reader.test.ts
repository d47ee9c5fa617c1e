import { ScriptReader } from '../../../../../src/compliance/controls/workload/private/shell-reader';

/** The commands of a script, each as the texts of its words (a redirection's as `<text`). */
const read = (script: string) => {
  const reader = new ScriptReader(script);
  reader.readList();
  return reader.commands.map(c => c.map(w => (w.redirect ? `<${w.text}` : w.text)));
};

describe('ScriptReader', () => {
  test('reads a backslash in double quotes as the shell does: it quotes only $, `, ", \\ and a newline', () => {
    expect(read('echo "a\\b" "c\\$d" "e\\"f" "g\\\\h" "i\\\nj"')).toEqual([['echo', 'a\\b', 'c$d', 'e"f', 'g\\h', 'ij']]);
  });

  test('reads a here-document as the standard input of its command: as it stands with a quoted delimiter, else expanded', () => {
    const reader = new ScriptReader("cat <<'A' <<B\n$X `y`\nA\n\\$X $Y \\a\nB\nnext");
    reader.readList();
    const [quoted, expanded] = reader.commands[0].filter(w => w.heredoc !== undefined);
    expect([quoted.text, quoted.heredoc, quoted.vars]).toEqual(['$X `y`\n', 'quoted', []]);
    expect([expanded.text, expanded.heredoc, expanded.vars]).toEqual(['$X $Y \\a\n', 'expanded', ['Y']]);
    expect(reader.commands.map(c => c[0].text)).toEqual(['cat', 'next']);
  });

  test('reads the commands of a substitution in a here-document, strips tabs with <<-, and marks a here-string', () => {
    expect(read('cat <<EOF\n$(mysql -p"$P")\nEOF')).toEqual([['cat', '<$(…)\n'], ['mysql', '-p$P']]);
    expect(read('cat <<-EOF\n\t\tx\n\tEOF\ny')).toEqual([['cat', '<x\n'], ['y']]);
    const reader = new ScriptReader("sh <<< 'app'");
    reader.readList();
    expect(reader.commands[0][1]).toMatchObject({ text: 'app', heredoc: 'string', input: true });
  });

  test('marks a reading whose substitutions nest deeper than it reads', () => {
    const deep = new ScriptReader(`${'$('.repeat(40)}x${')'.repeat(40)}`);
    deep.readList();
    const shallow = new ScriptReader('$($(x))');
    shallow.readList();
    expect([deep.limits.deep, shallow.limits.deep]).toEqual([true, false]);
  });
});
