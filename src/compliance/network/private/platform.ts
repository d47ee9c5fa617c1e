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
 * only some workloads may resolve names keeps their edges apart.
 */
export function collapsePlatformFlows(g: FlowGraph): void {
  const platform = new Map<string, PortSet[]>([[DNS_NAMESPACE, [DNS_PORTS]]]);
  platform.set(g.config.meshRootNamespace, [...platform.get(g.config.meshRootNamespace) ?? [], ISTIOD_PORTS]);
  // Candidate edges by source namespace and destination.
  const groups = new Map<string, { readonly namespace: string; readonly edges: Edge[] }>();
  for (const edge of g.recorded) {
    if (edge.from.type !== 'workload') continue;
    const ns = namespaceOf(g, edge.to);
    const allowed = ns === undefined ? undefined : platform.get(ns);
    if (!allowed || !allowed.some(ports => within(edge.ports, ports))) continue;
    const source = g.workloads.get(edge.from.id);
    if (!source) continue;
    const key = `${source.namespace}\u0000${edge.toKey}`;
    let group = groups.get(key);
    if (!group) {
      group = { namespace: source.namespace, edges: [] };
      groups.set(key, group);
    }
    group.edges.push(edge);
  }
  const sizes = new Map<string, number>();
  for (const w of g.workloads.all) sizes.set(w.namespace, (sizes.get(w.namespace) ?? 0) + 1);
  for (const { namespace, edges } of groups.values()) {
    if (edges.length !== sizes.get(namespace) || edges.some(e => !samePortSets(e.ports, edges[0].ports))) continue;
    const from: Endpoint = { type: 'namespace', namespace };
    for (const edge of edges) {
      g.remove(edge);
      g.record(from, edge.to, edge.ports, [...edge.via]);
    }
  }
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
