import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';
import { ComputeResource, limitDefaults } from '../../availability/private/limit-defaults';

/** The compute resources whose limits the namespace quota control needs capped and defaulted. */
export const COMPUTE_RESOURCES: readonly ComputeResource[] = ['cpu', 'memory'];

/**
 * The resources whose total limits (`limits.cpu`, `limits.memory` in `spec.hard`) a ResourceQuota
 * caps for every pod of its namespace: none for a quota with `scopes` or a `scopeSelector`, which
 * covers only some pods.
 */
export function cappedLimits(quota: IndexedObject): ComputeResource[] {
  const s = (quota.raw as any).spec;
  if (!s || typeof s !== 'object') return [];
  const scoped = (Array.isArray(s.scopes) && s.scopes.length > 0) || (s.scopeSelector !== undefined && s.scopeSelector !== null);
  const hard = s.hard && typeof s.hard === 'object' ? s.hard : {};
  return scoped ? [] : COMPUTE_RESOURCES.filter(r => hard[`limits.${r}`] !== undefined && hard[`limits.${r}`] !== null);
}

/**
 * The resources whose limit the LimitRanges of a namespace give every container that sets none:
 * a `Container` item's `default`, or its `max`, which the API server copies into `default`
 * when that is unset. The quota admission counts the limits the LimitRanger gives, whichever
 * LimitRange or item gives them.
 */
export function defaultedLimits(index: ManifestIndex, namespace: string): ComputeResource[] {
  const limits = limitDefaults(index, namespace).limits;
  return COMPUTE_RESOURCES.filter(r => typeof limits[r] === 'bigint');
}
