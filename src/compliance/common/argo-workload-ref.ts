import { groupOf } from '../manifest';
import { IndexedObject } from '../types';

/** The API group of Argo Rollouts. */
export const ARGO_GROUP = 'argoproj.io';

/**
 * The kinds an Argo Rollout's `spec.workloadRef` can take its pod template from that hold one the
 * engine reads (Argo also takes a core PodTemplate, which the engine does not check).
 * @see https://github.com/argoproj/argo-rollouts/blob/master/rollout/templateref.go
 */
const WORKLOAD_REF_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet']);

/**
 * The `apps` workload an Argo Rollout's `spec.workloadRef` names (a Deployment or ReplicaSet, in
 * the Rollout's namespace), or `undefined` when the object is no Rollout or names none of them.
 */
export function argoWorkloadRef(o: IndexedObject): { readonly kind: string; readonly name: string } | undefined {
  if (o.kind !== 'Rollout' || o.group !== ARGO_GROUP) return undefined;
  const ref = (o.raw as any).spec?.workloadRef;
  if (!ref || typeof ref !== 'object' || typeof ref.apiVersion !== 'string' || groupOf(ref.apiVersion) !== 'apps'
    || !WORKLOAD_REF_KINDS.has(ref.kind) || typeof ref.name !== 'string' || ref.name === '') return undefined;
  return { kind: ref.kind, name: ref.name };
}
