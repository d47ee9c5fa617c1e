import { Duration } from 'cdk8s';

/** The units a duration is told in, largest first, with cdk8s's labels. */
const UNITS: readonly (readonly [string, number])[] = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000], ['second', 1_000]];

/**
 * A Duration as the user gave it, for error messages: every unit it holds, in the words of cdk8s's
 * `toHumanString()` (`500 millis`, `1 hour 30 minutes`, `30 days`), never rounded to what the
 * objects hold (a startup probe counts whole seconds, cert-manager keeps whole seconds), so the
 * message names the value written in the code. `toHumanString()` itself keeps two units only, and
 * can say `7 hours 60 minutes` for `Duration.hours(8)`.
 */
export function durationText(d: Duration): string {
  const total = d.toMilliseconds({ integral: false });
  if (!Number.isFinite(total)) return String(total);
  // To the nanosecond: what the unit conversions add in floating point is not part of the value.
  let left = Math.round(total * 1e6) / 1e6;
  const parts: string[] = [];
  for (const [label, size] of UNITS) {
    const whole = Math.floor(left / size);
    if (whole > 0) parts.push(`${whole} ${label}${whole === 1 ? '' : 's'}`);
    left = Math.round((left - whole * size) * 1e6) / 1e6;
  }
  if (left > 0) parts.push(`${left} millis`);
  return parts.length === 0 ? '0 seconds' : parts.join(' ');
}
