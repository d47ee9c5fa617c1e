import { ResolvedComplianceConfig } from '../../../config';
import { stringMap } from '../../../manifest';
import { ManifestIndex } from '../../../manifest-index';
import { SelectorIndex } from '../../../selectors';
import { IndexedObject } from '../../../types';

/** API group of PeerAuthentication, AuthorizationPolicy and RequestAuthentication. */
export const SECURITY_GROUP = 'security.istio.io';
/** API group of DestinationRule and Sidecar. */
export const NETWORKING_GROUP = 'networking.istio.io';
/** API group of Telemetry. */
export const TELEMETRY_GROUP = 'telemetry.istio.io';

/** Where an Istio kind keeps its workload selector labels. */
export type SelectorLabelsPath = 'spec.selector.matchLabels' | 'spec.workloadSelector.labels';

/**
 * The Istio objects of a kind in every served version (v1, v1beta1, v1alpha3, …): the group is
 * matched, the version is not, because every version of these kinds has the same schema.
 */
export function istioObjects(index: ManifestIndex, kind: string, group: string): readonly IndexedObject[] {
  return index.ofKind(kind, group);
}

/** The `spec` of an object, or an empty object when it is missing or not a mapping. */
export function specOf(o: IndexedObject): any {
  const spec = (o.raw as any).spec;
  return spec && typeof spec === 'object' && !Array.isArray(spec) ? spec : {};
}

/** The selector labels of an Istio object; empty when it has none. */
export function selectorLabels(o: IndexedObject, path: SelectorLabelsPath): Readonly<Record<string, string>> {
  const spec = specOf(o);
  return stringMap(path === 'spec.selector.matchLabels' ? spec.selector?.matchLabels : spec.workloadSelector?.labels);
}

/** Whether a label mapping has no entry. */
function isEmpty(labels: Readonly<Record<string, string>>): boolean {
  for (const key in labels) if (Object.prototype.hasOwnProperty.call(labels, key)) return false;
  return true;
}

/** Whether an Istio object attaches to a gateway (`targetRef`/`targetRefs`) instead of workloads. */
export function hasTargetRef(o: IndexedObject): boolean {
  const spec = specOf(o);
  return (spec.targetRef !== undefined && spec.targetRef !== null)
    || (Array.isArray(spec.targetRefs) && spec.targetRefs.length > 0);
}

/**
 * Whether an Istio policy applies to every workload of its namespace: no selector labels (Istio
 * treats an empty `matchLabels` as no selector) and no gateway target.
 */
export function isNamespaceWide(o: IndexedObject, path: SelectorLabelsPath): boolean {
  return isEmpty(selectorLabels(o, path)) && !hasTargetRef(o);
}

/** The Istio policies of a kind by scope: namespace-wide per namespace, and workload-scoped by labels. */
export interface PolicyScopes {
  /** Namespace-wide policies by namespace, in input order. */
  readonly wide: ReadonlyMap<string, readonly IndexedObject[]>;
  /** Workload-scoped policies, matched within their own namespace. */
  readonly workload: SelectorIndex<IndexedObject>;
}

/**
 * Indexes the policies of an Istio kind by scope, once per run. Policies that target a gateway
 * are left out: they govern no sidecar.
 */
export function policyScopes(index: ManifestIndex, kind: string, group: string, path: SelectorLabelsPath): PolicyScopes {
  return index.cached(`istio-scopes:${kind}:${group}:${path}`, () => {
    const wide = new Map<string, IndexedObject[]>();
    const workload = new SelectorIndex<IndexedObject>();
    for (const o of istioObjects(index, kind, group)) {
      if (o.namespace === undefined || hasTargetRef(o)) continue;
      const labels = selectorLabels(o, path);
      if (isEmpty(labels)) {
        const list = wide.get(o.namespace);
        if (list) list.push(o); else wide.set(o.namespace, [o]);
      } else {
        workload.add(o.namespace, { matchLabels: labels }, o);
      }
    }
    return { wide, workload };
  });
}

/** The namespace-wide policies of a namespace. */
export function wideIn(scopes: PolicyScopes, namespace: string): readonly IndexedObject[] {
  return scopes.wide.get(namespace) ?? [];
}

/** A list of refs for messages: `A/b/c, D/e/f`. */
export function refs(objects: readonly IndexedObject[]): string {
  return objects.map(o => o.ref).join(', ');
}

/** Why the mesh controls check nothing under a configuration: `requireMesh: false` (their `inactive`). */
export function meshNotRequired(config: ResolvedComplianceConfig): string | undefined {
  return config.requireMesh ? undefined : 'the mesh is not required (requireMesh: false)';
}
