import { networkMetricsFromMonitoring } from '../../../../src/compliance/controls/network/network-metrics-from-monitoring';
import { deployment, messages, outcome } from '../../helpers';
import { appSelector, netpol } from './fixtures';

/** A Deployment `api` serving on 8080 with metrics on 9090. */
const api = deployment('api', { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] }] });
const monitoring = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } };
const web = { podSelector: appSelector('web') };

describe('network-metrics-from-monitoring', () => {
  test('passes a metrics rule of its own from the monitoring namespace, named scrapers, and callers on the serving port', () => {
    const np = netpol('api', { podSelector: appSelector('api'), ingress: [
      { from: [web], ports: [{ port: 8080 }] },
      { from: [{ podSelector: appSelector('scraper') }], ports: [{ port: 9090 }] },
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } }, podSelector: appSelector('agent') }], ports: [{ port: 'metrics' }] },
      { from: [{ ...monitoring, podSelector: { matchLabels: { app: 'prometheus' } } }], ports: [{ port: 9090 }] },
      { from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['monitoring'] }] } }], ports: [{ port: 'metrics' }] },
    ] });
    expect(outcome(networkMetricsFromMonitoring, [api, np])).toEqual({ 'NetworkPolicy/team/api': 'pass' });
  });

  test('fails wholesale sources that reach the metrics port: by number, by name, through a range or with no ports', () => {
    const everyPod = { podSelector: {} };
    const np = netpol('api', { podSelector: appSelector('api'), ingress: [
      { from: [everyPod], ports: [{ port: 8080 }, { port: 9090 }] },
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }], ports: [{ port: 'metrics' }] },
      { from: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 9000, endPort: 9100 }] },
      { from: [everyPod] },
      { ports: [{ port: 9090 }] },
      { from: [{ namespaceSelector: { matchLabels: { team: 'observability' } } }], ports: [{ port: 9090 }] },
    ] });
    const only = 'of whole namespaces, only "monitoring" may';
    const bypass = netpol('api-2', { podSelector: appSelector('api'), ingress: [
      { from: [{ namespaceSelector: {}, podSelector: { matchLabels: { role: 'scraper' } } }], ports: [{ port: 9090 }] },
      { from: [{ podSelector: { matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] } }], ports: [{ port: 9090 }] },
      { from: [{ podSelector: {} }], ports: [{ port: 9090, protocol: 'UDP' }] },
    ] });
    expect(messages(networkMetricsFromMonitoring, [api, bypass])).toEqual([
      `spec.ingress[0].from[0] admits pods of every namespace to the metrics port (9090); ${only}`,
      `spec.ingress[1].from[0] admits every pod of the policy's own namespace to the metrics port (9090); ${only}`,
    ]);
    expect(messages(networkMetricsFromMonitoring, [api, np])).toEqual([
      `spec.ingress[0].from[0] admits every pod of the policy's own namespace to the metrics port (9090); ${only}`,
      `spec.ingress[1].from[0] admits every pod of namespace "shop" to the metrics port (9090); ${only}`,
      `spec.ingress[2].from[0] admits ipBlock 10.0.0.0/8 to the metrics port (9090); ${only}`,
      `spec.ingress[3].from[0] admits every pod of the policy's own namespace to the metrics port (9090); ${only}`,
      `spec.ingress[4] admits every source to the metrics port (9090); ${only}`,
      `spec.ingress[5].from[0] admits every pod of namespaces chosen by labels other than their name to the metrics port (9090); ${only}`,
    ]);
  });

  test('fails an empty rule item (YAML `-` alone), which the API server decodes as {} and so admits every source', () => {
    const np = netpol('api', { podSelector: appSelector('api'), ingress: [null] });
    expect(messages(networkMetricsFromMonitoring, [api, np]))
      .toEqual(['spec.ingress[0] admits every source to the metrics port (9090); of whole namespaces, only "monitoring" may']);
  });

  test('reads the monitoring namespaces from the configuration', () => {
    const np = netpol('api', { podSelector: appSelector('api'), ingress: [{ from: [monitoring], ports: [{ port: 9090 }] }] });
    expect(messages(networkMetricsFromMonitoring, [api, np], { monitoringNamespaces: ['prometheus'] }))
      .toEqual(['spec.ingress[0].from[0] admits every pod of namespace "monitoring" to the metrics port (9090); of whole namespaces, only "prometheus" may']);
  });

  test('does not apply to policies of pods without a metrics port, or to egress-only policies', () => {
    const plain = deployment('web', { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }] }] });
    const open = netpol('web', { podSelector: appSelector('web'), ingress: [{}] });
    const egress = netpol('api-egress', { podSelector: appSelector('api'), policyTypes: ['Egress'], egress: [{}] });
    expect(outcome(networkMetricsFromMonitoring, [plain, open, api, egress])).toEqual({});
  });
});
