import { serviceNoExternalExposure } from '../../../../src/compliance/controls/network/service-no-external-exposure';
import { messages, outcome } from '../../helpers';
import { service } from './fixtures';

describe('service-no-external-exposure', () => {
  test('passes ClusterIP, headless and ExternalName Services to cluster names', () => {
    const objects = [
      service('api', { ports: [{ port: 80 }] }),
      service('db', { clusterIP: 'None', ports: [{ port: 5432 }] }),
      service('alias', { type: 'ExternalName', externalName: 'ledger.payments.svc.cluster.local' }),
      service('short', { type: 'ExternalName', externalName: 'ledger.payments.svc' }),
      service('dot', { type: 'ExternalName', externalName: 'Ledger.Payments.svc.cluster.local.' }),
      service('pod', { type: 'ExternalName', externalName: 'pod-0.db-headless.data.svc.cluster.local' }),
    ];
    expect(outcome(serviceNoExternalExposure, objects)).toEqual({
      'Service/team/api': 'pass', 'Service/team/db': 'pass', 'Service/team/alias': 'pass', 'Service/team/short': 'pass', 'Service/team/dot': 'pass', 'Service/team/pod': 'pass',
    });
  });

  test('fails an ExternalName that only contains "svc": it resolves outside the cluster', () => {
    const names = ['db.svc.corp.example.com', 'ledger.payments.svc.example.com', 'svc', 'payments.svc', 'a.b.svc.cluster.example'];
    const objects = names.map((externalName, i) => service(`ext${i}`, { type: 'ExternalName', externalName }));
    expect(messages(serviceNoExternalExposure, objects)).toEqual(names.map(n => `type ExternalName points at "${n}", outside the cluster: an Ingress routed to this Service forwards to that host, and clients reach it under a cluster name`));
  });

  test('fails NodePort, LoadBalancer, externalIPs and ExternalName outside the cluster', () => {
    const objects = [
      service('np', { type: 'NodePort' }),
      service('lb', { type: 'LoadBalancer', externalIPs: ['198.51.100.7'] }),
      service('ext', { type: 'ExternalName', externalName: 'api.example.com' }),
    ];
    expect(messages(serviceNoExternalExposure, objects)).toEqual([
      'type NodePort opens the port on every node',
      'type LoadBalancer provisions a load balancer outside the cluster',
      'spec.externalIPs routes 198.51.100.7 to the Service',
      'type ExternalName points at "api.example.com", outside the cluster: an Ingress routed to this Service forwards to that host, and clients reach it under a cluster name',
    ]);
  });

  test('passes the LoadBalancer of an ingress controller namespace', () => {
    expect(outcome(serviceNoExternalExposure, [service('controller', { type: 'LoadBalancer' }, 'ingress-nginx')])).toEqual({ 'Service/ingress-nginx/controller': 'pass' });
  });

  test('does not apply to objects other than Services', () => {
    expect(outcome(serviceNoExternalExposure, [{ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' } }])).toEqual({});
  });
});
