import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';

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

function autoscalers(index: ManifestIndex): ReadonlyMap<string, IndexedObject> {
  return index.cached('availability:hpa-by-target', () => {
    const m = new Map<string, IndexedObject>();
    for (const hpa of index.ofKind('HorizontalPodAutoscaler', 'autoscaling')) {
      const ref = (hpa.raw as any).spec?.scaleTargetRef;
      if (!ref || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
      const key = `${hpa.namespace}/${ref.kind}/${ref.name}`;
      if (!m.has(key)) m.set(key, hpa);
    }
    return m;
  });
}

/**
 * The fewest replicas a Deployment or StatefulSet runs: the `minReplicas` of a
 * HorizontalPodAutoscaler that scales it (default 1), else `spec.replicas` (default 1).
 * A value that is not a non-negative integer is reported as `undefined`.
 */
export function expectedReplicas(index: ManifestIndex, workload: IndexedObject): ExpectedReplicas | undefined {
  const hpas = autoscalers(index);
  const hpa = hpas.size === 0 ? undefined : hpas.get(`${workload.namespace}/${workload.kind}/${workload.name}`);
  if (hpa) {
    const min = (hpa.raw as any).spec?.minReplicas;
    if (min === undefined || min === null) return { count: 1, source: `${hpa.ref} (minReplicas defaults to 1)` };
    return isCount(min) ? { count: min, source: `${hpa.ref} minReplicas` } : undefined;
  }
  const replicas = (workload.raw as any).spec?.replicas;
  if (replicas === undefined || replicas === null) return { count: 1, source: 'spec.replicas is not set and defaults to 1', path: 'spec.replicas' };
  return isCount(replicas) ? { count: replicas, source: 'spec.replicas', path: 'spec.replicas' } : undefined;
}
