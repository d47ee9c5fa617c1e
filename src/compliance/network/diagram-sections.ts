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

/** The heading of the flows that touch no namespace of the set (the internet to an ingress controller outside it). */
const OUTSIDE = 'outside the set';

/**
 * The network model as diagrams a viewer can render: one when it fits Mermaid's limits, else one
 * per namespace of the set, holding every flow from or to its workloads or the namespace itself
 * (a flow between two namespaces is drawn in both), then the flows that touch no namespace of the
 * set. A section beyond the limits is split into numbered parts, each drawing only the nodes its
 * flows use (workloads without any flow in parts of their own), halved until every part fits.
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
  const outside: Flow[] = [];
  for (const f of model.flows) {
    const from = sectionOf(f.from, namespaceOf, byNamespace);
    const to = sectionOf(f.to, namespaceOf, byNamespace);
    if (from !== undefined) byNamespace.get(from)!.flows.push(f);
    if (to !== undefined && to !== from) byNamespace.get(to)!.flows.push(f);
    if (from === undefined && to === undefined) outside.push(f);
  }
  const out: DiagramSection[] = [];
  for (const ns of [...byNamespace.keys()].sort()) {
    const { workloads, flows } = byNamespace.get(ns)!;
    out.push(...parts(`namespace ${ns}`, workloads, flows));
  }
  if (outside.length > 0) out.push(...parts(OUTSIDE, [], outside));
  return out;
}

/** The namespace section of the set an endpoint belongs to: a workload's, or a namespace of the set drawn whole. */
function sectionOf(e: Endpoint, namespaceOf: ReadonlyMap<string, string>, sections: ReadonlyMap<string, unknown>): string | undefined {
  if (e.type === 'workload') return namespaceOf.get(e.id);
  if (e.type === 'namespace' && sections.has(e.namespace)) return e.namespace;
  return undefined;
}

/** One section, or numbered parts of it when it is beyond the limits. */
function parts(title: string, workloads: readonly Workload[], flows: readonly Flow[]): DiagramSection[] {
  const whole = toMermaid({ workloads, flows });
  if (fits(flows.length, whole)) return [{ title, mermaid: whole }];
  const used = workloadIds(flows);
  const unused = workloads.filter(w => !used.has(w.id));
  let size = Math.max(1, Math.min(flows.length, MERMAID_LIMITS.edges));
  for (;;) {
    // Workloads without a flow are drawn in parts of their own after the flows.
    const drawn = [
      ...chunks(flows, size).map(part => {
        const ids = workloadIds(part);
        return toMermaid({ workloads: workloads.filter(w => ids.has(w.id)), flows: part });
      }),
      ...chunks(unused, size).map(group => toMermaid({ workloads: group, flows: [] })),
    ];
    if (size === 1 || drawn.every(text => text.length <= MERMAID_LIMITS.characters)) {
      return drawn.map((mermaid, i) => ({ title: `${title}, part ${i + 1} of ${drawn.length}`, mermaid }));
    }
    size = Math.max(1, Math.floor(size / 2));
  }
}

function workloadIds(flows: readonly Flow[]): Set<string> {
  const ids = new Set<string>();
  for (const f of flows) {
    if (f.from.type === 'workload') ids.add(f.from.id);
    if (f.to.type === 'workload') ids.add(f.to.id);
  }
  return ids;
}

function fits(edges: number, text: string): boolean {
  return edges <= MERMAID_LIMITS.edges && text.length <= MERMAID_LIMITS.characters;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
