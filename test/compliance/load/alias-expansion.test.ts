import { parseDocument } from 'yaml';
import { aliasExpansion } from '../../../src/compliance/load/private/alias-expansion';

const added = (text: string, limit = 1_000_000) => aliasExpansion(parseDocument(text, { merge: true, version: '1.1' }).contents, limit);

describe('aliasExpansion', () => {
  test('counts the nodes each alias copies: a scalar none, a mapping its keys and values', () => {
    expect(added('a: 1\nb: 2\n')).toBe(0);
    expect(added('a: &x hello\nb: *x\n')).toBe(0);
    // {p: 1, q: 2} is 5 nodes: the mapping, two keys, two values; each alias adds 4
    expect(added('base: &b {p: 1, q: 2}\none: *b\ntwo: {<<: *b}\n')).toBe(8);
  });

  test('counts nested aliases inside what an alias copies', () => {
    // inner: 3 nodes (+2 per copy); outer: [*i, *i] is 1 + 3 + 3 = 7 nodes once expanded (+6 per copy)
    expect(added('inner: &i {k: v}\nouter: &o [*i, *i]\ncopy: *o\n')).toBe(2 + 2 + 6);
  });

  test('resolves an alias to the last anchor of that name before it', () => {
    expect(added('a: &x [1, 2, 3]\nb: *x\nc: &x 1\nd: *x\n')).toBe(3);
  });

  test('stops counting past the limit: merge keys copying a large mapping many times', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `k${i}: 1`).join(', ');
    const merges = Array.from({ length: 50 }, (_, i) => `m${i}: {<<: *a}`).join('\n');
    expect(added(`anchor: &a {${keys}}\n${merges}\n`, 10_000)).toBe(10_001);
    expect(added(`anchor: &a {${keys}}\n${merges}\n`)).toBe(50 * 4000);
  });

  test('an alias inside its own anchor does not see it (YAML: the anchor is not defined yet)', () => {
    expect(() => added('a: &x [1, *x]\n')).not.toThrow();
  });
});
