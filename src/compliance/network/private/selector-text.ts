import { LabelSelector, selectorIsEmpty } from '../../selectors';

/** Whether a value is a selector object (not null, not an array). */
export function isSelector(value: unknown): value is LabelSelector {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether a selector is absent or empty, i.e. selects every object of its scope. */
export function selectsAll(value: unknown): boolean {
  return value === undefined || value === null || (isSelector(value) && selectorIsEmpty(value));
}

/**
 * A selector in kubectl's notation, stable across key order: `app=api,tier in (a,b),!legacy`.
 * The empty selector is `''`.
 */
export function selectorText(selector: LabelSelector): string {
  const ml = isSelector(selector.matchLabels) ? selector.matchLabels : {};
  const keys = Object.keys(ml);
  if (keys.length > 1) keys.sort();
  const parts = keys.map(key => `${key}=${String(ml[key])}`);
  if (!Array.isArray(selector.matchExpressions) || selector.matchExpressions.length === 0) return parts.join(',');
  const texts = selector.matchExpressions.filter(e => e && typeof e === 'object').map(e => {
    const values = Array.isArray(e.values) ? [...e.values].map(String).sort().join(',') : '';
    switch (e.operator) {
      case 'In': return `${e.key} in (${values})`;
      case 'NotIn': return `${e.key} notin (${values})`;
      case 'Exists': return `${e.key}`;
      case 'DoesNotExist': return `!${e.key}`;
      default: return `${e.key} ${String(e.operator)} (${values})`;
    }
  });
  return [...parts, ...texts.sort()].join(',');
}
