import { IConstruct } from 'constructs';
import { didYouMean } from '../../src/compliance/common/suggest';
import { whyReasonInvalid, isIsoDate, looksDated } from '../../src/compliance/reason';
import { propError, PropProblem, Soc2Error, Soc2ErrorCode } from '../errors';
import { functionScope } from './function-scope';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Problems with a DNS-1123 label (namespace and object names), `undefined` when valid. With
 * `service`, a DNS-1035 label (it names a Service); with a `maxLength` above 63, a DNS-1123
 * subdomain (names of Secrets, classes and issuers, which may hold dots).
 */
export function checkDnsLabel(prop: string, value: unknown, opts: { service?: boolean; maxLength?: number } = {}): PropProblem | undefined {
  const max = opts.maxLength ?? 63;
  const subdomain = !opts.service && max > 63;
  const re = opts.service ? DNS_1035 : subdomain ? DNS_SUBDOMAIN : DNS_LABEL;
  if (typeof value === 'string' && value.length <= max && re.test(value)) return undefined;
  const rule = opts.service ? 'a DNS-1035 label (it names a Service): lower-case letters, digits and \'-\', starting with a letter'
    : subdomain ? 'a DNS-1123 subdomain: lower-case letters, digits, \'-\' and \'.\', starting with a letter or digit'
      : 'a DNS-1123 label: lower-case letters, digits and \'-\', starting with a letter or digit';
  // A name of valid characters fails on its length alone: say how long it is.
  const tooLong = typeof value === 'string' && value.length > max ? `is ${value.length} characters long, and ` : '';
  return {
    prop, value,
    problem: `${tooLong}must be ${rule}, ending with a letter or digit, at most ${max} characters`,
    fix: `use a name like "${suggestName(value, max)}"`,
  };
}

/** A valid DNS-1035 label (so valid for every rule above) close to `value`. */
function suggestName(value: unknown, max: number): string {
  const s = String(value ?? '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, max).replace(/-+$/, '');
  return s === '' ? 'my-app' : s;
}

/** A problem with a port number, `undefined` when it is an integer from 1 to 65535. */
export function checkPort(prop: string, value: unknown): PropProblem | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535) return undefined;
  return { prop, value, problem: 'must be an integer port from 1 to 65535', fix: 'pass the port the container listens on, e.g. 8080' };
}

/** A problem with a written reason for weakening a default; `example` is a reason that fits the prop, shown in the fix. */
export function checkReason(prop: string, value: unknown, example = 'vendor image writes /var/cache; tracked in SEC-142'): PropProblem | undefined {
  const why = whyReasonInvalid(value);
  if (why) return { prop, value, problem: why, fix: `write why this exception is needed and how it is tracked (e.g. "${example}")` };
  const text = (value as string).trim();
  // Reasons are written into annotations that reviewers and the evidence read line by line.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    return { prop, value, problem: 'contains a line break or another control character, which would read as separate lines in the annotations', fix: 'write the reason on one line' };
  }
  if (looksDated(text)) {
    return { prop, value, problem: 'begins like a dated suppression ("until YYYY-MM-DD: …"), so it would be read as one', fix: 'give the date with the expires option and keep the reason itself' };
  }
  return undefined;
}

/** A problem with an ISO date that must be in the future. */
export function checkFutureDate(prop: string, value: unknown, today = new Date().toISOString().slice(0, 10)): PropProblem | undefined {
  if (!isIsoDate(value)) return { prop, value, problem: 'must be a calendar date in the form YYYY-MM-DD', fix: 'e.g. "2027-03-31"' };
  if (value < today) return { prop, value, problem: `is in the past (today is ${today})`, fix: 'renew the exception with a new date, or remove it' };
  return undefined;
}

/** Drops `undefined` entries. */
export function problems(...items: (PropProblem | undefined)[]): PropProblem[] {
  return items.filter((p): p is PropProblem => p !== undefined);
}

/**
 * Problems with props a construct does not know (a JavaScript caller, or a prop from another
 * version): each names the closest known prop, and `renamed` explains props that changed on purpose.
 */
function checkKnownProps(props: object, known: readonly string[], renamed: Readonly<Record<string, string>> = {}): PropProblem[] {
  const out: PropProblem[] = [];
  for (const key of Object.keys(props)) {
    if (known.includes(key)) continue;
    const fix = renamed[key] ?? `remove it${didYouMean(key, known).replace(/^; did you mean/, ', or did you mean')}`;
    out.push({ prop: key, value: (props as Record<string, unknown>)[key], problem: 'is not a prop of this construct', fix });
  }
  return out;
}

/**
 * For each key of a props or options interface, whether it is required: `true` for a required
 * key, `false` for an optional one. A shape that leaves out a key, names one the interface does not
 * have, or flags a key wrongly does not compile (`{ ... } satisfies KeyShape<Props>`).
 */
export type KeyShape<T> = { readonly [K in keyof T]-?: Pick<T, K> extends Required<Pick<T, K>> ? true : false };

/**
 * `value` without the optional keys of `shape` given as `null`, which JSON writes for an absent
 * field: each then takes its default exactly as if it were omitted, so a `null` never stands for
 * a value (a `false` that would turn a secure default off, a port 0, an empty name). A required
 * key given as `null` is kept, for the check of that key to refuse it naming the prop; unknown
 * keys are kept too, to be reported as such. Anything but a plain object is returned as it is.
 */
