/** Service semantics: which Services select which pod templates. */

import { stringMap } from '../../../manifest';
import { ManifestIndex } from '../../../manifest-index';
import { SelectorIndex } from '../../../selectors';
import { IndexedObject } from '../../../types';

/** The selector of a Service as label pairs, or `undefined` when it has none (manual Endpoints). */
export function serviceSelector(raw: any): Readonly<Record<string, string>> | undefined {
  const sel = stringMap(raw?.spec?.selector);
  for (const key in sel) if (Object.prototype.hasOwnProperty.call(sel, key)) return sel;
  return undefined;
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
