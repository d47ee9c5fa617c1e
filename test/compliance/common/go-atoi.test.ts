import { goAtoi } from '../../../src/compliance/common/go-atoi';

describe('goAtoi', () => {
  test('reads optionally signed decimal integers, as Go\'s strconv.Atoi does', () => {
    expect(['0', '7', '+3', '007', '-12', '2147483648'].map(goAtoi)).toEqual([0, 7, 3, 7, -12, 2147483648]);
  });

  test('refuses anything else, and integers beyond the safe range', () => {
    expect(['', ' 3', '3 ', '1.0', '1e3', '0x10', '+', '３', '99999999999999999999'].map(goAtoi)).toEqual(Array(9).fill(undefined));
  });
});
