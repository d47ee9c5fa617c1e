/** KEDA ScaledObject semantics: which object a ScaledObject scales, and within which bounds. */

import { groupOf } from '../../../manifest';
import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';
import { ScaleTarget } from './autoscalers';

/** The API group of KEDA's ScaledObjects. */
const KEDA_GROUP = 'keda.sh';
/** KEDA's default `maxReplicaCount`. */
const DEFAULT_MAX_REPLICA_COUNT = 100;

/** The ScaledObjects of the set, in input order. */
export function scaledObjects(index: ManifestIndex): readonly IndexedObject[] {
  return index.ofKind('ScaledObject', KEDA_GROUP);
}

/**
 * The object a ScaledObject scales: `spec.scaleTargetRef` with a string `name`, its `kind`
 * defaulting to Deployment and its `apiVersion` to apps/v1 (KEDA's defaults), in the
 * ScaledObject's namespace; `undefined` when the reference is not usable.
 */
export function kedaScaleTargetOf(so: IndexedObject): ScaleTarget | undefined {
  const ref = (so.raw as any).spec?.scaleTargetRef;
  if (!ref || typeof ref !== 'object' || typeof ref.name !== 'string' || ref.name === '') return undefined;
  const kind = ref.kind === undefined || ref.kind === null || ref.kind === '' ? 'Deployment' : ref.kind;
  const apiVersion = ref.apiVersion === undefined || ref.apiVersion === null || ref.apiVersion === '' ? 'apps/v1' : ref.apiVersion;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') return undefined;
  return { group: groupOf(apiVersion), kind, name: ref.name };
}

/** A ScaledObject's replica counts as KEDA reads them (`undefined` when absent). */
interface KedaCounts {
  readonly min?: number;
  readonly max: number;
  readonly idle?: number;
}

function optionalCount(v: unknown): number | undefined | null {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

/**
 * The replica counts of a ScaledObject KEDA accepts, or `undefined` when it refuses them (its
 * admission webhook and its controller, `CheckReplicaCountBoundsAreValid`): counts that are not
 * non-negative integers, a `minReplicaCount` (read as at least 1 when set) above
 * `maxReplicaCount` (default 100), or an `idleReplicaCount` not below it (so never without a
 * `minReplicaCount`).
 */
export function kedaCounts(so: IndexedObject): KedaCounts | undefined {
  const spec = (so.raw as any).spec ?? {};
  const min = optionalCount(spec.minReplicaCount);
  const maxSet = optionalCount(spec.maxReplicaCount);
  const idle = optionalCount(spec.idleReplicaCount);
  if (min === null || maxSet === null || idle === null) return undefined;
  const max = maxSet ?? DEFAULT_MAX_REPLICA_COUNT;
  const checkedMin = min === undefined ? 0 : Math.max(min, 1);
  if (checkedMin > max || (idle !== undefined && idle >= checkedMin)) return undefined;
  return { min, max, idle };
}
