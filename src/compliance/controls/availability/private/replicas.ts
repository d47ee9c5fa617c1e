import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';
import { autoscalerOf } from './autoscalers';

/** How many replicas a workload keeps at least, and what decides it. */
export interface ExpectedReplicas {
  readonly count: number;
  /** Where the number comes from, for messages: `spec.replicas`, `default` or an HPA ref. */
  readonly source: string;
  /** JSON path of the deciding field on the workload. @default - decided elsewhere */
  readonly path?: string;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/**
 * The fewest replicas a Deployment or StatefulSet runs: the `minReplicas` of a
 * HorizontalPodAutoscaler that scales it (same API group, kind and name; default 1), else `spec.replicas` (default 1).
 * A value that is not a non-negative integer is reported as `undefined`.
 */
export function expectedReplicas(index: ManifestIndex, workload: IndexedObject): ExpectedReplicas | undefined {
  const hpa = autoscalerOf(index, workload);
  if (hpa) {
    const min = (hpa.raw as any).spec?.minReplicas;
    if (min === undefined || min === null) return { count: 1, source: `${hpa.ref} (minReplicas defaults to 1)` };
    return isCount(min) ? { count: min, source: `${hpa.ref} minReplicas` } : undefined;
  }
  const replicas = (workload.raw as any).spec?.replicas;
  if (replicas === undefined || replicas === null) return { count: 1, source: 'spec.replicas is not set and defaults to 1', path: 'spec.replicas' };
  return isCount(replicas) ? { count: replicas, source: 'spec.replicas', path: 'spec.replicas' } : undefined;
}
