import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';
import { autoscalersOf } from './autoscalers';

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
  /** JSON path of the offending field on the workload. @default - the field is on another object */
  readonly path?: string;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/**
 * The fewest replicas a Deployment or StatefulSet runs: the `minReplicas` of the one
 * HorizontalPodAutoscaler that scales it (same API group, kind and name; default 1), else
 * `spec.replicas` (default 1). Several autoscalers on one workload stop each other, so
 * `spec.replicas` decides then, as it does when it is 0 (which stops the autoscaler). An
 * autoscaler the API server would refuse (bounds that are not
 * counts, `minReplicas` above `maxReplicas`) leaves the count unknown.
 */
export function expectedReplicas(index: ManifestIndex, workload: IndexedObject): ExpectedReplicas | UnknownReplicas {
  const hpas = autoscalersOf(index, workload);
  const replicas = (workload.raw as any).spec?.replicas;
  if (hpas.length === 1 && replicas === 0) {
    // The autoscaler leaves a target scaled to zero alone (ScalingActive false) until it is scaled up by hand.
    return { count: 0, source: `spec.replicas is 0, which stops ${hpas[0].ref} until the workload is scaled up by hand`, path: 'spec.replicas' };
  }
  if (hpas.length === 1) {
    const hpa = hpas[0];
    const { minReplicas: min, maxReplicas: max } = (hpa.raw as any).spec ?? {};
    const count = min === undefined || min === null ? 1 : min;
    if (!isCount(count) || count < 1) return { problem: `${hpa.ref} has minReplicas ${JSON.stringify(min)}, which is not a count of at least 1` };
    if (!isCount(max) || max < count) {
      return { problem: `${hpa.ref} has maxReplicas ${JSON.stringify(max ?? null)}, which is not a count of at least minReplicas (${count}): the API server refuses the autoscaler` };
    }
    return { count, source: min === undefined || min === null ? `${hpa.ref} (minReplicas defaults to 1)` : `${hpa.ref} minReplicas` };
  }
  const stopped = hpas.length > 1 ? `; ${hpas.map(h => h.ref).join(', ')} all scale it, which stops them` : '';
  if (replicas === undefined || replicas === null) return { count: 1, source: `spec.replicas is not set and defaults to 1${stopped}`, path: 'spec.replicas' };
  if (!isCount(replicas)) return { problem: 'the replica count is not a non-negative integer', path: 'spec.replicas' };
  return { count: replicas, source: `spec.replicas${stopped}`, path: 'spec.replicas' };
}
