/** KEDA ScaledObject semantics: which object a ScaledObject scales, and within which bounds. */

import { goCount32 } from '../../../common/go-atoi';
import { goParseBool } from '../../../common/go-bool';
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
export interface KedaCounts {
  readonly min?: number;
  readonly max: number;
  readonly idle?: number;
}

/** What KEDA refuses in a ScaledObject, for a finding on it. */
export interface KedaRefusal {
  /** What is wrong, what KEDA does about it, and the fix. */
  readonly message: string;
  /** JSON path of the offending field on the ScaledObject. */
  readonly path: string;
}

/** The count fields of a ScaledObject, in the order they are reported. */
const COUNT_FIELDS = ['minReplicaCount', 'maxReplicaCount', 'idleReplicaCount'] as const;

/** How a refused count ends its message: what KEDA does, and the fix. */
const REFUSED_COUNTS = ': KEDA refuses the ScaledObject (its admission webhook, else its controller) and scales nothing; '
  + 'give it non-negative integer counts with idleReplicaCount below minReplicaCount and minReplicaCount at most maxReplicaCount (default 100)';

function optionalCount(v: unknown): number | undefined | null {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

/**
 * A ScaledObject's counts as KEDA accepts them, or why it refuses them (its admission webhook and
 * its controller, `CheckReplicaCountBoundsAreValid`): counts that are not non-negative integers, a
 * `minReplicaCount` (read as at least 1 when set) above `maxReplicaCount` (default 100), or an
 * `idleReplicaCount` not below it (so never without a `minReplicaCount`).
 */
function readCounts(so: IndexedObject): KedaCounts | KedaRefusal {
  const spec = (so.raw as any).spec ?? {};
  const read: Partial<Record<typeof COUNT_FIELDS[number], number>> = {};
  for (const field of COUNT_FIELDS) {
    const n = optionalCount(spec[field]);
    if (n === null) {
      return { message: `${field} ${JSON.stringify(spec[field])} is not a replica count (a non-negative integer)${REFUSED_COUNTS}`, path: `spec.${field}` };
    }
    read[field] = n;
  }
  const { minReplicaCount: min, maxReplicaCount: maxSet, idleReplicaCount: idle } = read;
  const max = maxSet ?? DEFAULT_MAX_REPLICA_COUNT;
  const checkedMin = min === undefined ? 0 : Math.max(min, 1);
  const minText = `minReplicaCount ${min}${min === 0 ? ' (which KEDA reads as 1)' : ''}`;
  if (checkedMin > max) {
    return { message: `${minText} is above maxReplicaCount ${max}${maxSet === undefined ? ' (its default)' : ''}${REFUSED_COUNTS}`, path: 'spec.minReplicaCount' };
  }
  if (idle !== undefined && idle >= checkedMin) {
    const above = min === undefined ? 'is set without a minReplicaCount above it' : `is not below ${minText}`;
    return { message: `idleReplicaCount ${idle} ${above}${REFUSED_COUNTS}`, path: 'spec.idleReplicaCount' };
  }
  return { min, max, idle };
}

/** The annotation with which KEDA scales a ScaledObject's target to a count and stops autoscaling it. */
export const PAUSED_REPLICAS = 'autoscaling.keda.sh/paused-replicas';
/** The annotation with which KEDA stops autoscaling a ScaledObject's target at the count it has. */
const PAUSED = 'autoscaling.keda.sh/paused';
/** The annotation with which KEDA stops scaling a ScaledObject's target up (KEDA 2.18 and later). */
const PAUSED_SCALE_OUT = 'autoscaling.keda.sh/paused-scale-out';

/** A ScaledObject whose autoscaling one of KEDA's pause annotations stops, both ways or up only. */
export interface KedaPause {
  readonly object: IndexedObject;
  /**
   * The annotation that pauses it: {@link PAUSED_REPLICAS}, which wins when both are set, or
   * {@link PAUSED} ({@link kedaPause}); or {@link PAUSED_SCALE_OUT} ({@link kedaScaleOutPause}).
   */
  readonly annotation: string;
  /** The annotation's value, as written. */
  readonly value: string;
  /**
   * The count KEDA scales the workload to and holds it at ({@link PAUSED_REPLICAS}).
   * @default - the count the workload has ({@link PAUSED})
   */
  readonly replicas?: number;
}

/**
 * How an annotation pauses a ScaledObject, as KEDA reads it (`NeedToBePausedByAnnotation`,
 * `GetPausedReplicaCount`), or `undefined` when none does:
 * - {@link PAUSED_REPLICAS} with a count: KEDA scales the workload to it, deletes the
 *   ScaledObject's HorizontalPodAutoscaler and stops scaling; it wins over {@link PAUSED};
 * - {@link PAUSED} with any value but a false one of Go's `strconv.ParseBool` (`false`, `0`,
 *   `f`, …; KEDA takes a value it cannot read for a wish to pause): KEDA stops scaling the workload
 *   at the count it has.
 * A {@link PAUSED_REPLICAS} that is no count pauses nothing: {@link kedaRefusal} reports it.
 *
 * KEDA's one-way pause of scale-in (2.18 and later), `autoscaling.keda.sh/paused-scale-in`, is not
 * read: it changes no count the checks hold a workload to. KEDA keeps the ScaledObject's HPA and
 * its bounds, setting only the `selectPolicy` of its `behavior.scaleDown` to `Disabled`, and stops
 * scaling the workload to zero or idle; the workload may already be at the fewest replicas the
 * ScaledObject allows when the pause begins, and the manifests do not record its count, so that
 * fewest count stays the one held. Its pause of scale-out is {@link kedaScaleOutPause}.
 */
export function kedaPause(so: IndexedObject): KedaPause | undefined {
  const annotations = so.annotations;
  const held = annotations[PAUSED_REPLICAS];
  if (held !== undefined) {
    const replicas = goCount32(held);
    return replicas === undefined ? undefined : { object: so, annotation: PAUSED_REPLICAS, value: held, replicas };
  }
  const paused = annotations[PAUSED];
  return paused === undefined || goParseBool(paused) === false ? undefined : { object: so, annotation: PAUSED, value: paused };
}

/**
 * How `autoscaling.keda.sh/paused-scale-out` (KEDA 2.18 and later) pauses a ScaledObject's scaling
 * up, as KEDA reads it (`NeedToPauseScaleOut`: any value but a false one of Go's
 * `strconv.ParseBool`, a value it cannot read included), or `undefined` when it does not, or when
 * {@link kedaPause} pauses the ScaledObject both ways (KEDA then skips its scale loop). KEDA keeps
 * the ScaledObject's HPA and its bounds, setting the `selectPolicy` of its `behavior.scaleUp` to
 * `Disabled`; the HPA still raises a workload below `minReplicas` whatever its behavior, but does
 * not act on one at 0 replicas, and KEDA no longer scales the workload up from zero or idle while
 * its triggers are active. A workload at 0 stays there: `spec.replicas: 0` as applied, or the
 * zero KEDA scaled it to (already the fewest count the ScaledObject allows).
 * @see https://github.com/kedacore/keda/blob/main/pkg/scaling/executor/scale_scaledobjects.go
 */
export function kedaScaleOutPause(so: IndexedObject): KedaPause | undefined {
  const value = so.annotations[PAUSED_SCALE_OUT];
  if (value === undefined || goParseBool(value) === false || kedaPause(so) !== undefined) return undefined;
  return { object: so, annotation: PAUSED_SCALE_OUT, value };
}

/**
 * A ScaledObject as KEDA acts on it, read once: its counts, or why KEDA does not act on it: counts
 * it refuses (see {@link readCounts}), or a {@link PAUSED_REPLICAS} that
 * `strconv.ParseInt(value, 10, 32)` does not read as a non-negative count. KEDA's webhook does not
 * check that annotation, but its controller then fails to make the ScaledObject's
 * HorizontalPodAutoscaler (a negative count makes one the API server refuses), whatever
 * {@link PAUSED} says, so it neither holds nor scales the workload.
 */
function kedaCountsOrRefusal(so: IndexedObject): KedaCounts | KedaRefusal {
  const counts = readCounts(so);
  if ('message' in counts) return counts;
  const held = so.annotations[PAUSED_REPLICAS];
  if (held === undefined || goCount32(held) !== undefined) return counts;
  return {
    message: `annotation ${PAUSED_REPLICAS} ${JSON.stringify(held)} is not a replica count KEDA reads (a non-negative base-10 integer), `
      + 'so KEDA makes no HorizontalPodAutoscaler for the ScaledObject and neither holds nor scales the workload; '
      + 'set it to the count to hold the workload at, or remove it to resume autoscaling',
    path: `metadata.annotations["${PAUSED_REPLICAS}"]`,
  };
}

/** Every ScaledObject of the set, in input order, with its counts or why KEDA does not act on it ({@link kedaCountsOrRefusal}), read once per manifest set. */
export function kedaReadings(index: ManifestIndex): ReadonlyMap<IndexedObject, KedaCounts | KedaRefusal> {
  return index.cached('availability:keda-readings', () => new Map(scaledObjects(index).map(so => [so, kedaCountsOrRefusal(so)])));
}

/**
 * Why KEDA does not act on a ScaledObject of the set ({@link scaledObjects}), as
 * {@link kedaReadings} read it, or `undefined` when it does.
 */
export function kedaRefusal(index: ManifestIndex, so: IndexedObject): KedaRefusal | undefined {
  const read = kedaReadings(index).get(so)!;
  return 'message' in read ? read : undefined;
}

/**
 * How a finding on a workload that a paused ScaledObject leaves below `min` replicas says to fix
 * it: raise {@link PAUSED_REPLICAS}, or resume autoscaling. Under {@link PAUSED} the count is
 * whatever the workload has, down to the fewest the ScaledObject could have scaled it to:
 * {@link PAUSED_REPLICAS} holds a known one. Under {@link PAUSED_SCALE_OUT} the workload stays at
 * the 0 replicas it is applied with: leave the count to the autoscalers, or resume scaling up.
 */
export function pauseRemedy(pause: KedaPause, min: number): string {
  if (pause.annotation === PAUSED_SCALE_OUT) {
    return `remove spec.replicas: 0 from the workload to leave its count to its autoscalers, or remove ${PAUSED_SCALE_OUT} from ${pause.object.ref} `
      + 'so that KEDA scales it up from 0 while its triggers are active';
  }
  const on = `${PAUSED_REPLICAS} on ${pause.object.ref} to at least ${min}`;
  return pause.replicas === undefined
    ? `set ${on} to hold a known count (${PAUSED} keeps whatever count the workload has, as low as the ScaledObject scales it), or remove ${PAUSED} to resume autoscaling`
    : `set ${on}, or remove it to resume autoscaling`;
}

/** The annotation with which a ScaledObject takes over a HorizontalPodAutoscaler of its workload (KEDA 2.11 and later). */
export const TRANSFER_HPA_OWNERSHIP = 'scaledobject.keda.sh/transfer-hpa-ownership';
/** Where a ScaledObject names the HorizontalPodAutoscaler KEDA makes, or takes over, for it. */
export const HPA_NAME = 'spec.advanced.horizontalPodAutoscalerConfig.name';

/** What a ScaledObject lacks to take a HorizontalPodAutoscaler over, for a finding. */
export interface HpaTakeoverGap {
  /** What is missing, naming the annotation and the field, and the values KEDA wants. */
  readonly missing: string;
  /**
   * Whether the ScaledObject means to take the HPA over: it has {@link TRANSFER_HPA_OWNERSHIP}
   * (whatever its value) or names the HPA in `spec.advanced.horizontalPodAutoscalerConfig.name`.
   */
  readonly attempted: boolean;
  /**
   * JSON path, on the ScaledObject, of the one thing missing.
   * @default - both are missing: the conflict is at `spec.scaleTargetRef`
   */
  readonly path?: string;
}

/**
 * Whether KEDA takes `hpa`, a HorizontalPodAutoscaler of the same workload, over for the
 * ScaledObject `so`: annotation {@link TRANSFER_HPA_OWNERSHIP} is exactly `"true"` and
 * {@link HPA_NAME} names the HPA ({@link hpaTakeoverGap} says what is missing otherwise).
 */
export function takesOver(so: IndexedObject, hpa: IndexedObject): boolean {
  return so.annotations[TRANSFER_HPA_OWNERSHIP] === 'true' && hpaNameOf(so) === hpa.name;
}

/** The HorizontalPodAutoscaler a ScaledObject names at {@link HPA_NAME}, as given. */
function hpaNameOf(so: IndexedObject): unknown {
  return (so.raw as any).spec?.advanced?.horizontalPodAutoscalerConfig?.name;
}

/**
 * Why KEDA does not take `hpa`, a HorizontalPodAutoscaler of the same workload, over for the
 * ScaledObject `so`, or `undefined` when it does. KEDA's admission webhook (`verifyHpas`) lets a
 * ScaledObject scale a workload that an HPA it does not own already scales only when it has
 * {@link TRANSFER_HPA_OWNERSHIP} set to exactly `"true"` (the string is compared, not read as a
 * boolean: `"True"` or `"1"` do not count) and names that HPA in
 * `spec.advanced.horizontalPodAutoscalerConfig.name`; otherwise it refuses the ScaledObject ("must
 * be specified by name in advanced settings", or "already managed by the hpa"). KEDA's controller
 * then updates the HPA of that name and becomes its controller, so the HPA is KEDA's; a
 * ScaledObject naming another HPA, or none (`keda-hpa-<name>`), gets an HPA of its own beside it
 * when the webhook does not run, and both scale the workload; one naming the HPA without the
 * annotation is refused by the webhook, and has the HPA rewritten when it does not run. Only the
 * takeover both allow counts as one. {@link takesOver} decides it for
 * `autoscaler-targets-workload` and for the replica count the availability controls hold a
 * workload to; this function says what is missing, for the findings that show it.
 */
export function hpaTakeoverGap(so: IndexedObject, hpa: IndexedObject): HpaTakeoverGap | undefined {
  if (takesOver(so, hpa)) return undefined;
  const transfer = so.annotations[TRANSFER_HPA_OWNERSHIP];
  const named = hpaNameOf(so);
  const transferOk = transfer === 'true';
  const namedOk = named === hpa.name;
  const wanted = `KEDA takes ${hpa.ref} over only with annotation ${TRANSFER_HPA_OWNERSHIP} "true" and ${HPA_NAME} "${hpa.name}"`;
  const transferText = transfer === undefined ? `annotation ${TRANSFER_HPA_OWNERSHIP} is not set` : `annotation ${TRANSFER_HPA_OWNERSHIP} is ${JSON.stringify(transfer)}, not "true"`;
  const namedText = named === undefined || named === null || named === '' ? `${HPA_NAME} is not set` : `${HPA_NAME} is ${JSON.stringify(named)}`;
  if (transferOk) return { missing: `${namedText}: ${wanted}`, attempted: true, path: HPA_NAME };
  if (namedOk) return { missing: `${transferText}: ${wanted}`, attempted: true, path: `metadata.annotations["${TRANSFER_HPA_OWNERSHIP}"]` };
  return { missing: `${transferText}, and ${namedText}: ${wanted}`, attempted: transfer !== undefined };
}
