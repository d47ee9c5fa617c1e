import { parseAllDocuments } from 'yaml';
import { monitoringTlsVerified } from '../../../../src/compliance/controls/encryption/monitoring-tls-verified';
import { check, messages, outcome } from '../../helpers';

const monitor = (kind: string, name: string, spec: unknown, labels: Record<string, string> = {}, namespace = 'shop') => ({
  apiVersion: kind === 'ScrapeConfig' || kind === 'PrometheusAgent' ? 'monitoring.coreos.com/v1alpha1' : 'monitoring.coreos.com/v1', kind, metadata: { name, namespace, labels }, spec,
});
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
    const sm = monitor('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'metrics' }, { port: 'https', scheme: 'https', tlsConfig: SKIP }, { targetPort: 8443, scheme: 'HTTPS', tlsConfig: SKIP }] });
    expect(messages(monitoringTlsVerified, [sm])).toEqual([
      'spec.endpoints[1].tlsConfig.insecureSkipVerify is true, so Prometheus scrapes port "https" without verifying the target\'s certificate',
      'spec.endpoints[2].tlsConfig.insecureSkipVerify is true, so Prometheus scrapes targetPort 8443 without verifying the target\'s certificate',
    ]);
    expect(check(monitoringTlsVerified, [sm]).map(r => r.path)).toEqual(['spec.endpoints[1].tlsConfig.insecureSkipVerify', 'spec.endpoints[2].tlsConfig.insecureSkipVerify']);
  });

  test('fails a PodMonitor endpoint and a Probe that skip verification', () => {
    const pm = monitor('PodMonitor', 'worker', { selector: {}, podMetricsEndpoints: [{ port: 'metrics', scheme: 'https', tlsConfig: SKIP }] });
    const probe = monitor('Probe', 'shop', { prober: { url: 'blackbox-exporter.monitoring.svc:19115', scheme: 'https' }, tlsConfig: SKIP });
    expect(messages(monitoringTlsVerified, [pm, probe])).toEqual([
      'spec.podMetricsEndpoints[0].tlsConfig.insecureSkipVerify is true, so Prometheus scrapes port "metrics" without verifying the target\'s certificate',
      'spec.tlsConfig.insecureSkipVerify is true, so Prometheus scrapes the targets through prober blackbox-exporter.monitoring.svc:19115 without verifying the prober\'s certificate',
    ]);
  });

  test('passes a tlsConfig that skips verification on an endpoint that scrapes over plain http, where Prometheus uses no TLS (KubeSphere\'s exporters); not its OAuth2 token requests', () => {
    const sm = monitor('ServiceMonitor', 'jetson', { selector: {}, endpoints: [{ port: 'http', scheme: 'http', bearerTokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token', tlsConfig: SKIP }] });
    const pm = monitor('PodMonitor', 'worker', { selector: {}, podMetricsEndpoints: [{ port: 'metrics', scheme: 'HTTP', tlsConfig: SKIP }] });
    const probe = monitor('Probe', 'shop', { prober: { url: 'blackbox-exporter.monitoring.svc:19115', scheme: 'http' }, tlsConfig: SKIP });
    expect(outcome(monitoringTlsVerified, [sm, pm, probe])).toEqual({ 'ServiceMonitor/shop/jetson': 'pass', 'PodMonitor/shop/worker': 'pass', 'Probe/shop/shop': 'pass' });
    // No scheme is Prometheus's default, http; nor does a Probe's prober without one use TLS.
    const unset = [monitor('ServiceMonitor', 'plain', { selector: {}, endpoints: [{ port: 'metrics', tlsConfig: SKIP }] }), monitor('Probe', 'plain', { prober: { url: 'bb:9115' }, tlsConfig: SKIP })];
    expect(outcome(monitoringTlsVerified, unset)).toEqual({ 'ServiceMonitor/shop/plain': 'pass', 'Probe/shop/plain': 'pass' });
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

  test('passes OAuth2 token requests to a http:// tokenUrl, where no TLS is used', () => {
    const sm = monitor('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'https', oauth2: { tokenUrl: 'http://sso.shop.svc/token', tlsConfig: SKIP } }] });
    expect(outcome(monitoringTlsVerified, [sm])).toEqual({ 'ServiceMonitor/shop/api': 'pass' });
  });

  describe('ScrapeConfig', () => {
    test('fails a scrape and OAuth2 token requests that skip verification, and passes one that verifies', () => {
      const skip = monitor('ScrapeConfig', 'nodes', { scheme: 'HTTPS', staticConfigs: [{ targets: ['10.0.0.1:9100'] }], tlsConfig: SKIP, oauth2: { tokenUrl: 'https://sso.example.com/token', tlsConfig: SKIP } });
      const verified = monitor('ScrapeConfig', 'verified', { scheme: 'HTTPS', staticConfigs: [{ targets: ['10.0.0.1:9100'] }], tlsConfig: VERIFIED });
      expect(outcome(monitoringTlsVerified, [skip, verified])).toEqual({ 'ScrapeConfig/shop/nodes': 'fail', 'ScrapeConfig/shop/verified': 'pass' });
      expect(messages(monitoringTlsVerified, [skip])).toEqual([
        'spec.tlsConfig.insecureSkipVerify is true, so Prometheus scrapes its targets without verifying the target\'s certificate',
        'spec.oauth2.tlsConfig.insecureSkipVerify is true, so Prometheus sends its OAuth2 client credentials for its targets to a token server whose certificate it does not verify',
      ]);
      expect(check(monitoringTlsVerified, [skip]).map(r => r.path)).toEqual(['spec.tlsConfig.insecureSkipVerify', 'spec.oauth2.tlsConfig.insecureSkipVerify']);
    });

    test('passes a scrape with scheme: HTTP, whose tlsConfig Prometheus does not use', () => {
      const sc = monitor('ScrapeConfig', 'nodes', { scheme: 'HTTP', staticConfigs: [{ targets: ['10.0.0.1:9100'] }], tlsConfig: SKIP });
      expect(outcome(monitoringTlsVerified, [sc])).toEqual({ 'ScrapeConfig/shop/nodes': 'pass' });
    });

    test('judges the tlsConfig of a scrape without a scheme whose static targets set __scheme__: a target label Prometheus takes over the scrape\'s scheme', () => {
      const https = monitor('ScrapeConfig', 'https', { staticConfigs: [{ targets: ['10.0.0.1:9100'], labels: { __scheme__: 'https' } }], tlsConfig: SKIP });
      const plain = monitor('ScrapeConfig', 'plain', { staticConfigs: [{ targets: ['10.0.0.1:9100'], labels: { team: 'shop' } }], tlsConfig: SKIP });
      expect(outcome(monitoringTlsVerified, [https, plain])).toEqual({ 'ScrapeConfig/shop/https': 'fail', 'ScrapeConfig/shop/plain': 'pass' });
      expect(check(monitoringTlsVerified, [https]).map(r => r.path)).toEqual(['spec.tlsConfig.insecureSkipVerify']);
    });

    test('fails each service discovery config that skips verification towards its server, naming it, at the field', () => {
      const sc = monitor('ScrapeConfig', 'discovered', {
        kubernetesSDConfigs: [{ role: 'Pod', apiServer: 'https://k8s.example.com:6443', tlsConfig: SKIP }],
        consulSDConfigs: [{ server: 'consul.example.com:8500', scheme: 'HTTPS', tlsConfig: VERIFIED }, { server: 'consul.example.com:8501', tlsConfig: SKIP }],
        httpSDConfigs: [{ url: 'https://sd.example.com/targets', oauth2: { tokenUrl: 'https://sso.example.com/token', tlsConfig: SKIP } }],
        ec2SDConfigs: [{ region: 'eu-west-1', tlsConfig: SKIP }],
        dnsSDConfigs: [{ names: ['_metrics._tcp.example.com'] }],
      });
      expect(messages(monitoringTlsVerified, [sc])).toEqual([
        'spec.httpSDConfigs[0].oauth2.tlsConfig.insecureSkipVerify is true, so Prometheus sends its OAuth2 client credentials for the HTTP discovery endpoint https://sd.example.com/targets to a token server whose certificate it does not verify',
        'spec.kubernetesSDConfigs[0].tlsConfig.insecureSkipVerify is true, so Prometheus discovers targets from the Kubernetes API server https://k8s.example.com:6443 without verifying its certificate',
        'spec.consulSDConfigs[1].tlsConfig.insecureSkipVerify is true, so Prometheus discovers targets from the Consul server consul.example.com:8501 without verifying its certificate',
        'spec.ec2SDConfigs[0].tlsConfig.insecureSkipVerify is true, so Prometheus discovers targets from the AWS EC2 API without verifying its certificate',
      ]);
      expect(check(monitoringTlsVerified, [sc]).map(r => r.path)).toEqual([
        'spec.httpSDConfigs[0].oauth2.tlsConfig.insecureSkipVerify', 'spec.kubernetesSDConfigs[0].tlsConfig.insecureSkipVerify',
        'spec.consulSDConfigs[1].tlsConfig.insecureSkipVerify', 'spec.ec2SDConfigs[0].tlsConfig.insecureSkipVerify',
      ]);
    });

    test('passes discovery configs that query their server over plain http (a http:// URL, Consul\'s scheme: http), and those that leave TLS alone', () => {
      const sc = monitor('ScrapeConfig', 'discovered', {
        consulSDConfigs: [{ server: 'consul.consul.svc:8500', scheme: 'http', tlsConfig: SKIP }],
        httpSDConfigs: [{ url: 'http://sd.shop.svc/targets', tlsConfig: SKIP }],
        puppetDBSDConfigs: [{ url: 'HTTP://puppetdb.example.com', query: 'resources { type = "Class" }', tlsConfig: SKIP }],
        kubernetesSDConfigs: [{ role: 'Node' }],
      });
      expect(outcome(monitoringTlsVerified, [sc])).toEqual({ 'ScrapeConfig/shop/discovered': 'pass' });
    });
  });

  describe('scrape classes of Prometheus and PrometheusAgent', () => {
    const prometheus = (kind: string, classes: unknown[], spec: Record<string, unknown> = {}) =>
      monitor(kind, 'k8s', { serviceMonitorSelector: {}, podMonitorSelector: {}, probeSelector: {}, scrapeConfigSelector: {}, scrapeClasses: classes, ...spec }, {}, 'shop');
    const INSECURE = { name: 'insecure', tlsConfig: SKIP };
    const INSECURE_DEFAULT = { name: 'insecure', default: true, tlsConfig: SKIP };
    const CA_ONLY = { name: 'mesh', tlsConfig: { caFile: '/etc/prometheus/certs/ca.crt' } };

    test('fail each class whose tlsConfig skips verification, at the field, saying which scrapes take it', () => {
      const prom = prometheus('Prometheus', [CA_ONLY, INSECURE_DEFAULT]);
      const agent = prometheus('PrometheusAgent', [INSECURE]);
      expect(check(monitoringTlsVerified, [prom, agent]).map(r => [r.object.ref, r.passed, r.path])).toEqual([
        ['Prometheus/shop/k8s', false, 'spec.scrapeClasses[1].tlsConfig.insecureSkipVerify'],
        ['PrometheusAgent/shop/k8s', false, 'spec.scrapeClasses[0].tlsConfig.insecureSkipVerify'],
      ]);
      expect(messages(monitoringTlsVerified, [prom, agent])).toEqual([
        'spec.scrapeClasses[1].tlsConfig.insecureSkipVerify is true, so Prometheus scrapes without verifying the target\'s certificate every endpoint without TLS settings '
          + 'of its own of the ServiceMonitors, PodMonitors, Probes and ScrapeConfigs that name scrape class "insecure" or, as it is the default class, none',
        'spec.scrapeClasses[0].tlsConfig.insecureSkipVerify is true, so Prometheus Agent scrapes without verifying the target\'s certificate every endpoint without TLS settings '
          + 'of its own of the ServiceMonitors, PodMonitors, Probes and ScrapeConfigs that name scrape class "insecure"',
      ]);
    });

    test('pass a Prometheus whose classes verify, or that has none', () => {
      expect(outcome(monitoringTlsVerified, [prometheus('Prometheus', [CA_ONLY, { name: 'off', tlsConfig: { insecureSkipVerify: false } }]), monitor('PrometheusAgent', 'agent', {})]))
        .toEqual({ 'Prometheus/shop/k8s': 'pass', 'PrometheusAgent/shop/agent': 'pass' });
    });

    test('fail each scrape without TLS settings of its own that a selecting Prometheus gives its default class\'s tlsConfig', () => {
      const sm = monitor('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'https', scheme: 'https' }, { port: 'tls', scheme: 'https', tlsConfig: VERIFIED }, { port: 'metrics', scheme: 'http' }, { port: 'plain' }] });
      const pm = monitor('PodMonitor', 'worker', { selector: {}, podMetricsEndpoints: [{ port: 'metrics', scheme: 'https', tlsConfig: {} }, { port: 'own', scheme: 'https', tlsConfig: { insecureSkipVerify: false } }] });
      const probe = monitor('Probe', 'shop', { prober: { url: 'blackbox-exporter.shop.svc:19115', scheme: 'https' } });
      const sc = monitor('ScrapeConfig', 'nodes', { scheme: 'HTTPS', staticConfigs: [{ targets: ['10.0.0.1:9100'] }] });
      const results = check(monitoringTlsVerified, [prometheus('Prometheus', [INSECURE_DEFAULT]), sm, pm, probe, sc]).filter(r => r.object.kind !== 'Prometheus');
      expect(results.map(r => [r.object.ref, r.passed, r.path])).toEqual([
        ['ServiceMonitor/shop/api', false, 'spec.endpoints[0].tlsConfig'],
        ['PodMonitor/shop/worker', false, 'spec.podMetricsEndpoints[0].tlsConfig'],
        ['Probe/shop/shop', false, 'spec.tlsConfig'],
        ['ScrapeConfig/shop/nodes', false, 'spec.tlsConfig'],
      ]);
      expect(results[0].message).toBe('spec.endpoints[0] sets no TLS settings of its own, so Prometheus shop/k8s scrapes port "https" with the tlsConfig of its default scrape class "insecure", '
        + 'which turns off verification of the target\'s certificate');
      expect(results[2].message).toBe('spec sets no TLS settings of its own, so Prometheus shop/k8s scrapes the targets through prober blackbox-exporter.shop.svc:19115 '
        + 'with the tlsConfig of its default scrape class "insecure", which turns off verification of the prober\'s certificate');
    });

    test('a ServiceMonitor endpoint\'s empty tlsConfig is its own (the class gives it only caFile, certFile and keyFile)', () => {
      const sm = monitor('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'https', scheme: 'https', tlsConfig: {} }] });
      expect(outcome(monitoringTlsVerified, [prometheus('Prometheus', [INSECURE_DEFAULT]), sm])['ServiceMonitor/shop/api']).toBe('pass');
    });

    test('fail the scrapes of objects that name the class, not of those that name another or an unknown one (which the operator rejects)', () => {
      const named = monitor('ServiceMonitor', 'named', { scrapeClass: 'insecure', selector: {}, endpoints: [{ port: 'https', scheme: 'https' }] });
      const other = monitor('ServiceMonitor', 'other', { scrapeClass: 'mesh', selector: {}, endpoints: [{ port: 'https', scheme: 'https' }] });
      const unknown = monitor('ServiceMonitor', 'unknown', { scrapeClass: 'nope', selector: {}, endpoints: [{ port: 'https', scheme: 'https' }] });
      const none = monitor('ServiceMonitor', 'none', { scrapeClass: '', selector: {}, endpoints: [{ port: 'https', scheme: 'https' }] });
      const r = outcome(monitoringTlsVerified, [prometheus('Prometheus', [CA_ONLY, INSECURE]), named, other, unknown, none]);
      expect(r).toEqual({ 'ServiceMonitor/shop/named': 'fail', 'ServiceMonitor/shop/other': 'pass', 'ServiceMonitor/shop/unknown': 'pass', 'ServiceMonitor/shop/none': 'pass', 'Prometheus/shop/k8s': 'fail' });
      expect(messages(monitoringTlsVerified, [prometheus('Prometheus', [INSECURE]), named])[0]).toContain('with the tlsConfig of scrape class "insecure", which');
    });

    test('only a Prometheus that selects the object gives it its class: by labels, and by namespace (its own, unless a namespace selector says otherwise)', () => {
      const sm = (name: string, labels: Record<string, string>, namespace = 'shop') => monitor('ServiceMonitor', name, { selector: {}, endpoints: [{ port: 'https', scheme: 'https' }] }, labels, namespace);
      const picky = prometheus('Prometheus', [INSECURE_DEFAULT], { serviceMonitorSelector: { matchLabels: { team: 'shop' } } });
      expect(outcome(monitoringTlsVerified, [picky, sm('selected', { team: 'shop' }), sm('other-team', { team: 'pay' }), sm('elsewhere', { team: 'shop' }, 'pay')])).toEqual({
        'ServiceMonitor/shop/selected': 'fail', 'ServiceMonitor/shop/other-team': 'pass', 'ServiceMonitor/pay/elsewhere': 'pass', 'Prometheus/shop/k8s': 'fail',
      });
      const wide = prometheus('Prometheus', [INSECURE_DEFAULT], { serviceMonitorNamespaceSelector: { matchLabels: { monitored: 'true' } } });
      const ns = (name: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
      expect(outcome(monitoringTlsVerified, [wide, ns('pay', { monitored: 'true' }), ns('ops', {}), sm('in-pay', {}, 'pay'), sm('in-ops', {}, 'ops'), sm('in-shop', {})])).toEqual({
        'ServiceMonitor/pay/in-pay': 'fail', 'ServiceMonitor/ops/in-ops': 'pass', 'ServiceMonitor/shop/in-shop': 'pass', 'Prometheus/shop/k8s': 'fail',
      });
      const none = monitor('Prometheus', 'k8s', { scrapeClasses: [INSECURE_DEFAULT] });
      expect(outcome(monitoringTlsVerified, [none, sm('api', {})])['ServiceMonitor/shop/api']).toBe('pass');
    });

    test('each kind is selected by its own selector: a Prometheus that selects only ServiceMonitors gives its class to no PodMonitor, Probe or ScrapeConfig', () => {
      const pm = monitor('PodMonitor', 'worker', { selector: {}, podMetricsEndpoints: [{ port: 'metrics', scheme: 'https' }] }, { team: 'shop' });
      const probe = monitor('Probe', 'site', { prober: { url: 'bb.shop.svc:19115', scheme: 'https' } }, { team: 'shop' });
      const sc = monitor('ScrapeConfig', 'nodes', { scheme: 'HTTPS', staticConfigs: [{ targets: ['10.0.0.1:9100'] }] }, { team: 'shop' });
      const sm = monitor('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'https', scheme: 'https' }] }, { team: 'shop' });
      const smOnly = monitor('Prometheus', 'k8s', { serviceMonitorSelector: {}, scrapeClasses: [INSECURE_DEFAULT] });
      expect(outcome(monitoringTlsVerified, [smOnly, pm, probe, sc, sm])).toEqual({
        'Prometheus/shop/k8s': 'fail', 'ServiceMonitor/shop/api': 'fail', 'PodMonitor/shop/worker': 'pass', 'Probe/shop/site': 'pass', 'ScrapeConfig/shop/nodes': 'pass',
      });
      // Each selector of its own kind, and only a matching one, selects.
      const each = monitor('Prometheus', 'k8s', {
        serviceMonitorSelector: { matchLabels: { team: 'pay' } }, podMonitorSelector: { matchLabels: { team: 'shop' } },
        probeSelector: { matchLabels: { team: 'shop' } }, scrapeConfigSelector: { matchLabels: { team: 'pay' } }, scrapeClasses: [INSECURE_DEFAULT],
      });
      expect(outcome(monitoringTlsVerified, [each, pm, probe, sc, sm])).toEqual({
        'Prometheus/shop/k8s': 'fail', 'ServiceMonitor/shop/api': 'pass', 'PodMonitor/shop/worker': 'fail', 'Probe/shop/site': 'fail', 'ScrapeConfig/shop/nodes': 'pass',
      });
    });

    test('an object that names a class its Prometheus lacks gets no class, not the default one (the operator rejects it)', () => {
      const unknown = monitor('ServiceMonitor', 'unknown', { scrapeClass: 'nope', selector: {}, endpoints: [{ port: 'https', scheme: 'https' }] });
      expect(outcome(monitoringTlsVerified, [prometheus('Prometheus', [INSECURE_DEFAULT]), unknown])['ServiceMonitor/shop/unknown']).toBe('pass');
    });

    test('keys a PodMonitor, Probe or ScrapeConfig tlsConfig cannot hold (caFile), which the API server prunes, are no TLS settings of its own', () => {
      const pm = monitor('PodMonitor', 'worker', { selector: {}, podMetricsEndpoints: [{ port: 'metrics', scheme: 'https', tlsConfig: { caFile: '/x' } }] });
      expect(outcome(monitoringTlsVerified, [prometheus('Prometheus', [INSECURE_DEFAULT]), pm])['PodMonitor/shop/worker']).toBe('fail');
    });

    test('a scrape with no scheme is plain http and takes no TLS settings, unless a relabeling of its endpoint or its class may set __scheme__', () => {
      const sm = monitor('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'metrics' }] });
      expect(outcome(monitoringTlsVerified, [prometheus('Prometheus', [INSECURE_DEFAULT]), sm])['ServiceMonitor/shop/api']).toBe('pass');
      const relabelled = monitor('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'metrics', relabelings: [{ targetLabel: '__scheme__', replacement: 'https' }] }] });
      expect(outcome(monitoringTlsVerified, [prometheus('Prometheus', [INSECURE_DEFAULT]), relabelled])['ServiceMonitor/shop/api']).toBe('fail');
      const byClass = { ...INSECURE_DEFAULT, relabelings: [{ targetLabel: '__scheme__', replacement: 'https' }] };
      expect(outcome(monitoringTlsVerified, [prometheus('Prometheus', [byClass]), sm])['ServiceMonitor/shop/api']).toBe('fail');
    });

    test('a relabeling that may set __scheme__ overrides a scheme written out as http too: Prometheus relabels after it sets the scheme', () => {
      const toHttps = [{ targetLabel: '__scheme__', replacement: 'https' }];
      const sm = monitor('ServiceMonitor', 'api', { selector: {}, endpoints: [{ port: 'metrics', scheme: 'http', relabelings: toHttps, tlsConfig: SKIP }] });
      const sc = monitor('ScrapeConfig', 'nodes', { scheme: 'HTTP', staticConfigs: [{ targets: ['10.0.0.1:9100'] }], relabelings: toHttps, tlsConfig: SKIP });
      expect(outcome(monitoringTlsVerified, [sm, sc])).toEqual({ 'ServiceMonitor/shop/api': 'fail', 'ScrapeConfig/shop/nodes': 'fail' });
      const plain = monitor('ServiceMonitor', 'plain', { selector: {}, endpoints: [{ port: 'metrics', scheme: 'http', tlsConfig: SKIP }] });
      expect(outcome(monitoringTlsVerified, [plain])).toEqual({ 'ServiceMonitor/shop/plain': 'pass' });
    });
  });

  test('its example passes', () => {
    const objects = parseAllDocuments(monitoringTlsVerified.example ?? '').map(d => d.toJS());
    expect(outcome(monitoringTlsVerified, objects)).toEqual({ 'ServiceMonitor/shop/api': 'pass' });
  });

  test('does not apply to other kinds or to same-named kinds of other groups', () => {
    const other = { apiVersion: 'example.com/v1', kind: 'Probe', metadata: { name: 'x', namespace: 'shop' }, spec: { tlsConfig: SKIP } };
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'shop' }, spec: { ports: [{ port: 443 }] } };
    const otherProm = { apiVersion: 'example.com/v1', kind: 'Prometheus', metadata: { name: 'x', namespace: 'shop' }, spec: { serviceMonitorSelector: {}, scrapeClasses: [{ name: 'x', default: true, tlsConfig: SKIP }] } };
    const otherScrape = { apiVersion: 'example.com/v1alpha1', kind: 'ScrapeConfig', metadata: { name: 'x', namespace: 'shop' }, spec: { tlsConfig: SKIP } };
    expect(outcome(monitoringTlsVerified, [other, svc, otherProm, otherScrape])).toEqual({});
  });

  test('reads malformed monitors without throwing', () => {
    const odd = [null, 'x', [], { endpoints: 'x' }, { endpoints: [null, 7, { tlsConfig: 'x', oauth2: [] }] }, { podMetricsEndpoints: [{ tlsConfig: [] }] }, { tlsConfig: null, oauth2: { tlsConfig: 1 } }]
      .concat([{ scrapeClasses: 'x', consulSDConfigs: [null, 'x', { tlsConfig: [] }] }, { scrapeClasses: [null, 7, { name: 3, tlsConfig: { insecureSkipVerify: 'true' } }], httpSDConfigs: {} }] as any[])
      .flatMap((spec, i) => ['ServiceMonitor', 'PodMonitor', 'Probe', 'ScrapeConfig', 'Prometheus', 'PrometheusAgent'].map(kind => monitor(kind, `odd-${i}`, spec)));
    expect(Object.values(outcome(monitoringTlsVerified, odd)).every(o => o === 'pass')).toBe(true);
    expect(Object.keys(outcome(monitoringTlsVerified, odd))).toHaveLength(odd.length);
    const oddSelectors = [{ serviceMonitorSelector: 'x', serviceMonitorNamespaceSelector: {} }, { serviceMonitorSelector: { matchLabels: [], matchExpressions: [null] } },
      { serviceMonitorSelector: {}, serviceMonitorNamespaceSelector: [] }].map((spec, i) => monitor('Prometheus', `p-${i}`, { ...spec, scrapeClasses: [{ name: 'x', default: true, tlsConfig: SKIP }] }));
    const sm = monitor('ServiceMonitor', 'api', { scrapeClass: 7, selector: {}, endpoints: [{ port: 'https' }] });
    expect(outcome(monitoringTlsVerified, [...oddSelectors, sm])['ServiceMonitor/shop/api']).toBe('pass');
  });
});
