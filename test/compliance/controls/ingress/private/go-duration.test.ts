import { parseGoDuration } from '../../../../../src/compliance/controls/ingress/private/go-duration';

describe('Go durations', () => {
  test.each([
    ['2160h0m0s', 2160 * 3_600_000],
    ['90m', 90 * 60_000],
    ['1.5h', 5_400_000],
    ['.5s', 500],
    ['1h30m', 5_400_000],
    ['-2h', -7_200_000],
    ['0', 0],
    ['300ms', 300],
    ['1000us', 1],
    ['1000µs', 1],
    ['2000000ns', 2],
    ['1.h', 3_600_000],
    ['+1m', 60_000],
    ['-0', 0],
    [' 15m ', 900_000],
  ])('%j is %j ms', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms);
  });

  test.each(['90d', '10', '', 'h', '1h 30m', '1.h2', '.h', '-', '+', '--1h', '1hh', '1e3s', undefined, 5])('%j is not a Go duration', text => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
