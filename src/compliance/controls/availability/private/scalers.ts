/** Every autoscaler that decides a workload's replica count: HorizontalPodAutoscalers and KEDA ScaledObjects. */

import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';
import { autoscalerBounds, autoscalersOf, targetKey } from './autoscalers';
import {
  KedaCounts, KedaPause, kedaPause, kedaReadings, kedaScaleOutPause, kedaScaleTargetOf, PAUSED_REPLICAS, scaledObjects, takesOver,
} from './keda';

/**
 * An autoscaler of a workload with the replica counts it keeps it within. A ScaledObject that
 * `autoscaling.keda.sh/paused-replicas` pauses ({@link pause}) keeps it at that count (all three
 * counts are that count); one that `autoscaling.keda.sh/paused` pauses keeps the counts it has
 * when it runs: the workload stays at whatever count it had, at most as low as those.
 */
export interface ReplicaAutoscaler {
  readonly object: IndexedObject;
  /** The fewest replicas it leaves the workload at, idle included. */
  readonly min: number;
  /** What decides {@link min}, for messages. */
  readonly minSource: string;
  /** The fewest replicas while the workload runs at all: above {@link min} when it scales an idle workload down (KEDA). */
  readonly activeMin: number;
  readonly max: number;
  /**
   * Whether it scales a workload up from zero itself (KEDA), rather than stopping while the
   * workload is scaled to zero by hand (a HorizontalPodAutoscaler).
   */
  readonly scalesFromZero: boolean;
  /**
   * The `idleReplicaCount` of a KEDA ScaledObject, to which KEDA scales the workload down while its
   * triggers are inactive, from above it only. @default - none
   */
  readonly idle?: number;
  /** The annotation that pauses a ScaledObject's autoscaling. @default - not paused */
  readonly pause?: KedaPause;
  /**
   * The annotation that pauses a ScaledObject's scaling up (`autoscaling.keda.sh/paused-scale-out`),
   * which keeps KEDA from scaling the workload up from 0 ({@link liftsFromZero}).
   * @default - not paused
   */
  readonly scaleOutPause?: KedaPause;
}

/**
 * Whether an autoscaler that is not paused scales a workload at 0 replicas up: a KEDA
 * ScaledObject whose scaling up no `autoscaling.keda.sh/paused-scale-out` pauses. A
 * HorizontalPodAutoscaler stops while its workload is at 0.
 */
export function liftsFromZero(s: ReplicaAutoscaler): boolean {
  return s.scalesFromZero && s.scaleOutPause === undefined;
}

/**
 * Whether an autoscaler that is not paused scales a workload at 0 replicas up while its triggers
 * are inactive: a KEDA ScaledObject without `idleReplicaCount` whose `minReplicaCount` is at least
 * 1 raises it to that count, whatever `autoscaling.keda.sh/paused-scale-out` says. With an
 * `idleReplicaCount`, KEDA only scales a workload above it down to it, so one at 0 stays there
 * until the triggers are active.
 * @see https://github.com/kedacore/keda/blob/main/pkg/scaling/executor/scale_scaledobjects.go
 */
export function liftsFromZeroWhileIdle(s: ReplicaAutoscaler): boolean {
  return s.scalesFromZero && s.idle === undefined && s.min >= 1;
}

function hpaScaler(hpa: IndexedObject): ReplicaAutoscaler {
  const { min, max } = autoscalerBounds(hpa);
  const set = (hpa.raw as any).spec?.minReplicas;
  const minSource = set === undefined || set === null ? `${hpa.ref} (minReplicas defaults to 1)` : `${hpa.ref} minReplicas`;
  return { object: hpa, min, minSource, activeMin: min, max, scalesFromZero: false };
}

/**
 * A ScaledObject KEDA accepts as an autoscaler of its workload. KEDA's HPA keeps at least one
 * replica (minReplicaCount, or 1 when it is 0 or unset); while the triggers are inactive KEDA
 * scales the workload to idleReplicaCount, else to zero when minReplicaCount is 0 or unset. An
 * idleReplicaCount above 0 is its lowest count too: the HPA raises the workload from it to
 * minReplicaCount and KEDA scales it back down (KEDA supports only 0 there; kedacore/keda#2314).
 * It scales a workload down to idleReplicaCount only from above it: one applied at 0 stays there
 * while the triggers are inactive ({@link liftsFromZeroWhileIdle}).
 * Under `autoscaling.keda.sh/paused-replicas` all its counts are that count; under
 * `autoscaling.keda.sh/paused` alone they are those it has when it runs, as they are under
 * `autoscaling.keda.sh/paused-scale-out`, which only stops it scaling the workload up from 0.
 */
