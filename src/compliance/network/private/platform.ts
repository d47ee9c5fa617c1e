import type { Endpoint } from '../model';
import { FlowGraph } from './graph';
import { isEmptyPorts, PortSet, portRange, subtractPorts, unionPorts } from './ports';

/** DNS lookups: kube-dns in kube-system on port 53. */
const DNS_NAMESPACE = 'kube-system';
const DNS_PORTS = unionPorts(portRange('TCP', 53), portRange('UDP', 53));
/** Sidecars fetching their configuration and certificates from istiod (XDS on 15010 and 15012). */
const ISTIOD_PORTS = unionPorts(portRange('TCP', 15010), portRange('TCP', 15012));

/**
 * Redraws platform traffic once per namespace: an edge from a workload to kube-system on port 53
 * only (DNS), or to the mesh root namespace on istiod's XDS ports only, becomes an edge from the
 * workload's namespace. A namespace with default-deny egress, a DNS rule and a mesh rule per
 * workload then reads as one edge each, not one per workload.
 */
export function collapsePlatformFlows(g: FlowGraph): void {
  const platform = new Map<string, PortSet[]>([[DNS_NAMESPACE, [DNS_PORTS]]]);
  platform.set(g.config.meshRootNamespace, [...platform.get(g.config.meshRootNamespace) ?? [], ISTIOD_PORTS]);
  const sources = new Map<string, Endpoint>();
  for (const edge of g.recorded) {
    if (edge.from.type !== 'workload') continue;
    const ns = namespaceOf(g, edge.to);
    const allowed = ns === undefined ? undefined : platform.get(ns);
    if (!allowed || !allowed.some(ports => isEmptyPorts(subtractPorts(edge.ports, ports)))) continue;
    const source = g.workloads.get(edge.from.id);
    if (!source) continue;
    let from = sources.get(source.namespace);
    if (!from) {
      from = { type: 'namespace', namespace: source.namespace };
      sources.set(source.namespace, from);
    }
    g.remove(edge);
    g.record(from, edge.to, edge.ports, [...edge.via]);
  }
}

function namespaceOf(g: FlowGraph, e: Endpoint): string | undefined {
  if (e.type === 'namespace') return e.namespace;
  if (e.type === 'workload') return g.workloads.get(e.id)?.namespace;
  return undefined;
}
