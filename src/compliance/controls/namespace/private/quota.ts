import { IndexedObject } from '../../../types';

function spec(o: IndexedObject): any {
  const s = (o.raw as any).spec;
  return s && typeof s === 'object' ? s : {};
}

/**
 * Whether a ResourceQuota caps the namespace's total CPU and memory limits (`limits.cpu` and
 * `limits.memory` in `spec.hard`) for every pod: a quota with `scopes` or a `scopeSelector`
 * covers only some pods, so it does not count.
 */
export function capsCpuAndMemory(quota: IndexedObject): boolean {
  const s = spec(quota);
  const hard = s.hard && typeof s.hard === 'object' ? s.hard : {};
  const scoped = (Array.isArray(s.scopes) && s.scopes.length > 0) || (s.scopeSelector !== undefined && s.scopeSelector !== null);
  return !scoped && hard['limits.cpu'] !== undefined && hard['limits.memory'] !== undefined;
}

/**
 * Whether a LimitRange gives every container default CPU and memory limits (a `Container` item
 * with `default.cpu` and `default.memory`), so pods without limits are still admitted under a
 * quota on limits, and bounded.
 */
export function defaultsContainerLimits(range: IndexedObject): boolean {
  const limits = spec(range).limits;
  if (!Array.isArray(limits)) return false;
  return limits.some((l: any) => l?.type === 'Container' && l.default?.cpu !== undefined && l.default?.memory !== undefined);
}
