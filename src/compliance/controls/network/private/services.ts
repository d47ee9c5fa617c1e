/** Service semantics: which Services select which pod templates. */

import { ManifestIndex } from '../../../manifest-index';
import { SelectorIndex } from '../../../selectors';
import { IndexedObject } from '../../../types';

/** The selector of a Service as label pairs, or `undefined` when it has none (manual Endpoints). */
export function serviceSelector(raw: any): Record<string, string> | undefined {
  const sel = raw?.spec?.selector;
  if (!sel || typeof sel !== 'object' || Array.isArray(sel)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(sel)) if (v !== undefined && v !== null) out[k] = String(v);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The core Services of the set, in input order. */
export function services(index: ManifestIndex): readonly IndexedObject[] {
  return index.ofKind('Service', '');
}

/**
 * The Services whose selector matches at least one pod template of their namespace. Services
 * are indexed by selector and every template is looked up once: linear in the manifest set.
 */
export function servicesWithPods(index: ManifestIndex): ReadonlySet<IndexedObject> {
  return index.cached('network:servicesWithPods', () => {
    const byLabels = new SelectorIndex<IndexedObject>();
    for (const svc of services(index)) {
      const selector = serviceSelector(svc.raw);
      if (selector) byLabels.add(svc.namespace, { matchLabels: selector }, svc);
    }
    const out = new Set<IndexedObject>();
    for (const t of index.podTemplates) for (const svc of byLabels.match(t.namespace, t.labels)) out.add(svc);
    return out;
  });
}
