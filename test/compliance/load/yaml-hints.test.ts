import { parseManifests } from '../../../src/compliance/load';

const head = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';

/** The one error of a text: its line, column and message. */
function errorOf(text: string, file = 'bad.yaml') {
  const { errors } = parseManifests(text, file);
  expect(errors).toHaveLength(1);
  const [e] = errors;
  return { file: e.file, document: e.document, line: e.line, column: e.column, message: e.message };
}

describe('YAML syntax errors: where they are and what they mean', () => {
  test('a key one column short of the first key of a sequence item points at the key, with the key to align with', () => {
    const text = `${head}spec:\n    ports:\n    - port: 80\n     targetPort: 8080\n`;
    expect(errorOf(`---\n${head}---\n${text}`)).toEqual({
      file: 'bad.yaml', document: 2, line: 14, column: 6,
      message: 'bad indentation: align `targetPort` with `port` (a key of the same mapping starts in the same column) (yaml: Sequence item without - indicator)',
    });
  });

  test('a key indented deeper than the key above it names both, located at the mis-indented key', () => {
    const e = errorOf(`${head}spec:\n  ports:\n  - port: 80\n      targetPort: 8080\n`);
    expect([e.line, e.column]).toEqual([8, 7]);
    expect(e.message).toMatch(/^bad indentation: align `targetPort` with `port` \(a key of the same mapping starts in the same column\) \(yaml: Nested mappings are not allowed in compact mappings\)/);
    const m = errorOf('metadata:\n  name: a\n   labels: x\n');
    expect([m.line, m.column]).toEqual([3, 4]);
    expect(m.message).toMatch(/^bad indentation: align `labels` with `name` /);
  });

  test('a mapping key in no column of the keys around it points at the key, without a guess', () => {
    expect(errorOf('metadata:\n  name: a\n labels: x\nkind: A\n')).toMatchObject({
      line: 3, column: 2, message: 'All mapping items must start at the same column',
    });
  });

  test('a tab used for indentation', () => {
    expect(errorOf('metadata:\n  labels:\n  \ta: b\n')).toMatchObject({
      line: 3, column: 3,
      message: 'a tab indents this line: YAML indents with spaces only (replace the tab with spaces) (yaml: Tabs are not allowed as indentation)',
    });
  });

  test('an unclosed quote points at its opening quote', () => {
    expect(errorOf('metadata:\n  name: "web\n  labels: x\n')).toMatchObject({
      line: 2, column: 9,
      message: 'a quoted string is not closed: add the closing " where the string ends (it opens here and runs on to where the error is found) (yaml: Missing closing "quote)',
    });
    expect(errorOf("a: 1\nb: 'it''s\n")).toMatchObject({ line: 2, column: 4, message: expect.stringMatching(/^a quoted string is not closed: add the closing ' /) });
  });

  test('an unclosed flow sequence or mapping', () => {
    expect(errorOf('args: [a, b\nimage: x\n')).toMatchObject({
      line: 2, column: 1,
      message: 'a `[` above is not closed by `]`, or a line inside it is not indented deeper than the line where it opens (yaml: Flow sequence in block collection must be sufficiently indented and end with a ])',
    });
    expect(errorOf('labels: {a: b\nimage: x\n').message).toMatch(/^a `\{` above is not closed by `\}`/);
  });

  test('a duplicate key names where the same mapping set it first', () => {
    expect(errorOf('metadata:\n  name: a\n  labels: {}\n  name: b\n')).toMatchObject({
      line: 4, column: 3, message: 'duplicate key "name": the same mapping sets it at line 2, column 3 already (keep one of them)',
    });
  });

  test('key:value without a space, followed by another key', () => {
    expect(errorOf('spec:\n  replicas:3\n  selector: {}\n')).toMatchObject({
      line: 2, column: 3,
      message: '`replicas:3` is read as one string, not a key and its value: put a space after the colon (`replicas: 3`) (yaml: Implicit keys need to be on a single line)',
    });
  });

  test('no hint where the cause is not certain: a URL followed by a key', () => {
    expect(errorOf('a:\n  http://x\n  b: c\n').message).toMatch(/^Implicit keys need to be on a single line/);
  });

  test('an error inside an item of a kind: List keeps its line and column', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n'
      + '- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n'
      + '- apiVersion: v1\n  kind: Service\n  metadata:\n    name: web\n  spec:\n    ports:\n    - port: 80\n     targetPort: 8080\n';
    expect(errorOf(`${head}---\n${text}`, 'list.yaml')).toEqual({
      file: 'list.yaml', document: 2, line: 19, column: 6,
      message: 'bad indentation: align `targetPort` with `port` (a key of the same mapping starts in the same column) (yaml: Sequence item without - indicator)',
    });
  });
});
