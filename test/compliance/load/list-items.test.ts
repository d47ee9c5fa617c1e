import fc from 'fast-check';
import { Composer, CST, Lexer, stringify } from 'yaml';
import { parseManifests } from '../../../src/compliance/load';
import { ListItems, Route } from '../../../src/compliance/load/private/list-items';
import { StreamDocument, StreamLimits } from '../../../src/compliance/load/private/stream-document';
import { YamlReader } from '../../../src/compliance/load/private/yaml-reader';
import { DEFAULT_MAX_ALIAS_COUNT, DEFAULT_MAX_DEPTH, DEFAULT_MAX_TOKENS } from '../../../src/compliance/load/types';

const LIMITS: StreamLimits = { maxDepth: DEFAULT_MAX_DEPTH, maxAliasCount: DEFAULT_MAX_ALIAS_COUNT, maxTokens: DEFAULT_MAX_TOKENS };

/** The documents of a text through the YAML reader, reading lists item by item or every document whole. */
function read(text: string, lists: boolean, limits: StreamLimits = LIMITS): StreamDocument[] {
  const reader = new YamlReader({ text, documents: 0, lines: 0 }, limits, { lists });
  for (const token of new Lexer().lex(text)) reader.push(token);
  reader.end();
  return reader.take();
}

/** Expects a text to read alike item by item and whole, and returns what it reads. */
function readAlike(text: string, limits: StreamLimits = LIMITS): StreamDocument[] {
  const documents = read(text, true, limits);
  expect(documents).toStrictEqual(read(text, false, limits));
  return documents;
}

/** The names of {@link Route}'s members, by value (a const enum has no reverse mapping). */
const ROUTE_NAMES: Readonly<Record<Route, string>> = {
  [Route.Document]: 'Document', [Route.Item]: 'Item', [Route.Hold]: 'Hold', [Route.NewItem]: 'NewItem', [Route.EndOfList]: 'EndOfList',
};

/** The routes of a text's tokens, as the names of {@link Route}, one for each token. */
function routes(text: string): string[] {
  const items = new ListItems();
  let offset = 0;
  return [...new Lexer().lex(text)].map(token => {
    const route = items.next(token, offset);
    offset += ['\u0002', '\u0018', '\u001f'].includes(token) ? 0 : token.length;
    return ROUTE_NAMES[route];
  });
}

/** The largest syntax tree the composers are given while a text is read, in characters of JSON. */
function largestTree(text: string): number {
  const next = jest.spyOn(Composer.prototype, 'next');
  try {
    read(text, true);
    return Math.max(...next.mock.calls.map(([token]) => ((token as CST.Token).type === 'document' ? JSON.stringify(token).length : 0)));
  } finally {
    next.mockRestore();
  }
}

const pod = (name: string) => `- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: ${name}\n  spec:\n    containers:\n    - name: app\n      image: r/app:1\n`;
const list = (...items: string[]) => `apiVersion: v1\nitems:\n${items.join('')}kind: List\nmetadata:\n  resourceVersion: ""\n`;

