import { defineControl, fail, pass } from '../../control';
import { CheckContext, CheckResult, IndexedObject } from '../../types';
import { discoverySites } from './private/discovery-configs';
import { PROMETHEUS_KINDS, ScrapeClass, scrapeClassesFor, scrapeClassesOf } from './private/scrape-classes';
import { clientOf, isHttpScheme, isMapping, mappingsOf, MONITORING_GROUP, siteFailures, skipsVerification } from './private/tls-client';

/** Where each scrape kind lists its scrape endpoints; a Probe and a ScrapeConfig are one scrape, their spec. */
const ENDPOINTS: Readonly<Record<string, string | undefined>> = {
  ServiceMonitor: 'endpoints',
  PodMonitor: 'podMetricsEndpoints',
  Probe: undefined,
  ScrapeConfig: undefined,
};

/** One scrape of a scrape object: the mapping with its TLS settings, its path, how it is named and its scheme. */
interface Scrape {
  readonly endpoint: Record<string, any>;
  readonly where: string;
  readonly what: string;
  readonly scheme: unknown;
}

/** How an endpoint is named in a message: its port, or its target port. */
function endpointLabel(endpoint: Record<string, any>): string {
  if (typeof endpoint.port === 'string' || typeof endpoint.port === 'number') return `port ${JSON.stringify(endpoint.port)}`;
  if (typeof endpoint.targetPort === 'string' || typeof endpoint.targetPort === 'number') return `targetPort ${JSON.stringify(endpoint.targetPort)}`;
  return 'the endpoint';
}

/** The scrapes of a ServiceMonitor, PodMonitor, Probe (its prober's scheme) or ScrapeConfig. */
function scrapesOf(o: IndexedObject, spec: Record<string, any>): Scrape[] {
  const list = ENDPOINTS[o.kind];
  if (list !== undefined) {
    return mappingsOf(spec[list]).map(([e, i]) => ({ endpoint: e, where: `spec.${list}[${i}].`, what: endpointLabel(e), scheme: e.scheme }));
  }
  if (o.kind === 'ScrapeConfig') return [{ endpoint: spec, where: 'spec.', what: 'its targets', scheme: spec.scheme }];
  const prober = isMapping(spec.prober) ? spec.prober : undefined;
  const what = typeof prober?.url === 'string' ? `the targets through prober ${prober.url}` : 'the probed targets';
  return [{ endpoint: spec, where: 'spec.', what, scheme: prober?.scheme }];
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
  return Object.values(tls).some(v => v !== null && v !== undefined && !(isMapping(v) && Object.keys(v).length === 0));
}

/** The failure of a scrape that takes its TLS settings from a scrape class that skips verification. */
function inherited(o: IndexedObject, s: Scrape, c: ScrapeClass, namesClass: boolean): CheckResult {
  const server = `${c.server.kind} ${c.server.namespace ?? 'default'}/${c.server.name}`;
  const which = namesClass ? `scrape class "${c.name}"` : `its default scrape class "${c.name}"`;
  return fail(o, `${s.where.slice(0, -1)} sets no TLS settings of its own, so ${server} scrapes ${s.what} with the tlsConfig of ${which}, `
    + 'which turns off verification of the target\'s certificate', `${s.where}tlsConfig`);
}

function checkScrapeObject(ctx: CheckContext, o: IndexedObject): CheckResult[] {
  const spec = (o.raw as any).spec;
  if (!isMapping(spec)) return [pass(o)];
  const out: CheckResult[] = [];
  const scrapes = scrapesOf(o, spec);
  for (const s of scrapes) {
    out.push(...siteFailures(o, { holder: s.endpoint, where: s.where, client: 'Prometheus', what: s.what, does: `Prometheus scrapes ${s.what}`, certificate: 'the target\'s certificate', plain: isHttpScheme(s.scheme) }));
  }
  if (o.kind === 'ScrapeConfig') for (const site of discoverySites(spec, 'Prometheus')) out.push(...siteFailures(o, site));
  const namesClass = typeof spec.scrapeClass === 'string' && spec.scrapeClass !== '';
  for (const c of scrapeClassesFor(ctx.index, o)) {
    if (!skipsVerification(c.tlsConfig)) continue;
    for (const s of scrapes) if (!isHttpScheme(s.scheme) && !hasOwnTls(o.kind, s.endpoint)) out.push(inherited(o, s, c, namesClass));
  }
  return out.length > 0 ? out : [pass(o)];
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
  return out.length > 0 ? out : [pass(o)];
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
  condition: 'No ServiceMonitor endpoint (spec.endpoints[*]), PodMonitor endpoint (spec.podMetricsEndpoints[*]), Probe (spec) or ScrapeConfig (spec, and each '
    + 'service discovery config with TLS settings: spec.httpSDConfigs[*], kubernetesSDConfigs, consulSDConfigs, ec2SDConfigs, azureSDConfigs, openstackSDConfigs, '
    + 'digitalOceanSDConfigs, kumaSDConfigs, eurekaSDConfigs, dockerSDConfigs, hetznerSDConfigs, nomadSDConfigs, dockerSwarmSDConfigs, linodeSDConfigs, '
    + 'puppetDBSDConfigs, lightSailSDConfigs, scalewaySDConfigs, ionosSDConfigs) of the Prometheus operator (monitoring.coreos.com) sets '
    + 'tlsConfig.insecureSkipVerify: true or oauth2.tlsConfig.insecureSkipVerify: true; no scrape class of a Prometheus or PrometheusAgent '
    + '(spec.scrapeClasses[*]) sets tlsConfig.insecureSkipVerify: true, and no scrape takes the TLS settings of such a class: one without a tlsConfig of its own '
    + '(of a PodMonitor, Probe or ScrapeConfig: an empty one) of an object that a Prometheus of the set selects (its selector and namespace selector for the kind) '
    + 'and that names the class in spec.scrapeClass, or names none when it is the default class. A tlsConfig Prometheus does not use is not evaluated: that of an '
    + 'endpoint with scheme: http (a Probe: spec.prober.scheme; a ScrapeConfig: spec.scheme), of a discovery config whose server is a http:// URL '
    + '(httpSDConfigs and puppetDBSDConfigs url, kubernetesSDConfigs apiServer, kumaSDConfigs, eurekaSDConfigs and nomadSDConfigs server, scalewaySDConfigs apiURL; '
    + 'consulSDConfigs: scheme: http), and that of OAuth2 token requests to a http:// tokenUrl.',
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
