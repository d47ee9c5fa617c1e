/**
 * Kubernetes label-selector semantics (matchLabels and matchExpressions) and an index that finds
 * the selectors matching a set of labels without scanning every selector.
 */

/** A Kubernetes LabelSelector (`matchLabels` and `matchExpressions`). */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

/**
 * Whether `selector` selects an object with `labels`. An empty selector (`{}`) selects everything;
 * `null` or `undefined` selects nothing, as in the Kubernetes API. An unknown operator selects
 * nothing, so a malformed selector never widens a match.
 */
export function selectorMatches(selector: LabelSelector | null | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (selector === null || selector === undefined || typeof selector !== 'object' || Array.isArray(selector)) return false;
  const ml = selector.matchLabels;
  if (ml && typeof ml === 'object') {
    for (const key in ml) {
      if (!Object.prototype.hasOwnProperty.call(ml, key)) continue;
      if (labels[key] !== String(ml[key])) return false;
    }
  }
  const exprs = selector.matchExpressions;
  if (Array.isArray(exprs)) {
    for (const e of exprs) {
      if (!e || typeof e !== 'object') return false;
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      switch (e.operator) {
        case 'In': if (!has || !listsValue(e.values, labels[e.key])) return false; break;
        case 'NotIn': if (has && listsValue(e.values, labels[e.key])) return false; break;
        case 'Exists': if (!has) return false; break;
        case 'DoesNotExist': if (has) return false; break;
        default: return false;
      }
    }
  }
  return true;
}

/** Whether an expression's `values` (compared as strings) include `value`. */
function listsValue(values: unknown, value: string): boolean {
  if (!Array.isArray(values)) return false;
  for (const v of values) if (String(v) === value) return true;
  return false;
}

/** Whether a selector is empty, i.e. selects every object. */
export function selectorIsEmpty(selector: LabelSelector | null | undefined): boolean {
  if (!selector || typeof selector !== 'object' || Array.isArray(selector)) return false;
  const ml = selector.matchLabels ? Object.keys(selector.matchLabels).length : 0;
  const me = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return ml === 0 && me === 0;
}

interface Entry<T> {
  readonly item: T;
  readonly selector: LabelSelector;
  /** The `matchLabels` as flat key, value pairs, values as strings. */
  readonly pairs: readonly string[];
  /** Whether the selector also has `matchExpressions`. */
  readonly expressions: boolean;
}

interface Bucket<T> {
  readonly all: T[];
  readonly scan: Entry<T>[];
  /** Entries by one `matchLabels` pair: key, then value. */
  readonly byPair: Map<string, Map<string, Entry<T>[]>>;
}

/** The label the API server sets on every namespace, with the namespace's name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The namespaces a namespace selector names through `kubernetes.io/metadata.name` (its
 * `matchLabels` and `In` expressions together), or `undefined` when it names none.
 */
export function namedNamespaces(nsSel: LabelSelector): string[] | undefined {
  const ml = nsSel.matchLabels !== null && typeof nsSel.matchLabels === 'object' && !Array.isArray(nsSel.matchLabels) ? nsSel.matchLabels : {};
  let names: string[] | undefined = NAMESPACE_NAME_LABEL in ml ? [String(ml[NAMESPACE_NAME_LABEL])] : undefined;
  for (const e of Array.isArray(nsSel.matchExpressions) ? nsSel.matchExpressions : []) {
    if (!e || e.key !== NAMESPACE_NAME_LABEL || e.operator !== 'In' || !Array.isArray(e.values)) continue;
    const values = e.values.map(String);
    names = names ? names.filter(n => values.includes(n)) : values;
  }
  return names;
}

/**
 * Finds the items whose selector matches a label set. Items are bucketed by namespace and by one
 * of their `matchLabels` pairs, so a lookup costs the number of labels plus the candidates, not
 * the number of items: cross-resource controls stay linear.
 */
export class SelectorIndex<T> {
  private readonly buckets = new Map<string, Bucket<T>>();

