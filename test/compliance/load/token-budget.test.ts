import { Lexer, Parser } from 'yaml';
import { parseManifests } from '../../../src/compliance/load/parse';
import { scanJsonStream } from '../../../src/compliance/load/private/json-scan';
import { StreamLimits } from '../../../src/compliance/load/private/stream-document';
import { parseYamlStream, readYamlStream } from '../../../src/compliance/load/private/yaml-stream';
import { DEFAULT_MAX_ALIAS_COUNT, DEFAULT_MAX_DEPTH, DEFAULT_MAX_TOKENS } from '../../../src/compliance/load/types';

const LIMITS: StreamLimits = { maxDepth: DEFAULT_MAX_DEPTH, maxAliasCount: DEFAULT_MAX_ALIAS_COUNT, maxTokens: DEFAULT_MAX_TOKENS };
const HINT = '(split the file, or raise --max-file-size)';

/** Each document of a stream as its number, line, and value or problem and message. */
const summary = (text: string, maxTokens: number, read = parseYamlStream) => [...read(text, { ...LIMITS, maxTokens })]
  .map(d => ('problem' in d ? [d.index, d.line, d.problem, d.message] : [d.index, d.line, d.value]));

describe('the token budget', () => {
  test('counts JSON in JSON tokens: strings (keys included), numbers, literals and punctuation, not spaces', () => {
    const text = '{"a": [1, true, null, "x\\"}"], "b": {}}';
    expect(scanJsonStream(text, DEFAULT_MAX_DEPTH)!.tokens(0)).toBe(18);
    // The YAML lexer counts more in the same text: spaces, and a mark before each plain scalar.
    expect([...new Lexer().lex(text)]).toHaveLength(28);
  });

  test('refuses JSON read by JSON.parse past maxTokens JSON tokens, all values together, naming the value where they pass it', () => {
    // 17 tokens and the first document's start, then 908 and the line break and `---` before the second: 928.
    const text = `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}\n{"list": [${'{}, '.repeat(300)}{}]}\n`;
    expect(parseManifests(text, 'dense.json', { maxTokens: 927 })).toEqual({ documents: [], nonEmpty: 1, withKind: 0, truncated: false, errors: [
      { file: 'dense.json', document: 2, line: 2, column: undefined, code: 'too-complex', message: `more than 927 JSON tokens in the file (reached in this document); the file is not read ${HINT}` },
    ] });
    expect(parseManifests(text, 'dense.json', { maxTokens: 928 }).errors.map(e => [e.document, e.code])).toEqual([[2, 'not-kubernetes']]);
    // The YAML reader alone counts 1237 YAML tokens in it.
    expect(summary(text, 1236, readYamlStream)).toEqual([[2, 2, 'too-complex', `more than 1236 YAML tokens in the file (reached in this document); the file is not read ${HINT}`]]);
  });

  test('counts each value of a stream as a document too, as the YAML lexer does: a stream of tiny values is refused as it was', () => {
    // 2 tokens a value, and 1 for the first document's start and 2 before each later one: 4 × 1,000 - 1.
    const text = '{}\n'.repeat(1000);
    expect(summary(text, 3998)).toEqual([[1000, 1000, 'too-complex', `more than 3998 JSON tokens in the file (reached in this document); the file is not read ${HINT}`]]);
    expect(summary(text, 3999)).toHaveLength(1000);
    // The YAML reader alone counts more (the line break after each value too), and stops at document 801.
    expect(summary(text, 3999, readYamlStream)[0]).toEqual([801, 801, 'too-complex', `more than 3999 YAML tokens in the file (reached in this document); the file is not read ${HINT}`]);
  });

  test('counts JSON read by JSON.parse without the YAML lexer', () => {
    const pod = (i: number) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `app-${i}`, namespace: 'team-a', labels: { 'app.kubernetes.io/name': `app-${i}` } }, spec: { containers: [{ name: 'app', image: 'registry.example.com/team-a/app:1.0.0' }] } });
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: 500 }, (_, i) => pod(i)) });
    // Long enough for both of the YAML lexer's counts: tokens, and depth (over 64 KiB, 1,000 `-` on its line).
    expect(text.length).toBeGreaterThan(64 * 1024);
    const lex = jest.spyOn(Lexer.prototype, 'lex');
    try {
      const result = parseManifests(text, 'export.json', { maxTokens: text.length });
      expect(result.errors).toEqual([]);
      expect(result.documents).toHaveLength(500);
      expect(lex).not.toHaveBeenCalled();
      expect([...readYamlStream(text, { ...LIMITS, maxTokens: text.length })]).toHaveLength(1);
      expect(lex).toHaveBeenCalled();
    } finally {
      lex.mockRestore();
    }
  });

  test('counts what the scan leaves to the YAML reader in YAML tokens as well, from that value on, before anything is read', () => {
    // JSON.parse reads the first two values; the YAML reader reads `-0` as go-yaml does (the integer 0): 608 YAML tokens from it on, 626 in all.
    const text = `{"a": 1}\n{"b": 2}\n[-0${',0'.repeat(200)}]\n`;
    expect(summary(text, 607)).toEqual([[3, 3, 'too-complex', `more than 607 YAML tokens in the file (reached in this document); the file is not read ${HINT}`]]);
    expect(summary(text, 608)).toEqual([[1, 1, { a: 1 }], [2, 2, { b: 2 }], [3, 3, Array(201).fill(0)]]);
    expect(summary(text, 608, readYamlStream)).toEqual([[3, 3, 'too-complex', `more than 608 YAML tokens in the file (reached in this document); the file is not read ${HINT}`]]);
    // The JSON tokens of all three values (413) are within the budget too.
    expect(summary(text, 412)).toEqual([[3, 3, 'too-complex', `more than 412 JSON tokens in the file (reached in this document); the file is not read ${HINT}`]]);
  });

  test('counts the text from a value JSON.parse refuses (a duplicate key) on in YAML tokens, and names the first document not read', () => {
    // The scan finds nothing for the YAML reader; JSON.parse reads the first value, and refuses the second: 625 YAML tokens from it on.
    const text = `{"a": 1}\n{"b": 1, "b": 2}\n[${'0,'.repeat(200)}0]\n`;
    expect(summary(text, 624)).toEqual([
      [1, 1, { a: 1 }],
      [3, 3, 'too-complex', `more than 624 YAML tokens in the file (reached in this document); the file is not read from document 2 on ${HINT}`],
    ]);
    expect(summary(text, 625).map(d => d.slice(0, 3))).toEqual([[1, 1, { a: 1 }], [2, 2, 'duplicate-key'], [3, 3, Array(201).fill(0)]]);
  });

  test('counts YAML tokens as the reader reads them, holding its documents back until the whole file is within the budget', () => {
    const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;
    const text = `${cm('a')}---\n${cm('b')}---\n${cm('c')}`;
    const tokens = [...new Lexer().lex(text)].length;
    const lex = jest.spyOn(Lexer.prototype, 'lex');
    try {
      expect(summary(text, tokens).map(d => d[0])).toEqual([1, 2, 3]);
      expect(lex).toHaveBeenCalledTimes(1);
      expect(summary(text, tokens - 1)).toEqual([[3, 8, 'too-complex', `more than ${tokens - 1} YAML tokens in the file (reached in this document); the file is not read ${HINT}`]]);
    } finally {
      lex.mockRestore();
    }
  });

  test('counts the whole file before the parser builds a tree larger than a Kubernetes object, and refuses it unbuilt', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `  k${i}: v`).join('\n');
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${keys(20_000)}\n`;
    const next = jest.spyOn(Parser.prototype, 'next');
    try {
      // About 160,000 tokens, over a budget of 100,000: the parser stops at the first 50,000.
      expect(summary(big, 100_000)).toEqual([[1, 1, 'too-complex', `more than 100000 YAML tokens in the file (reached in this document); the file is not read ${HINT}`]]);
      expect(next.mock.calls.length).toBeLessThan(51_000);
      next.mockClear();
      // Within the budget, it is read once counted.
      expect(summary(big, 200_000)).toEqual([[1, 1, expect.objectContaining({ kind: 'ConfigMap' })]]);
      expect(next.mock.calls.length).toBeGreaterThan(150_000);
    } finally {
      next.mockRestore();
    }
  });

  test('refuses a file whose JSON nests more than ten times the depth limit after values JSON.parse could read, before reading them', () => {
    const text = `{"a": 1}\n${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(summary(text, DEFAULT_MAX_TOKENS)).toEqual([[2, 2, 'too-deep', 'nested more than 1000 levels deep; the file is not read']]);
  });
});
