import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';
import { KedaPause } from './keda';
import { ReplicaAutoscaler, replicaAutoscalersOf } from './scalers';
import { rolloutReferencing } from './workloads';

/** How many replicas a workload keeps at least, and what decides it. */
export interface ExpectedReplicas {
  readonly count: number;
  /** Where the number comes from, for messages: `spec.replicas`, `default` or an autoscaler's ref. */
  readonly source: string;
  /** JSON path of the deciding field on the workload. @default - decided elsewhere */
  readonly path?: string;
  /**
   * The fewest replicas while the workload runs at all, when an autoscaler takes an idle workload
   * below it (KEDA's scale to zero or idleReplicaCount). @default - `count`
   */
  readonly activeCount?: number;
  /** The pause annotation of the KEDA ScaledObject that decides the count, for the fix. @default - no pause decides it */
  readonly pause?: KedaPause;
}

/** Why the replica count cannot be known: a value the API server would refuse. */
export interface UnknownReplicas {
  readonly problem: string;
  /** JSON path of the offending field on the workload. @default - on another object */
  readonly path?: string;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/**
 * The fewest replicas a Deployment or StatefulSet runs, as the autoscaler controllers decide it:
 * - for a Deployment whose pods an Argo Rollout runs through `spec.workloadRef` (the Deployment
 *   itself scaled to zero), the Rollout's;
 * - `spec.replicas` (default 1) without an autoscaler its controller accepts;
 * - 0 when `spec.replicas` is 0 and only HorizontalPodAutoscalers scale it, which stops them;
 * - the `minReplicas` (default 1) of its one HorizontalPodAutoscaler, or what its one KEDA
 *   ScaledObject leaves it at while idle (`idleReplicaCount`, else `minReplicaCount`, default 0);
 * - with several, `spec.replicas` kept within each one's bounds: they stop scaling on metrics
 *   (AmbiguousSelector) but still enforce their bounds, and bounds that do not overlap leave it
 *   at the lowest maximum at times;
 * - under a paused KEDA ScaledObject, see {@link pausedReplicas}; beside another autoscaler that
 *   is not paused, a paused ScaledObject does not count: KEDA has deleted its
 *   HorizontalPodAutoscaler, so it neither keeps bounds nor makes the pods' selector ambiguous.
 */
export function expectedReplicas(index: ManifestIndex, workload: IndexedObject): ExpectedReplicas | UnknownReplicas {
  const rollout = rolloutReferencing(index, workload);
  if (rollout) {
    const through = `${rollout.ref}, which runs its pods through spec.workloadRef`;
    const own = ownReplicas(index, rollout);
    if ('problem' in own) return { problem: `${through}: ${own.problem}` };
    return {
      count: own.count, source: `${through}: ${own.source}`,
      ...(own.activeCount === undefined ? {} : { activeCount: own.activeCount }), ...(own.pause === undefined ? {} : { pause: own.pause }),
    };
  }
  return ownReplicas(index, workload);
}

/** {@link expectedReplicas} from the workload's own `spec.replicas` and autoscalers. */
function ownReplicas(index: ManifestIndex, workload: IndexedObject): ExpectedReplicas | UnknownReplicas {
  const replicas = (workload.raw as any).spec?.replicas;
  const unset = replicas === undefined || replicas === null;
  if (!unset && !isCount(replicas)) return { problem: 'the replica count is not a non-negative integer, which the API server refuses', path: 'spec.replicas' };
  const declared: number = unset ? 1 : replicas;
  const declaredSource = unset ? 'spec.replicas is not set and defaults to 1' : 'spec.replicas';
  const all = replicaAutoscalersOf(index, workload);
  if (all.length === 0) return { count: declared, source: declaredSource, path: 'spec.replicas' };
  const scalers = all.filter(s => s.pause === undefined);
  if (scalers.length === 0) return pausedReplicas(all, declared, declaredSource);
  const refs = scalers.map(s => s.object.ref).join(', ');
  if (declared === 0 && !unset && !scalers.some(s => s.scalesFromZero)) {
    // The autoscaler leaves a target scaled to zero alone (ScalingActive false) until it is scaled up by hand.
    return { count: 0, source: `spec.replicas is 0, which stops ${refs} until the workload is scaled up by hand`, path: 'spec.replicas' };
  }
  if (scalers.length === 1) {
    const [s] = scalers;
    return { count: s.min, source: s.minSource, ...(s.activeMin > s.min ? { activeCount: s.activeMin } : {}) };
  }
  const low = Math.max(...scalers.map(b => b.min));
  const high = Math.min(...scalers.map(b => b.max));
  const count = low <= high ? Math.min(Math.max(declared, low), high) : high;
  // KEDA scales an idle workload down itself, whatever an autoscaler beside it keeps.
  const idle = scalers.filter(s => s.scalesFromZero && s.min < count).sort((a, b) => a.min - b.min)[0];
  if (idle) return { count: idle.min, source: `${idle.minSource}, beside ${refs.replace(`${idle.object.ref}, `, '').replace(`, ${idle.object.ref}`, '')}, which scale it together` };
  return {
    count,
    source: `${declaredSource}, kept between the bounds of ${refs}, which scale it together and so not on metrics (AmbiguousSelector)`
      + (low <= high ? '' : `; their bounds do not overlap, so it drops to ${high} at times`),
  };
}

/**
 * The replicas a workload runs when only paused KEDA ScaledObjects scale it:
 * - the `autoscaling.keda.sh/paused-replicas` count (the lowest, with several), which KEDA scales
 *   the workload to and holds it at, so 0 or 1 is no redundancy, as for a Deployment at 0 or 1;
 * - under `autoscaling.keda.sh/paused` alone, its own `spec.replicas` (default 1). KEDA stops at
 *   whatever count the workload has, which the manifests do not record: the count KEDA reached
 *   before the pause is gone from them, and a workload applied with its ScaledObject already
 *   paused runs `spec.replicas`, which nothing scales any more. So the check holds the one count
 *   the manifests state; `autoscaling.keda.sh/paused-replicas` states a count of its own.
 */
function pausedReplicas(paused: readonly ReplicaAutoscaler[], declared: number, declaredSource: string): ExpectedReplicas {
  const held = paused.filter(s => s.pause?.replicas !== undefined).sort((a, b) => a.min - b.min)[0];
  if (held) return { count: held.min, source: held.minSource, pause: held.pause };
  const [first] = paused;
  return { count: declared, source: `${declaredSource}, and ${first.minSource}`, pause: first.pause };
}
