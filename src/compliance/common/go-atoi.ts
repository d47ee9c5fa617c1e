/**
 * Go's `strconv.Atoi` on a 64-bit platform, as Go controllers parse integer annotations (the
 * cert-manager ingress-shim, KEDA): an optionally signed decimal integer (`+3`, `007`), or
 * `undefined`. Beyond JavaScript's safe integers it is `undefined` too: no count is that large.
 */
export function goAtoi(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The largest count Go's `strconv.ParseInt(value, 10, 32)` reads, as controllers parse 32-bit counts (KEDA, Knative). */
const MAX_INT32 = 2147483647;

/**
 * A non-negative count as Go's `strconv.ParseInt(value, 10, 32)` reads it, as controllers parse
 * 32-bit counts in annotations (KEDA's `paused-replicas`, Knative's `min-scale`): an optionally
 * signed decimal integer from 0 to 2147483647 (`-0` reads as 0), or `undefined`.
 */
export function goCount32(text: string): number | undefined {
  const n = goAtoi(text);
  return n !== undefined && n >= 0 && n <= MAX_INT32 ? n + 0 : undefined;
}
