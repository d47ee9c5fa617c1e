import { parseManifests } from '../../../src/compliance/load/parse';
import { scanJsonStream } from '../../../src/compliance/load/private/json-scan';
import { jsonStreamAsDocuments } from '../../../src/compliance/load/private/json-stream';
import { DEFAULT_MAX_DEPTH } from '../../../src/compliance/load/types';

const cm = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'team' }, data: { brace: '} {"x"', quote: 'a\\"b' } });

describe('jsonStreamAsDocuments', () => {
  test('reads a stream of JSON objects (jq output) as one document each, lines kept', () => {
    const pretty = JSON.stringify(JSON.parse(cm('b')), null, 2);
    const text = `${cm('a')}\n${pretty}\n\n  ${cm('c')}${cm('d')}\n`;
    const result = parseManifests(text, 'objects.json');
    expect(result.errors).toEqual([]);
    expect(result.documents.map(d => [(d.doc as any).metadata.name, d.source.document, d.source.line])).toEqual([
      ['a', 1, 1], ['b', 2, 2], ['c', 3, pretty.split('\n').length + 3], ['d', 4, pretty.split('\n').length + 4],
    ]);
    expect((result.documents[0].doc as any).data).toEqual({ brace: '} {"x"', quote: 'a\\"b' });
    // A byte order mark before the stream.
    expect(parseManifests(`\ufeff${cm('a')}\n${cm('b')}\n`, 'bom.json').documents).toHaveLength(2);
  });

  test('puts a marker at the start of the line of each value after the first, or a line break and a marker before it', () => {
    const text = '{"a": 1}\n  [2] {"c": 3}\n';
    expect(jsonStreamAsDocuments(text, scanJsonStream(text, DEFAULT_MAX_DEPTH)!)).toBe('{"a": 1}\n---   [2] \n--- {"c": 3}\n');
    expect(jsonStreamAsDocuments(cm('a'), scanJsonStream(cm('a'), DEFAULT_MAX_DEPTH)!)).toBe(cm('a'));
  });

  test('gives the documents from a value on, starting with its marker', () => {
    const text = '{"a": 1}\n  [2] {"c": 3}\n';
    const stream = scanJsonStream(text, DEFAULT_MAX_DEPTH)!;
    expect(jsonStreamAsDocuments(text, stream, 0)).toBe('{"a": 1}\n---   [2] \n--- {"c": 3}\n');
    expect(jsonStreamAsDocuments(text, stream, 1)).toBe('---   [2] \n--- {"c": 3}\n');
    expect(jsonStreamAsDocuments(text, stream, 2)).toBe('--- {"c": 3}\n');
    // Value 3 is on line 3 of the documents, which the text from it on starts with.
    expect([stream.line(1), stream.line(2)]).toEqual([2, 3]);
  });

  test('finds no stream in anything else: YAML, YAML flow collections with quotes or comments, unclosed values, text after a value', () => {
    for (const text of ['apiVersion: v1\nkind: List\n', "{a: '}'}\n{b: 1}\n", '{a: 1} # {\n{b: 2}\n', "{a: it's}\n{b: 1}\n", '{a: 1#}\n', '{"a": 1}\n{"b": ', '{"a": 1}\n{"b": "', '{"a": 1}\nkind: x\n', '', ' \n']) {
      expect(scanJsonStream(text, DEFAULT_MAX_DEPTH)).toBeUndefined();
    }
  });
});
