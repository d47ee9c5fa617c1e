/** HorizontalPodAutoscaler semantics: which object an autoscaler scales. */

import { groupOf } from '../../../manifest';
import { ManifestIndex } from '../../../manifest-index';
import { selectorMatches } from '../../../selectors';
import { IndexedObject, PodTemplate } from '../../../types';

/** The API group of HorizontalPodAutoscalers (v1 and v2 share it). */
export const AUTOSCALING_GROUP = 'autoscaling';

/** What an autoscaler's `spec.scaleTargetRef` names. */
export interface ScaleTarget {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
}

/** The API groups of Kubernetes itself named like `*.k8s.io`; other such groups are served by CRDs (e.g. the Gateway API). */
const BUILTIN_K8S_IO_GROUPS: ReadonlySet<string> = new Set([
  'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io',
  'certificates.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io', 'networking.k8s.io', 'node.k8s.io', 'rbac.authorization.k8s.io', 'resource.k8s.io',
  'scheduling.k8s.io', 'storage.k8s.io', 'storagemigration.k8s.io',
]);

/** The built-in kinds with a scale subresource, by API group. */
const SCALABLE_BUILTINS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['apps', new Set(['Deployment', 'StatefulSet', 'ReplicaSet'])],
  ['extensions', new Set(['Deployment', 'ReplicaSet'])],
  ['', new Set(['ReplicationController'])],
]);

/** The HorizontalPodAutoscalers of the set, in input order. */
export function autoscalers(index: ManifestIndex): readonly IndexedObject[] {
  return index.ofKind('HorizontalPodAutoscaler', AUTOSCALING_GROUP);
}

/**
 * The object an autoscaler scales: `spec.scaleTargetRef` with string `kind` and `name` (and the
 * API group of its `apiVersion`, core when absent), in the autoscaler's namespace; `undefined`
 * when the reference is not usable.
 */
export function scaleTargetOf(hpa: IndexedObject): ScaleTarget | undefined {
  const ref = (hpa.raw as any).spec?.scaleTargetRef;
  if (!ref || typeof ref !== 'object' || typeof ref.kind !== 'string' || typeof ref.name !== 'string' || ref.kind === '' || ref.name === '') return undefined;
  return { group: typeof ref.apiVersion === 'string' ? groupOf(ref.apiVersion) : '', kind: ref.kind, name: ref.name };
}

/**
 * Whether objects of a kind can be scaled: the built-in kinds with a scale subresource, and any
 * kind of an API group outside Kubernetes' own (a custom resource may define one).
 */
export function isScalableKind(group: string, kind: string): boolean {
  const builtin = group === '' || !group.includes('.') || BUILTIN_K8S_IO_GROUPS.has(group);
  return !builtin || SCALABLE_BUILTINS.get(group)?.has(kind) === true;
}

function targetKey(namespace: string | undefined, group: string, kind: string, name: string): string {
  return `${namespace}/${group}/${kind}/${name}`;
}

/** The autoscalers the API server accepts, by the object they name, in input order. */
function byTarget(index: ManifestIndex): ReadonlyMap<string, readonly IndexedObject[]> {
  return index.cached('availability:hpa-by-target', () => {
    const m = new Map<string, IndexedObject[]>();
    for (const hpa of autoscalers(index)) {
      const t = scaleTargetOf(hpa);
      if (!t || refusedBound(hpa) !== undefined) continue;
      const key = targetKey(hpa.namespace, t.group, t.kind, t.name);
      const list = m.get(key);
      if (list) list.push(hpa); else m.set(key, [hpa]);
    }
    return m;
  });
}

/**
 * Every autoscaler of the set that names `workload` (same namespace, API group, kind and name)
 * and that the API server accepts (see {@link autoscalerBounds}), in input order. Several still
 * enforce their bounds, but none scales the workload on metrics: the autoscaler controller
 * refuses pods that several autoscalers select (ScalingActive false, AmbiguousSelector).
 */
