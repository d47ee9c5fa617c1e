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
  if (selector === null || selector === undefined || typeof selector !== 'object') return false;
  const ml = selector.matchLabels;
  if (ml && typeof ml === 'object') {
    for (const key of Object.keys(ml)) {
      if (labels[key] !== String(ml[key])) return false;
    }
  }
  const exprs = selector.matchExpressions;
  if (Array.isArray(exprs)) {
    for (const e of exprs) {
      if (!e || typeof e !== 'object') return false;
      const has = Object.prototype.hasOwnProperty.call(labels, e.key);
      const values = Array.isArray(e.values) ? e.values.map(String) : [];
      switch (e.operator) {
        case 'In': if (!has || !values.includes(labels[e.key])) return false; break;
        case 'NotIn': if (has && values.includes(labels[e.key])) return false; break;
        case 'Exists': if (!has) return false; break;
        case 'DoesNotExist': if (has) return false; break;
        default: return false;
      }
    }
  }
  return true;
}

/** Whether a selector is empty, i.e. selects every object. */
export function selectorIsEmpty(selector: LabelSelector | null | undefined): boolean {
  if (!selector || typeof selector !== 'object') return false;
  const ml = selector.matchLabels ? Object.keys(selector.matchLabels).length : 0;
  const me = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return ml === 0 && me === 0;
}

interface Entry<T> {
  readonly item: T;
  readonly selector: LabelSelector;
}

interface Bucket<T> {
  readonly all: T[];
  readonly scan: Entry<T>[];
  readonly byPair: Map<string, Entry<T>[]>;
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
    if (selector === null || selector === undefined || typeof selector !== 'object') return;
    const key = namespace ?? '*';
    let b = this.buckets.get(key);
    if (!b) {
      b = { all: [], scan: [], byPair: new Map() };
      this.buckets.set(key, b);
    }
    const ml = selector.matchLabels && typeof selector.matchLabels === 'object' ? Object.keys(selector.matchLabels).sort() : [];
    if (ml.length > 0) {
      const pair = `${ml[0]}=${String(selector.matchLabels![ml[0]])}`;
      const list = b.byPair.get(pair);
      if (list) list.push({ item, selector }); else b.byPair.set(pair, [{ item, selector }]);
    } else if (selectorIsEmpty(selector)) {
      b.all.push(item);
    } else {
      b.scan.push({ item, selector });
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
    out.push(...b.all);
    for (const e of b.scan) {
      if (selectorMatches(e.selector, labels)) out.push(e.item);
    }
    for (const key of Object.keys(labels)) {
      const list = b.byPair.get(`${key}=${labels[key]}`);
      if (!list) continue;
      for (const e of list) {
        if (selectorMatches(e.selector, labels)) out.push(e.item);
      }
    }
  }
}
