/**
 * Flows of pods no manifest holds. A NetworkPolicy whose pod selector selects no pod template of
 * the set governs pods that something creates at run time: cert-manager's ACME HTTP-01 solvers,
 * an operator's pods. What such a policy admits is allowed traffic all the same, so it is drawn:
 * the pods as one endpoint per namespace and pod selector, the peers its rules name, on the ports
 * its rules (with the namespace's policies that select every pod) admit, bounded by the other
 * side's policies when that side is a workload of the set.
 */
import { networkPolicies } from '../../controls/network/private/network-policy';
import { IndexedObject } from '../../types';
import { Endpoint, endpointKey } from '../model';
import { FlowGraph } from './graph';
import { admittedPorts, Grant, PolicyRule, Side } from './network-policy';
import { ALL_PORTS, intersectPorts, isEmptyPorts, PortSet, subtractPorts } from './ports';
import { isSelector, selectorText, selectsAll } from './selector-text';

const ANY: Endpoint = { type: 'any' };

/** Pods of one namespace that one pod selector names and no pod template of the set stands for. */
interface UnheldPods {
  readonly endpoint: Endpoint;
  readonly namespace: string;
  /** The policies written for these pods, whose rules name the peers drawn. */
  readonly own: IndexedObject[];
}

/** Adds the flows into and out of pods that only NetworkPolicies name. */
export function addUnheldPodFlows(g: FlowGraph): void {
  const groups = unheldPods(g);
  if (groups.length === 0) return;
  // The policies of each namespace that select every pod, and so these pods too.
  const everyPodOf = new Map<string, IndexedObject[]>();
  for (const p of networkPolicies(g.index)) {
    if (p.namespace === undefined || !selectsAll(p.raw.spec?.podSelector)) continue;
    const list = everyPodOf.get(p.namespace);
    if (list) list.push(p); else everyPodOf.set(p.namespace, [p]);
  }
  for (const group of groups) {
    const everyPod = group.endpoint.type === 'namespace' && group.endpoint.pods === undefined ? [] : everyPodOf.get(group.namespace) ?? [];
    const sides = g.networkPolicies.sidesOfPolicies([...group.own, ...everyPod]);
    // Whatever admits them and whatever they may reach: their own policies' peers and the namespace-wide ones'.
    drawSide(g, group, sides.ingress, sides.ingress.rules, true);
    drawSide(g, group, sides.egress, sides.egress.rules, false);
  }
}

/**
 * Removes the edges of pods no manifest holds that an edge of their whole namespace already draws
 * (the same peer, as many ports or more): an arrow from or to a namespace stands for every pod of it,
 * so the namespace's DNS and control-plane edges need not be drawn again from those pods. Runs once
 * the platform edges are collapsed to their namespaces.
 */
export function dropEdgesTheNamespaceDraws(g: FlowGraph): void {
  const edges = g.recorded;
  const byKeys = new Map(edges.map(e => [`${e.fromKey}\u0000${e.toKey}`, e]));
  for (const e of edges) {
    const fromPods = e.from.type === 'namespace' && e.from.pods !== undefined && e.from.namespace !== '*';
    const toPods = e.to.type === 'namespace' && e.to.pods !== undefined && e.to.namespace !== '*';
    if (!fromPods && !toPods) continue;
    const whole = (x: Endpoint): Endpoint => ({ type: 'namespace', namespace: (x as { namespace: string }).namespace });
    const key = fromPods ? `${endpointKey(whole(e.from))}\u0000${e.toKey}` : `${e.fromKey}\u0000${endpointKey(whole(e.to))}`;
    const wider = byKeys.get(key);
    if (wider && isEmptyPorts(subtractPorts(e.ports, wider.ports))) g.remove(e);
  }
}

/**
 * The groups of pods the set does not hold, in input order of their first policy: the policies of
 * a namespace that select no pod template, by pod selector. A policy selecting every pod selects
 * no template only in a namespace without workloads; its group stands for the whole namespace.
 */
function unheldPods(g: FlowGraph): UnheldPods[] {
  const selecting = g.networkPolicies.selectingSomeTemplate();
  const groups = new Map<string, UnheldPods>();
  for (const policy of networkPolicies(g.index)) {
    const ns = policy.namespace;
    const selector: unknown = policy.raw.spec?.podSelector;
    if (ns === undefined || selecting.has(policy) || !(selector === undefined || selector === null || isSelector(selector))) continue;
    const pods = selectsAll(selector) || !isSelector(selector) ? undefined : selectorText(selector);
    const key = `${ns}\u0000${pods ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      const endpoint: Endpoint = pods === undefined ? { type: 'namespace', namespace: ns } : { type: 'namespace', namespace: ns, pods };
      groups.set(key, group = { endpoint, namespace: ns, own: [] });
    }
    group.own.push(policy);
  }
  return [...groups.values()];
}

/**
 * Draws one direction of a group: when no policy isolates the pods, one edge from or to any peer;
 * otherwise an edge per peer its own rules name (any peer for a rule without peers), on the ports
 * the whole side admits it, within what the peer's own policies allow when it is a workload.
 */
function drawSide(g: FlowGraph, group: UnheldPods, side: Side, ownRules: readonly PolicyRule[], ingress: boolean): void {
  const pods = group.endpoint;
  if (!side.isolated) {
    record(g, ingress ? ANY : pods, ingress ? pods : ANY, ALL_PORTS, []);
    return;
  }
  const seen = new Set<Endpoint>();
  for (const rule of ownRules) {
    const peers = rule.peers === undefined ? [ANY] : rule.peers.flatMap(peer => g.endpointsOf(peer, group.namespace));
    for (const peer of peers) {
      if (seen.has(peer)) continue;
      seen.add(peer);
      const grants: Grant[] = [];
      const dest = !ingress && peer.type === 'workload' ? g.workloads.get(peer.id) : undefined;
      let ports = admittedPorts(g, side, group.namespace, peer, dest, grants);
      if (isEmptyPorts(ports)) continue;
      const other = ingress ? g.allowed(peer, pods) : g.allowed(pods, peer);
      ports = intersectPorts(ports, other.ports);
      record(g, ingress ? peer : pods, ingress ? pods : peer, ports, [...grants, ...other.grants]);
    }
  }
}

function record(g: FlowGraph, from: Endpoint, to: Endpoint, ports: PortSet, grants: readonly Grant[]): void {
  if (isEmptyPorts(ports)) return;
  const via: string[] = [];
  for (const grant of grants) if (!isEmptyPorts(intersectPorts(grant.ports, ports))) via.push(grant.ref);
  g.record(from, to, ports, via);
}