  /**
   * Adds an item with its namespace and selector (`undefined` namespace = every namespace).
   * An item added twice with different selectors matches when either selector does.
   */
  public add(namespace: string | undefined, selector: LabelSelector | null | undefined, item: T): void {
    if (selector === null || selector === undefined || typeof selector !== 'object' || Array.isArray(selector)) return;
    const key = namespace ?? '*';
    let b = this.buckets.get(key);
    if (!b) {
      b = { all: [], scan: [], byPair: new Map() };
      this.buckets.set(key, b);
    }
    const pairs = labelPairs(selector.matchLabels);
    const expressions = Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0;
    const entry: Entry<T> = { item, selector, pairs, expressions };
    // A selector without matchLabels but with an `In` of one value is bucketed by that pair too
    // (the whole selector is still checked on a match), so expression selectors stay linear.
    const bucket = pairs.length > 0 ? pairs : singleValueIn(selector.matchExpressions);
    if (bucket.length > 0) {
      // Bucket by the smallest key, so the bucket does not depend on key order.
      let first = 0;
      for (let i = 2; i < bucket.length; i += 2) if (bucket[i] < bucket[first]) first = i;
      let byValue = b.byPair.get(bucket[first]);
      if (!byValue) b.byPair.set(bucket[first], byValue = new Map());
      const list = byValue.get(bucket[first + 1]);
      if (list) list.push(entry); else byValue.set(bucket[first + 1], [entry]);
    } else if (selectorIsEmpty(selector)) {
      b.all.push(item);
    } else {
      b.scan.push(entry);
    }
  }

  /** The items in `namespace` (or added for every namespace) whose selector matches `labels`. */
  public match(namespace: string, labels: Readonly<Record<string, string>>): T[] {
    const out: T[] = [];
    this.collect(this.buckets.get(namespace), labels, out);
    this.collect(this.buckets.get('*'), labels, out);
    return out;
  }

  private collect(b: Bucket<T> | undefined, labels: Readonly<Record<string, string>>, out: T[]): void {
    if (!b) return;
    const all = b.all;
    for (let i = 0; i < all.length; i++) out.push(all[i]);
    const scan = b.scan;
    for (let i = 0; i < scan.length; i++) {
      if (selectorMatches(scan[i].selector, labels)) out.push(scan[i].item);
    }
    if (b.byPair.size === 0) return;
    for (const key in labels) {
      const list = b.byPair.get(key)?.get(labels[key]);
      if (list === undefined) continue;
      for (let i = 0; i < list.length; i++) {
        if (entryMatches(list[i], labels)) out.push(list[i].item);
      }
    }
  }
}

/** `matchLabels` as flat key, value pairs (values as strings, as {@link selectorMatches} compares them). */
function labelPairs(matchLabels: Readonly<Record<string, string>> | undefined): string[] {
  const out: string[] = [];
  if (!matchLabels || typeof matchLabels !== 'object') return out;
  for (const k in matchLabels) if (Object.prototype.hasOwnProperty.call(matchLabels, k)) out.push(k, String(matchLabels[k]));
  return out;
}

/** The key and value of the first `In` expression with exactly one value, as a pair; none when there is none. */
function singleValueIn(expressions: LabelSelector['matchExpressions']): string[] {
  if (!Array.isArray(expressions)) return [];
  for (const e of expressions) {
    if (e && typeof e === 'object' && e.operator === 'In' && typeof e.key === 'string' && Array.isArray(e.values) && e.values.length === 1) return [e.key, String(e.values[0])];
  }
  return [];
}

/** {@link selectorMatches} for an indexed entry, comparing its pairs first. */
function entryMatches(e: Entry<unknown>, labels: Readonly<Record<string, string>>): boolean {
  const pairs = e.pairs;
  for (let i = 0; i < pairs.length; i += 2) if (labels[pairs[i]] !== pairs[i + 1]) return false;
  return !e.expressions || selectorMatches(e.selector, labels);
}
