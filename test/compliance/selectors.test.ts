import * as fc from 'fast-check';
import { selectorIsEmpty, SelectorIndex, selectorMatches } from '../../src/compliance/selectors';

describe('selectorMatches follows the Kubernetes label-selector semantics', () => {
  const labels = { app: 'web', tier: 'front' };
  test.each([
    ['an empty selector selects everything', {}, true],
    ['matchLabels must all match', { matchLabels: { app: 'web', tier: 'front' } }, true],
    ['a differing matchLabels value does not match', { matchLabels: { app: 'api' } }, false],
    ['In matches a listed value', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, true],
    ['In fails on a missing key', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, false],
    ['NotIn matches a missing key', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['NotIn fails on a listed value', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    ['Exists needs the key', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['DoesNotExist needs the key absent', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    ['an unknown operator never matches', { matchExpressions: [{ key: 'app', operator: 'Like', values: ['w'] }] }, false],
    ['labels and expressions are ANDed', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, false],
  ])('%s', (_t, selector, expected) => {
    expect(selectorMatches(selector as any, labels)).toBe(expected);
  });

  test('a null or absent selector selects nothing', () => {
    expect(selectorMatches(null, labels)).toBe(false);
    expect(selectorMatches(undefined, labels)).toBe(false);
  });

  test('an index finds selectors that only have expressions, bucketing an In of one value by its pair', () => {
    const index = new SelectorIndex<string>();
    index.add('team', { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }, { key: 'tier', operator: 'NotIn', values: ['db'] }] }, 'api-not-db');
    index.add('team', { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] }, 'api-or-web');
    expect(index.match('team', { app: 'api', tier: 'web' }).sort()).toEqual(['api-not-db', 'api-or-web']);
    expect(index.match('team', { app: 'api', tier: 'db' })).toEqual(['api-or-web']);
    expect(index.match('team', { app: 'web' })).toEqual(['api-or-web']);
    expect(index.match('team', { app: 'cart' })).toEqual([]);
  });

  test('a sequence where a selector belongs (which the API server refuses) selects nothing, even when indexed', () => {
    expect(selectorMatches([] as any, labels)).toBe(false);
    expect(selectorIsEmpty([] as any)).toBe(false);
    const index = new SelectorIndex<string>();
    index.add('team', [] as any, 'sequence');
    expect(index.match('team', labels)).toEqual([]);
  });

  test('selectorIsEmpty', () => {
    expect(selectorIsEmpty({})).toBe(true);
    expect(selectorIsEmpty({ matchLabels: {} })).toBe(true);
    expect(selectorIsEmpty({ matchLabels: { a: 'b' } })).toBe(false);
    expect(selectorIsEmpty(undefined)).toBe(false);
  });
});

describe('SelectorIndex', () => {
  test('finds exactly the matching selectors of a namespace and the cluster-wide ones', () => {
    const idx = new SelectorIndex<string>();
    idx.add('a', {}, 'all-a');
    idx.add('a', { matchLabels: { app: 'web' } }, 'web-a');
    idx.add('a', { matchLabels: { app: 'web', tier: 'back' } }, 'web-back-a');
    idx.add('a', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, 'tiered-a');
    idx.add('b', { matchLabels: { app: 'web' } }, 'web-b');
    idx.add(undefined, { matchLabels: { app: 'web' } }, 'web-any');
    idx.add('a', null, 'never');
    expect(idx.match('a', { app: 'web', tier: 'front' }).sort()).toEqual(['all-a', 'tiered-a', 'web-a', 'web-any']);
    expect(idx.match('b', { app: 'web' }).sort()).toEqual(['web-any', 'web-b']);
    expect(idx.match('c', { other: 'x' })).toEqual([]);
  });

  test('stays linear: 20,000 selectors and 20,000 lookups finish without scanning every selector', () => {
    const idx = new SelectorIndex<number>();
    for (let i = 0; i < 20000; i++) idx.add('ns', { matchLabels: { app: `a${i}` } }, i);
    let found = 0;
    for (let i = 0; i < 20000; i++) found += idx.match('ns', { app: `a${i}` }).length;
    expect(found).toBe(20000);
  });
});

test('an item added with two selectors matches when either does', () => {
  const idx = new SelectorIndex<string>();
  idx.add('ns', { matchLabels: { app: 'a' } }, 'x');
  idx.add('ns', { matchLabels: { app: 'b' } }, 'x');
  expect(idx.match('ns', { app: 'a' })).toEqual(['x']);
  expect(idx.match('ns', { app: 'b' })).toEqual(['x']);
});

describe('SelectorIndex agrees with selectorMatches', () => {
  const key = fc.constantFrom('app', 'tier', 'zone');
  const value = fc.constantFrom('a', 'b', 'c');
  const expression = fc.record({
    key,
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
    values: fc.array(value, { maxLength: 2 }),
  });
  const selector = fc.record({
    matchLabels: fc.option(fc.dictionary(key, value, { maxKeys: 2 }), { nil: undefined }),
    matchExpressions: fc.option(fc.array(expression, { maxLength: 2 }), { nil: undefined }),
  });
  const labels = fc.dictionary(key, value, { maxKeys: 3 });

  test('on random selectors and label sets', () => {
    fc.assert(fc.property(fc.array(selector, { maxLength: 6 }), fc.array(labels, { maxLength: 6 }), (selectors, labelSets) => {
      const index = new SelectorIndex<number>();
      selectors.forEach((s, i) => index.add('team', s as any, i));
      for (const l of labelSets) {
        const expected = selectors.map((s, i) => (selectorMatches(s as any, l) ? i : -1)).filter(i => i >= 0);
        expect(index.match('team', l).sort((a, b) => a - b)).toEqual(expected);
      }
    }), { numRuns: 500 });
  });
});
