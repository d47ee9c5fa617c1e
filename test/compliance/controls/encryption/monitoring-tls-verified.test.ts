import { parseAllDocuments } from 'yaml';
import { monitoringTlsVerified } from '../../../../src/compliance/controls/encryption/monitoring-tls-verified';
import { check, messages, outcome } from '../../helpers';

const monitor = (kind: string, name: string, spec: unknown) => ({ apiVersion: 'monitoring.coreos.com/v1', kind, metadata: { name, namespace: 'shop' }, spec });
const VERIFIED = { ca: { secret: { name: 'api-metrics-tls', key: 'ca.crt' } }, serverName: 'api.shop.svc' };
const SKIP = { insecureSkipVerify: true };

describe('monitoring-tls-verified', () => {
  test('passes monitors and probes that verify, or leave tlsConfig out', () => {
    const objects = [
      monitor('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'https-metrics', scheme: 'https', tlsConfig: VERIFIED }, { port: 'metrics' }] }),
      monitor('PodMonitor', 'worker', { selector: {}, podMetricsEndpoints: [{ port: 'metrics', tlsConfig: { ...VERIFIED, insecureSkipVerify: false } }] }),
      monitor('Probe', 'shop', { prober: { url: 'blackbox-exporter.monitoring.svc:19115' }, targets: { staticConfig: { static: ['https://shop.example.com'] } }, tlsConfig: VERIFIED }),
    ];
    expect(outcome(monitoringTlsVerified, objects)).toEqual({ 'ServiceMonitor/shop/api': 'pass', 'PodMonitor/shop/worker': 'pass', 'Probe/shop/shop': 'pass' });
  });

  test('fails each ServiceMonitor endpoint that skips verification, naming the endpoint, at the field', () => {
    const sm = monitor('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'metrics' }, { port: 'https', scheme: 'https', tlsConfig: SKIP }, { targetPort: 8443, tlsConfig: SKIP }] });
    expect(messages(monitoringTlsVerified, [sm])).toEqual([
      'spec.endpoints[1].tlsConfig.insecureSkipVerify is true, so Prometheus scrapes port "https" without verifying the target\'s certificate',
      'spec.endpoints[2].tlsConfig.insecureSkipVerify is true, so Prometheus scrapes targetPort 8443 without verifying the target\'s certificate',
    ]);
    expect(check(monitoringTlsVerified, [sm]).map(r => r.path)).toEqual(['spec.endpoints[1].tlsConfig.insecureSkipVerify', 'spec.endpoints[2].tlsConfig.insecureSkipVerify']);
  });

  test('fails a PodMonitor endpoint and a Probe that skip verification', () => {
    const pm = monitor('PodMonitor', 'worker', { selector: {}, podMetricsEndpoints: [{ port: 'metrics', scheme: 'https', tlsConfig: SKIP }] });
    const probe = monitor('Probe', 'shop', { prober: { url: 'blackbox-exporter.monitoring.svc:19115' }, tlsConfig: SKIP });
    expect(messages(monitoringTlsVerified, [pm, probe])).toEqual([
      'spec.podMetricsEndpoints[0].tlsConfig.insecureSkipVerify is true, so Prometheus scrapes port "metrics" without verifying the target\'s certificate',
      'spec.tlsConfig.insecureSkipVerify is true, so Prometheus scrapes the targets through prober blackbox-exporter.monitoring.svc:19115 without verifying the target\'s certificate',
    ]);
  });

  test('passes a tlsConfig that skips verification on an endpoint that scrapes over plain http, where Prometheus uses no TLS (KubeSphere\'s exporters); not its OAuth2 token requests', () => {
    const sm = monitor('ServiceMonitor', 'jetson', { selector: {}, endpoints: [{ port: 'http', scheme: 'http', bearerTokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token', tlsConfig: SKIP }] });
    const pm = monitor('PodMonitor', 'worker', { selector: {}, podMetricsEndpoints: [{ port: 'metrics', scheme: 'HTTP', tlsConfig: SKIP }] });
    const probe = monitor('Probe', 'shop', { prober: { url: 'blackbox-exporter.monitoring.svc:19115', scheme: 'http' }, tlsConfig: SKIP });
    expect(outcome(monitoringTlsVerified, [sm, pm, probe])).toEqual({ 'ServiceMonitor/shop/jetson': 'pass', 'PodMonitor/shop/worker': 'pass', 'Probe/shop/shop': 'pass' });
    const oauth2 = { tokenUrl: 'https://sso.example.com/token', tlsConfig: SKIP };
    const withOauth2 = monitor('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'http', scheme: 'http', oauth2 }] });
    expect(check(monitoringTlsVerified, [withOauth2]).map(r => r.path)).toEqual(['spec.endpoints[0].oauth2.tlsConfig.insecureSkipVerify']);
  });

  test('fails OAuth2 token requests that skip verification: they carry the client credentials', () => {
    const oauth2 = { clientId: { secret: { name: 'oauth', key: 'id' } }, clientSecret: { name: 'oauth', key: 'secret' }, tokenUrl: 'https://sso.example.com/token', tlsConfig: SKIP };
    const sm = monitor('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'https', tlsConfig: VERIFIED, oauth2 }] });
    const probe = monitor('Probe', 'shop', { oauth2 });
    expect(check(monitoringTlsVerified, [sm, probe]).map(r => [r.object.ref, r.path])).toEqual([
      ['ServiceMonitor/shop/api', 'spec.endpoints[0].oauth2.tlsConfig.insecureSkipVerify'],
      ['Probe/shop/shop', 'spec.oauth2.tlsConfig.insecureSkipVerify'],
    ]);
    expect(messages(monitoringTlsVerified, [sm])).toEqual([
      'spec.endpoints[0].oauth2.tlsConfig.insecureSkipVerify is true, so Prometheus sends its OAuth2 client credentials for port "https" to a token server whose certificate it does not verify',
    ]);
  });

  test('its example passes', () => {
    const objects = parseAllDocuments(monitoringTlsVerified.example ?? '').map(d => d.toJS());
    expect(outcome(monitoringTlsVerified, objects)).toEqual({ 'ServiceMonitor/shop/api': 'pass' });
  });

  test('does not apply to other kinds or to same-named kinds of other groups', () => {
    const other = { apiVersion: 'example.com/v1', kind: 'Probe', metadata: { name: 'x', namespace: 'shop' }, spec: { tlsConfig: SKIP } };
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' }, spec: { ports: [{ port: 443 }] } };
    expect(outcome(monitoringTlsVerified, [other, svc])).toEqual({});
  });

  test('reads malformed monitors without throwing', () => {
    const odd = [null, 'x', [], { endpoints: 'x' }, { endpoints: [null, 7, { tlsConfig: 'x', oauth2: [] }] }, { podMetricsEndpoints: [{ tlsConfig: [] }] }, { tlsConfig: null, oauth2: { tlsConfig: 1 } }]
      .flatMap((spec, i) => ['ServiceMonitor', 'PodMonitor', 'Probe'].map(kind => monitor(kind, `odd-${i}`, spec)));
    expect(Object.values(outcome(monitoringTlsVerified, odd)).every(o => o === 'pass')).toBe(true);
    expect(Object.keys(outcome(monitoringTlsVerified, odd))).toHaveLength(odd.length);
  });
});
