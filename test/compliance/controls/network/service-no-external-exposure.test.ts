import { serviceNoExternalExposure } from '../../../../src/compliance/controls/network/service-no-external-exposure';
import { messages, outcome } from '../../helpers';
import { service } from './fixtures';

describe('service-no-external-exposure', () => {
  test('passes ClusterIP, headless and ExternalName Services to cluster names', () => {
    const objects = [
      service('api', { ports: [{ port: 80 }] }),
      service('db', { clusterIP: 'None', ports: [{ port: 5432 }] }),
      service('alias', { type: 'ExternalName', externalName: 'ledger.payments.svc.cluster.local' }),
    ];
    expect(outcome(serviceNoExternalExposure, objects)).toEqual({ 'Service/team/api': 'pass', 'Service/team/db': 'pass', 'Service/team/alias': 'pass' });
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
      'type ExternalName points at "api.example.com", outside the cluster',
    ]);
  });

  test('passes the LoadBalancer of an ingress controller namespace', () => {
    expect(outcome(serviceNoExternalExposure, [service('controller', { type: 'LoadBalancer' }, 'ingress-nginx')])).toEqual({ 'Service/ingress-nginx/controller': 'pass' });
  });

  test('does not apply to objects other than Services', () => {
    expect(outcome(serviceNoExternalExposure, [{ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' } }])).toEqual({});
  });
});