function kedaScaler(so: IndexedObject, counts: KedaCounts): ReplicaAutoscaler {
  const pause = kedaPause(so);
  if (pause?.replicas !== undefined) {
    const n = pause.replicas;
    const minSource = `${so.ref} annotation ${PAUSED_REPLICAS} "${pause.value}": KEDA scales the workload to ${n} and stops autoscaling it`;
    return { object: so, min: n, minSource, activeMin: n, max: n, scalesFromZero: true, pause };
  }
  const activeMin = Math.max(counts.min ?? 0, 1);
  let min: number;
  let minSource: string;
  if (counts.idle !== undefined) {
    min = counts.idle;
    minSource = `${so.ref} idleReplicaCount, to which KEDA scales the workload while its triggers are inactive`;
  } else if (counts.min === undefined || counts.min === 0) {
    min = 0;
    minSource = `${so.ref} minReplicaCount${counts.min === undefined ? ', which defaults to 0' : ' 0'}: KEDA scales the workload to zero while its triggers are inactive`;
  } else {
    min = counts.min;
    minSource = `${so.ref} minReplicaCount`;
  }
  const scaleOutPause = kedaScaleOutPause(so);
  return {
    object: so, min, minSource, activeMin, max: counts.max, scalesFromZero: true,
    ...(counts.idle === undefined ? {} : { idle: counts.idle }), ...(pause ? { pause } : {}), ...(scaleOutPause ? { scaleOutPause } : {}),
  };
}

/** The ScaledObjects KEDA acts on ({@link kedaReadings} gives counts), by the object they name, in input order. */
function kedaByTarget(index: ManifestIndex): ReadonlyMap<string, readonly ReplicaAutoscaler[]> {
  return index.cached('availability:keda-by-target', () => {
    const m = new Map<string, ReplicaAutoscaler[]>();
    for (const [so, counts] of kedaReadings(index)) {
      const target = kedaScaleTargetOf(so);
      if (!target || 'message' in counts) continue;
      const key = targetKey(so.namespace, target.group, target.kind, target.name);
      const entry = kedaScaler(so, counts);
      const list = m.get(key);
      if (list) list.push(entry); else m.set(key, [entry]);
    }
    return m;
  });
}

/** The KEDA ScaledObjects that name `workload` (same namespace, API group, kind and name) and that KEDA acts on ({@link kedaReadings}), paused ones included, in input order. */
export function scaledObjectsOf(index: ManifestIndex, workload: IndexedObject): readonly ReplicaAutoscaler[] {
  if (scaledObjects(index).length === 0) return [];
  return kedaByTarget(index).get(targetKey(workload.namespace, workload.group, workload.kind, workload.name)) ?? [];
}

/**
 * Every autoscaler that scales `workload` (same namespace, API group, kind and name) with counts
 * its controller accepts: the HorizontalPodAutoscalers ({@link autoscalersOf}), then the KEDA
 * ScaledObjects, in input order. A ScaledObject and an HPA of one workload both count: KEDA's
 * admission webhook, which refuses such a ScaledObject, is optional, fails open and is skipped when
 * the HPA comes later, so the fewest replicas either keeps is what the workload may drop to. An
 * HPA that a ScaledObject takes over ({@link takesOver}) does not count: KEDA rewrites it
 * from the ScaledObject, which counts in its place. A paused ScaledObject counts too
 * ({@link ReplicaAutoscaler.pause}): it is still the workload's autoscaler, and resumes when the
 * annotation goes.
 */
export function replicaAutoscalersOf(index: ManifestIndex, workload: IndexedObject): readonly ReplicaAutoscaler[] {
  const hpas = autoscalersOf(index, workload);
  const keda = scaledObjectsOf(index, workload);
  if (keda.length === 0) return hpas.map(hpaScaler);
  const kept = hpas.filter(hpa => takenOverBy(keda, hpa) === undefined);
  return [...kept.map(hpaScaler), ...keda];
}

/** The ScaledObject among `keda` that takes `hpa` over ({@link takesOver}), if any. */
export function takenOverBy(keda: readonly ReplicaAutoscaler[], hpa: IndexedObject): IndexedObject | undefined {
  return keda.find(k => takesOver(k.object, hpa))?.object;
}
