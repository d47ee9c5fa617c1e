/**
 * NetworkPolicy semantics (networking.k8s.io/v1): which directions a policy isolates, which
 * pod templates each policy selects, and which rules admit everything.
 */

import { ManifestIndex } from '../../../manifest-index';
import { NAMESPACE_NAME_LABEL, selectorIsEmpty, selectorMatches } from '../../../selectors';
import { IndexedObject, PodTemplate } from '../../../types';

/** The NetworkPolicy API group. */
export const NETWORKING_GROUP = 'networking.k8s.io';

/** A direction of traffic a NetworkPolicy can isolate. */
export type PolicyType = 'Ingress' | 'Egress';

/**
 * The policy types a NetworkPolicy has once the API server has defaulted it: `spec.policyTypes`
 * when it lists any; otherwise `Ingress`, plus `Egress` when `spec.egress` has at least one rule
 * (SetDefaults_NetworkPolicy in k8s.io/kubernetes pkg/apis/networking/v1/defaults.go; an empty
 * `egress: []` does not count).
 */
export function policyTypesOf(raw: any): PolicyType[] {
  const declared = Array.isArray(raw?.spec?.policyTypes) ? raw.spec.policyTypes : [];
  if (declared.length > 0) return declared.filter((t: unknown): t is PolicyType => t === 'Ingress' || t === 'Egress');
  const egress = raw?.spec?.egress;
  return Array.isArray(egress) && egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/**
 * Whether a NetworkPolicy has the policy type `type` once defaulted: the same answer as
 * `policyTypesOf(raw).includes(type)`, without building the list.
 */
export function hasPolicyType(raw: any, type: PolicyType): boolean {
  const declared = raw?.spec?.policyTypes;
  if (Array.isArray(declared) && declared.length > 0) return declared.includes(type);
  if (type === 'Ingress') return true;
  const egress = raw?.spec?.egress;
  return Array.isArray(egress) && egress.length > 0;
}

/** The NetworkPolicies of the set (networking.k8s.io), in input order. */
export function networkPolicies(index: ManifestIndex): readonly IndexedObject[] {
  return index.ofKind('NetworkPolicy', NETWORKING_GROUP);
}

/**
 * The NetworkPolicies that select each pod template (same namespace, `spec.podSelector` matching
 * the template's labels). Computed once per run through the shared selector index, so the cost
 * is linear in the number of templates and candidate policies.
 */
export function policiesByTemplate(index: ManifestIndex): ReadonlyMap<PodTemplate, readonly IndexedObject[]> {
  return index.cached('network:policiesByTemplate', () => {
    // spec.podSelector is not a pointer in the API: a policy without one selects every pod, as `{}` does.
    const selectors = index.selectorIndex('NetworkPolicy', NETWORKING_GROUP, 'spec.podSelector', true);
    const out = new Map<PodTemplate, readonly IndexedObject[]>();
    for (const t of index.podTemplates) out.set(t, selectors.match(t.namespace, t.labels));
    return out;
  });
}

/** Whether an object's labels selector (a LabelSelector) is present and non-empty. */
export function isRestrictingSelector(selector: unknown): boolean {
  return !!selector && typeof selector === 'object' && !selectorIsEmpty(selector as any);
}

export { isAllAddresses } from '../../../common/ipv4-mapped';

/**
 * Whether a namespaceSelector matches every namespace: empty, or asking only that the
 * `kubernetes.io/metadata.name` label exists, which the API server sets on every namespace.
 */
function selectsEveryNamespace(selector: any): boolean {
  if (!isRestrictingSelector(selector)) return true;
  const labels = selector.matchLabels && typeof selector.matchLabels === 'object' ? Object.keys(selector.matchLabels) : [];
  const exprs: any[] = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return labels.length === 0 && exprs.every(e => e?.key === NAMESPACE_NAME_LABEL && e?.operator === 'Exists');
}

/**
 * The labels of a namespace nobody labelled: only the name label the API server sets, with a name no
 * selector can write (label values hold no NUL), so that no `In` names it and every `NotIn` passes it.
 */
const NEW_NAMESPACE_LABELS: Readonly<Record<string, string>> = { [NAMESPACE_NAME_LABEL]: '\u0000new' };

/**
 * Whether a `to`/`from` peer admits every pod of every namespace, or of every namespace it does not
 * exclude: its namespaceSelector matches a namespace labelled only with its name (empty, `Exists` on
 * the name label, or only `NotIn` and `DoesNotExist` terms, which select every namespace without the
 * excluded labels, any created later included) and its podSelector, if any, a pod without labels
 * (empty, or only `NotIn` and `DoesNotExist`). `undefined` when it names its namespaces or pods;
 * otherwise what it admits and why, for the message.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#set-based-requirement
 */
export function everyPodOfEveryNamespace(peer: any): { readonly what: string; readonly why: readonly string[] } | undefined {
  if (!peer || typeof peer !== 'object' || peer.ipBlock) return undefined;
  const ns = peer.namespaceSelector;
  const pods = peer.podSelector ?? undefined;
  if (!ns || typeof ns !== 'object' || !selectorMatches(ns, NEW_NAMESPACE_LABELS)) return undefined;
  if (pods !== undefined && !selectorMatches(pods, {})) return undefined;
  const everyNamespace = selectsEveryNamespace(ns);
  const podRestriction = isRestrictingSelector(pods);
  return {
    what: everyNamespace && !podRestriction ? 'every pod of every namespace' : 'every pod of every namespace that its selectors do not exclude',
    why: [
      everyNamespace ? 'a namespaceSelector every namespace matches' : 'a namespaceSelector that only excludes, matched by any new namespace',
      podRestriction ? 'a podSelector that only excludes, matched by a pod without labels' : 'no podSelector restriction',
    ],
  };
}

/** The JSON path of a pod template's labels, e.g. `spec.template.metadata.labels`. */
export function templateLabelsPath(t: PodTemplate): string {
  return t.specPath === 'spec' ? 'metadata.labels' : t.specPath.replace(/\.spec$/, '.metadata.labels');
}
