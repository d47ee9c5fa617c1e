import { isKnativeService } from '../../../common/knative';
import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';
import { knativeReplicas } from './knative';
import { ExpectedReplicas, UnknownReplicas } from './replica-count';
import { rolloutReferencing } from './rollout-referencing';
import { liftsFromZero, liftsFromZeroWhileIdle, ReplicaAutoscaler, replicaAutoscalersOf } from './scalers';

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/**
 * The fewest replicas a Deployment or StatefulSet runs, as the autoscaler controllers decide it:
 * - for a Knative Service, the fewest Knative's autoscaler keeps of its revision
 *   ({@link knativeReplicas});
 * - for a Deployment whose pods an Argo Rollout runs through `spec.workloadRef` (the Deployment
 *   itself scaled to zero), the Rollout's;
 * - `spec.replicas` (default 1) without an autoscaler its controller accepts;
 * - otherwise the lowest of the counts its autoscalers leave it at (see {@link activeReplicas}
 *   and {@link pausedReplicas}): a paused KEDA ScaledObject counts beside the others, as the
 *   workload may be at the count it leaves whatever the others keep.
 */
export function expectedReplicas(index: ManifestIndex, workload: IndexedObject): ExpectedReplicas | UnknownReplicas {
  if (isKnativeService(workload)) {
    const template = index.podTemplateOf(workload);
    if (template) return knativeReplicas(template);
  }
  const rollout = rolloutReferencing(index, workload);
  if (rollout) {
    const through = `${rollout.ref}, which runs its pods through spec.workloadRef`;
    const own = ownReplicas(index, rollout);
    if ('problem' in own) return { problem: `${through}: ${own.problem}` };
    // The path is the Rollout's, not the Deployment's: every other field carries over.
    const { path, ...rest } = own;
    return { ...rest, source: `${through}: ${own.source}` };
  }
  return ownReplicas(index, workload);
}

/** {@link expectedReplicas} from the workload's own `spec.replicas` and autoscalers. */
function ownReplicas(index: ManifestIndex, workload: IndexedObject): ExpectedReplicas | UnknownReplicas {
  const replicas = (workload.raw as any).spec?.replicas;
  const unset = replicas === undefined || replicas === null;
  if (!unset && !isCount(replicas)) return { problem: 'the replica count is not a non-negative integer, which the API server refuses', path: 'spec.replicas' };
  const declared: Declared = { count: unset ? 1 : replicas, source: unset ? 'spec.replicas is not set and defaults to 1' : 'spec.replicas', unset };
  const all = replicaAutoscalersOf(index, workload);
  if (all.length === 0) return { count: declared.count, source: declared.source, path: 'spec.replicas' };
  const active = all.filter(s => s.pause === undefined);
  const counts = [
    ...(active.length > 0 ? [activeReplicas(active, declared)] : []),
    ...all.filter(s => s.pause !== undefined).map(s => pausedReplicas(s, active, declared)).filter((c): c is ExpectedReplicas => c !== undefined),
  ];
  // The first of the lowest: the autoscalers that scale the workload come before the paused ones.
  return counts.reduce((low, c) => (c.count < low.count ? c : low));
}

/** A workload's own replica count as it declares it. */
interface Declared {
  readonly count: number;
  readonly source: string;
  /** Whether `spec.replicas` is absent (so `count` is its default, 1). */
  readonly unset: boolean;
}

/**
 * The fewest replicas the autoscalers that are not paused leave a workload at:
 * - 0 when `spec.replicas` is 0 and no autoscaler scales it up from 0 ({@link liftsFromZero}):
 *   a HorizontalPodAutoscaler stops, and a KEDA ScaledObject whose scaling up
 *   `autoscaling.keda.sh/paused-scale-out` pauses leaves it at 0 while its triggers are active;
 * - 0 when `spec.replicas` is 0 and a KEDA ScaledObject with an `idleReplicaCount` above 0 would
 *   otherwise count that, unless one of them scales it up from 0 while its triggers are inactive
 *   ({@link liftsFromZeroWhileIdle}): KEDA scales down to `idleReplicaCount`, never up to it;
 * - the `minReplicas` (default 1) of its one HorizontalPodAutoscaler, or what its one KEDA
 *   ScaledObject leaves it at while idle (`idleReplicaCount`, else `minReplicaCount`, default 0);
 * - with several, `spec.replicas` kept within each one's bounds: they stop scaling on metrics
 *   (AmbiguousSelector) but still enforce their bounds, and bounds that do not overlap leave it
 *   at the lowest maximum at times.
 */
function activeReplicas(scalers: readonly ReplicaAutoscaler[], declared: Declared): ExpectedReplicas {
  const refs = scalers.map(s => s.object.ref).join(', ');
  if (declared.count === 0 && !declared.unset) {
    if (!scalers.some(liftsFromZero)) return heldAtZero(scalers);
    const idle = scalers.filter(s => s.idle !== undefined && s.idle > 0);
    if (idle.length > 0 && !scalers.some(liftsFromZeroWhileIdle)) return idleAtZero(scalers, idle);
  }
  if (scalers.length === 1) {
    const [s] = scalers;
    return { count: s.min, source: s.minSource, ...(s.activeMin > s.min ? { activeCount: s.activeMin } : {}) };
  }
  const low = Math.max(...scalers.map(b => b.min));
  const high = Math.min(...scalers.map(b => b.max));
  const count = low <= high ? Math.min(Math.max(declared.count, low), high) : high;
  // KEDA scales an idle workload down itself, whatever an autoscaler beside it keeps.
  const idle = scalers.filter(s => s.scalesFromZero && s.min < count).sort((a, b) => a.min - b.min)[0];
  if (idle) return { count: idle.min, source: `${idle.minSource}, beside ${refs.replace(`${idle.object.ref}, `, '').replace(`, ${idle.object.ref}`, '')}, which scale it together` };
  return {
    count,
    source: `${declared.source}, kept between the bounds of ${refs}, which scale it together and so not on metrics (AmbiguousSelector)`
      + (low <= high ? '' : `; their bounds do not overlap, so it drops to ${high} at times`),
  };
}

