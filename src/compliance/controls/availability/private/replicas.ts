import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';
import { autoscalerBounds, autoscalersOf } from './autoscalers';

/** How many replicas a workload keeps at least, and what decides it. */
export interface ExpectedReplicas {
  readonly count: number;
  /** Where the number comes from, for messages: `spec.replicas`, `default` or an HPA ref. */
  readonly source: string;
  /** JSON path of the deciding field on the workload. @default - decided elsewhere */
  readonly path?: string;
}

/** Why the replica count cannot be known: a value the API server would refuse. */
export interface UnknownReplicas {
  readonly problem: string;
  /** JSON path of the offending field on the workload. */
  readonly path: string;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/**
 * The fewest replicas a Deployment or StatefulSet runs, as the autoscaler controller decides it:
 * - `spec.replicas` (default 1) without an autoscaler the API server accepts (one with a
 *   `maxReplicas` of at least its `minReplicas`);
 * - 0 when `spec.replicas` is 0, which stops every autoscaler of the workload;
 * - the `minReplicas` (default 1) of its one autoscaler;
 * - with several, `spec.replicas` kept within each one's bounds: they stop scaling on metrics
 *   (AmbiguousSelector) but still enforce their bounds, and bounds that do not overlap leave it
 *   at the lowest maximum at times.
 */
export function expectedReplicas(index: ManifestIndex, workload: IndexedObject): ExpectedReplicas | UnknownReplicas {
  const replicas = (workload.raw as any).spec?.replicas;
  const unset = replicas === undefined || replicas === null;
  if (!unset && !isCount(replicas)) return { problem: 'the replica count is not a non-negative integer, which the API server refuses', path: 'spec.replicas' };
  const declared: number = unset ? 1 : replicas;
  const declaredSource = unset ? 'spec.replicas is not set and defaults to 1' : 'spec.replicas';
  const hpas = autoscalersOf(index, workload);
  if (hpas.length === 0) return { count: declared, source: declaredSource, path: 'spec.replicas' };
  const refs = hpas.map(h => h.ref).join(', ');
  if (declared === 0 && !unset) {
    // The autoscaler leaves a target scaled to zero alone (ScalingActive false) until it is scaled up by hand.
    return { count: 0, source: `spec.replicas is 0, which stops ${refs} until the workload is scaled up by hand`, path: 'spec.replicas' };
  }
  if (hpas.length === 1) {
    const min = (hpas[0].raw as any).spec?.minReplicas;
    return { count: autoscalerBounds(hpas[0]).min, source: min === undefined || min === null ? `${refs} (minReplicas defaults to 1)` : `${refs} minReplicas` };
  }
  const bounds = hpas.map(autoscalerBounds);
  const low = Math.max(...bounds.map(b => b.min));
  const high = Math.min(...bounds.map(b => b.max));
  const count = low <= high ? Math.min(Math.max(declared, low), high) : high;
  return {
    count,
    source: `${declaredSource}, kept between the bounds of ${refs}, which scale it together and so not on metrics (AmbiguousSelector)`
      + (low <= high ? '' : `; their bounds do not overlap, so it drops to ${high} at times`),
  };
}
