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
import { isAllAddresses, normalCidr } from '../../common/ipv4-mapped';
import { policiesByTemplate } from '../../controls/network/private/network-policy';
import { ManifestIndex } from '../../manifest-index';
import { LabelSelector, NAMESPACE_NAME_LABEL, namedNamespaces, selectorIsEmpty, selectorMatches } from '../../selectors';
import { IndexedObject, PodTemplate } from '../../types';
import type { Endpoint } from '../model';
import { NO_PORTS, portNumber, PortSet, unionPorts } from './ports';
import { isSelector, selectorText, selectsAll } from './selector-text';
import { policyPorts, WorkloadInfo, WorkloadSet } from './workloads';

/** The direction of a rule. */
export type Direction = 'Ingress' | 'Egress';

/** A `from`/`to` entry of a NetworkPolicy rule, read once. */
export interface Peer {
  /**
   * For an ipBlock peer, its CIDR and its sorted exceptions, each in its one spelling
   * ({@link normalCidr}); `null` for an ipBlock without a CIDR, which admits nothing. The
   * selectors of an ipBlock peer are ignored.
   */
  readonly ipBlock?: { readonly cidr: string; readonly except: readonly string[] } | null;
  readonly podSelector?: LabelSelector;
  /** The pod selector in kubectl notation; `undefined` when it selects every pod (absent or empty). */
  readonly pods?: string;
  readonly namespaceSelector?: LabelSelector;
  /** Whether the namespace selector is present and empty (every namespace). */
  readonly everyNamespace: boolean;
  /** The namespaces the namespace selector names through `kubernetes.io/metadata.name`, if any. */
  readonly namedNamespaces?: readonly string[];
}

/** One rule of a NetworkPolicy. */
export interface PolicyRule {
  readonly policy: IndexedObject;
  /** The `from`/`to` peers; `undefined` admits every peer. */
  readonly peers?: readonly Peer[];
  readonly ports: unknown;
  /** What the rule grants when its ports name no port by name, i.e. do not depend on the destination. */
  readonly grant?: Grant;
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
  /** The labels of a namespace as the API server sees them ({@link ManifestIndex.namespaceLabels}). */
  namespaceLabels(ns: string): Readonly<Record<string, string>>;
}


/** The rules of one NetworkPolicy in each direction it governs; absent for a direction it does not. */
export type PolicySides = Partial<Record<Direction, readonly PolicyRule[]>>;

/**
 * The NetworkPolicies of the set (networking.k8s.io) and the pod templates each selects, as the
 * check found them ({@link policiesByTemplate}: same namespace, `spec.podSelector` matching, an
 * absent selector selecting every pod). Each policy is read once, when a workload it selects first
 * asks; peers and port lists written the same way in several policies (the DNS and control-plane
 * rules every workload carries) are read once and shared, so that the endpoints of a peer are
 * computed once per namespace, not per policy.
 */
export class NetworkPolicies {
  private readonly reader = new PolicyReader();
  private readonly read = new Map<IndexedObject, PolicySides>();
  private readonly selecting: ReadonlyMap<PodTemplate, readonly IndexedObject[]>;

  public constructor(index: ManifestIndex) {
    this.selecting = policiesByTemplate(index);
  }

  /** The ingress and egress sides of a workload: the rules of every policy that selects its pods. */
  public sidesOf(w: WorkloadInfo): { ingress: Side; egress: Side } {
    return this.sidesOfPolicies(this.selecting.get(w.pod) ?? []);
  }

  /** The ingress and egress sides of pods that exactly `policies` select. */
  public sidesOfPolicies(policies: readonly IndexedObject[]): { ingress: Side; egress: Side } {
    const sides: PolicySides[] = [];
    for (let i = 0; i < policies.length; i++) {
      let read = this.read.get(policies[i]);
      if (read === undefined) this.read.set(policies[i], read = this.reader.sides(policies[i]));
      sides.push(read);
    }
    return { ingress: side(sides, 'Ingress'), egress: side(sides, 'Egress') };
  }

