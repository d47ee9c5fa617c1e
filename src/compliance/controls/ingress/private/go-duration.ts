/** Go `time.ParseDuration`, which cert-manager uses for duration and renewBefore. */

const UNIT_MS: Readonly<Record<string, number>> = {
  'ns': 1e-6, 'us': 1e-3, 'µs': 1e-3, 'μs': 1e-3, 'ms': 1, 's': 1000, 'm': 60_000, 'h': 3_600_000,
};
const WHOLE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const PART = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/**
 * Parses a Go duration (`2160h0m0s`, `90m`, `1.5h`, `-2h`, `0`) into milliseconds, or `undefined`
 * when the text is not one. Go accepts a unitless value only for zero.
 */
export function parseGoDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const s = text.trim();
  if (/^[+-]?0$/.test(s)) return 0;
  if (!WHOLE.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(PART)) total += Number(m[1]) * UNIT_MS[m[2]];
  return s.startsWith('-') ? -total : total;
}

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** A duration in days for messages, e.g. `90` or `2.5`. */
export function formatDays(ms: number): string {
  return String(Math.round((ms / DAY_MS) * 100) / 100);
}
