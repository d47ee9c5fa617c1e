import { ManifestIndex } from '../../../manifest-index';
import { LabelSelector, selectorMatches } from '../../../selectors';
import { IndexedObject } from '../../../types';
import { isMapping, mappingsOf, MONITORING_GROUP, relabelsScheme } from './tls-client';

/** The kinds that run Prometheus and define scrape classes (`spec.scrapeClasses`). */
export const PROMETHEUS_KINDS: readonly string[] = ['Prometheus', 'PrometheusAgent'];

/** The selector and namespace selector with which a Prometheus picks the objects of each scrape kind. */
const SELECTORS: Readonly<Record<string, readonly [string, string]>> = {
  ServiceMonitor: ['serviceMonitorSelector', 'serviceMonitorNamespaceSelector'],
  PodMonitor: ['podMonitorSelector', 'podMonitorNamespaceSelector'],
  Probe: ['probeSelector', 'probeNamespaceSelector'],
  ScrapeConfig: ['scrapeConfigSelector', 'scrapeConfigNamespaceSelector'],
};

/** A scrape class of a Prometheus: `spec.scrapeClasses[index]`. */
export interface ScrapeClass {
  readonly server: IndexedObject;
  readonly name: string;
  readonly index: number;
  /** Whether it is the server's default class (`default: true`). */
  readonly isDefault: boolean;
  readonly tlsConfig: unknown;
  /** Whether its relabelings mention `__scheme__`, so they may turn its scrapes into https ({@link relabelsScheme}). */
  readonly relabelsScheme: boolean;
}

/** The scrape classes of a Prometheus or PrometheusAgent, in order; entries without a name are skipped. */
export function scrapeClassesOf(server: IndexedObject): ScrapeClass[] {
  const spec = (server.raw as any).spec;
  if (!isMapping(spec)) return [];
  return mappingsOf(spec.scrapeClasses)
    .filter(([c]) => typeof c.name === 'string' && c.name !== '')
    .map(([c, index]) => ({ server, name: c.name, index, isDefault: c.default === true, tlsConfig: c.tlsConfig, relabelsScheme: relabelsScheme(c.relabelings) }));
}

/**
 * Whether a Prometheus selects a scrape object: its selector for the kind matches the object's
 * labels (an empty selector matches all, an absent one none) and its namespace selector the
 * object's namespace (an absent one: the Prometheus's own namespace only; an empty one: all).
 */
function selects(index: ManifestIndex, server: IndexedObject, o: IndexedObject): boolean {
  const spec = (server.raw as any).spec;
  const fields = SELECTORS[o.kind];
  if (!isMapping(spec) || fields === undefined) return false;
  if (!selectorMatches(spec[fields[0]] as LabelSelector, o.labels)) return false;
  const namespaces = spec[fields[1]];
  const namespace = o.namespace ?? 'default';
  if (namespaces === undefined || namespaces === null) return namespace === (server.namespace ?? 'default');
  return selectorMatches(namespaces as LabelSelector, index.namespaceLabels(namespace));
}

/**
 * The scrape class each Prometheus of the set that selects a scrape object applies to it, as the
 * operator resolves it: the class the object names in `spec.scrapeClass` (a Prometheus without
 * that class rejects the object: none), else the Prometheus's default class, if it has one.
 */
export function scrapeClassesFor(index: ManifestIndex, o: IndexedObject): ScrapeClass[] {
  const spec = (o.raw as any).spec;
  const named = isMapping(spec) && typeof spec.scrapeClass === 'string' && spec.scrapeClass !== '' ? spec.scrapeClass : undefined;
  const out: ScrapeClass[] = [];
  for (const kind of PROMETHEUS_KINDS) {
    for (const server of index.ofKind(kind, MONITORING_GROUP)) {
      if (!selects(index, server, o)) continue;
      const classes = scrapeClassesOf(server);
      const c = named !== undefined ? classes.find(k => k.name === named) : classes.find(k => k.isDefault);
      if (c) out.push(c);
    }
  }
  return out;
}