  /** The policies that select at least one pod template of the set. */
  public selectingSomeTemplate(): ReadonlySet<IndexedObject> {
    const out = new Set<IndexedObject>();
    for (const policies of this.selecting.values()) for (const p of policies) out.add(p);
    return out;
  }
}

function side(sides: readonly PolicySides[], direction: Direction): Side {
  const rules: PolicyRule[] = [];
  let isolated = false;
  for (const s of sides) {
    const list = s[direction];
    if (!list) continue;
    isolated = true;
    rules.push(...list);
  }
  return { isolated, rules };
}

/** Reads policies, sharing the peers and port sets that are written identically. */
class PolicyReader {
  private readonly peers = new Map<string, Peer>();
  private readonly ports = new Map<string, PortSet>();

  /** The rules of a policy in each direction it governs. */
  public sides(policy: IndexedObject): PolicySides {
    const spec = policy.raw.spec ?? {};
    const out: PolicySides = {};
    for (const direction of policyTypes(spec)) {
      if (direction !== 'Ingress' && direction !== 'Egress') continue;
      const list = direction === 'Ingress' ? spec.ingress : spec.egress;
      const rules: PolicyRule[] = [];
      for (const item of Array.isArray(list) ? list : []) {
        // An empty list item (`-` alone, null) decodes to the zero rule `{}`: every peer, every port.
        const rule = item === null ? {} : item;
        if (typeof rule !== 'object') continue;
        const peers = direction === 'Ingress' ? rule.from : rule.to;
        rules.push({
          policy, peers: Array.isArray(peers) && peers.length > 0 ? peers.map(p => this.peer(p)) : undefined, ports: rule.ports,
          grant: namesPorts(rule.ports) ? undefined : { ref: policy.ref, ports: this.portSet(rule.ports) },
        });
      }
      out[direction] = rules;
    }
    return out;
  }

  private peer(raw: unknown): Peer {
    return readOnce(this.peers, raw, readPeer);
  }

  /** The ports of a list that names no port by name (so they do not depend on the destination). */
  private portSet(raw: unknown): PortSet {
    return readOnce(this.ports, raw, ports => policyPorts(ports, undefined));
  }
}

/** `read(raw)`, computed once per distinct JSON text of `raw`. */
function readOnce<T>(cache: Map<string, T>, raw: unknown, read: (raw: unknown) => T): T {
  const key = JSON.stringify(raw) ?? '';
  let value = cache.get(key);
  if (value === undefined) {
    value = read(raw);
    cache.set(key, value);
  }
  return value;
}

/** Whether a NetworkPolicy port list names a port by name (which resolves per destination). */
function namesPorts(ports: unknown): boolean {
  return Array.isArray(ports) && ports.some(p => p && typeof p === 'object' && typeof p.port === 'string' && portNumber(p.port) === undefined);
}

function policyTypes(spec: any): string[] {
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) return spec.policyTypes.map(String);
  return Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Reads a peer of a rule; anything that is not an object admits nothing. */
function readPeer(peer: unknown): Peer {
  if (!peer || typeof peer !== 'object') return { everyNamespace: false };
  const p = peer as any;
  if (p.ipBlock) {
    const block = p.ipBlock;
    if (typeof block.cidr !== 'string') return { ipBlock: null, everyNamespace: false };
    return { ipBlock: ipBlockRange(block.cidr, Array.isArray(block.except) ? block.except : []), everyNamespace: false };
  }
  const podSelector = isSelector(p.podSelector) ? p.podSelector as LabelSelector : undefined;
  const namespaceSelector = isSelector(p.namespaceSelector) ? p.namespaceSelector as LabelSelector : undefined;
  return {
    podSelector,
    pods: selectsAll(podSelector) ? undefined : selectorText(podSelector!),
    namespaceSelector,
    everyNamespace: namespaceSelector !== undefined && selectorIsEmpty(namespaceSelector),
    namedNamespaces: namespaceSelector && namedNamespaces(namespaceSelector),
  };
}

