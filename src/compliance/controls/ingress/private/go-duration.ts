/** Go `time.ParseDuration`, which cert-manager uses for duration and renewBefore. */

const UNIT_MS: Readonly<Record<string, number>> = {
  'ns': 1e-6, 'us': 1e-3, 'µs': 1e-3, 'μs': 1e-3, 'ms': 1, 's': 1000, 'm': 60_000, 'h': 3_600_000,
};
/** Units in the order they are tried: two-letter units before their one-letter prefixes. */
const UNITS = ['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h'];

/**
 * Parses a Go duration (`2160h0m0s`, `90m`, `1.5h`, `-2h`, `0`) into milliseconds, or `undefined`
 * when the text is not one: an optional sign, then one or more numbers (`1`, `1.5`, `1.`, `.5`)
 * each followed by a unit. Go accepts a unitless value only for zero.
 */
export function parseGoDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const s = text.trim();
  let i = s[0] === '-' || s[0] === '+' ? 1 : 0;
  if (s.length === i + 1 && s[i] === '0') return 0;
  if (i === s.length) return undefined;
  let total = 0;
  while (i < s.length) {
    const start = i;
    i = digitsEnd(s, i);
    let digits = i - start;
    if (s[i] === '.') {
      const fraction = i + 1;
      i = digitsEnd(s, fraction);
      digits += i - fraction;
    }
    if (digits === 0) return undefined;
    const unit = UNITS.find(u => s.startsWith(u, i));
    if (unit === undefined) return undefined;
    total += Number(s.slice(start, i)) * UNIT_MS[unit];
    i += unit.length;
  }
  return s[0] === '-' ? -total : total;
}

/** The index after the run of ASCII digits starting at `i`. */
function digitsEnd(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  return i;
}

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** A duration in days for messages, e.g. `90` or `2.5`. */
export function formatDays(ms: number): string {
  return String(Math.round((ms / DAY_MS) * 100) / 100);
}
