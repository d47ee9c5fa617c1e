/**
 * An IntOrString budget value (`2` or `"50%"`) scaled to a replica count, rounding up as the
 * Kubernetes disruption controller does for both minAvailable and maxUnavailable; `undefined`
 * when it is neither a non-negative integer nor a percentage from 0 to 100.
 */
export function scaledBudget(value: unknown, replicas: number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // The API server accepts percentages from 0 to 100, written exactly so.
  const m = /^(\d+)%$/.exec(value);
  return m && Number(m[1]) <= 100 ? Math.ceil((Number(m[1]) * replicas) / 100) : undefined;
}

/** How many pods of a workload a PodDisruptionBudget lets be evicted at once, or why it is invalid. */
export type EvictionBudget = { readonly allowed: number; readonly rule: string } | { readonly problem: string };

/**
 * The voluntary evictions a PodDisruptionBudget spec allows for a workload of `replicas` pods:
 * `replicas - minAvailable`, or `maxUnavailable`, both after rounding percentages up; none when it
 * sets neither, as the disruption controller then expects no pods and allows no eviction.
 */
export function evictionBudget(spec: any, replicas: number): EvictionBudget {
  const min = spec?.minAvailable;
  const max = spec?.maxUnavailable;
  const hasMin = min !== undefined && min !== null;
  const hasMax = max !== undefined && max !== null;
  if (hasMin && hasMax) return { problem: 'sets both minAvailable and maxUnavailable, which the API rejects' };
  // Neither set: the disruption controller counts no expected pods and so allows no eviction.
  if (!hasMin && !hasMax) return { allowed: 0, rule: 'neither minAvailable nor maxUnavailable set' };
  if (hasMax) {
    const n = scaledBudget(max, replicas);
    if (n === undefined) return { problem: `maxUnavailable ${JSON.stringify(max)} is neither a count nor a percentage` };
    return { allowed: Math.min(n, replicas), rule: `maxUnavailable ${max}` };
  }
  const n = scaledBudget(min, replicas);
  if (n === undefined) return { problem: `minAvailable ${JSON.stringify(min)} is neither a count nor a percentage` };
  return { allowed: Math.max(replicas - n, 0), rule: `minAvailable ${min}` };
}
