import { isPositiveQuantity, parseQuantity } from '../../../src/compliance/common/quantity';

describe('parseQuantity', () => {
  test.each([
    ['1', 1_000_000_000n],
    ['500m', 500_000_000n],
    ['0.5', 500_000_000n],
    ['.5', 500_000_000n],
    ['1.', 1_000_000_000n],
    ['250u', 250_000n],
    ['7n', 7n],
    ['1k', 1_000_000_000_000n],
    ['1M', 1_000_000_000_000_000n],
    ['1G', 10n ** 18n],
    ['1Ki', 1024n * 10n ** 9n],
    ['1Mi', 1024n ** 2n * 10n ** 9n],
    ['1.5Gi', 3n * 1024n ** 3n * 10n ** 9n / 2n],
    ['1E', 10n ** 27n],
    ['1Ei', 2n ** 60n * 10n ** 9n],
    ['129e6', 129n * 10n ** 15n],
    ['12E-3', 12_000_000n],
    ['1e+3', 10n ** 12n],
    ['+2', 2_000_000_000n],
    ['-1', -1_000_000_000n],
    [' 64Mi ', 64n * 1024n ** 2n * 10n ** 9n],
    [2, 2_000_000_000n],
    [0.25, 250_000_000n],
  ])('%p is %p nano-units', (input, expected) => {
    expect(parseQuantity(input)).toBe(expected);
  });

  test('equal amounts in different units compare equal', () => {
    expect(parseQuantity('0.1')).toBe(parseQuantity('100m'));
    expect(parseQuantity('1Gi')).toBe(parseQuantity('1073741824'));
    expect(parseQuantity('1e3')).toBe(parseQuantity('1k'));
  });

  test('rounds sub-nano precision up, as the API server does', () => {
    expect(parseQuantity('0.0000000001')).toBe(1n);
    expect(parseQuantity('1e-12')).toBe(1n);
  });

  test.each(['', 'abc', '1 Gi', '1GB', '1Kib', 'Mi', '.', '1..2', '1e', '--1', '1e1000', `${'9'.repeat(41)}`, `${' '.repeat(70)}1`, null, undefined, {}, Number.NaN, Infinity])(
    '%p is not a quantity', input => {
      expect(parseQuantity(input)).toBeUndefined();
    });
});

describe('isPositiveQuantity', () => {
  test('accepts a value above zero and rejects zero, negatives and garbage', () => {
    expect(isPositiveQuantity('1m')).toBe(true);
    expect(isPositiveQuantity('0')).toBe(false);
    expect(isPositiveQuantity('-1')).toBe(false);
    expect(isPositiveQuantity('x')).toBe(false);
  });
});