describe('the items of a kubectl List', () => {
  test('go to parsers of their own, each from the line of its `-`; the rest of the document to its parser', () => {
    expect(routes('items:\n- a: 1\n  b: 2\n- c\nkind: List\n')).toEqual([
      'Document', 'Document', 'Document', 'Document', 'Document', // mark, items, :, line break
      'NewItem', 'Item', 'Item', 'Item', 'Item', 'Item', 'Item', 'Item', 'Item', // - a: 1
      'Hold', 'Item', 'Item', 'Item', 'Item', 'Item', 'Item', 'Item', //   b: 2, its spaces held
      'NewItem', 'Item', 'Item', 'Item', 'Item', // - c
      'EndOfList', 'Document', 'Document', 'Document', 'Document', 'Document', 'Document', // kind: List
    ]);
  });

  test('are found under an indented sequence too, which ends at the first line left of it', () => {
    const seen = routes('items:\n  - a\n  - b\nkind: List\n');
    expect(seen.filter(r => r === 'NewItem')).toHaveLength(2);
    expect(seen).toContain('EndOfList');
  });

  test('are not looked for under a key that is not plain `items` at the top, nor after a directive', () => {
    for (const text of ['items: [a, b]\n', 'items: &l\n- a\n', '"items":\n- a\n', 'spec:\n  items:\n  - a\n', '%YAML 1.1\n---\nitems:\n- a\n', 'items:\n  a: 1\n- b\n']) {
      expect(routes(text)).not.toContain('NewItem');
    }
  });

  test('are read one at a time: no tree holds the whole list', () => {
    const text = list(...Array.from({ length: 50 }, (_, i) => pod(`p${i}`)));
    expect(largestTree(text)).toBeLessThan(largestTree(list(pod('p0'), pod('p1'))) * 2);
    const [document] = readAlike(text);
    expect(document).toMatchObject({ index: 1, line: 1, empty: false });
    expect((document as { value: { items: unknown[] } }).value.items).toHaveLength(50);
    expect((document as unknown as { itemLines: number[] }).itemLines.slice(0, 3)).toEqual([3, 11, 19]);
  });

  test('locate a bad item in the middle of a list as the whole document would, and the documents after it are read', () => {
    const text = `${list(pod('a'), '- apiVersion: v1\n  kind: Pod\n  metadata: {name: "b}\n', pod('c'))}---\n${list(pod('d'))}`;
    const documents = readAlike(text);
    expect(documents.map(d => ('problem' in d ? [d.index, d.line, d.problem] : [d.index, d.line]))).toEqual([[1, 13, 'syntax'], [2, 26]]);
    const result = parseManifests(text, 'export.yaml');
    expect(result.errors).toEqual([expect.objectContaining({ file: 'export.yaml', document: 1, line: 13, code: 'syntax' })]);
    expect(result.documents.map(d => [(d.doc as any).metadata.name, d.source])).toEqual([['d', { file: 'export.yaml', document: 2, line: 28 }]]);
  });

  test('locate a duplicate key inside an item', () => {
    const text = list(pod('a'), '- apiVersion: v1\n  kind: Pod\n  metadata: {name: b}\n  kind: Service\n');
    expect(readAlike(text)).toEqual([{ index: 1, line: 14, column: 3, problem: 'duplicate-key', message: 'duplicate key "kind": the same mapping sets it at line 12, column 3 already (keep one of them)' }]);
  });

  test('share anchors with each other and with the rest of the document as in the whole document', () => {
    const shared = 'apiVersion: v1\nkind: List\nmetadata: &meta {labels: {team: a}}\nitems:\n'
      + '- {apiVersion: v1, kind: ConfigMap, metadata: &cm {name: x}}\n- apiVersion: v1\n  kind: Secret\n  metadata: *cm\n- {apiVersion: v1, kind: Pod, metadata: *meta}\n';
    const [document] = readAlike(shared);
    expect((document as { value: { items: unknown[] } }).value.items).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { labels: { team: 'a' } } },
    ]);
  });

  test('make the whole list too deep when one of them is, even through a pair in a flow sequence', () => {
    const limits = { ...LIMITS, maxDepth: 4 };
    expect(readAlike(list(pod('a'), '- spec: {x: {y: 1}}\n'), limits)).toEqual([{ index: 1, line: 1, problem: 'too-deep', message: 'nested more than 4 levels deep' }]);
    expect(readAlike(list('- spec: [a: b]\n'), limits)).toEqual([
      { index: 1, line: 1, problem: 'too-deep', message: 'nested more than 4 levels deep once aliases are expanded' },
    ]);
  });

  test('in a document read again whole, keep every error its parser gives up to the end of the text', () => {
    // An anchor makes the list read whole; the unclosed `[` ends the text, after which its parser has one more error to give.
    const text = `apiVersion: v1\nkind: List\nitems:\n${pod('a')}- spec:\n     &a  - {}[\n`;
    expect(readAlike(text)).toEqual([{ index: 1, line: 13, column: 6, problem: 'syntax', message: 'Missing newline after block sequence props (and 4 more errors)' }]);
  });

  test('are refused with the whole file when the token budget runs out among them', () => {
    const text = `${list(pod('a'))}---\n${list(...Array.from({ length: 20 }, (_, i) => pod(`p${i}`)))}`;
    const result = parseManifests(text, 'big.yaml', { maxTokens: 1000 });
    expect(result.documents).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'too-complex', document: 2, line: 14, message: expect.stringContaining('the file is not read (') })]);
  });

  test('read alike item by item and whole, for any list, however written and however broken', () => {
    const item = fc.oneof(
      fc.record({ apiVersion: fc.constant('v1'), kind: fc.constantFrom('Pod', 'Service'), metadata: fc.record({ name: fc.string({ maxLength: 5 }) }), spec: fc.jsonValue({ maxDepth: 3 }) }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const damage = fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '\t', '  ', '- ', '-', '#', '&a ', '*a', '<<: *a\n', '\n', '\n---\n', '\n...\n', '"', "'", '[', '}', ': ', '? ', '|\n', '%TAG ! !x\n', '\nitems:\n- a\n', '\r\n', '!!str ')), { maxLength: 2 });
    fc.assert(fc.property(fc.array(fc.array(item, { maxLength: 4 }), { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean(), damage, (lists, indentSeq, itemsFirst, cuts) => {
      let text = lists.map(items => {
        const object = itemsFirst ? { items, apiVersion: 'v1', kind: 'List' } : { apiVersion: 'v1', items, kind: 'List' };
        return stringify(object, { indentSeq, version: '1.1', lineWidth: 0 });
      }).join('---\n');
      for (const [at, insert] of cuts) {
        const i = at % (text.length + 1);
        text = insert === '' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + insert + text.slice(i);
      }
      readAlike(text);
    }), { numRuns: 400 });
  });
});
