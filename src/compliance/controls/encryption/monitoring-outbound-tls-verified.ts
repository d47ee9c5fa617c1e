import { defineControl, fail, failuresOrPass, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { receiverSites } from './private/receiver-sites';
import { clientOf, isHttpUrl, isMapping, isPlainScheme, mappingsOf, MONITORING_GROUP, relabelsScheme, shown, siteFailures, skipsVerification, TlsClientSite } from './private/tls-client';

/** The kinds whose spec configures connections out of Prometheus, Alertmanager or Thanos Ruler. */
const KINDS: readonly string[] = ['Prometheus', 'PrometheusAgent', 'Alertmanager', 'AlertmanagerConfig', 'ThanosRuler'];

/** Where a remote write or read endpoint sends: plain http when its url is a http:// URL. */
function remoteSites(spec: Record<string, any>, field: 'remoteWrite' | 'remoteRead', client: string): TlsClientSite[] {
  const verb = field === 'remoteWrite' ? 'sends samples to remote write endpoint' : 'reads samples from remote read endpoint';
  return mappingsOf(spec[field]).map(([r, i]) => {
    const what = `${field === 'remoteWrite' ? 'remote write' : 'remote read'} endpoint ${shown(r.url, '?')}`;
    return { holder: r, where: `spec.${field}[${i}].`, client, what, does: `${client} ${verb} ${shown(r.url, '?')}`, certificate: 'its certificate', plain: isHttpUrl(r.url) };
  });
}

/**
 * The outbound connections of a Prometheus or PrometheusAgent besides its scrapes: remote write
 * and read, the Alertmanagers it sends alerts to, the API server it discovers targets through
 * (`apiserverConfig`) and the collector it sends traces to (`tracingConfig`, in plain text when
 * `insecure: true`).
 */
function prometheusSites(spec: Record<string, any>, client: string): TlsClientSite[] {
  const out = [...remoteSites(spec, 'remoteWrite', client), ...remoteSites(spec, 'remoteRead', client)];
  const alertmanagers = isMapping(spec.alerting) ? spec.alerting.alertmanagers : undefined;
  for (const [a, i] of mappingsOf(alertmanagers)) {
    const what = `the Alertmanagers of Endpoints ${typeof a.namespace === 'string' ? `${a.namespace}/` : ''}${shown(a.name, '?')}`;
    out.push({ holder: a, where: `spec.alerting.alertmanagers[${i}].`, client, what, does: `${client} sends alerts to ${what}`, certificate: 'their certificates', plain: isPlainScheme(a.scheme, relabelsScheme(a.relabelings)) });
  }
  const api = spec.apiserverConfig;
  if (isMapping(api)) {
    const what = `the API server ${shown(api.host, '?')}`;
    out.push({ holder: api, where: 'spec.apiserverConfig.', client, what, does: `${client} discovers targets through ${what}`, certificate: 'its certificate', plain: isHttpUrl(api.host) });
  }
  const tracing = spec.tracingConfig;
  if (isMapping(tracing)) {
    const what = `the trace collector ${shown(tracing.endpoint, '?')}`;
    out.push({ holder: tracing, where: 'spec.tracingConfig.', client, what, does: `${client} sends traces to ${what}`, certificate: 'its certificate', plain: tracing.insecure === true });
  }
  return out;
}

/**
 * The defaults of an Alertmanager's receivers that have none of their own: the HTTP client
 * (`alertmanagerConfiguration.global.httpConfig`) and the TLS settings of email receivers
 * (`global.smtp.tlsConfig`, for implicit TLS and STARTTLS alike). Both are judged whatever the
 * global settings say of plain connections: a receiver may use TLS and still take the default.
 */
function alertmanagerSites(spec: Record<string, any>, client: string): TlsClientSite[] {
  const configuration = spec.alertmanagerConfiguration;
  const global = isMapping(configuration) ? configuration.global : undefined;
  if (!isMapping(global)) return [];
  const out: TlsClientSite[] = [];
  if (isMapping(global.httpConfig)) {
    const what = 'every receiver that has no httpConfig of its own';
    out.push({ holder: global.httpConfig, where: 'spec.alertmanagerConfiguration.global.httpConfig.', client, what, does: `${client} sends notifications to ${what}`, certificate: 'the receiver\'s certificate', plain: false });
  }
  if (isMapping(global.smtp)) {
    const what = 'the SMTP server of every email receiver that has no tlsConfig of its own';
    out.push({ holder: global.smtp, where: 'spec.alertmanagerConfiguration.global.smtp.', client, what, does: `${client} sends email notifications and its SMTP credentials to ${what}`, certificate: 'the server\'s certificate', plain: false });
  }
  return out;
}

function checkObject(o: IndexedObject): CheckResult[] {
  const spec = (o.raw as any).spec;
  if (!isMapping(spec)) return [pass(o)];
  // An AlertmanagerConfig's receivers are those of the Alertmanager that selects it.
  const client = o.kind === 'AlertmanagerConfig' ? 'Alertmanager' : clientOf(o);
  const sites = o.kind === 'Alertmanager' ? alertmanagerSites(spec, client)
    : o.kind === 'AlertmanagerConfig' ? receiverSites(spec, client)
      : o.kind === 'ThanosRuler' ? remoteSites(spec, 'remoteWrite', client) : prometheusSites(spec, client);
  const out = sites.flatMap(s => siteFailures(o, s));
  // The gossip between Alertmanager replicas: spec.clusterTLS.client is the TLS config itself.
  if (o.kind === 'Alertmanager' && isMapping(spec.clusterTLS) && skipsVerification(spec.clusterTLS.client)) {
    out.push(fail(o, 'spec.clusterTLS.client.insecureSkipVerify is true, so Alertmanager replicas exchange alerts and silences with peers whose certificates they do not verify',
      'spec.clusterTLS.client.insecureSkipVerify'));
  }
  return failuresOrPass(out, o);
}

/**
 * Prometheus, Alertmanager and Thanos Ruler verify the certificates of the servers they send data
 * and credentials to: no remote write or read endpoint, Alertmanager endpoint, API server or trace
 * collector of a Prometheus or PrometheusAgent, no global HTTP client, global SMTP settings or
 * cluster peer of an Alertmanager, no receiver integration of an AlertmanagerConfig and no remote
 * write endpoint of a ThanosRuler sets `insecureSkipVerify: true`.
 */
export const monitoringOutboundTlsVerified = defineControl({
  id: 'monitoring-outbound-tls-verified',
  title: 'Monitoring sends data over verified TLS',
  condition: 'No Prometheus or PrometheusAgent (spec.remoteWrite[*], spec.remoteRead[*], spec.alerting.alertmanagers[*], spec.apiserverConfig, spec.tracingConfig), '
    + 'Alertmanager (spec.alertmanagerConfiguration.global.httpConfig, global.smtp), AlertmanagerConfig (spec.receivers[*].<integration>Configs[*].httpConfig, '
    + 'emailConfigs[*]) or ThanosRuler (spec.remoteWrite[*]) of the Prometheus operator (monitoring.coreos.com) '
    + 'sets tlsConfig.insecureSkipVerify: true or oauth2.tlsConfig.insecureSkipVerify: true, and no Alertmanager sets spec.clusterTLS.client.insecureSkipVerify: true. '
    + 'A tlsConfig the client does not use is not evaluated: that of a remote write or read url, an apiserverConfig host or an OAuth2 tokenUrl that is a '
    + 'http:// URL, of an Alertmanager endpoint with scheme: http or none (the operator writes http) whose relabelings do not mention __scheme__, of a receiver whose url is a http:// URL or '
    + 'an email integration with requireTLS: false and a smarthost not on port 465, and of a tracingConfig with insecure: true.',
  severity: 'medium',
  criteria: ['CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Remove insecureSkipVerify and give the client the CA that signed the server\'s certificate: tlsConfig.ca from a Secret or ConfigMap in the '
    + 'object\'s namespace (or caFile for a file mounted into the pod), with serverName when the certificate names another host. A server with a certificate '
    + 'from a public CA needs no tlsConfig: the system roots verify it.',
  example: 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: { name: k8s, namespace: monitoring }\nspec:\n'
    + '  serviceMonitorSelector: {}\n  remoteWrite:\n  - url: https://metrics.example.com/api/v1/write\n'
    + '    tlsConfig:\n      ca: { secret: { name: remote-write-ca, key: ca.crt } }\n      serverName: metrics.example.com',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const kind of KINDS) {
      for (const o of ctx.index.ofKind(kind, MONITORING_GROUP)) out.push(...checkObject(o));
    }
    return out;
  },
});
