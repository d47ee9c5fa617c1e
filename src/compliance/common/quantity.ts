/**
 * Kubernetes resource quantities (`500m`, `1.5Gi`, `128974848`, `129e6`, `1E`), parsed exactly.
 *
 * Grammar (k8s.io/apimachinery/pkg/api/resource): a signed decimal number followed by a binary SI
 * suffix (Ki, Mi, Gi, Ti, Pi, Ei), a decimal SI suffix (n, u, m, k, M, G, T, P, E) or a decimal
 * exponent (`e3`, `E-2`). Values are compared as integers of nano-units, rounded up as the API
 * server rounds sub-nano precision, so `0.1` and `100m` are equal.
 */

const QUANTITY = /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** Longest text, mantissa and exponent accepted; beyond them a value is treated as invalid. */
const MAX_LENGTH = 64;
const MAX_DIGITS = 40;
const MAX_EXPONENT = 100;

/** Nano-units in one unit: what {@link parseQuantity} returns for `1`. */
export const NANO = 1_000_000_000n;

/** Parsed strings: manifests repeat the same few quantities (`100m`, `128Mi`) many times. */
const MEMO_LIMIT = 10_000;
const memo = new Map<string, bigint | undefined>();

/**
 * The quantity in nano-units (`1` → 1000000000n, `1Ki` → 1024000000000n), or `undefined` when the
 * value is not a valid quantity. Accepts strings and the numbers YAML produces for bare values.
 */
export function parseQuantity(value: unknown): bigint | undefined {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else return undefined;
  if (text.length > MAX_LENGTH) return undefined;
  if (memo.has(text)) return memo.get(text);
  const parsed = parse(text.trim());
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(text, parsed);
  return parsed;
}

function parse(text: string): bigint | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, int = '', frac = '', suffix, exponent] = m;
  const digits = int + frac;
  if (digits === '' || digits.length > MAX_DIGITS) return undefined;
  let exp10 = 9 - frac.length;
  let exp2 = 0;
  if (exponent !== undefined) {
    const e = Number(exponent);
    if (Math.abs(e) > MAX_EXPONENT) return undefined;
    exp10 += e;
  } else if (suffix !== undefined) {
    if (suffix in BINARY_SUFFIX) exp2 = BINARY_SUFFIX[suffix];
    else exp10 += DECIMAL_SUFFIX[suffix];
  }
  let n = BigInt(digits) * (1n << BigInt(exp2));
  if (exp10 >= 0) {
    n *= 10n ** BigInt(exp10);
  } else {
    const d = 10n ** BigInt(-exp10);
    n = (n + d - 1n) / d;
  }
  return sign === '-' ? -n : n;
}

/** Whether the value is a valid quantity greater than zero. */
export function isPositiveQuantity(value: unknown): boolean {
  const q = parseQuantity(value);
  return q !== undefined && q > 0n;
}

/** Suffixes that count bytes, never CPUs: the binary units, and the decimal ones from mega up. */
const BYTE_SUFFIX = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)\s*(Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P|E)\s*$/;

/**
 * The suffix of a positive CPU amount written in a unit of bytes (`Gi` of `1Gi`, `M` of `512M`),
 * or `undefined`. Kubernetes reads any quantity as CPUs, so `cpu: 1Gi` is 1073741824 CPUs: more
 * than any node has, no bound for a limit or a quota.
 */
export function cpuByteUnit(value: unknown): string | undefined {
  const m = typeof value === 'string' ? BYTE_SUFFIX.exec(value) : null;
  const q = m ? parseQuantity(value) : undefined;
  return m && q !== undefined && q > 0n ? m[1] : undefined;
}
