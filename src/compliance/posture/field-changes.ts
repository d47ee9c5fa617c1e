import { canonicalJson } from '../common/canonical-json';
import { credentialAssignment } from '../common/config-file-credentials';
import { credentialInValue, isCredentialName } from '../common/credentials';

/**
 * The fields that changed in an object between two manifest sets, so that a posture diff can say
 * `spec.replicas: 3 → 5` instead of only naming the object. Paths are written as the engine
 * writes them in findings (`spec.template.spec.containers[0].image`).
 */

/** One changed field. */
export interface FieldChange {
  /** JSON path of the field, e.g. `spec.template.spec.containers[0].image`. */
  readonly path: string;
  /**
   * The value before; absent when the field was added (or when {@link redacted}). Inside a list
   * or mapping, values that read as credentials are replaced by {@link HIDDEN_VALUE}.
   */
  readonly before?: unknown;
  /** The value after; absent when the field was removed (or when {@link redacted}); credentials inside replaced as in {@link before}. */
  readonly after?: unknown;
  /** `added`, `removed` or `changed`. */
  readonly change: 'added' | 'removed' | 'changed';
  /**
   * The values are left out: a Secret's data or annotations, kubectl's last-applied copy of an
   * object, a value under a key or named item that reads as a credential (`password`, `API_TOKEN`),
   * or a value that is one (a URL with a password, a private key, a live API key, a configuration
   * file that sets one).
   * @default false
   */
  readonly redacted?: boolean;
}

/** The changed fields of one object. */
export interface ObjectFieldChanges {
  /** The object's ref. */
  readonly ref: string;
  /** The changed fields, in path order, at most {@link MAX_FIELD_CHANGES}. */
  readonly fields: readonly FieldChange[];
  /** How many more fields changed than {@link fields} lists. */
  readonly omitted: number;
}

/** What stands for a credential inside a value a diff shows (an env list or container added whole). */
export const HIDDEN_VALUE = '(not shown)';

/** At most this many changed fields are kept per object; the rest are counted. */
export const MAX_FIELD_CHANGES = 100;

/** The fields of a Secret whose values a diff may show; every other value of a Secret is hidden. */
const SECRET_SHOWN = /^(apiVersion|kind|type|immutable|metadata\.(name|namespace|labels(\.|\[|$)))/;
/** kubectl's copy of the whole object, Secret data included: never shown, on any kind. */
const LAST_APPLIED = 'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]';

/**
 * The fields that differ between two versions of an object (`before` and `after` are the parsed
 * manifests). Mappings are compared key by key, in sorted key order; lists of mappings that all
 * have a distinct `name` (containers, ports, volumes, env) are matched by name, and a change of
 * their order is reported on the list; other lists are compared by position, and lists of plain
 * values as a whole. No value of a Secret is copied but its name, namespace, labels, type and
 * kind, nor kubectl's last-applied copy of any object.
 */
export function fieldChanges(ref: string, before: unknown, after: unknown): ObjectFieldChanges {
  const out: FieldChange[] = [];
  let total = 0;
  const secret = isSecret(before) || isSecret(after);
  const record = (path: string, was: unknown, now: unknown, sensitive = false) => {
    total++;
    if (out.length >= MAX_FIELD_CHANGES) return;
    const change = was === undefined ? 'added' : now === undefined ? 'removed' : 'changed';
    const shownBefore = masked(was);
    const shownAfter = masked(now);
    if (sensitive || (secret && !SECRET_SHOWN.test(path)) || path === LAST_APPLIED || shownBefore === HIDDEN_VALUE || shownAfter === HIDDEN_VALUE) {
      out.push({ path, change, redacted: true });
    } else {
      out.push({ path, change, ...(was !== undefined ? { before: shownBefore } : {}), ...(now !== undefined ? { after: shownAfter } : {}) });
    }
  };
  compare('', before, after, record);
  return { ref, fields: out, omitted: total - out.length };
}

/**
 * A value as a diff may show it: a string that is a credential or a configuration file that sets
 * one (`admin_password = …`), the values under keys that read as
 * credentials and the `value` of an item named like one (an env variable `DB_PASSWORD`) replaced by
 * {@link HIDDEN_VALUE}, at any depth. The value itself when nothing is hidden.
 */
function masked(value: unknown): unknown {
  if (typeof value === 'string') return credentialInValue(value) === undefined && credentialAssignment(value) === undefined ? value : HIDDEN_VALUE;
  if (Array.isArray(value)) {
    let hid = false;
    const out = value.map(item => {
      const m = masked(item);
      if (m !== item) hid = true;
      return m;
    });
    return hid ? out : value;
  }
  if (!isMapping(value)) return value;
  const credentialItem = typeof value.name === 'string' && isCredentialName(value.name);
  let hid = false;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    const hide = item !== undefined && item !== null && (isCredentialName(key) || (credentialItem && key === 'value'));
    const m = hide ? HIDDEN_VALUE : masked(item);
    if (m !== item) hid = true;
    out[key] = m;
  }
  return hid ? out : value;
}

