import { envSplitString } from '../../../src/compliance/common/env-split-string';

const texts = (value: string) => envSplitString(value).map(w => w.text);

describe('envSplitString', () => {
  test.each([
    ['mysql -px9Kq2mZw', ['mysql', '-px9Kq2mZw']],
    ['  sh   -c\t"exec app"  ', ['sh', '-c', 'exec app']],
    ["sh -c 'mysql -p\"$P\"'", ['sh', '-c', 'mysql -p"$P"']],
    ["'it\\'s' a\\_b \"x\\\"y\"", ["it's", 'a', 'b', 'x"y']],
    ['"a\\_b" c\\ d', ['a b', 'c d']],
    ["'' \"\" x", ['', '', 'x']],
    ['app --flag # a comment', ['app', '--flag']],
    ['app a#b', ['app', 'a#b']],
    ['app x\\cignored', ['app', 'x']],
  ])('splits %j as env -S does', (value, words) => {
    expect(texts(value)).toEqual(words);
  });

  test('records the ${NAME} references env expands, outside single quotes only', () => {
    expect(envSplitString('mysql -p${PW} "${USER}" \'${NOT}\' $PLAIN ${bad-name}')).toEqual([
      { text: 'mysql', vars: [] }, { text: '-p${PW}', vars: ['PW'] }, { text: '${USER}', vars: ['USER'] },
      { text: '${NOT}', vars: [] }, { text: '$PLAIN', vars: [] }, { text: '${bad-name}', vars: [] },
    ]);
  });

  test('reads unterminated quotes and references to the end', () => {
    expect(texts("a 'b c")).toEqual(['a', 'b c']);
    expect(texts('a ${B')).toEqual(['a', '${B']);
    expect(texts('a\\')).toEqual(['a\\']);
  });
});
