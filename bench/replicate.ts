/**
 * Larger manifest sets with the scenario's realistic mix of kinds: whole namespaces of a dump are
 * copied under new names (every occurrence of the namespace's name is renamed, so selectors,
 * principals and hosts stay consistent), objects outside the scenario's namespaces are kept once.
 */

const SCENARIO_NAMESPACE = /^bench-ns-\d{4}$/;

/** The scenario namespace an object belongs to (its own, or the one it declares), if any. */
function scenarioNamespaceOf(obj: unknown): string | undefined {
  const o = obj as { kind?: string; metadata?: { name?: string; namespace?: string } };
  const ns = o.kind === 'Namespace' ? o.metadata?.name : o.metadata?.namespace;
  return ns !== undefined && SCENARIO_NAMESPACE.test(ns) ? ns : undefined;
}

/**
 * At least `target` objects (whole namespaces only, so every copy is as compliant as the
 * original): the shared objects once, then the namespaces, then renamed copies of them.
 */
export function replicate(objects: readonly unknown[], target: number): unknown[] {
  const shared: unknown[] = [];
  const groups = new Map<string, unknown[]>();
  for (const o of objects) {
    const ns = scenarioNamespaceOf(o);
    if (ns === undefined) shared.push(o);
    else groups.set(ns, [...(groups.get(ns) ?? []), o]);
  }
  if (groups.size === 0) throw new Error('the dump holds no scenario namespace to replicate');
  const templates = [...groups].map(([ns, objs]) => ({ pattern: new RegExp(`${ns}(?![0-9])`, 'g'), ns, text: JSON.stringify(objs) }));
  const out: unknown[] = JSON.parse(JSON.stringify(shared));
  for (let copy = 0; out.length < target; copy++) {
    for (const t of templates) {
      if (out.length >= target) break;
      const text = copy === 0 ? t.text : t.text.replace(t.pattern, `${t.ns}-c${copy}`);
      out.push(...(JSON.parse(text) as unknown[]));
    }
  }
  return out;
}
