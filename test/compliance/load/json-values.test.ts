import fc from 'fast-check';
import { Lexer } from 'yaml';
import { parseManifests } from '../../../src/compliance/load/parse';
import { JsonStream, scanJsonStream } from '../../../src/compliance/load/private/json-scan';
import { jsonStreamAsDocuments } from '../../../src/compliance/load/private/json-stream';
import { parseJsonValues } from '../../../src/compliance/load/private/json-values';
import { StreamLimits } from '../../../src/compliance/load/private/stream-document';
import { parseYamlStream, readYamlStream } from '../../../src/compliance/load/private/yaml-stream';
import { DEFAULT_MAX_ALIAS_COUNT, DEFAULT_MAX_DEPTH, DEFAULT_MAX_TOKENS } from '../../../src/compliance/load/types';

const LIMITS: StreamLimits = { maxDepth: DEFAULT_MAX_DEPTH, maxAliasCount: DEFAULT_MAX_ALIAS_COUNT, maxTokens: DEFAULT_MAX_TOKENS };

/** Reads a text both ways and expects the same documents, values, lines and errors; returns whether JSON.parse read it. */
function expectSameAsYaml(text: string, limits: StreamLimits = LIMITS): boolean {
  const yaml = [...readYamlStream(text, limits)];
  expect([...parseYamlStream(text, limits)]).toStrictEqual(yaml);
  return readByJsonParse(text, limits) === 'all';
}

/** How many documents of a text JSON.parse reads before the YAML reader takes over: `'all'`, a number, or `'none'` when the text is left to the YAML reader whole. */
function readByJsonParse(text: string, limits: StreamLimits = LIMITS): 'all' | 'none' | number {
  const stream = scanJsonStream(text, limits.maxDepth);
  if (!stream) return 'none';
  const json = parseJsonValues(text, stream);
  for (;;) {
    const next = json.next();
    if (next.done) return next.value ?? 'all';
  }
}

/** A Pod as kubectl writes it, Go's HTML escapes included. */
const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, namespace: 'team', labels: { app: name }, annotations: { note: '<a & b>', 'x/y': '{"k": [1, 2]}' } },
  spec: { containers: [{ name: 'app', image: 'r/app:1', ports: [{ containerPort: 8080 }], resources: {}, args: [] }], priority: 0 },
  ...extra,
});
const goEscapes = (json: string) => json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

const key = fc.oneof(fc.constantFrom('items', 'kind', 'a', 'é', '中文', 'key: x', '# c', '- d', '"q"', 'a\\b', '', '\u{1f600}', '*x', '&y', '!t', '%p'), fc.string({ unit: 'grapheme', maxLength: 6 }));
const scalar = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('yes', 'no', 'on', 'off', '0644', '1e3', '~', 'null', '', '---', '...', '\t', '\\', '\u2028', '\u0000', '\ufeff'),
  fc.constantFrom(0, -0, 1e21, 1.5e-7, 1e-7, -1, 1.2345678901234568e20, 0.1, 2 ** 53, -(2 ** 63)),
  fc.double(), fc.integer(), fc.boolean(), fc.constant(null),
);
const { value: jsonTree } = fc.letrec<{ value: unknown }>(tie => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
}));
const container = fc.oneof(fc.array(jsonTree, { maxLength: 4 }), fc.dictionary(key, jsonTree, { maxKeys: 5 }));
const indent = fc.constantFrom(undefined, 0, 1, 2, 4, '\t', ' \t');
const separator = fc.constantFrom('', ' ', '\n', '\r\n', '\n\n  ', '\t\n');

/** Kubernetes lists, typed or not, some nesting others, some items not objects. */
const list: fc.Arbitrary<unknown> = fc.letrec<{ list: unknown }>(tie => ({
  list: fc.record({
    apiVersion: fc.constantFrom('v1', undefined),
    kind: fc.constantFrom('List', 'PodList', 'DeploymentList', 'Thing'),
    items: fc.array(fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 5 }).map(n => pod(n)), jsonTree, tie('list')), { maxLength: 5 }),
  }, { requiredKeys: ['kind', 'items'] }),
})).list;

