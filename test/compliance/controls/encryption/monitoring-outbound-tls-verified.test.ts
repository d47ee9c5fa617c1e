import { parseAllDocuments } from 'yaml';
import { monitoringOutboundTlsVerified } from '../../../../src/compliance/controls/encryption/monitoring-outbound-tls-verified';
import { check, messages, outcome } from '../../helpers';

const object = (kind: string, name: string, spec: unknown) => ({
  apiVersion: kind === 'PrometheusAgent' ? 'monitoring.coreos.com/v1alpha1' : 'monitoring.coreos.com/v1', kind, metadata: { name, namespace: 'monitoring' }, spec,
});
const VERIFIED = { ca: { secret: { name: 'remote-ca', key: 'ca.crt' } }, serverName: 'metrics.example.com' };
const SKIP = { insecureSkipVerify: true };
const OAUTH2 = { clientId: { secret: { name: 'oauth', key: 'id' } }, clientSecret: { name: 'oauth', key: 'secret' }, tokenUrl: 'https://sso.example.com/token', tlsConfig: SKIP };

describe('monitoring-outbound-tls-verified', () => {
  test('passes Prometheus, Alertmanager and Thanos Ruler objects that verify their servers, or leave TLS to the defaults', () => {
    const objects = [
      object('Prometheus', 'k8s', {
        remoteWrite: [{ url: 'https://metrics.example.com/api/v1/write', tlsConfig: VERIFIED }, { url: 'https://prometheus-blocks-prod.grafana.net/api/prom/push' }],
        remoteRead: [{ url: 'https://metrics.example.com/api/v1/read', tlsConfig: { ...VERIFIED, insecureSkipVerify: false } }],
        alerting: { alertmanagers: [{ name: 'alertmanager-main', port: 'web', scheme: 'https', tlsConfig: VERIFIED }] },
        apiserverConfig: { host: 'https://k8s.example.com:6443', tlsConfig: VERIFIED },
      }),
      object('PrometheusAgent', 'agent', {}),
      object('Alertmanager', 'main', { alertmanagerConfiguration: { name: 'global', global: { httpConfig: { tlsConfig: VERIFIED } } }, clusterTLS: { server: {}, client: VERIFIED } }),
      object('ThanosRuler', 'ruler', { remoteWrite: [{ url: 'https://metrics.example.com/api/v1/write' }] }),
    ];
    expect(outcome(monitoringOutboundTlsVerified, objects)).toEqual({
      'Prometheus/monitoring/k8s': 'pass', 'PrometheusAgent/monitoring/agent': 'pass', 'Alertmanager/monitoring/main': 'pass', 'ThanosRuler/monitoring/ruler': 'pass',
    });
  });

  test('fails each connection of a Prometheus that skips verification, naming its server, at the field', () => {
    const prom = object('Prometheus', 'k8s', {
      remoteWrite: [{ url: 'https://metrics.example.com/api/v1/write', tlsConfig: VERIFIED }, { url: 'https://mimir.example.com/api/v1/push', tlsConfig: SKIP, oauth2: OAUTH2 }],
      remoteRead: [{ url: 'https://metrics.example.com/api/v1/read', tlsConfig: SKIP }],
      alerting: { alertmanagers: [{ namespace: 'monitoring', name: 'alertmanager-main', port: 'web', scheme: 'https', tlsConfig: SKIP }] },
      apiserverConfig: { host: 'https://k8s.example.com:6443', tlsConfig: SKIP },
      tracingConfig: { endpoint: 'tempo.tracing.svc:4317', tlsConfig: SKIP },
    });
    expect(messages(monitoringOutboundTlsVerified, [prom])).toEqual([
      'spec.remoteWrite[1].tlsConfig.insecureSkipVerify is true, so Prometheus sends samples to remote write endpoint https://mimir.example.com/api/v1/push without verifying its certificate',
      'spec.remoteWrite[1].oauth2.tlsConfig.insecureSkipVerify is true, so Prometheus sends its OAuth2 client credentials for remote write endpoint https://mimir.example.com/api/v1/push '
        + 'to a token server whose certificate it does not verify',
      'spec.remoteRead[0].tlsConfig.insecureSkipVerify is true, so Prometheus reads samples from remote read endpoint https://metrics.example.com/api/v1/read without verifying its certificate',
      'spec.alerting.alertmanagers[0].tlsConfig.insecureSkipVerify is true, so Prometheus sends alerts to the Alertmanagers of Endpoints monitoring/alertmanager-main without verifying their certificates',
      'spec.apiserverConfig.tlsConfig.insecureSkipVerify is true, so Prometheus discovers targets through the API server https://k8s.example.com:6443 without verifying its certificate',
      'spec.tracingConfig.tlsConfig.insecureSkipVerify is true, so Prometheus sends traces to the trace collector tempo.tracing.svc:4317 without verifying its certificate',
    ]);
    expect(check(monitoringOutboundTlsVerified, [prom]).map(r => r.path)).toEqual([
      'spec.remoteWrite[1].tlsConfig.insecureSkipVerify', 'spec.remoteWrite[1].oauth2.tlsConfig.insecureSkipVerify', 'spec.remoteRead[0].tlsConfig.insecureSkipVerify',
      'spec.alerting.alertmanagers[0].tlsConfig.insecureSkipVerify', 'spec.apiserverConfig.tlsConfig.insecureSkipVerify', 'spec.tracingConfig.tlsConfig.insecureSkipVerify',
    ]);
  });

  test('fails a PrometheusAgent\'s and a ThanosRuler\'s remote write that skips verification', () => {
    const agent = object('PrometheusAgent', 'agent', { remoteWrite: [{ url: 'https://metrics.example.com/api/v1/write', tlsConfig: SKIP }] });
    const ruler = object('ThanosRuler', 'ruler', { remoteWrite: [{ url: 'https://metrics.example.com/api/v1/write', oauth2: OAUTH2 }] });
    expect(messages(monitoringOutboundTlsVerified, [agent, ruler])).toEqual([
      'spec.remoteWrite[0].tlsConfig.insecureSkipVerify is true, so Prometheus Agent sends samples to remote write endpoint https://metrics.example.com/api/v1/write without verifying its certificate',
      'spec.remoteWrite[0].oauth2.tlsConfig.insecureSkipVerify is true, so Thanos Ruler sends its OAuth2 client credentials for remote write endpoint https://metrics.example.com/api/v1/write '
        + 'to a token server whose certificate it does not verify',
    ]);
  });

  test('fails an Alertmanager whose global HTTP client or cluster peers skip verification', () => {
    const am = object('Alertmanager', 'main', {
      alertmanagerConfiguration: { name: 'global', global: { httpConfig: { tlsConfig: SKIP, oauth2: OAUTH2 } } },
      clusterTLS: { server: { cert: { secret: { name: 'am-tls', key: 'tls.crt' } } }, client: SKIP },
    });
    expect(messages(monitoringOutboundTlsVerified, [am])).toEqual([
      'spec.alertmanagerConfiguration.global.httpConfig.tlsConfig.insecureSkipVerify is true, so Alertmanager sends notifications to every receiver that has no httpConfig of its own '
        + 'without verifying the receiver\'s certificate',
      'spec.alertmanagerConfiguration.global.httpConfig.oauth2.tlsConfig.insecureSkipVerify is true, so Alertmanager sends its OAuth2 client credentials for every receiver that has no '
        + 'httpConfig of its own to a token server whose certificate it does not verify',
      'spec.clusterTLS.client.insecureSkipVerify is true, so Alertmanager replicas exchange alerts and silences with peers whose certificates they do not verify',
    ]);
    expect(check(monitoringOutboundTlsVerified, [am]).map(r => r.path)).toEqual([
      'spec.alertmanagerConfiguration.global.httpConfig.tlsConfig.insecureSkipVerify',
      'spec.alertmanagerConfiguration.global.httpConfig.oauth2.tlsConfig.insecureSkipVerify',
      'spec.clusterTLS.client.insecureSkipVerify',
    ]);
  });

  test('fails an Alertmanager whose global SMTP settings skip verification: every email receiver without TLS settings of its own takes them', () => {
    const am = object('Alertmanager', 'main', {
      alertmanagerConfiguration: { name: 'global', global: { smtp: { smartHost: { host: 'smtp.example.com', port: '587' }, authUsername: 'alerts', tlsConfig: SKIP } } },
    });
    expect(messages(monitoringOutboundTlsVerified, [am])).toEqual([
      'spec.alertmanagerConfiguration.global.smtp.tlsConfig.insecureSkipVerify is true, so Alertmanager sends email notifications and its SMTP credentials to '
        + 'the SMTP server of every email receiver that has no tlsConfig of its own without verifying the server\'s certificate',
    ]);
    expect(check(monitoringOutboundTlsVerified, [am]).map(r => r.path)).toEqual(['spec.alertmanagerConfiguration.global.smtp.tlsConfig.insecureSkipVerify']);
    const verified = object('Alertmanager', 'main', { alertmanagerConfiguration: { name: 'global', global: { smtp: { smartHost: { host: 'smtp.example.com', port: '587' }, tlsConfig: VERIFIED } } } });
    expect(outcome(monitoringOutboundTlsVerified, [verified])).toEqual({ 'Alertmanager/monitoring/main': 'pass' });
  });

  describe('AlertmanagerConfig receivers', () => {
    const amConfig = (receivers: unknown[]) => ({
      apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'AlertmanagerConfig', metadata: { name: 'ops', namespace: 'monitoring' }, spec: { route: { receiver: 'ops' }, receivers },
    });

    test('fails each receiver integration whose HTTP client or SMTP connection skips verification, naming the receiver, at the field', () => {
      const config = amConfig([{
        name: 'ops',
        webhookConfigs: [{ url: 'https://hooks.example.com/alerts', httpConfig: { tlsConfig: VERIFIED } }, { url: 'https://hooks.example.com/other', httpConfig: { tlsConfig: SKIP, oauth2: OAUTH2 } }],
        slackConfigs: [{ apiURL: { name: 'slack', key: 'url' }, httpConfig: { tlsConfig: SKIP } }],
        emailConfigs: [{ to: 'ops@example.com', smarthost: 'smtp.example.com:587', tlsConfig: SKIP }],
      }]);
      expect(messages(monitoringOutboundTlsVerified, [config])).toEqual([
        'spec.receivers[0].webhookConfigs[1].httpConfig.tlsConfig.insecureSkipVerify is true, so Alertmanager sends notifications to the webhook endpoint '
          + 'https://hooks.example.com/other of receiver "ops" without verifying its certificate',
        'spec.receivers[0].webhookConfigs[1].httpConfig.oauth2.tlsConfig.insecureSkipVerify is true, so Alertmanager sends its OAuth2 client credentials for the webhook endpoint '
          + 'https://hooks.example.com/other of receiver "ops" to a token server whose certificate it does not verify',
        'spec.receivers[0].slackConfigs[0].httpConfig.tlsConfig.insecureSkipVerify is true, so Alertmanager sends notifications to the slack endpoint of receiver "ops" without verifying its certificate',
        'spec.receivers[0].emailConfigs[0].tlsConfig.insecureSkipVerify is true, so Alertmanager sends email notifications and its SMTP credentials to '
          + 'the SMTP server smtp.example.com:587 of receiver "ops" without verifying its certificate',
      ]);
      expect(check(monitoringOutboundTlsVerified, [config]).map(r => r.path)).toEqual([
        'spec.receivers[0].webhookConfigs[1].httpConfig.tlsConfig.insecureSkipVerify', 'spec.receivers[0].webhookConfigs[1].httpConfig.oauth2.tlsConfig.insecureSkipVerify',
        'spec.receivers[0].slackConfigs[0].httpConfig.tlsConfig.insecureSkipVerify', 'spec.receivers[0].emailConfigs[0].tlsConfig.insecureSkipVerify',
      ]);
    });

    test('passes receivers that verify, and a tlsConfig that is not used: a http:// webhook URL, email without TLS (requireTLS: false, not port 465)', () => {
      const config = amConfig([{
        name: 'ops',
        webhookConfigs: [{ url: 'http://hook.monitoring.svc/alerts', httpConfig: { tlsConfig: SKIP } }, { url: 'https://hooks.example.com/alerts', httpConfig: { tlsConfig: VERIFIED } }],
        emailConfigs: [{ smarthost: 'mail.monitoring.svc:25', requireTLS: false, tlsConfig: SKIP }, { smarthost: 'smtp.example.com:465', tlsConfig: VERIFIED }],
        pushoverConfigs: [{ url: 'http://runbooks.example.com/ops', userKey: { name: 'p', key: 'u' } }],
      }]);
      expect(outcome(monitoringOutboundTlsVerified, [config])).toEqual({ 'AlertmanagerConfig/monitoring/ops': 'pass' });
      const implicitTls = amConfig([{ name: 'ops', emailConfigs: [{ smarthost: 'smtp.example.com:465', requireTLS: false, tlsConfig: SKIP }] }]);
      expect(outcome(monitoringOutboundTlsVerified, [implicitTls])).toEqual({ 'AlertmanagerConfig/monitoring/ops': 'fail' });
    });
  });

  test('passes a tlsConfig the client does not use: plain http URLs and schemes, a tracing exporter with insecure: true', () => {
    const prom = object('Prometheus', 'k8s', {
      remoteWrite: [{ url: 'http://mimir.mimir.svc/api/v1/push', tlsConfig: SKIP, oauth2: { ...OAUTH2, tokenUrl: 'http://sso.sso.svc/token' } }],
      remoteRead: [{ url: 'HTTP://thanos.thanos.svc/api/v1/read', tlsConfig: SKIP }],
      // No scheme: the operator writes http.
      alerting: { alertmanagers: [{ name: 'alertmanager-main', port: 'web', scheme: 'http', tlsConfig: SKIP }, { name: 'alertmanager-backup', port: 'web', tlsConfig: SKIP }] },
      apiserverConfig: { host: 'http://127.0.0.1:8001', tlsConfig: SKIP },
      tracingConfig: { endpoint: 'tempo.tracing.svc:4317', insecure: true, tlsConfig: SKIP },
    });
    expect(outcome(monitoringOutboundTlsVerified, [prom])).toEqual({ 'Prometheus/monitoring/k8s': 'pass' });
  });

  test('judges the tlsConfig of an Alertmanager endpoint with scheme: http whose relabelings may set __scheme__', () => {
    const prom = object('Prometheus', 'k8s', {
      alerting: { alertmanagers: [{ name: 'alertmanager-main', port: 'web', scheme: 'http', relabelings: [{ targetLabel: '__scheme__', replacement: 'https' }], tlsConfig: SKIP }] },
    });
    expect(check(monitoringOutboundTlsVerified, [prom]).map(r => r.path)).toEqual(['spec.alerting.alertmanagers[0].tlsConfig.insecureSkipVerify']);
  });

  test('its example passes', () => {
    const objects = parseAllDocuments(monitoringOutboundTlsVerified.example ?? '').map(d => d.toJS());
    expect(outcome(monitoringOutboundTlsVerified, objects)).toEqual({ 'Prometheus/monitoring/k8s': 'pass' });
  });

  test('does not apply to scrape objects, other kinds or same-named kinds of other groups', () => {
    const sm = object('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'https', tlsConfig: SKIP }] });
    const other = { apiVersion: 'example.com/v1', kind: 'Prometheus', metadata: { name: 'x', namespace: 'monitoring' }, spec: { remoteWrite: [{ url: 'https://x', tlsConfig: SKIP }] } };
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'monitoring' }, data: {} };
    expect(outcome(monitoringOutboundTlsVerified, [sm, other, cm])).toEqual({});
  });

  test('reads malformed objects without throwing', () => {
    const odd = [null, 'x', [], { remoteWrite: 'x', remoteRead: [null, 7, { tlsConfig: 'x', oauth2: [] }] }, { alerting: [], apiserverConfig: 'x', tracingConfig: [] },
      { alerting: { alertmanagers: {} }, alertmanagerConfiguration: { global: 'x' }, clusterTLS: { client: [] } }, { alertmanagerConfiguration: { global: { httpConfig: null } }, clusterTLS: 'x' }]
      .concat([{ receivers: [null, 'x', { name: 7, webhookConfigs: [null, { httpConfig: [] }], emailConfigs: 'x' }, { emailConfigs: [{ smarthost: 5, requireTLS: false }] }] }] as any[])
      .flatMap((spec, i) => ['Prometheus', 'PrometheusAgent', 'Alertmanager', 'AlertmanagerConfig', 'ThanosRuler'].map(kind => object(kind, `odd-${i}`, spec)));
    expect(Object.values(outcome(monitoringOutboundTlsVerified, odd)).every(o => o === 'pass')).toBe(true);
    expect(Object.keys(outcome(monitoringOutboundTlsVerified, odd))).toHaveLength(odd.length);
  });
});