export function autoscalersOf(index: ManifestIndex, workload: IndexedObject): readonly IndexedObject[] {
  const m = byTarget(index);
  return (m.size === 0 ? undefined : m.get(targetKey(workload.namespace, workload.group, workload.kind, workload.name))) ?? [];
}

/** The object of the set an autoscaler's target names (same namespace, API group, kind and name), if any. */
export function targetObject(index: ManifestIndex, hpa: IndexedObject, target: ScaleTarget): IndexedObject | undefined {
  const byName = index.cached(`availability:objects:${target.group}/${target.kind}`, () => {
    const m = new Map<string, IndexedObject>();
    for (const o of index.ofKind(target.kind, target.group)) {
      const key = `${o.namespace}/${o.name}`;
      if (!m.has(key)) m.set(key, o);
    }
    return m;
  });
  return byName.get(`${hpa.namespace}/${target.name}`);
}

/** An autoscaler's replica bounds, as the API server accepts them. */
export interface AutoscalerBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * The bound of an autoscaler that the API server refuses — `minReplicas` (default 1) below 1 or
 * not an integer, or `maxReplicas` missing or below `minReplicas` — or `undefined` when both are
 * accepted.
 */
export function refusedBound(hpa: IndexedObject): 'minReplicas' | 'maxReplicas' | undefined {
  const { minReplicas, maxReplicas } = (hpa.raw as any).spec ?? {};
  const min = minReplicas === undefined || minReplicas === null ? 1 : minReplicas;
  if (!Number.isInteger(min) || min < 1) return 'minReplicas';
  if (!Number.isInteger(maxReplicas) || maxReplicas < min) return 'maxReplicas';
  return undefined;
}

/** The bounds of an autoscaler the API server accepts ({@link refusedBound} is `undefined`). */
export function autoscalerBounds(hpa: IndexedObject): AutoscalerBounds {
  const { minReplicas, maxReplicas } = (hpa.raw as any).spec;
  return { min: minReplicas === undefined || minReplicas === null ? 1 : minReplicas, max: maxReplicas };
}

/** An accepted autoscaler whose target is in the set, with the pod templates its target selects. */
interface ScaledPods {
  readonly hpa: IndexedObject;
  readonly pods: ReadonlySet<PodTemplate>;
}

/** The pods each accepted autoscaler scales, by namespace. */
function scaledPodsByNamespace(index: ManifestIndex): ReadonlyMap<string, readonly ScaledPods[]> {
  return index.cached('availability:hpa-pods', () => {
    const m = new Map<string, ScaledPods[]>();
    for (const hpa of autoscalers(index)) {
      const target = refusedBound(hpa) === undefined ? scaleTargetOf(hpa) : undefined;
      const found = target ? targetObject(index, hpa, target) : undefined;
      const selector = (found?.raw as any)?.spec?.selector;
      if (!found || !selector || typeof selector !== 'object' || Array.isArray(selector)) continue;
      const ns = hpa.namespace ?? 'default';
      const pods = new Set(index.podTemplatesIn(ns).filter(t => selectorMatches(selector, t.labels)));
      const list = m.get(ns);
      if (list) list.push({ hpa, pods }); else m.set(ns, [{ hpa, pods }]);
    }
    return m;
  });
}

/**
 * The other accepted autoscalers of the namespace whose targets select some of the pods that
 * `hpa`'s target selects: the autoscaler controller finds pods by the target's selector and
 * stops scaling on metrics wherever two autoscalers select one pod (AmbiguousSelector), whether
 * they name one workload or two whose selectors overlap.
 */
export function autoscalersSharingPods(index: ManifestIndex, hpa: IndexedObject): readonly IndexedObject[] {
  const entries = scaledPodsByNamespace(index).get(hpa.namespace ?? 'default') ?? [];
  const own = entries.find(e => e.hpa === hpa);
  if (!own || own.pods.size === 0) return [];
  return entries.filter(e => e !== own && [...e.pods].some(p => own.pods.has(p))).map(e => e.hpa);
}
