/** HorizontalPodAutoscaler semantics: which object an autoscaler scales. */

import { groupOf } from '../../../manifest';
import { ManifestIndex } from '../../../manifest-index';
import { LabelSelector, SelectorIndex, selectorIsEmpty } from '../../../selectors';
import { IndexedObject } from '../../../types';

/** The API group of HorizontalPodAutoscalers (v1 and v2 share it). */
const AUTOSCALING_GROUP = 'autoscaling';

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
  return index.cached('availability:autoscalers', () => index.ofKind('HorizontalPodAutoscaler', AUTOSCALING_GROUP).filter(hpa => !ownedByKeda(hpa)));
}

/**
 * Whether an autoscaler is the one KEDA makes for a ScaledObject (`keda-hpa-<name>`, which the
 * ScaledObject controls, as a cluster export shows it): the ScaledObject stands for it.
 */
function ownedByKeda(hpa: IndexedObject): boolean {
  const owners = (hpa.raw as any).metadata?.ownerReferences;
  return Array.isArray(owners) && owners.some(o => o && o.kind === 'ScaledObject' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('keda.sh/'));
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

/** The key of an autoscaler's target: namespace, API group, kind and name. */
export function targetKey(namespace: string | undefined, group: string, kind: string, name: string): string {
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
 * and that the API server accepts (see {@link refusedBound}), in input order. Several still
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

/** The most autoscalers a finding names; beyond them it says how the list goes on. */
const NAMED = 3;

/** Other autoscalers sharing pods with one: the first few, and whether there are more. */
export interface SharingAutoscalers {
  readonly named: readonly IndexedObject[];
  readonly more: boolean;
}

/**
 * The pods an autoscaler's target selects, as the autoscaler controller reads its selector, or
 * `undefined` when the controller registers none: a target it cannot scale or that is scaled to
 * zero (the autoscaler stops first), a selector the API server refuses (`{}` on a built-in
 * workload), a custom resource without a label selector in `spec.selector`. A
 * ReplicationController's selector is a plain label map (its template's labels when absent).
 */
function podSelectorOf(target: ScaleTarget, found: IndexedObject): LabelSelector | undefined {
  const spec = (found.raw as any).spec;
  if (!isScalableKind(target.group, target.kind) || spec?.replicas === 0) return undefined;
  const selector = spec?.selector;
  if (target.group === '' && target.kind === 'ReplicationController') {
    const labels = selector && typeof selector === 'object' && !Array.isArray(selector) ? selector : spec?.template?.metadata?.labels;
    return labels && typeof labels === 'object' && Object.keys(labels).length > 0 ? { matchLabels: labels } : undefined;
  }
  if (!selector || typeof selector !== 'object' || Array.isArray(selector) || !('matchLabels' in selector || 'matchExpressions' in selector)) return undefined;
  return SCALABLE_BUILTINS.get(target.group)?.has(target.kind) && selectorIsEmpty(selector) ? undefined : selector;
}

/**
 * For each accepted autoscaler that shares pods with others, the first few of them. Pods are
 * matched once each against an index of the targets' selectors, and each keeps at most a few
 * names, so the cost stays linear in the pods even when many autoscalers overlap.
 */
function sharingAutoscalers(index: ManifestIndex): ReadonlyMap<IndexedObject, SharingAutoscalers> {
  return index.cached('availability:hpa-sharing', () => {
    const selectors = new SelectorIndex<IndexedObject>();
    for (const hpa of autoscalers(index)) {
      const target = refusedBound(hpa) === undefined ? scaleTargetOf(hpa) : undefined;
      const found = target ? targetObject(index, hpa, target) : undefined;
      const selector = found ? podSelectorOf(target!, found) : undefined;
      if (selector) selectors.add(hpa.namespace ?? 'default', selector, hpa);
    }
    const out = new Map<IndexedObject, { named: IndexedObject[]; more: boolean }>();
    for (const pod of index.podTemplates) {
      const hpas = selectors.match(pod.namespace, pod.labels);
      if (hpas.length < 2) continue;
      for (const hpa of hpas) {
        let entry = out.get(hpa);
        if (!entry) out.set(hpa, entry = { named: [], more: false });
        if (entry.more) continue;
        for (const other of hpas) {
          if (other === hpa || entry.named.includes(other)) continue;
          if (entry.named.length < NAMED) entry.named.push(other);
          else {
            entry.more = true;
            break;
          }
        }
      }
    }
    return out;
  });
}

/**
 * The other accepted autoscalers whose targets select some of the pods that `hpa`'s target
 * selects (the first few, in the order of the input): the autoscaler controller finds pods by the
 * target's selector and stops scaling on metrics wherever two autoscalers select one pod
 * (AmbiguousSelector), whether they name one workload or two whose selectors overlap.
 */
export function autoscalersSharingPods(index: ManifestIndex, hpa: IndexedObject): SharingAutoscalers {
  return sharingAutoscalers(index).get(hpa) ?? { named: [], more: false };
}
