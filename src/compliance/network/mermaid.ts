import { compare } from '../common/compare';
import type { Endpoint, FlowExplanation, NamespaceEndpoint, NetworkModel } from './model';
import { API_SERVER_EGRESS_REASON, API_SERVER_LABEL, describeEndpoint, endpointKey } from './model';

interface Node {
  readonly key: string;
  readonly endpoint: Endpoint;
  /** The namespace subgraph it is drawn in, if any. */
  readonly namespace?: string;
}

/**
 * The network model as a Mermaid `flowchart LR`: one subgraph per namespace holding its
 * workloads (and the pod groups of namespaces outside the set), stadium nodes for whole
 * namespaces outside the set, a circle for the internet, parallelograms for external addresses, a
 * hexagon for `any`; edges labelled with their ports, dashed when they involve `any` or the
 * internet. An edge from or to every pod of a namespace that has a subgraph starts or ends at the
 * subgraph. An address range is labelled with the hosts its flows' NetworkPolicies record for it
 * (`Flow.explained`), and as the Kubernetes API server when a line records it as the API server's
 * ({@link API_SERVER_EGRESS_REASON}), at most {@link SHOWN_HOSTS} labels; the node id stays that of the range. Node
 * ids are stable and sanitized; the output is the same for the same model.
 */
export function toMermaid(model: NetworkModel): string {
  const all = collectNodes(model);
  const subgraphs = new Map<string, Node[]>();
  for (const n of all.values()) {
    if (n.namespace === undefined) continue;
    const list = subgraphs.get(n.namespace) ?? [];
    list.push(n);
    subgraphs.set(n.namespace, list);
  }
  const subgraphIds = assignIds([...subgraphs.keys()].sort(compare).map(ns => [ns, `ns_${sanitize(ns)}`]), new Set());
  const nodes = sortedNodes(all).filter(n => !isSubgraphEndpoint(n.endpoint, subgraphIds));
  const ids = assignIds(nodes.map(n => [n.key, baseId(n.endpoint)]), new Set(subgraphIds.values()));
  const hosts = labelsByEndpoint(model);
  const target = (e: Endpoint): string => (isSubgraphEndpoint(e, subgraphIds) ? subgraphIds.get(e.namespace)! : ids.get(endpointKey(e))!);

  const lines = ['flowchart LR'];
  for (const n of nodes) if (n.namespace === undefined) lines.push(`  ${ids.get(n.key)}${shape(n.endpoint, hosts.get(n.key))}`);
  for (const [ns, id] of subgraphIds) {
    lines.push(`  subgraph ${id}["${escape(`namespace ${ns}`)}"]`);
    for (const n of subgraphs.get(ns)!.sort((a, b) => compare(a.key, b.key))) lines.push(`    ${ids.get(n.key)}${shape(n.endpoint)}`);
    lines.push('  end');
  }
  for (const f of model.flows) {
    const dashed = [f.from, f.to].some(e => e.type === 'any' || e.type === 'internet');
    lines.push(`  ${target(f.from)} ${dashed ? '-.->' : '-->'}|"${escape(f.ports.join(', '))}"| ${target(f.to)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Hosts (and other labels) named in an address range's label; more are counted. */
const SHOWN_HOSTS = 3;

/** The labels recorded for each external endpoint, by endpoint key, sorted: its hosts, and {@link API_SERVER_LABEL}. */
function labelsByEndpoint(model: NetworkModel): Map<string, string[]> {
  const sets = new Map<string, Set<string>>();
  for (const f of model.flows) {
    for (const e of f.explained ?? []) {
      const label = labelOf(e);
      if (label === undefined) continue;
      const key = endpointKey(f.to);
      const set = sets.get(key) ?? new Set<string>();
      set.add(label);
      sets.set(key, set);
    }
  }
  return new Map([...sets].map(([key, set]) => [key, [...set].sort(compare)]));
}

/** What names a range in its node: the host recorded, else {@link API_SERVER_LABEL} for the API server's line. */
function labelOf(e: FlowExplanation): string | undefined {
  if (e.host !== undefined) return e.host;
  return e.reason === API_SERVER_EGRESS_REASON ? API_SERVER_LABEL : undefined;
}

function collectNodes(model: NetworkModel): Map<string, Node> {
  const nodes = new Map<string, Node>();
  const namespaces = new Map(model.workloads.map(w => [w.id, w.namespace]));
  const add = (e: Endpoint) => {
    const key = endpointKey(e);
    if (nodes.has(key)) return;
    nodes.set(key, { key, endpoint: e, namespace: namespaceOf(e, namespaces) });
  };
  for (const w of model.workloads) add({ type: 'workload', id: w.id });
  for (const f of model.flows) {
    add(f.from);
    add(f.to);
  }
  return nodes;
}

/** The subgraph of an endpoint: a workload's namespace, or the namespace of a pod group. */
function namespaceOf(e: Endpoint, namespaces: ReadonlyMap<string, string>): string | undefined {
  if (e.type === 'workload') return namespaces.get(e.id) ?? e.id.split('/')[0];
  if (e.type === 'namespace' && e.namespace !== '*' && e.pods !== undefined) return e.namespace;
  return undefined;
}

function isSubgraphEndpoint(e: Endpoint, subgraphIds: ReadonlyMap<string, string>): e is NamespaceEndpoint {
  return e.type === 'namespace' && e.pods === undefined && e.selector === undefined && subgraphIds.has(e.namespace);
}

function sortedNodes(nodes: Map<string, Node>): Node[] {
  return [...nodes.values()].sort((a, b) => compare(a.key, b.key));
}

/** Unique ids for keys in order: the base id, else the base id with `_2`, `_3`, … */
function assignIds(entries: readonly (readonly [string, string])[], taken: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, base] of entries) {
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
    taken.add(id);
    out.set(key, id);
  }
  return out;
}

function baseId(e: Endpoint): string {
  switch (e.type) {
    case 'workload': return `w_${sanitize(e.id)}`;
    case 'namespace': return e.pods !== undefined ? `pods_${sanitize(`${e.namespace}_${e.pods}`)}` : `ns_${sanitize(e.namespace === '*' ? `all_${e.selector ?? ''}` : e.namespace)}`;
    case 'external': return `ext_${sanitize(e.host ?? e.cidr ?? '')}`;
    case 'internet': return 'internet';
    case 'any': return 'any';
  }
}

function shape(e: Endpoint, hosts: readonly string[] = []): string {
  switch (e.type) {
    case 'workload': {
      const [, ...rest] = e.id.split('/');
      return `["${escape(rest.join('/'))}"]`;
    }
    case 'namespace':
      return e.pods !== undefined && e.namespace !== '*' ? `(["${escape(`pods ${e.pods}`)}"])` : `(["${escape(describeEndpoint(e))}"])`;
    case 'external': return `[/"${escape(`${describeEndpoint(e)}${hostsText(hosts)}`)}"/]`;
    case 'internet': return '(("internet"))';
    case 'any': return '{{"any"}}';
  }
}

/** ` (a, b, c, +2 more)`, or nothing without hosts. */
function hostsText(hosts: readonly string[]): string {
  if (hosts.length === 0) return '';
  const more = hosts.length - SHOWN_HOSTS;
  return ` (${hosts.slice(0, SHOWN_HOSTS).join(', ')}${more > 0 ? `, +${more} more` : ''})`;
}

function sanitize(s: string): string {
  return s.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'x';
}

/** Escapes text for a quoted Mermaid label. */
function escape(s: string): string {
  return s.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}
