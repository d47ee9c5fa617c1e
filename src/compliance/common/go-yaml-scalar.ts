/**
 * How Kubernetes reads an untagged plain YAML scalar. kubectl and the API server read YAML through
 * sigs.k8s.io/yaml, which resolves scalars with go-yaml v2's `resolve`: YAML 1.1's booleans and
 * nulls, and numbers by Go's own parsers rather than YAML 1.1's patterns. Those take more than
 * YAML 1.1 does: underscores anywhere (`0_x1F`), upper-case prefixes (`0X1F`, `0B101`), `0o17`
 * octals, decimals with leading zeros (`08`, a float), signed binary digits after `0b` (`0b-1`),
 * and integers beyond 64 bits (as big integers). Timestamps stay strings.
 * @see https://github.com/kubernetes-sigs/yaml/blob/master/goyaml.v2/resolve.go
 */

/** go-yaml's plain words: booleans, nulls and the special floats. */
const WORDS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'].map(w => [w, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'].map(w => [w, false] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map(w => [w, null] as const),
  ...['.nan', '.NaN', '.NAN'].map(w => [w, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map(w => [w, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map(w => [w, -Infinity] as const),
]);

/** go-yaml's `yamlStyleFloat`, tried (underscores dropped) when the integer parsers fail. */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** Go's decimal float syntax after a leading point, underscores between digits allowed ({@link underscoresBetweenDigits}). */
const POINT_FLOAT = /^\.[0-9_]+(?:[eE][-+]?[0-9_]+)?$/;

const MAX_INT64 = 2n ** 63n - 1n;
const MAX_UINT64 = 2n ** 64n - 1n;

/** The digits each base accepts. */
const DIGITS: Readonly<Record<number, RegExp>> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };
const RADIX_PREFIX: Readonly<Record<number, string>> = { 2: '0b', 8: '0o', 10: '', 16: '0x' };

/** An integer as Go's parsers return it: the value, or why there is none. */
type Parsed = bigint | 'syntax' | 'range';

/**
 * Go's `strconv.ParseUint(s, base, 64)` for base 0 (the prefix decides: `0b`, `0o`, `0x` in either
 * case with at least one character after it, else a leading `0` for octal) or base 2. No sign.
 */
function parseUint(s: string, base: 0 | 2): Parsed {
  if (s === '') return 'syntax';
  let radix = base === 2 ? 2 : 10;
  let digits = s;
  if (base === 0 && s[0] === '0') {
    const prefix = s.length >= 3 ? s[1].toLowerCase() : '';
    radix = prefix === 'b' ? 2 : prefix === 'x' ? 16 : 8;
    digits = prefix === 'b' || prefix === 'o' || prefix === 'x' ? s.slice(2) : s.slice(1);
    if (digits === '') return 0n;
  }
  if (!DIGITS[radix].test(digits)) return 'syntax';
  const value = BigInt(`${RADIX_PREFIX[radix]}${digits}`);
  return value > MAX_UINT64 ? 'range' : value;
}

/** Go's `strconv.ParseInt(s, base, 64)`: an optional sign, then {@link parseUint}, within int64. */
function parseInt64(s: string, base: 0 | 2): Parsed {
  const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
  const magnitude = parseUint(sign ? s.slice(1) : s, base);
  if (typeof magnitude !== 'bigint') return magnitude;
  if (magnitude > (sign === '-' ? MAX_INT64 + 1n : MAX_INT64)) return 'range';
  return sign === '-' ? -magnitude : magnitude;
}

/** Go's rule for underscores in numbers: each between two digits. */
function underscoresBetweenDigits(s: string): boolean {
  return !/(^|[^0-9])_|_($|[^0-9])/.test(s);
}

/** Go's `strconv.ParseFloat(s, 64)` of a decimal float: the value, or `undefined` for a syntax or range error. */
function parseFloat64(s: string): number | undefined {
  if (s.includes('_') && !underscoresBetweenDigits(s)) return undefined;
  const value = Number(s.replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** A number of an integer Go parsed. */
function numberOf(value: Parsed): number | undefined {
  return typeof value === 'bigint' ? Number(value) : undefined;
}

/** A decimal integer well inside int64, without leading zeros: most numbers of a manifest, read without the general parsers. */
const SMALL_DECIMAL = /^(?:0|-?[1-9][0-9]{0,14})$/;

/** go-yaml's reading of a plain scalar that starts with a digit or a sign: a number, or `undefined` for a string. */
function digitScalar(s: string): number | undefined {
  if (SMALL_DECIMAL.test(s)) return Number(s);
  // A timestamp (YYYY-…) parses as no number below, and stays a string.
  const plain = s.includes('_') ? s.replace(/_/g, '') : s;
  const asInt = parseInt64(plain, 0);
  if (typeof asInt === 'bigint') return Number(asInt);
  const asUint = parseUint(plain, 0);
  if (typeof asUint === 'bigint') return Number(asUint);
  if (YAML_STYLE_FLOAT.test(plain)) {
    const float = parseFloat64(plain);
    if (float !== undefined) return float;
  }
  if (plain.startsWith('0b')) {
    const binary = numberOf(parseInt64(plain.slice(2), 2)) ?? numberOf(parseUint(plain.slice(2), 2));
    if (binary !== undefined) return binary;
  } else if (plain.startsWith('-0b')) {
    const binary = numberOf(parseInt64(`-${plain.slice(3)}`, 2));
    if (binary !== undefined) return binary;
  }
  // Beyond 64 bits, what ParseUint found too large is a big integer (big.Int's SetString(s, 0)).
  return asUint === 'range' ? Number(bigInteger(plain)) : undefined;
}

/** Digits ParseUint found valid but too large, as big.Int reads them: a prefix, or a leading `0` for octal. */
function bigInteger(s: string): bigint {
  return /^0[0-7]+$/.test(s) ? BigInt(`0o${s.slice(1)}`) : BigInt(s);
}

/**
 * The value Kubernetes reads from a plain (unquoted, untagged) scalar: a boolean, `null`, a
 * number, or the string itself.
 */
export function kubernetesPlainScalar(s: string): unknown {
  const word = WORDS.get(s);
  if (word !== undefined || WORDS.has(s)) return word;
  const first = s.charCodeAt(0);
  if (first === 0x2e /* . */) return (POINT_FLOAT.test(s) ? parseFloat64(s) : undefined) ?? s;
  const digit = first >= 0x30 && first <= 0x39;
  if (!digit && first !== 0x2b /* + */ && first !== 0x2d /* - */) return s;
  return digitScalar(s) ?? s;
}

/**
 * Characters that a YAML 1.1 reader takes for line breaks (NEL, LS, PS) or refuses in its input
 * ("control characters are not allowed": C0 controls but tab, line feed and carriage return; DEL;
 * C1 controls; U+FFFE and U+FFFF). Written only as escapes, in double quotes.
 */
// eslint-disable-next-line no-control-regex
export const YAML11_UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/g;

/**
 * Whether Kubernetes reads a string written as a plain scalar back as that string: it is not a
 * boolean, null or number to go-yaml, and holds none of {@link YAML11_UNSAFE_CHARACTERS}.
 */
export function kubernetesReadsPlainAsString(s: string): boolean {
  YAML11_UNSAFE_CHARACTERS.lastIndex = 0;
  return kubernetesPlainScalar(s) === s && !YAML11_UNSAFE_CHARACTERS.test(s);
}