export function withoutNulls<T>(value: T, shape: Readonly<Record<string, boolean>>): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value);
  if (!entries.some(([k, v]) => v === null && shape[k] === false)) return value;
  return Object.fromEntries(entries.filter(([k, v]) => !(v === null && shape[k] === false))) as T;
}

/**
 * A construct's props as they apply, in one step: `props` without its optional props given as
 * `null` ({@link withoutNulls}), each prop it does not know reported to `found`
 * ({@link checkKnownProps}, `renamed` explaining props that changed on purpose). Props that are no
 * object (possible from JavaScript) come back as they are, with nothing reported: each construct
 * refuses them with its own message.
 */
export function propsOf<T extends object>(props: T, shape: KeyShape<T>, found: PropProblem[], renamed: Readonly<Record<string, string>> = {}): T {
  if (props === null || typeof props !== 'object') return props;
  found.push(...checkKnownProps(props, Object.keys(shape), renamed));
  return withoutNulls(props, shape as Readonly<Record<string, boolean>>);
}

/**
 * The settings of an optional object prop (`quota`, `resources.limits`, `storage`) as they apply:
 * `undefined` when it is absent (`undefined` or `null`) or not an object (reported, with `example`
 * as the fix); otherwise its unknown keys are reported, named with their path, and its optional
 * keys given as `null` are dropped ({@link withoutNulls}).
 */
export function settingsOf<T extends object>(prop: string, value: T | null | undefined, shape: KeyShape<T>, example: string, found: PropProblem[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    found.push({ prop, value, problem: 'must be an object', fix: `e.g. ${prop}: ${example}` });
    return undefined;
  }
  found.push(...unknownKeys(prop, value, Object.keys(shape)));
  return withoutNulls(value, shape as Readonly<Record<string, boolean>>);
}

/** Keys of a nested prop object (`resources.limits`, `quota`) that it does not know, named with their path. */
export function unknownKeys(prefix: string, value: unknown, known: readonly string[]): PropProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return checkKnownProps(value, known).map(p => ({ ...p, prop: `${prefix}.${p.prop}`, problem: 'is not a setting of this prop' }));
}

/**
 * A copy of a prop that maps names to values (`env`, `secretFiles`): `{}` when it is absent
 * (`undefined` or `null`) or not a mapping (reported: an array or a string would otherwise be read
 * as a mapping of its indexes).
 */
export function mappingOf(prop: string, value: unknown, what: string, example: string, found: PropProblem[]): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    found.push({ prop, value, problem: `must be a mapping of ${what}`, fix: `e.g. ${prop}: ${example}` });
    return {};
  }
  return { ...value };
}

/**
 * The options object of a method (`allowFrom`) or factory function: `{}` when it is absent
 * (`undefined`, or `null` from JavaScript), a Soc2Error with `code` on `scope` when it is not an
 * object (`prop`, with `example` as the fix) or holds an option outside `shape` (named
 * `<method>(options.<key>)`, with the closest known option); its optional options given as `null`
 * dropped ({@link withoutNulls}).
 */
export function optionsOf<T extends object>(scope: IConstruct, code: Soc2ErrorCode, prop: string, options: T | null | undefined, example: string, shape: KeyShape<T>): T {
  if (options === undefined || options === null) return {} as T;
  if (typeof options !== 'object' || Array.isArray(options)) {
    // Options with a required key cannot be left out.
    const required = Object.values(shape).some(flag => flag === true);
    throw propError(scope, code, prop, options, 'must be an object of options', `${required ? '' : 'omit it, or '}pass e.g. ${example}`);
  }
  Soc2Error.throwIf(scope, code, unknownOptions(prop, options, Object.keys(shape)));
  return withoutNulls(options, shape as Readonly<Record<string, boolean>>);
}

/**
 * The options object of a factory function (`Issuer.acmeDns01`, `Rule.read`, `Peer.cidr`), which
 * has no construct to name ({@link optionsOf}): its Soc2Error names the function where an error
 * of a construct names its path (`[INVALID_ISSUER] Issuer.acmeDns01`), and each option as
 * `<fn>(options.<key>)`. Thrown by the call itself, so the stack leads to the line that wrote it.
 */
export function factoryOptionsOf<T extends object>(fn: string, code: Soc2ErrorCode, options: T | null | undefined, example: string, shape: KeyShape<T>): T {
  return optionsOf(functionScope(fn), code, `${fn}(options)`, options, example, shape);
}

/** Options of a method (`prop` is `allowFrom(options)`) that it does not know, each named `allowFrom(options.<key>)`. */
export function unknownOptions(prop: string, options: unknown, known: readonly string[]): PropProblem[] {
  const method = prop.replace(/\(options\)$/, '');
  return unknownKeys('options', options, known).map(p => ({ ...p, prop: `${method}(${p.prop})`, problem: `is not an option of ${method}` }));
}

/**
 * How a value given where a construct was expected is named in errors: a construct by its path,
 * another object by its type, and anything else (`null`, `undefined`, a string, a number) as it is.
 */
export function describeConstruct(x: unknown): unknown {
  if (x !== null && typeof x === 'object' && 'node' in x && typeof (x as IConstruct).node?.path === 'string') return (x as IConstruct).node.path;
  return x !== null && (typeof x === 'object' || typeof x === 'function') ? typeof x : x;
}