type Record_ = (path: string, before: unknown, after: unknown, sensitive?: boolean) => void;

/** A recorder that hides the values: below a key or a named item that holds a credential. */
function hiding(record: Record_): Record_ {
  return (path, before, after) => record(path, before, after, true);
}

function compare(path: string, before: unknown, after: unknown, record: Record_): void {
  if (isMapping(before) && isMapping(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      compare(join(path, key), own(before, key), own(after, key), isCredentialName(key) ? hiding(record) : record);
    }
  } else if (Array.isArray(before) && Array.isArray(after) && (hasMapping(before) || hasMapping(after))) {
    if (namedList(before) && namedList(after)) compareNamed(path, before, after, record);
    else compareByPosition(path, before, after, record);
  } else if (!sameValue(before, after)) {
    record(path || '(the object)', before, after);
  }
}

/** Lists matched by `name`: each item against the item of the same name, and the order of the names kept. */
function compareNamed(path: string, before: readonly { name: string }[], after: readonly { name: string }[], record: Record_): void {
  const was = new Map(before.map((item, i) => [item.name, i]));
  const now = new Map(after.map((item, i) => [item.name, i]));
  const keptBefore = before.map(i => i.name).filter(n => now.has(n));
  const keptAfter = after.map(i => i.name).filter(n => was.has(n));
  if (keptBefore.join('\u0000') !== keptAfter.join('\u0000')) record(`${path} (order)`, keptBefore, keptAfter);
  // An item added or removed whole is named, so that a replacement reads as one item out, another in.
  // An item named like a credential (an env variable API_TOKEN) has its values hidden.
  const of = (item: { name: string }) => (isCredentialName(item.name) ? hiding(record) : record);
  after.forEach((item, i) => {
    if (was.has(item.name)) compare(`${path}[${i}]`, before[was.get(item.name)!], item, of(item));
    else of(item)(`${path}[${i}] (${item.name})`, undefined, item);
  });
  before.forEach((item, i) => {
    if (!now.has(item.name)) of(item)(`${path}[${i}] (${item.name})`, item, undefined);
  });
}

/**
 * Lists without names (NetworkPolicy rules, ports): items present unchanged on both sides are
 * matched first, wherever they moved, so that an inserted rule reads as one addition; the items
 * left are then compared in order, field by field, and the rest added or removed.
 */
function compareByPosition(path: string, before: readonly unknown[], after: readonly unknown[], record: Record_): void {
  const unmatched = new Map<string, number[]>();
  before.forEach((item, i) => {
    const key = canonicalJson(item);
    const list = unmatched.get(key);
    if (list) list.push(i); else unmatched.set(key, [i]);
  });
  const keptBefore = new Set<number>();
  const freshAfter: number[] = [];
  after.forEach((item, i) => {
    const same = unmatched.get(canonicalJson(item));
    if (same && same.length > 0) keptBefore.add(same.shift()!);
    else freshAfter.push(i);
  });
  const goneBefore = before.map((_, i) => i).filter(i => !keptBefore.has(i));
  const paired = Math.min(goneBefore.length, freshAfter.length);
  for (let k = 0; k < paired; k++) compare(`${path}[${freshAfter[k]}]`, before[goneBefore[k]], after[freshAfter[k]], record);
  for (let k = paired; k < freshAfter.length; k++) record(`${path}[${freshAfter[k]}]`, undefined, after[freshAfter[k]]);
  for (let k = paired; k < goneBefore.length; k++) record(`${path}[${goneBefore[k]}]`, before[goneBefore[k]], undefined);
}

/** `spec.replicas`; keys that are not plain words are quoted, as findings write them: `metadata.labels["app.kubernetes.io/name"]`. */
function join(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** A mapping's own value for `key` (a key named `constructor` or `__proto__` is data, not inherited). */
function own(mapping: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(mapping, key) ? mapping[key] : undefined;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function hasMapping(list: readonly unknown[]): boolean {
  return list.some(isMapping);
}

/** A list whose items are all mappings with a distinct string `name`. */
function namedList(list: readonly unknown[]): list is readonly { name: string }[] {
  const names = new Set<string>();
  for (const item of list) {
    if (!isMapping(item) || typeof item.name !== 'string' || names.has(item.name)) return false;
    names.add(item.name);
  }
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function isSecret(o: unknown): boolean {
  return isMapping(o) && o.kind === 'Secret' && o.apiVersion === 'v1';
}
