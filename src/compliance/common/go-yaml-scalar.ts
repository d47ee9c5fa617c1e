/**
 * How Kubernetes reads an untagged plain YAML scalar. kubectl and the API server read YAML through
 * sigs.k8s.io/yaml, which resolves scalars with go-yaml v2: YAML 1.1's booleans and nulls, and
 * numbers by Go's own parsers rather than YAML 1.1's patterns. Those take more than YAML 1.1 does:
 * underscores anywhere (`0_x1F`), upper-case prefixes (`0X1F`, `0B101`), `0o17` octals, and
 * decimals with leading zeros (`08`, a float). Timestamps stay strings.
 * @see https://github.com/go-yaml/yaml/blob/v2/resolve.go
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

/** Go's `strconv.ParseInt(s, 0, 64)` syntax, once go-yaml has dropped every underscore. */
const GO_INTEGER = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/;

/** go-yaml's `yamlStyleFloat`, tried (underscores dropped) when the integer parsers fail. */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** What Go's `strconv.ParseFloat` takes of a scalar that starts with a point. */
const POINT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;

/** The largest magnitude Go's int64 and uint64 parsers take, by sign. */
const MAX_NEGATIVE = 2n ** 63n;
const MAX_UNSIGNED = 2n ** 64n - 1n;

/** The integer Go parses, or `undefined` when `plain` is not one it takes (or is out of its range). */
function goInteger(plain: string): number | undefined {
  const m = GO_INTEGER.exec(plain);
  if (!m) return undefined;
  const [, sign, hex, octal, binary, leadingZeroOctal, decimal] = m;
  if (decimal !== undefined) return Number(plain);
  const magnitude = hex !== undefined ? BigInt(`0x${hex}`) : octal !== undefined ? BigInt(`0o${octal}`)
    : binary !== undefined ? BigInt(`0b${binary}`) : BigInt(`0o${leadingZeroOctal || '0'}`);
  if (magnitude > (sign === '-' ? MAX_NEGATIVE : MAX_UNSIGNED)) return undefined;
  return sign === '-' ? -Number(magnitude) : Number(magnitude);
}

/**
 * The value Kubernetes reads from a plain (unquoted, untagged) scalar: a boolean, `null`, a
 * number, or the string itself.
 */
export function kubernetesPlainScalar(s: string): unknown {
  const word = WORDS.get(s);
  if (word !== undefined || WORDS.has(s)) return word;
  const first = s.charCodeAt(0);
  if (first === 0x2e /* . */) return POINT_FLOAT.test(s) ? Number(s) : s;
  const digit = first >= 0x30 && first <= 0x39;
  if (!digit && first !== 0x2b /* + */ && first !== 0x2d /* - */) return s;
  const plain = s.includes('_') ? s.replace(/_/g, '') : s;
  const integer = goInteger(plain);
  if (integer !== undefined) return integer;
  if (YAML_STYLE_FLOAT.test(plain)) {
    const float = Number(plain);
    if (Number.isFinite(float)) return float;
  }
  return s;
}

/** The characters YAML 1.1 counts as line breaks besides LF and CR: NEL, LS and PS. */
export const YAML11_LINE_BREAKS = /[\u0085\u2028\u2029]/g;

/**
 * Whether Kubernetes reads a string written as a plain scalar back as that string: it is not a
 * boolean, null or number to go-yaml, and holds none of YAML 1.1's other line breaks (NEL, LS, PS,
 * which a YAML 1.2 writer leaves as they are and go-yaml folds).
 */
export function kubernetesReadsPlainAsString(s: string): boolean {
  YAML11_LINE_BREAKS.lastIndex = 0;
  return kubernetesPlainScalar(s) === s && !YAML11_LINE_BREAKS.test(s);
}
