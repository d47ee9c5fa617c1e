import { groupOf } from '../manifest';
import { IndexedObject } from '../types';

/** The API group of Argo Rollouts. */
export const ARGO_GROUP = 'argoproj.io';

/**
 * The kinds an Argo Rollout's `spec.workloadRef` can take its pod template from that hold one the
 * engine reads, all of the `apps` group (Argo also takes a core PodTemplate, `apiVersion: v1`,
 * which the engine does not check).
 * @see https://github.com/argoproj/argo-rollouts/blob/master/rollout/templateref.go
 */
const WORKLOAD_REF_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet']);

/**
 * The API groups an object of {@link WORKLOAD_REF_KINDS} may be exported under: `apps`, and the
 * older `extensions`, which served the same objects.
 */
const WORKLOAD_REF_GROUPS: ReadonlySet<string> = new Set(['apps', 'extensions']);

/** What an Argo Rollout's `spec.workloadRef` names: a Deployment or ReplicaSet of the Rollout's namespace. */
export interface ArgoWorkloadRef {
  readonly kind: string;
  readonly name: string;
}

/**
 * The `apps` workload an Argo Rollout's `spec.workloadRef` names (a Deployment or ReplicaSet, in
 * the Rollout's namespace), or `undefined` when the object is no Rollout or names none of them.
 * Argo resolves the reference by the API group and kind of its `apiVersion` and `kind`
 * (`apps/v1`, `Deployment` in its documentation); a reference without the `apps` group names a
 * kind Argo refuses or one the engine does not read.
 * @see https://argoproj.github.io/argo-rollouts/features/specification/
 */
export function argoWorkloadRef(o: IndexedObject): ArgoWorkloadRef | undefined {
  if (o.kind !== 'Rollout' || o.group !== ARGO_GROUP) return undefined;
  const ref = (o.raw as any).spec?.workloadRef;
  if (!ref || typeof ref !== 'object' || typeof ref.apiVersion !== 'string' || groupOf(ref.apiVersion) !== 'apps'
    || !WORKLOAD_REF_KINDS.has(ref.kind) || typeof ref.name !== 'string' || ref.name === '') return undefined;
  return { kind: ref.kind, name: ref.name };
}

/** The `spec.workloadRef`s of the Argo Rollouts of a set, resolved against the set once ({@link argoWorkloadRefs}). */
export interface ArgoWorkloadRefs {
  /** The Rollouts of the set that name a workload ({@link argoWorkloadRef}), whether or not the set holds it, in input order. */
  readonly rollouts: readonly IndexedObject[];
  /**
   * The object of the set an Argo Rollout's `spec.workloadRef` names: the first Deployment or
   * ReplicaSet of the set (`apps`, or `extensions`) of that kind and name in the Rollout's
   * namespace. `undefined` when `rollout` names none, or the set does not hold it.
   */
  targetOf(rollout: IndexedObject): IndexedObject | undefined;
  /**
   * The first Argo Rollout of the set whose `spec.workloadRef` names `o`, a Deployment or
   * ReplicaSet (`apps`, or `extensions`): the one that runs its pods. Every object of the set of
   * that kind, namespace and name counts as named. `undefined` for any other object.
   */
  rolloutNaming(o: IndexedObject): IndexedObject | undefined;
}

/**
 * What {@link argoWorkloadRefs} reads of a set: its objects of a kind and its per-set cache, as a
 * `ManifestIndex` offers them; declared here so that this file need not import the index, which
 * resolves the references itself.
 */
export interface WorkloadRefSet {
  /** Objects of a kind; with `group`, only that API group (`''` = core). */
  ofKind(kind: string, group?: string): readonly IndexedObject[];
  /** Computes a value once per set and returns it on later calls. */
  cached<T>(key: string, compute: () => T): T;
}

const NO_REFS: ArgoWorkloadRefs = { rollouts: [], targetOf: () => undefined, rolloutNaming: () => undefined };

/**
 * The `spec.workloadRef`s of the Argo Rollouts of a set, resolved once per index and shared by the
 * copies of a cluster export, the network diagram and the availability controls, so that all
 * read one reference alike.
 */
export function argoWorkloadRefs(index: WorkloadRefSet): ArgoWorkloadRefs {
  return index.cached('argo:workload-refs', () => {
    const rollouts: IndexedObject[] = [];
    const byTarget = new Map<string, IndexedObject>();
    for (const rollout of index.ofKind('Rollout', ARGO_GROUP)) {
      const ref = argoWorkloadRef(rollout);
      if (ref === undefined) continue;
      rollouts.push(rollout);
      const key = targetKey(ref.kind, rollout.namespace, ref.name);
      if (!byTarget.has(key)) byTarget.set(key, rollout);
    }
    if (rollouts.length === 0) return NO_REFS;
    let targets: Map<string, IndexedObject> | undefined;
    return {
      rollouts,
      targetOf: rollout => {
        const ref = argoWorkloadRef(rollout);
        if (ref === undefined) return undefined;
        targets ??= workloadsByKey(index);
        return targets.get(targetKey(ref.kind, rollout.namespace, ref.name));
      },
      rolloutNaming: o => (isRefTarget(o) ? byTarget.get(targetKey(o.kind, o.namespace, o.name)) : undefined),
    };
  });
}

/** The Deployments and ReplicaSets of the set ({@link isRefTarget}) by kind, namespace and name, the first of each. */
function workloadsByKey(index: WorkloadRefSet): Map<string, IndexedObject> {
  const m = new Map<string, IndexedObject>();
  for (const kind of WORKLOAD_REF_KINDS) {
    for (const o of index.ofKind(kind)) {
      const key = targetKey(o.kind, o.namespace, o.name);
      if (isRefTarget(o) && !m.has(key)) m.set(key, o);
    }
  }
  return m;
}

/** Whether an object is of a kind and API group a `spec.workloadRef` names. */
function isRefTarget(o: IndexedObject): boolean {
  return WORKLOAD_REF_KINDS.has(o.kind) && WORKLOAD_REF_GROUPS.has(o.group);
}

function targetKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}
