import { toMermaid } from './mermaid';
import type { Endpoint, Flow, NetworkModel, Workload } from './model';

/**
 * What Mermaid renders by default (its `maxEdges` and `maxTextSize`; GitHub and most viewers do
 * not raise them, and a diagram cannot): beyond either, the reader sees an error instead.
 */
export const MERMAID_LIMITS = { edges: 500, characters: 50_000 } as const;

/** One Mermaid diagram of the network document, with its heading (none when it is the only one). */
export interface DiagramSection {
  readonly title?: string;
  readonly mermaid: string;
}

/** Edges per part when a namespace alone is over the limits. */
const PART_EDGES = 400;

/**
 * The network model as diagrams a viewer can render: one when it fits Mermaid's limits, else one
 * per namespace of the set (each holding every flow from or to its workloads, so a flow between
 * two namespaces is drawn in both), a namespace over the limits split into numbered parts.
 */
export function diagramSections(model: NetworkModel): DiagramSection[] {
  if (model.flows.length <= MERMAID_LIMITS.edges) {
    const whole = toMermaid(model);
    if (whole.length <= MERMAID_LIMITS.characters) return [{ mermaid: whole }];
  }
  const namespaceOf = new Map(model.workloads.map(w => [w.id, w.namespace]));
  const byNamespace = new Map<string, { workloads: Workload[]; flows: Flow[] }>();
  for (const w of model.workloads) {
    const entry = byNamespace.get(w.namespace);
    if (entry) entry.workloads.push(w); else byNamespace.set(w.namespace, { workloads: [w], flows: [] });
  }
  for (const f of model.flows) {
    const from = namespaceOfEndpoint(f.from, namespaceOf);
    const to = namespaceOfEndpoint(f.to, namespaceOf);
    if (from !== undefined) byNamespace.get(from)!.flows.push(f);
    if (to !== undefined && to !== from) byNamespace.get(to)!.flows.push(f);
  }
  const out: DiagramSection[] = [];
  for (const ns of [...byNamespace.keys()].sort()) {
    const { workloads, flows } = byNamespace.get(ns)!;
    const single = toMermaid({ workloads, flows });
    if (fits(flows.length, single)) {
      out.push({ title: `namespace ${ns}`, mermaid: single });
      continue;
    }
    const parts = chunks(flows, PART_EDGES);
    parts.forEach((part, i) => out.push({ title: `namespace ${ns}, part ${i + 1} of ${parts.length}`, mermaid: toMermaid({ workloads, flows: part }) }));
  }
  return out;
}

function namespaceOfEndpoint(e: Endpoint, namespaceOf: ReadonlyMap<string, string>): string | undefined {
  return e.type === 'workload' ? namespaceOf.get(e.id) : undefined;
}

function fits(edges: number, text: string): boolean {
  return edges <= MERMAID_LIMITS.edges && text.length <= MERMAID_LIMITS.characters;
}

function chunks(flows: readonly Flow[], size: number): Flow[][] {
  const out: Flow[][] = [];
  for (let i = 0; i < flows.length; i += size) out.push(flows.slice(i, i + size));
  return out;
}
