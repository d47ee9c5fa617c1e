/** HorizontalPodAutoscaler semantics: which object an autoscaler scales. */

import { groupOf } from '../../../manifest';
import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';

/** The API group of HorizontalPodAutoscalers (v1 and v2 share it). */
export const AUTOSCALING_GROUP = 'autoscaling';

/** What an autoscaler's `spec.scaleTargetRef` names, or `undefined` when the reference is not usable. */
export interface ScaleTarget {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
}

/** The HorizontalPodAutoscalers of the set, in input order. */
export function autoscalers(index: ManifestIndex): readonly IndexedObject[] {
  return index.ofKind('HorizontalPodAutoscaler', AUTOSCALING_GROUP);
}

/**
 * The object an autoscaler scales: `spec.scaleTargetRef` with string `kind` and `name` (and the
 * API group of its `apiVersion`, core when absent), in the autoscaler's namespace.
 */
export function scaleTargetOf(hpa: IndexedObject): ScaleTarget | undefined {
  const ref = (hpa.raw as any).spec?.scaleTargetRef;
  if (!ref || typeof ref !== 'object' || typeof ref.kind !== 'string' || typeof ref.name !== 'string' || ref.kind === '' || ref.name === '') return undefined;
  return { group: typeof ref.apiVersion === 'string' ? groupOf(ref.apiVersion) : '', kind: ref.kind, name: ref.name };
}

function targetKey(namespace: string | undefined, group: string, kind: string, name: string): string {
  return `${namespace}/${group}/${kind}/${name}`;
}

/** The first autoscaler of the set that scales `workload` (same namespace, API group, kind and name), if any. */
export function autoscalerOf(index: ManifestIndex, workload: IndexedObject): IndexedObject | undefined {
  const byTarget = index.cached('availability:hpa-by-target', () => {
    const m = new Map<string, IndexedObject>();
    for (const hpa of autoscalers(index)) {
      const t = scaleTargetOf(hpa);
      if (!t) continue;
      const key = targetKey(hpa.namespace, t.group, t.kind, t.name);
      if (!m.has(key)) m.set(key, hpa);
    }
    return m;
  });
  return byTarget.size === 0 ? undefined : byTarget.get(targetKey(workload.namespace, workload.group, workload.kind, workload.name));
}