/**
 * A workload applied with `spec.replicas: 0` that none of its `scalers` scales up: an HPA leaves a
 * target scaled to zero alone (ScalingActive false) until it is scaled up by hand, and KEDA does
 * not scale up a target whose ScaledObject pauses scaling up (`autoscaling.keda.sh/paused-scale-out`)
 * while its triggers are active. The first such pause decides the fix.
 */
function heldAtZero(scalers: readonly ReplicaAutoscaler[]): ExpectedReplicas {
  const stopped = scalers.filter(s => s.scaleOutPause === undefined).map(s => s.object.ref);
  const held = scalers.filter(s => s.scaleOutPause !== undefined);
  const parts = [
    ...(held.length === 0 ? [] : [`from which ${held.map(s => `${s.object.ref} (annotation ${s.scaleOutPause!.annotation} "${s.scaleOutPause!.value}")`).join(', ')} `
      + `${held.length === 1 ? 'does' : 'do'} not scale it up while ${held.length === 1 ? 'its' : 'their'} triggers are active`]),
    ...(stopped.length === 0 ? [] : [`which stops ${stopped.join(', ')} until the workload is scaled up by hand`]),
  ];
  const pause = held[0]?.scaleOutPause;
  return { count: 0, source: `spec.replicas is 0, ${parts.join(', and ')}`, path: 'spec.replicas', ...(pause ? { pause } : {}) };
}

/**
 * A workload applied with `spec.replicas: 0` that KEDA leaves at 0 while the triggers of its
 * `idle` ScaledObjects (those with an `idleReplicaCount` above 0) are inactive: KEDA scales a
 * workload down to `idleReplicaCount` only from above it, and scales one below it up (to
 * `minReplicaCount`) only while its triggers are active; a HorizontalPodAutoscaler does not act on
 * a workload at 0. While it runs, it runs the fewest that an autoscaler scaling it up from 0 keeps.
 */
function idleAtZero(scalers: readonly ReplicaAutoscaler[], idle: readonly ReplicaAutoscaler[]): ExpectedReplicas {
  const counts = idle.map(s => `${s.object.ref} idleReplicaCount ${s.idle}`).join(', ');
  const activeCount = Math.min(...scalers.filter(liftsFromZero).map(s => s.activeMin));
  return {
    count: 0,
    source: `spec.replicas is 0, where KEDA leaves it while the triggers are inactive: it scales a workload down to idleReplicaCount (${counts}), `
      + 'never up to it, and up from 0 only while the triggers are active',
    path: 'spec.replicas',
    ...(activeCount > 0 ? { activeCount } : {}),
  };
}

/**
 * The replicas a paused KEDA ScaledObject may leave a workload at, beside the `active`
 * autoscalers that are not paused:
 * - under `autoscaling.keda.sh/paused-replicas`, its count, which KEDA scales the workload to and
 *   holds it at (so 0 or 1 is no redundancy, as for a Deployment at 0 or 1), whatever the others
 *   keep: a HorizontalPodAutoscaler does not scale a workload up from 0, and one that raises it
 *   fights KEDA over the count;
 * - under `autoscaling.keda.sh/paused` alone, with no active autoscaler, the lower of its
 *   `spec.replicas` (default 1) and the ScaledObject's lowest count (`idleReplicaCount`, else
 *   `minReplicaCount`, default 0): KEDA stops at whatever count the workload has, which the
 *   manifests do not record: one applied with its ScaledObject already paused runs
 *   `spec.replicas`, and one paused later may be at any count the ScaledObject could reach.
 *   Beside an active autoscaler, KEDA has deleted the ScaledObject's HorizontalPodAutoscaler and
 *   the active one keeps its bounds; it counts only when it may have left the workload at 0,
 *   which a HorizontalPodAutoscaler does not scale up from, nor a ScaledObject that
 *   `autoscaling.keda.sh/paused-scale-out` pauses.
 */
function pausedReplicas(s: ReplicaAutoscaler, active: readonly ReplicaAutoscaler[], declared: Declared): ExpectedReplicas | undefined {
  const pause = s.pause!;
  if (pause.replicas !== undefined) {
    const beside = active.length > 0 ? `, whatever ${active.map(a => a.object.ref).join(', ')} keep${active.length === 1 ? 's' : ''}` : '';
    return { count: s.min, source: `${s.minSource}${beside}`, pause };
  }
  const stopped = `${s.object.ref}, paused by annotation ${pause.annotation} "${pause.value}", keeps the count the workload has`;
  if (active.length > 0) {
    if (s.min > 0 || active.some(liftsFromZero)) return undefined;
    return { count: 0, source: `${stopped}, which may be 0 (${s.minSource}), from which ${active.map(a => a.object.ref).join(', ')} ${active.length === 1 ? 'does' : 'do'} not scale it up`, pause };
  }
  const count = Math.min(declared.count, s.min);
  const activeCount = Math.min(declared.count, s.activeMin);
  return {
    count,
    source: `${stopped}: ${declared.count} as applied (${declared.source})`
      + (s.min < declared.count ? `, or as few as ${s.min} if KEDA scaled it before the pause (${s.minSource})` : ''),
    pause, ...(activeCount > count ? { activeCount } : {}),
  };
}
