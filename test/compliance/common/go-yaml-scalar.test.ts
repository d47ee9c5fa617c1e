import { kubernetesPlainScalar, kubernetesReadsPlainAsString } from '../../../src/compliance/common/go-yaml-scalar';

describe('kubernetesPlainScalar', () => {
  test('reads integers as Go\'s ParseInt(s, 0, 64) does, underscores dropped first', () => {
    const cases: [string, number][] = [
      ['0', 0], ['42', 42], ['-7', -7], ['+7', 7], ['017', 15], ['0o17', 15], ['0O17', 15], ['-0o17', -15],
      ['0x1F', 31], ['0X1f', 31], ['+0x1F', 31], ['0b101', 5], ['0B101', 5], ['-0b101', -5],
      ['1_000', 1000], ['0_x1F', 31], ['0x_1F', 31], ['1__0', 10], ['0_', 0], ['+0_', 0],
      // go-yaml's own fallback for what Go's prefix parser refuses: signed binary digits after 0b.
      ['0b-0', 0], ['0b+1', 1], ['0b-1', -1], ['0_b-1', -1], ['-0b1', -1],
      // Unsigned 64-bit, and beyond it a big integer (what ParseUint finds too large).
      ['0x8000000000000000', 2 ** 63], ['0xFFFFFFFFFFFFFFFF', 2 ** 64 - 1], ['0x1FFFFFFFFFFFFFFFF', 2 ** 65 - 1], ['0o7777777777777777777777', 8 ** 22 - 1],
      // A leading-zero octal beyond 64 bits matches the float pattern first: read as a decimal.
      ['0777777777777777777777777', Number('777777777777777777777777')],
    ];
    for (const [s, n] of cases) expect([s, kubernetesPlainScalar(s)]).toEqual([s, n]);
  });

  test('reads what the integer parsers refuse as a float when it looks like one (a leading zero with 8 or 9, an exponent, too many digits)', () => {
    const cases: [string, number][] = [
      ['08', 8], ['0778', 778], ['1e3', 1000], ['1E+3', 1000], ['1.', 1], ['-1.5', -1.5], ['.5', 0.5], ['.5e3', 500], ['-.5', -0.5],
      ['99999999999999999999', 1e20], ['1_0.5', 10.5], ['.5_5', 0.55], ['.5e1_0', 5e9],
    ];
    for (const [s, n] of cases) expect([s, kubernetesPlainScalar(s)]).toEqual([s, n]);
  });

  test('reads YAML 1.1 booleans, nulls and special floats', () => {
    for (const s of ['y', 'Yes', 'ON', 'true', 'TRUE']) expect([s, kubernetesPlainScalar(s)]).toEqual([s, true]);
    for (const s of ['n', 'No', 'off', 'False']) expect([s, kubernetesPlainScalar(s)]).toEqual([s, false]);
    for (const s of ['~', 'null', 'NULL', '']) expect([s, kubernetesPlainScalar(s)]).toEqual([s, null]);
    expect(kubernetesPlainScalar('-.inf')).toBe(-Infinity);
    expect(kubernetesPlainScalar('.NaN')).toBeNaN();
  });

  test('keeps everything else a string: timestamps, versions, out-of-range and malformed numbers, words', () => {
    const strings = [
      '2026-01-01', '2026-01-01T10:00:00Z', '1.2.3', 'v1', '0x', '0b', '0x_', '0b_', '0o8', '0b102', '0xG', '1e400', '-1e400', '.5e999', '--1', '+-1', '1-2', '10.0.0.1',
      // A sign rules out ParseUint, so no unsigned or big reading: beyond int64 these stay strings.
      '+0x8000000000000000', '-0x8000000000000001', '-0b-1',
      'yES', 'nul', 'e5', '.', '._', '.e5', '._5', '.5_', '.5__5', '_1', 'Infinity', 'NaN', '0o17 ', ' 1',
    ];
    for (const s of strings) expect([s, kubernetesPlainScalar(s)]).toEqual([s, s]);
    expect(kubernetesPlainScalar('-0x8000000000000000')).toBe(-(2 ** 63));
  });

  test('kubernetesReadsPlainAsString says whether a string survives being written plain', () => {
    expect(kubernetesReadsPlainAsString('app-1')).toBe(true);
    expect(kubernetesReadsPlainAsString('1.2.3')).toBe(true);
    expect(kubernetesReadsPlainAsString('0o17')).toBe(false);
    expect(kubernetesReadsPlainAsString('off')).toBe(false);
  });
});