/**
 * An ipBlock's range in its one spelling: the CIDR and its exceptions each as {@link normalCidr}
 * writes it, the exceptions once each and sorted. Two spellings of one range (`2001:db8::/64`,
 * `2001:DB8:0:0::/64`, exceptions in another order) are one endpoint.
 */
export function ipBlockRange(cidr: string, except: readonly unknown[]): { readonly cidr: string; readonly except: readonly string[] } {
  return { cidr: spelt(cidr), except: [...new Set<string>(except.map(e => spelt(String(e))))].sort() };
}

/** A CIDR in its one spelling ({@link normalCidr}); text that is not one, as written. */
function spelt(cidr: string): string {
  return normalCidr(cidr) ?? cidr;
}

/**
 * Adds to `out` the grant of every rule of an isolated side that admits the endpoint `e`, and
 * returns the union of their ports. Named ports resolve against `dest` (the destination workload).
 */
export function admittedPorts(r: Resolver, side: Side, policyNs: string, e: Endpoint, dest: WorkloadInfo | undefined, out: Grant[]): PortSet {
  let ports = NO_PORTS;
  for (const rule of side.rules) {
    if (rule.peers !== undefined && !rule.peers.some(peer => peerAdmits(r, peer, policyNs, e))) continue;
    const grant = rule.grant ?? { ref: rule.policy.ref, ports: policyPorts(rule.ports, dest) };
    out.push(grant);
    ports = unionPorts(ports, grant.ports);
  }
  return ports;
}

/** Whether a peer of a policy in `policyNs` covers the endpoint `e`. */
function peerAdmits(r: Resolver, peer: Peer, policyNs: string, e: Endpoint): boolean {
  if (peer.ipBlock !== undefined) return ipBlockAdmits(peer.ipBlock, e);
  const { podSelector: podSel, namespaceSelector: nsSel } = peer;
  if (!podSel && !nsSel) return false;
  switch (e.type) {
    case 'workload': {
      const w = r.workloads.get(e.id);
      if (!w) return false;
      const nsOk = nsSel ? namespaceMatches(r, peer, w.namespace) : w.namespace === policyNs;
      return nsOk && (!podSel || selectorMatches(podSel, w.labels));
    }
    case 'namespace': {
      // Pods outside the set are drawn as one endpoint per pod selector a peer names (`e.pods`);
      // the endpoint standing for every pod of a namespace gets only what admits every pod.
      const podOk = peer.pods === undefined || (e.pods !== undefined && peer.pods === e.pods);
      if (!podOk) return false;
      if (e.namespace === '*') return !!nsSel && (peer.everyNamespace ? e.selector === undefined : selectorText(nsSel) === e.selector);
      return nsSel ? namespaceMatches(r, peer, e.namespace) : e.namespace === policyNs;
    }
    default:
      return false;
  }
}

/**
 * Whether an ipBlock covers an endpoint. Pod addresses are not in the manifests: pods (of the set or
 * not) are taken to be in a block of every address without exceptions and in no other. Kubernetes
 * leaves matching pod addresses against ipBlocks to the network plugin: most match them (Kubernetes'
 * own NetworkPolicy e2e tests allow egress to a pod by its address), some do not; the diagram draws
 * the wider answer, as for AuthorizationPolicy `ipBlocks`.
 */
function ipBlockAdmits(block: Peer['ipBlock'], e: Endpoint): boolean {
  if (!block) return false;
  // The internet stands for every address: a block with exceptions does not admit all of it.
  if (e.type === 'internet' || e.type === 'workload' || e.type === 'namespace') return isAllAddresses(block.cidr) && block.except.length === 0;
  if (e.type !== 'external' || e.cidr === undefined) return false;
  return block.cidr === e.cidr && block.except.join(',') === (e.except ?? []).join(',');
}

