import { Duration } from 'cdk8s';
import { durationText } from '../../../constructs/private/duration';

describe('durationText', () => {
  test('names a Duration in the words of cdk8s\'s toHumanString', () => {
    const cases: [Duration, string][] = [
      [Duration.millis(500), '500 millis'], [Duration.seconds(90), '1 minute 30 seconds'], [Duration.minutes(5), '5 minutes'],
      [Duration.days(30), '30 days'], [Duration.days(1), '1 day'], [Duration.seconds(1.5), '1 second 500 millis'],
      // toHumanString itself says "7 hours 60 minutes" here.
      [Duration.hours(8), '8 hours'],
    ];
    for (const [d, text] of cases) expect(durationText(d)).toBe(text);
  });

  test('names every unit the value holds, never rounded, without the noise of floating point', () => {
    expect(durationText(Duration.seconds(86_461.25))).toBe('1 day 1 minute 1 second 250 millis');
    expect(durationText(Duration.millis(7_199_600))).toBe('1 hour 59 minutes 59 seconds 600 millis');
    expect(durationText(Duration.days(1.1))).toBe('1 day 2 hours 24 minutes');
    expect(durationText(Duration.hours(0.1))).toBe('6 minutes');
    expect(durationText(Duration.millis(0.25))).toBe('0.25 millis');
  });

  test('names zero, and a value that is not a number, plainly', () => {
    expect(durationText(Duration.seconds(0))).toBe('0 seconds');
    expect(durationText(Duration.seconds(Number.NaN))).toBe('NaN');
    expect(durationText(Duration.days(Number.POSITIVE_INFINITY))).toBe('Infinity');
  });
});