describe('JSON read by JSON.parse', () => {
  test('reads any JSON container as the YAML reader does', () => {
    fc.assert(fc.property(container, indent, (value, space) => {
      expectSameAsYaml(JSON.stringify(value, null, space));
    }), { numRuns: 1000 });
  });

  test('reads Kubernetes lists and streams of values as the YAML reader does: documents, lines, item lines', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.oneof(list, container), indent, separator), { minLength: 1, maxLength: 4 }), fc.boolean(), fc.string({ maxLength: 3, unit: fc.constantFrom(' ', '\n', '\t') }), (values, escaped, lead) => {
      const text = lead + values.map(([v, space, sep]) => `${JSON.stringify(v, null, space)}${sep}`).join('');
      expectSameAsYaml(escaped ? goEscapes(text) : text);
    }), { numRuns: 500 });
  });

  test('reads a kubectl export with JSON.parse, items located on their lines', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [pod('a'), { kind: 'PodList', apiVersion: 'v1', items: [pod('b'), pod('c')] }, pod('d')], metadata: { resourceVersion: '' } };
    for (const text of [goEscapes(JSON.stringify(list, null, 4)), JSON.stringify(list), `${JSON.stringify(list, null, 2)}${JSON.stringify(list)}\n${JSON.stringify(pod('e'))}`]) {
      expect(expectSameAsYaml(text)).toBe(true);
    }
    const text = goEscapes(JSON.stringify(list, null, 2));
    const result = parseManifests(text, 'export.json');
    expect(result.errors).toEqual([]);
    const lines = text.split('\n');
    const lineOf = (name: string) => lines.findIndex(l => l.includes(`"name": "${name}"`)) - 3; // the line of the item's `{`, 1-based
    expect(result.documents.map(d => [(d.doc as { metadata: { name: string } }).metadata.name, d.source])).toEqual([
      ['a', { file: 'export.json', document: 1, line: lineOf('a') }],
      ['b', { file: 'export.json', document: 1, line: lineOf('b') - 4 }], // nested items keep the line of the outer item
      ['c', { file: 'export.json', document: 1, line: lineOf('b') - 4 }],
      ['d', { file: 'export.json', document: 1, line: lineOf('d') }],
    ]);
    expect((result.documents[0].doc as { metadata: { annotations: unknown } }).metadata.annotations).toEqual({ note: '<a & b>', 'x/y': '{"k": [1, 2]}' });
  });

  test('reads values on one line as the YAML reader does, each value after the first on a line of its own', () => {
    const text = `{"kind":"List","items":[\n${JSON.stringify(pod('a'))}]}{"kind":"List","items":[\n${JSON.stringify(pod('b'))}]} [1]\n{"a": 1}`;
    expect(expectSameAsYaml(text)).toBe(true);
    expect(parseManifests(text, 's.json').documents.map(d => d.source)).toEqual([
      { file: 's.json', document: 1, line: 2 }, { file: 's.json', document: 2, line: 4 },
    ]);
  });

  test.each([
    ['numbers', '[0, 1e21, 1.5e-7, 9007199254740993, 1E5, 0.1, 1.0, -10, 123456789012345678, 100000000000000000000000, -0.0, 0e0, {}, []]'],
    ['unicode and escapes', '{"\\u00e9": "\\u003c\\u0026\\/ \\ud83d\\ude00 é 中 \\t\\b\\f\\n\\r\\"\\\\", "k:": "# x", "": "\'"}'],
    ['empty containers', '{}\n[]\n{"a": {}, "b": [], "c": [{}], "d": [[]]}'],
    ['a key on another line than its colon', '{"a"\n: 1, "b":\n[\n2\n]\n}'],
    ['CRLF line breaks', '{"kind": "List",\r\n"items": [\r\n{"a": 1},\r\n{"b": 2}]}\r\n{"c": 3}\r\n'],
    ['a long key', `{"${'k'.repeat(1100)}": 1}`],
  ])('reads %s with JSON.parse, as the YAML reader does', (_, text) => {
    expect(expectSameAsYaml(text)).toBe(true);
  });

  test.each([
    ['a negative zero', '[-0]'],
    ['a number beyond double precision', '[1e400]'],
    ['a duplicate key', '{"apiVersion": "v1", "kind": "Pod", "kind": "Service"}'],
    ['a duplicate key spelt with an escape', '{"kind": "Pod", "\\u006bind": "Service"}'],
    ['a duplicate key in a list item', '{"kind": "List", "items": [{"a": 1}, {"b": 1, "b": 2}]}'],
    ['a __proto__ key', '{"__proto__": {"a": 1}, "b": 2}'],
    ['a __proto__ key spelt with an escape', '{"\\u005f_proto__": {"a": 1}}'],
    ['a merge key', '{"<<": {"a": 1}, "b": 2}'],
    ['an escaped NUL', '{"a": "\\u0000"}'],
    ['a byte order mark', '\ufeff{"a": 1}'],
    ['a byte order mark between values', '{"a": 1}\n\ufeff{"b": 1}'],
    ['a lone surrogate', '{"a": "\ud800"}'],
    ['a carriage return alone', '{"a": 1,\r"b": 2}'],
    ['a C1 control character', '{"a": "\u0085"}'],
    ['a YAML word', '[True, yes]'],
    ['a trailing comma', '{"a": 1,}'],
    ['text after the value', '{"a": 1} x'],
    ['an unclosed value', '{"a": 1}\n{"b": '],
    ['a scalar', '"text"'],
    ['a comment', '{"a": 1} # c'],
    ['a single-quoted string', "{'a': 1}"],
    ['flow YAML', '{a: 1}'],
  ])('leaves %s to the YAML reader', (_, text) => {
    expect(expectSameAsYaml(text)).toBe(false);
  });

  test('reads a stream with JSON.parse up to a value it cannot read as the YAML reader does, and the rest as the YAML reader does', () => {
    const breakers = ['{"apiVersion": "v1", "kind": "Pod", "kind": "Service"}', '{"kind": "List", "items": [{"a": 1}, {"b": 1, "b": 2}]}',
      '{"a": 1,}', '[-0]', '{"a": {"b": 1, "b": 2}}'];
    fc.assert(fc.property(fc.array(fc.tuple(fc.oneof(list, container), indent, separator), { minLength: 1, maxLength: 4 }), fc.nat(), fc.constantFrom(...breakers), fc.constantFrom('\n', ' ', ''),
      (values, at, breaker, sep) => {
        const texts = values.map(([v, space, s]) => `${JSON.stringify(v, null, space)}${s}`);
        const k = at % (texts.length + 1);
        texts.splice(k, 0, `${breaker}${sep}`);
        const text = texts.join('\n');
        expectSameAsYaml(text);
        // The values before it may hold something else the YAML reader reads otherwise: JSON.parse stops at the first.
        const read = readByJsonParse(text);
        expect(typeof read).toBe('number');
        expect(read).toBeLessThanOrEqual(k);
      }), { numRuns: 300 });
  });

  test.each([
    ['a negative zero', '{"a": 1}\n[-0]\n{"c": 3}', 1],
    ['a number beyond double precision', '{"a": 1}\n{"b": [1e400]}\n{"c": 3}', 1],
    ['a line separator', '{"a": 1}\n{"b": "\u2028"}\n{"c": 3}', 1],
    ['a merge key', '{"a": 1}\n{"b": 2}\n{"<<": {"a": 1}}', 2],
    ['nesting past the limit', `{"a": 1}\n${'['.repeat(101)}${']'.repeat(101)}\n{"c": 3}`, 1],
    ['a byte order mark after the first value', '{"a": 1}\n\ufeff{"b": 2}', 0],
    ['a carriage return alone after the last value', '{"a": 1}\n{"b": 2}\r', 1],
  ])('reads the values before %s with JSON.parse, and from that value on as the YAML reader does', (_, text, read) => {
    expect(readByJsonParse(text)).toBe(read);
    expectSameAsYaml(text);
  });

  test('reads the values before a duplicate key with JSON.parse, and from it on as the YAML reader does', () => {
    const values = [pod('a'), pod('b'), { ...pod('c'), spec: {} }, pod('d'), pod('e')].map(v => JSON.stringify(v));
    values[2] = values[2].replace('"spec":{}', '"spec":{},"kind":"Service"');
    const text = values.join('\n');
    expect(readByJsonParse(text)).toBe(2);
    expectSameAsYaml(text);
    const stream = [...parseYamlStream(text, LIMITS)];
    expect(stream.map(d => [d.index, d.line, 'problem' in d ? d.problem : 'value'])).toEqual([
      [1, 1, 'value'], [2, 2, 'value'], [3, 3, 'duplicate-key'], [4, 4, 'value'], [5, 5, 'value'],
    ]);
  });

  test('stops parsing a stream at maxDocuments, as the YAML reader does', () => {
    const text = Array.from({ length: 50 }, (_, i) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } })).join('\n');
    // A merge key in a value past the limit is left to the YAML reader, the values before it are not.
    expect(readByJsonParse(`${text}\n{"<<": {}}`)).toBe(50);
    // A byte order mark before the first value leaves the whole text to the YAML reader.
    const yamlText = `\ufeff${text}`;
    expect(readByJsonParse(yamlText)).toBe(0);
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const result = parseManifests(text, 's.json', { maxDocuments: 5 });
      expect(parse).toHaveBeenCalledTimes(6);
      expect(result.documents).toHaveLength(5);
      expect(result.errors).toEqual([{ file: 's.json', document: 6, line: 6, code: 'too-many-documents', message: 'more than 5 objects in the input; the rest is not read' }]);
      expect(result).toStrictEqual(parseManifests(yamlText, 's.json', { maxDocuments: 5 }));
    } finally {
      parse.mockRestore();
    }
  });

  test('leaves a value nested deeper than the limit to the YAML reader, which refuses it', () => {
    const deep = `${'{"a":'.repeat(101)}1${'}'.repeat(101)}`;
    expect(expectSameAsYaml(`{"b": 1}\n${deep}\n`)).toBe(false);
    expect(expectSameAsYaml(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`)).toBe(true);
    expect(expectSameAsYaml(deep, { ...LIMITS, maxDepth: 101 })).toBe(true);
    expect(parseManifests(`{"b": 1}\n${deep}\n`, 'deep.json').errors).toEqual([
      { file: 'deep.json', document: 1, line: 1, code: 'not-kubernetes', message: expect.any(String) },
      { file: 'deep.json', document: 2, line: 2, code: 'too-deep', message: 'nested more than 100 levels deep' },
    ]);
  });

  test('counts no more JSON tokens than the YAML lexer counts in the same text, and on JSON without spaces at least half as many', () => {
    const lexed = (text: string) => [...new Lexer().lex(text)].length;
    const jsonTokens = (stream: JsonStream) => Array.from({ length: stream.count }, (_, k) => stream.tokens(k)).reduce((a, b) => a + b, 0);
    // What the budget counts: the values' tokens, and 1 for the first document and 2 for each later one.
    const budgeted = (stream: JsonStream) => jsonTokens(stream) + 2 * stream.count - 1;
    fc.assert(fc.property(fc.array(fc.tuple(fc.oneof(list, container), indent, separator), { minLength: 1, maxLength: 4 }), (values) => {
      const text = values.map(([v, space, sep]) => `${JSON.stringify(v, null, space)}${sep}`).join('');
      const stream = scanJsonStream(text, LIMITS.maxDepth)!;
      expect(budgeted(stream)).toBeLessThanOrEqual(lexed(jsonStreamAsDocuments(text, stream)));
      const compact = JSON.stringify(values[0][0]);
      expect(lexed(compact)).toBeLessThanOrEqual(2 * jsonTokens(scanJsonStream(compact, LIMITS.maxDepth)!) + 1);
    }), { numRuns: 500 });
  });
});
