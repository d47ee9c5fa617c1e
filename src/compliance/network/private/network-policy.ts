/**
 * Kubernetes NetworkPolicy semantics for the flow model.
 *
 * A pod is isolated in a direction when a NetworkPolicy of that type selects it; its allowed
 * traffic is then the union of the rules of those policies. `policyTypes` defaults to Ingress,
 * plus Egress when the policy has a non-empty `egress` list. A rule without `from`/`to` admits
 * every peer, a rule without `ports` every port. A peer is an ipBlock, or a pod selector (in the
 * policy's namespace), a namespace selector (every pod of the namespaces), or both (those pods of
 * those namespaces).
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
import { ManifestIndex } from '../../manifest-index';
import { LabelSelector, selectorIsEmpty, selectorMatches } from '../../selectors';
import { IndexedObject } from '../../types';
import type { Endpoint } from '../model';
import { PortSet } from './ports';
import { isSelector, selectorText, selectsAll } from './selector-text';
import { policyPorts, WorkloadInfo, WorkloadSet } from './workloads';

/** The direction of a rule. */
export type Direction = 'Ingress' | 'Egress';

/** One rule of a NetworkPolicy. */
export interface PolicyRule {
  readonly policy: IndexedObject;
  /** The `from`/`to` peers; `undefined` admits every peer. */
  readonly peers?: readonly unknown[];
  readonly ports: unknown;
}

/** The rules that govern one direction of a workload. */
export interface Side {
  /** Whether any policy of this direction selects the workload; if not, everything is allowed. */
  readonly isolated: boolean;
  readonly rules: readonly PolicyRule[];
}

/** Ports a policy grants, for the `via` of a flow. */
export interface Grant {
  readonly ref: string;
  readonly ports: PortSet;
}

/** What the flow computation needs to resolve selectors. */
export interface Resolver {
  readonly index: ManifestIndex;
  readonly workloads: WorkloadSet;
}

const ALL_ADDRESSES = new Set(['0.0.0.0/0', '::/0']);
const NAME_LABEL = 'kubernetes.io/metadata.name';

/** The ingress and egress sides of a workload. */
export function sidesOf(index: ManifestIndex, w: WorkloadInfo): { ingress: Side; egress: Side } {
  const policies = index.selectorIndex('NetworkPolicy', 'networking.k8s.io', 'spec.podSelector', true).match(w.namespace, w.labels);
  return { ingress: side(policies, 'Ingress'), egress: side(policies, 'Egress') };
}

function side(policies: readonly IndexedObject[], direction: Direction): Side {
  const rules: PolicyRule[] = [];
  let isolated = false;
  for (const policy of policies) {
    const spec = policy.raw.spec ?? {};
    if (!policyTypes(spec).includes(direction)) continue;
    isolated = true;
    const list = direction === 'Ingress' ? spec.ingress : spec.egress;
    if (!Array.isArray(list)) continue;
    for (const rule of list) {
      if (!rule || typeof rule !== 'object') continue;
      const peers = direction === 'Ingress' ? rule.from : rule.to;
      rules.push({ policy, peers: Array.isArray(peers) && peers.length > 0 ? peers : undefined, ports: rule.ports });
    }
  }
  return { isolated, rules };
}

function policyTypes(spec: any): string[] {
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) return spec.policyTypes.map(String);
  return Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/**
 * The grants of a side towards one peer, or `'open'` when the side is not isolated. Named ports
 * resolve against `dest` (the destination workload).
 */
export function grantsOf(side: Side, admits: (peer: unknown) => boolean, dest: WorkloadInfo | undefined): Grant[] | 'open' {
  if (!side.isolated) return 'open';
  const out: Grant[] = [];
  for (const rule of side.rules) {
    if (rule.peers === undefined || rule.peers.some(admits)) out.push({ ref: rule.policy.ref, ports: policyPorts(rule.ports, dest) });
  }
  return out;
}

/** Whether a peer of a policy in `policyNs` covers the endpoint `e`. */
export function peerAdmits(r: Resolver, peer: unknown, policyNs: string, e: Endpoint): boolean {
  if (!peer || typeof peer !== 'object') return false;
  const p = peer as any;
  if (p.ipBlock) return ipBlockAdmits(p.ipBlock, e);
  const podSel = isSelector(p.podSelector) ? p.podSelector as LabelSelector : undefined;
  const nsSel = isSelector(p.namespaceSelector) ? p.namespaceSelector as LabelSelector : undefined;
  if (!podSel && !nsSel) return false;
  switch (e.type) {
    case 'workload': {
      const w = r.workloads.get(e.id);
      if (!w) return false;
      const nsOk = nsSel ? namespaceMatches(r, nsSel, w.namespace) : w.namespace === policyNs;
      return nsOk && (!podSel || selectorMatches(podSel, w.labels));
    }
    case 'namespace': {
      // Pods outside the set are not drawn one by one: some of them may match the pod selector.
      const outside = e.namespace === '*' || !r.workloads.hasNamespace(e.namespace);
      const podOk = selectsAll(podSel) || (e.pods !== undefined ? selectorText(podSel!) === e.pods : outside);
      if (!podOk) return false;
      if (e.namespace === '*') return !!nsSel && (selectorIsEmpty(nsSel) ? e.selector === undefined : selectorText(nsSel) === e.selector);
      return nsSel ? namespaceMatches(r, nsSel, e.namespace) : e.namespace === policyNs;
    }
    default:
      return false;
  }
}

