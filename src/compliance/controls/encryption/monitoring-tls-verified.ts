import { defineControl, fail, failuresOrPass, pass } from '../../control';
import { CheckContext, CheckResult, IndexedObject } from '../../types';
import { discoverySites } from './private/discovery-configs';
import { PROMETHEUS_KINDS, ScrapeClass, scrapeClassesFor, scrapeClassesOf } from './private/scrape-classes';
import { clientOf, isMapping, isPlainScheme, mappingsOf, MONITORING_GROUP, relabelsScheme, siteFailures, skipsVerification } from './private/tls-client';

/** Where each scrape kind lists its scrape endpoints; a Probe and a ScrapeConfig are one scrape, their spec. */
const ENDPOINTS: Readonly<Record<string, string | undefined>> = {
  ServiceMonitor: 'endpoints',
  PodMonitor: 'podMetricsEndpoints',
  Probe: undefined,
  ScrapeConfig: undefined,
};

/**
 * One scrape of a scrape object: the mapping with its TLS settings, its path, how it is named,
 * its scheme (and whether a relabeling of the object may rewrite it), and the certificate its TLS
 * settings verify.
 */
interface Scrape {
  readonly endpoint: Record<string, any>;
  readonly where: string;
  readonly what: string;
  readonly scheme: unknown;
  readonly relabelsScheme: boolean;
  readonly certificate: string;
}

const TARGET = 'the target\'s certificate';

/** How an endpoint is named in a message: its port, or its target port. */
function endpointLabel(endpoint: Record<string, any>): string {
  if (typeof endpoint.port === 'string' || typeof endpoint.port === 'number') return `port ${JSON.stringify(endpoint.port)}`;
  if (typeof endpoint.targetPort === 'string' || typeof endpoint.targetPort === 'number') return `targetPort ${JSON.stringify(endpoint.targetPort)}`;
  return 'the endpoint';
}

/**
 * The scrapes of a ServiceMonitor, PodMonitor, Probe or ScrapeConfig. A Probe's TLS settings are
 * those of Prometheus's connection to the prober (`spec.prober`, its scheme), which probes the targets.
 */
function scrapesOf(o: IndexedObject, spec: Record<string, any>): Scrape[] {
  const list = ENDPOINTS[o.kind];
  if (list !== undefined) {
    return mappingsOf(spec[list]).map(([e, i]) => ({
      endpoint: e, where: `spec.${list}[${i}].`, what: endpointLabel(e), scheme: e.scheme, relabelsScheme: relabelsScheme(e.relabelings), certificate: TARGET,
    }));
  }
  // A static target's labels set `__scheme__` as a relabeling does: Prometheus takes a target's own label over the scrape's scheme.
  if (o.kind === 'ScrapeConfig') {
    return [{ endpoint: spec, where: 'spec.', what: 'its targets', scheme: spec.scheme, relabelsScheme: relabelsScheme(spec.relabelings) || relabelsScheme(spec.staticConfigs), certificate: TARGET }];
  }
  const prober = isMapping(spec.prober) ? spec.prober : undefined;
  const what = typeof prober?.url === 'string' ? `the targets through prober ${prober.url}` : 'the probed targets';
  return [{ endpoint: spec, where: 'spec.', what, scheme: prober?.scheme, relabelsScheme: relabelsScheme(spec.targets), certificate: 'the prober\'s certificate' }];
}

/**
 * Whether a scrape has TLS settings of its own, which its scrape class's do not replace (the
 * operator then takes only caFile, certFile and keyFile from the class). A ServiceMonitor
 * endpoint's tlsConfig is its own once it is written, even empty; the operator treats an empty
 * tlsConfig of the other kinds as none.
 */
function hasOwnTls(kind: string, endpoint: Record<string, any>): boolean {
  const tls = endpoint.tlsConfig;
  if (!isMapping(tls)) return false;
  if (kind === 'ServiceMonitor') return true;
  return SAFE_TLS_KEYS.some(k => { const v = tls[k]; return v !== null && v !== undefined && !(isMapping(v) && Object.keys(v).length === 0); });
}

/**
 * The fields of the operator's SafeTLSConfig (PodMonitor, Probe, ScrapeConfig): the API server
 * prunes any other key (`caFile` is a ServiceMonitor's only), so it makes no settings of their own.
 */
const SAFE_TLS_KEYS: readonly string[] = ['ca', 'cert', 'keySecret', 'serverName', 'insecureSkipVerify', 'minVersion', 'maxVersion'];

/** The failure of a scrape that takes its TLS settings from a scrape class that skips verification. */
function inherited(o: IndexedObject, s: Scrape, c: ScrapeClass, namesClass: boolean): CheckResult {
  const server = `${c.server.kind} ${c.server.namespace ?? 'default'}/${c.server.name}`;
  const which = namesClass ? `scrape class "${c.name}"` : `its default scrape class "${c.name}"`;
  return fail(o, `${s.where.slice(0, -1)} sets no TLS settings of its own, so ${server} scrapes ${s.what} with the tlsConfig of ${which}, `
    + `which turns off verification of ${s.certificate}`, `${s.where}tlsConfig`);
}

