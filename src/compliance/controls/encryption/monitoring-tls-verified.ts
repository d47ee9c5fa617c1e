import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';

/** API group of the Prometheus operator's ServiceMonitor, PodMonitor and Probe. */
const MONITORING_GROUP = 'monitoring.coreos.com';

/** Where each kind lists its scrape endpoints; a Probe is one endpoint, its spec. */
const ENDPOINTS: Readonly<Record<string, string | undefined>> = {
  ServiceMonitor: 'endpoints',
  PodMonitor: 'podMetricsEndpoints',
  Probe: undefined,
};

function isMapping(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** How an endpoint is named in a message: its port, or its target port. */
function endpointLabel(endpoint: Record<string, any>): string {
  if (typeof endpoint.port === 'string' || typeof endpoint.port === 'number') return `port ${JSON.stringify(endpoint.port)}`;
  if (typeof endpoint.targetPort === 'string' || typeof endpoint.targetPort === 'number') return `targetPort ${JSON.stringify(endpoint.targetPort)}`;
  return 'the endpoint';
}

/**
 * The failures of one endpoint: the scrape's own TLS settings, unless it scrapes over plain http
 * (`scheme: http` written out, for a Probe its prober's), where Prometheus opens no TLS connection
 * and the tlsConfig is not used; and those of its OAuth2 token requests, which go to their own URL.
 */
function endpointFailures(o: IndexedObject, endpoint: Record<string, any>, where: string, what: string, scheme: unknown): CheckResult[] {
  const out: CheckResult[] = [];
  const plainHttp = typeof scheme === 'string' && scheme.trim().toLowerCase() === 'http';
  if (!plainHttp && isMapping(endpoint.tlsConfig) && endpoint.tlsConfig.insecureSkipVerify === true) {
    out.push(fail(o, `${where}tlsConfig.insecureSkipVerify is true, so Prometheus scrapes ${what} without verifying the target's certificate`, `${where}tlsConfig.insecureSkipVerify`));
  }
  if (isMapping(endpoint.oauth2) && isMapping(endpoint.oauth2.tlsConfig) && endpoint.oauth2.tlsConfig.insecureSkipVerify === true) {
    out.push(fail(o, `${where}oauth2.tlsConfig.insecureSkipVerify is true, so Prometheus sends its OAuth2 client credentials for ${what} to a token server whose certificate it does not verify`, `${where}oauth2.tlsConfig.insecureSkipVerify`));
  }
  return out;
}

function checkMonitor(o: IndexedObject): CheckResult[] {
  const spec = (o.raw as any).spec;
  if (!isMapping(spec)) return [pass(o)];
  const list = ENDPOINTS[o.kind];
  const out: CheckResult[] = [];
  if (list === undefined) {
    const prober = isMapping(spec.prober) && typeof spec.prober.url === 'string' ? `the targets through prober ${spec.prober.url}` : 'the probed targets';
    out.push(...endpointFailures(o, spec, 'spec.', prober, isMapping(spec.prober) ? spec.prober.scheme : undefined));
  } else {
    const endpoints: unknown[] = Array.isArray(spec[list]) ? spec[list] : [];
    endpoints.forEach((e, i) => {
      if (isMapping(e)) out.push(...endpointFailures(o, e, `spec.${list}[${i}].`, endpointLabel(e), e.scheme));
    });
  }
  return out.length > 0 ? out : [pass(o)];
}

/**
 * Prometheus verifies the certificates of what it scrapes: no endpoint of a ServiceMonitor or
 * PodMonitor, and no Probe, sets `tlsConfig.insecureSkipVerify: true`, for the scrape itself or
 * for its OAuth2 token requests.
 */
export const monitoringTlsVerified = defineControl({
  id: 'monitoring-tls-verified',
  title: 'Metrics are scraped over verified TLS',
  condition: 'No ServiceMonitor endpoint (spec.endpoints[*]), PodMonitor endpoint (spec.podMetricsEndpoints[*]) or Probe (spec) of the Prometheus operator '
    + '(monitoring.coreos.com) sets tlsConfig.insecureSkipVerify: true or oauth2.tlsConfig.insecureSkipVerify: true. The tlsConfig of an endpoint with '
    + 'scheme: http (a Probe: spec.prober.scheme) is not used, as Prometheus scrapes it without TLS, and is not evaluated.',
  severity: 'medium',
  criteria: ['CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Remove insecureSkipVerify and give Prometheus the CA that signed the target\'s certificate: tlsConfig.ca from a Secret or ConfigMap '
    + '(or caFile on a ServiceMonitor), with serverName when the certificate names the Service rather than the pod address Prometheus connects to.',
  example: 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: { name: api, namespace: shop }\nspec:\n'
    + '  selector: { matchLabels: { app.kubernetes.io/name: api } }\n  endpoints:\n  - port: https-metrics\n    scheme: https\n'
    + '    tlsConfig:\n      ca: { secret: { name: api-metrics-tls, key: ca.crt } }\n      serverName: api.shop.svc',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const kind of Object.keys(ENDPOINTS)) {
      for (const o of ctx.index.ofKind(kind, MONITORING_GROUP)) out.push(...checkMonitor(o));
    }
    return out;
  },
});