/**
 * The endpoints a peer stands for, for drawing: workloads matched by a pod selector, a namespace
 * endpoint for every pod of a namespace (or for a namespace outside the set), an external or
 * internet endpoint for an ipBlock.
 */
export function peerEndpoints(r: Resolver, peer: Peer, policyNs: string): Endpoint[] {
  if (peer.ipBlock !== undefined) {
    const block = peer.ipBlock;
    if (!block) return [];
    if (isAllAddresses(block.cidr) && block.except.length === 0) return [{ type: 'internet' }];
    return [block.except.length > 0 ? { type: 'external', cidr: block.cidr, except: [...block.except] } : { type: 'external', cidr: block.cidr }];
  }
  const { podSelector: podSel, namespaceSelector: nsSel, pods } = peer;
  if (!podSel && !nsSel) return [];
  if (!nsSel) return namespacePeers(r, policyNs, podSel, pods);
  if (selectsNoNamespace(nsSel)) return [];
  if (peer.everyNamespace) {
    const everywhere: Endpoint = pods ? { type: 'namespace', namespace: '*', pods } : { type: 'namespace', namespace: '*' };
    return [everywhere, ...(pods ? r.workloads.matching(undefined, podSel!).map(w => w.endpoint) : [])];
  }
  const named = peer.namedNamespaces;
  const candidates = named ?? [...new Set([...r.index.namespaces, ...r.workloads.namespaces])];
  const matched = candidates.filter(ns => namespaceMatches(r, peer, ns));
  const inSet = matched.sort().flatMap(ns => namespacePeers(r, ns, podSel, pods));
  // Namespaces outside the set carry labels the manifests do not show: a selector that some of
  // them may match (any selector that matches nothing in the set, or one like `env NotIn [prod]`
  // that matches a namespace with only its name label) is drawn as one endpoint of its own.
  if (named || (matched.length > 0 && !selectorMatches(nsSel, UNKNOWN_NAMESPACE_LABELS))) return inSet;
  const selector = selectorText(nsSel);
  return [pods ? { type: 'namespace', namespace: '*', selector, pods } : { type: 'namespace', namespace: '*', selector }, ...inSet];
}

/**
 * Whether a namespace selector requires the `kubernetes.io/metadata.name` label to be absent: the
 * API server sets it on every namespace, so the selector selects none (the idiom of a rule that
 * admits nothing).
 */
function selectsNoNamespace(nsSel: LabelSelector): boolean {
  return Array.isArray(nsSel.matchExpressions) && nsSel.matchExpressions.some(e => e && e.key === NAMESPACE_NAME_LABEL && e.operator === 'DoesNotExist');
}

/** The labels of a namespace the set does not hold, as far as they are known: only its name, which no selector names. */
const UNKNOWN_NAMESPACE_LABELS: Readonly<Record<string, string>> = { [NAMESPACE_NAME_LABEL]: '\u0000not-in-the-set' };

function namespacePeers(r: Resolver, ns: string, podSel: LabelSelector | undefined, pods: string | undefined): Endpoint[] {
  if (!r.workloads.hasNamespace(ns)) return [pods ? { type: 'namespace', namespace: ns, pods } : { type: 'namespace', namespace: ns }];
  if (pods === undefined) return [{ type: 'namespace', namespace: ns }];
  return r.workloads.matching(ns, podSel!).map(w => w.endpoint);
}

/**
 * Whether the namespace selector of a peer matches a namespace. A namespace declared in the set is
 * matched on its labels; one that is not declared has only the `kubernetes.io/metadata.name` label
 * the API server sets, so a selector that names it is taken to match it.
 */
function namespaceMatches(r: Resolver, peer: Peer, ns: string): boolean {
  if (selectorMatches(peer.namespaceSelector, r.namespaceLabels(ns))) return true;
  if (r.index.namespaceObject(ns)) return false;
  return peer.namedNamespaces?.includes(ns) ?? false;
}
