import { IndexedObject } from '../../../types';

/** The label cert-manager puts on every ACME HTTP-01 solver pod it creates. */
export const ACME_SOLVER_LABEL = 'acme.cert-manager.io/http01-solver';

/**
 * Whether an object is a NetworkPolicy for cert-manager's ACME HTTP-01 solver pods and nothing
 * else: its podSelector is exactly `matchLabels: { acme.cert-manager.io/http01-solver: "true" }`.
 * cert-manager creates those pods only while a challenge is open, so no manifest holds them and
 * the policy selects nothing in the input by design.
 */
export function isAcmeSolverPolicy(o: IndexedObject): boolean {
  if (o.kind !== 'NetworkPolicy') return false;
  const selector = (o.raw as { spec?: { podSelector?: unknown } }).spec?.podSelector;
  if (selector === null || typeof selector !== 'object' || Array.isArray(selector)) return false;
  const { matchLabels, matchExpressions, ...rest } = selector as { matchLabels?: unknown; matchExpressions?: unknown };
  if (Object.keys(rest).length > 0) return false;
  if (matchExpressions !== undefined && !(Array.isArray(matchExpressions) && matchExpressions.length === 0)) return false;
  if (matchLabels === null || typeof matchLabels !== 'object' || Array.isArray(matchLabels)) return false;
  const labels = Object.entries(matchLabels);
  return labels.length === 1 && labels[0][0] === ACME_SOLVER_LABEL && labels[0][1] === 'true';
}