function ipBlockAdmits(block: any, e: Endpoint): boolean {
  if (!block || typeof block.cidr !== 'string') return false;
  if (e.type === 'internet') return ALL_ADDRESSES.has(block.cidr);
  if (e.type !== 'external' || e.cidr === undefined) return false;
  return block.cidr === e.cidr && exceptOf(block).join(',') === (e.except ?? []).join(',');
}

function exceptOf(block: any): string[] {
  return Array.isArray(block.except) ? block.except.map(String).sort() : [];
}

/**
 * The endpoints a peer stands for, for drawing: workloads matched by a pod selector, a namespace
 * endpoint for every pod of a namespace (or for a namespace outside the set), an external or
 * internet endpoint for an ipBlock.
 */
export function peerEndpoints(r: Resolver, peer: unknown, policyNs: string): Endpoint[] {
  if (!peer || typeof peer !== 'object') return [];
  const p = peer as any;
  if (p.ipBlock) {
    if (typeof p.ipBlock.cidr !== 'string') return [];
    const except = exceptOf(p.ipBlock);
    if (ALL_ADDRESSES.has(p.ipBlock.cidr) && except.length === 0) return [{ type: 'internet' }];
    return [except.length > 0 ? { type: 'external', cidr: p.ipBlock.cidr, except } : { type: 'external', cidr: p.ipBlock.cidr }];
  }
  const podSel = isSelector(p.podSelector) ? p.podSelector as LabelSelector : undefined;
  const nsSel = isSelector(p.namespaceSelector) ? p.namespaceSelector as LabelSelector : undefined;
  if (!podSel && !nsSel) return [];
  const pods = selectsAll(podSel) ? undefined : selectorText(podSel!);
  if (!nsSel) return namespacePeers(r, policyNs, podSel, pods);
  if (selectorIsEmpty(nsSel)) {
    const everywhere: Endpoint = pods ? { type: 'namespace', namespace: '*', pods } : { type: 'namespace', namespace: '*' };
    return [everywhere, ...(pods ? r.workloads.matching(undefined, podSel!).map(w => w.endpoint) : [])];
  }
  const named = namedNamespaces(nsSel);
  const candidates = named ?? [...new Set([...r.index.namespaces, ...r.workloads.namespaces])];
  const matched = candidates.filter(ns => namespaceMatches(r, nsSel, ns));
  if (matched.length === 0 && !named) {
    const selector = selectorText(nsSel);
    return [pods ? { type: 'namespace', namespace: '*', selector, pods } : { type: 'namespace', namespace: '*', selector }];
  }
  return matched.sort().flatMap(ns => namespacePeers(r, ns, podSel, pods));
}

function namespacePeers(r: Resolver, ns: string, podSel: LabelSelector | undefined, pods: string | undefined): Endpoint[] {
  if (!r.workloads.hasNamespace(ns)) return [pods ? { type: 'namespace', namespace: ns, pods } : { type: 'namespace', namespace: ns }];
  if (pods === undefined) return [{ type: 'namespace', namespace: ns }];
  return r.workloads.matching(ns, podSel!).map(w => w.endpoint);
}

/**
 * Whether a namespace selector matches a namespace. A namespace declared in the set is matched on
 * its labels; one that is not declared has only the `kubernetes.io/metadata.name` label the API
 * server sets, so a selector that names it is taken to match it.
 */
export function namespaceMatches(r: Resolver, nsSel: LabelSelector, ns: string): boolean {
  if (selectorMatches(nsSel, r.index.namespaceLabels(ns))) return true;
  if (r.index.namespaceObject(ns)) return false;
  return namedNamespaces(nsSel)?.includes(ns) ?? false;
}

/** The namespaces a selector names through `kubernetes.io/metadata.name`, or `undefined` when it names none. */
function namedNamespaces(nsSel: LabelSelector): string[] | undefined {
  const ml = isSelector(nsSel.matchLabels) ? nsSel.matchLabels : {};
  let names: string[] | undefined = NAME_LABEL in ml ? [String(ml[NAME_LABEL])] : undefined;
  for (const e of Array.isArray(nsSel.matchExpressions) ? nsSel.matchExpressions : []) {
    if (!e || e.key !== NAME_LABEL || e.operator !== 'In' || !Array.isArray(e.values)) continue;
    const values = e.values.map(String);
    names = names ? names.filter(n => values.includes(n)) : values;
  }
  return names;
}
