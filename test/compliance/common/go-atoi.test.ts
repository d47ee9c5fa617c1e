import { goAtoi, goCount32 } from '../../../src/compliance/common/go-atoi';

describe('goAtoi', () => {
  test('reads optionally signed decimal integers, as Go\'s strconv.Atoi does', () => {
    expect(['0', '7', '+3', '007', '-12', '2147483648'].map(goAtoi)).toEqual([0, 7, 3, 7, -12, 2147483648]);
  });

  test('refuses anything else, and integers beyond the safe range', () => {
    expect(['', ' 3', '3 ', '1.0', '1e3', '0x10', '+', '３', '99999999999999999999'].map(goAtoi)).toEqual(Array(9).fill(undefined));
  });
});

describe('goCount32', () => {
  test('reads the non-negative counts Go\'s strconv.ParseInt(v, 10, 32) reads, up to 2147483647', () => {
    expect(['0', '3', '+3', '007', '2147483647'].map(goCount32)).toEqual([0, 3, 3, 7, 2147483647]);
  });

  test('reads -0 as 0, not as negative zero', () => {
    expect(Object.is(goCount32('-0'), 0)).toBe(true);
  });

  test('refuses negative counts, counts beyond 32 bits and anything that is no decimal integer', () => {
    expect(['-1', '2147483648', '99999999999999999999', '', ' 1', '1.0', '0x10'].map(goCount32)).toEqual(Array(7).fill(undefined));
  });
});