function checkScrapeObject(ctx: CheckContext, o: IndexedObject): CheckResult[] {
  const spec = (o.raw as any).spec;
  if (!isMapping(spec)) return [pass(o)];
  const out: CheckResult[] = [];
  const scrapes = scrapesOf(o, spec);
  const classes = scrapeClassesFor(ctx.index, o);
  // A class's relabelings apply to the scrapes of the objects it is given to.
  const classRelabels = classes.some(c => c.relabelsScheme);
  for (const s of scrapes) {
    const plain = isPlainScheme(s.scheme, s.relabelsScheme || classRelabels);
    out.push(...siteFailures(o, { holder: s.endpoint, where: s.where, client: 'Prometheus', what: s.what, does: `Prometheus scrapes ${s.what}`, certificate: s.certificate, plain }));
  }
  if (o.kind === 'ScrapeConfig') for (const site of discoverySites(spec, 'Prometheus')) out.push(...siteFailures(o, site));
  const namesClass = typeof spec.scrapeClass === 'string' && spec.scrapeClass !== '';
  for (const c of classes) {
    if (!skipsVerification(c.tlsConfig)) continue;
    for (const s of scrapes) if (!isPlainScheme(s.scheme, s.relabelsScheme || c.relabelsScheme) && !hasOwnTls(o.kind, s.endpoint)) out.push(inherited(o, s, c, namesClass));
  }
  return failuresOrPass(out, o);
}

/** A Prometheus or PrometheusAgent fails each scrape class whose tlsConfig skips verification. */
function checkServer(o: IndexedObject): CheckResult[] {
  const out: CheckResult[] = [];
  for (const c of scrapeClassesOf(o)) {
    if (!skipsVerification(c.tlsConfig)) continue;
    const named = c.isDefault ? `name scrape class "${c.name}" or, as it is the default class, none` : `name scrape class "${c.name}"`;
    out.push(fail(o, `spec.scrapeClasses[${c.index}].tlsConfig.insecureSkipVerify is true, so ${clientOf(o)} scrapes without verifying the target's certificate `
      + `every endpoint without TLS settings of its own of the ServiceMonitors, PodMonitors, Probes and ScrapeConfigs that ${named}`,
    `spec.scrapeClasses[${c.index}].tlsConfig.insecureSkipVerify`));
  }
  return failuresOrPass(out, o);
}

/**
 * Prometheus verifies the certificates of what it scrapes: no endpoint of a ServiceMonitor or
 * PodMonitor, no Probe and no ScrapeConfig (nor its service discovery) sets
 * `tlsConfig.insecureSkipVerify: true`, for the scrape itself or for its OAuth2 token requests;
 * no scrape class of a Prometheus or PrometheusAgent does, and no scrape takes such a class's
 * TLS settings.
 */
export const monitoringTlsVerified = defineControl({
  id: 'monitoring-tls-verified',
  title: 'Metrics are scraped over verified TLS',
  condition: 'No scrape of the Prometheus operator (monitoring.coreos.com) skips verifying the server: no ServiceMonitor or PodMonitor '
    + 'endpoint, Probe or ScrapeConfig (its service discovery configs included) sets tlsConfig.insecureSkipVerify: true, in its own '
    + 'tlsConfig or its OAuth2 tlsConfig; no scrape class of a Prometheus or PrometheusAgent (spec.scrapeClasses[*]) sets it, and no '
    + 'object a Prometheus of the set selects inherits such a class\'s TLS settings. A tlsConfig Prometheus does not use (a plain '
    + 'http scrape: scheme http or none, unless a relabeling or a ScrapeConfig\'s static target labels mention __scheme__; a plain discovery server or token URL) is not evaluated. The README lists the fields read.',
  severity: 'medium',
  criteria: ['CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Remove insecureSkipVerify and give Prometheus the CA that signed the target\'s certificate: tlsConfig.ca from a Secret or ConfigMap '
    + '(or caFile on a ServiceMonitor or a scrape class), with serverName when the certificate names the Service rather than the pod address Prometheus connects to. '
    + 'A scrape class that skips verification weakens every scrape that takes its TLS settings: give it a caFile instead, or give the affected endpoints a tlsConfig of their own.',
  example: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: { name: api, namespace: shop }\nspec:\n'
    + '  selector: { matchLabels: { app.kubernetes.io/name: api } }\n  endpoints:\n  - port: https-metrics\n    scheme: https\n'
    + '    tlsConfig:\n      ca: { secret: { name: api-metrics-tls, key: ca.crt } }\n      serverName: api.shop.svc',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const kind of Object.keys(ENDPOINTS)) {
      for (const o of ctx.index.ofKind(kind, MONITORING_GROUP)) out.push(...checkScrapeObject(ctx, o));
    }
    for (const kind of PROMETHEUS_KINDS) {
      for (const o of ctx.index.ofKind(kind, MONITORING_GROUP)) out.push(...checkServer(o));
    }
    return out;
  },
});
