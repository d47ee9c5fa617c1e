import type { Endpoint } from '../model';
import { Edge, FlowGraph } from './graph';
import { isEmptyPorts, PortSet, portRange, samePortSets, subtractPorts, unionPorts } from './ports';

/** DNS lookups: kube-dns in kube-system on port 53. */
const DNS_NAMESPACE = 'kube-system';
const DNS_PORTS = unionPorts(portRange('TCP', 53), portRange('UDP', 53));
/** Sidecars fetching their configuration and certificates from istiod (XDS on 15010 and 15012). */
const ISTIOD_PORTS = unionPorts(portRange('TCP', 15010), portRange('TCP', 15012));

/**
 * Redraws platform traffic once per namespace: when every workload of a namespace has the same
 * edge to kube-system on port 53 only (DNS), or to the mesh root namespace on istiod's XDS ports
 * only, those edges become one edge from the namespace. A namespace with default-deny egress, a
 * DNS rule and a mesh rule then reads as one edge each, not one per workload; a namespace where
 * only some workloads may resolve names keeps their edges apart. A workload whose edge reaches all
 * of those ports and more (DNS, and 443 through a block of every address) counts as having them,
 * and keeps its own edge whole: the namespace edge is drawn when it replaces at least one.
 */
export function collapsePlatformFlows(g: FlowGraph): void {
  const platform = new Map<string, PortSet[]>([[DNS_NAMESPACE, [DNS_PORTS]]]);
  platform.set(g.config.meshRootNamespace, [...platform.get(g.config.meshRootNamespace) ?? [], ISTIOD_PORTS]);
  // Candidate edges by source namespace and destination, each with the platform ports it stands for.
  const groups = new Map<string, { readonly namespace: string; readonly edges: { readonly edge: Edge; readonly ports: PortSet }[] }>();
  for (const edge of g.recorded) {
    if (edge.from.type !== 'workload') continue;
    const ns = namespaceOf(g, edge.to);
    const allowed = ns === undefined ? undefined : platform.get(ns);
    const ports = allowed === undefined ? undefined : platformPart(edge.ports, allowed);
    if (ports === undefined) continue;
    const source = g.workloads.get(edge.from.id);
    if (!source) continue;
    const key = `${source.namespace}\u0000${edge.toKey}`;
    let group = groups.get(key);
    if (!group) {
      group = { namespace: source.namespace, edges: [] };
      groups.set(key, group);
    }
    group.edges.push({ edge, ports });
  }
  const sizes = new Map<string, number>();
  for (const w of g.workloads.all) sizes.set(w.namespace, (sizes.get(w.namespace) ?? 0) + 1);
  for (const { namespace, edges } of groups.values()) {
    if (edges.length !== sizes.get(namespace) || edges.some(e => !samePortSets(e.ports, edges[0].ports))) continue;
    // Edges that reach more than the platform ports stay; the others become the namespace's edge.
    const replaced = edges.filter(e => samePortSets(e.edge.ports, e.ports));
    if (replaced.length === 0) continue;
    const from: Endpoint = { type: 'namespace', namespace };
    for (const { edge } of replaced) {
      g.remove(edge);
      g.record(from, edge.to, edge.ports, [...edge.via]);
    }
  }
}

/**
 * The platform ports an edge stands for: its own ports when they are within one of the platform's
 * sets, else a platform set it holds whole, else `undefined`.
 */
function platformPart(ports: PortSet, platform: readonly PortSet[]): PortSet | undefined {
  for (const p of platform) if (within(ports, p)) return ports;
  for (const p of platform) if (within(p, ports)) return p;
  return undefined;
}

function namespaceOf(g: FlowGraph, e: Endpoint): string | undefined {
  if (e.type === 'namespace') return e.namespace;
  if (e.type === 'workload') return g.workloads.get(e.id)?.namespace;
  return undefined;
}

/** Whether every port of `ports` is in `platform`: the same set (the usual case, compared without allocating), or a part of it. */
function within(ports: PortSet, platform: PortSet): boolean {
  return samePortSets(ports, platform) || isEmptyPorts(subtractPorts(ports, platform));
}
