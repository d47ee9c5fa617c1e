import { meshRegistryOnlyEgress } from '../../../../src/compliance/controls/mesh/mesh-registry-only-egress';
import { deployment, messages, outcome } from '../../helpers';
import { istio, POD } from './fixtures';

const api = deployment('api', POD);
const sidecar = (name: string, namespace: string, spec: any) => istio('Sidecar', name, namespace, spec);
const registryOnly = { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } };

describe('mesh-registry-only-egress', () => {
  test('passes an application namespace under a REGISTRY_ONLY root Sidecar', () => {
    expect(outcome(meshRegistryOnlyEgress, [sidecar('default', 'istio-system', registryOnly), api])).toEqual({ 'Namespace/team': 'pass' });
  });

  test('fails when no Sidecar applies', () => {
    expect(messages(meshRegistryOnlyEgress, [api])).toEqual([
      'no Sidecar without workloadSelector in namespace "team" or the mesh root namespace "istio-system" sets outboundTrafficPolicy.mode REGISTRY_ONLY, '
        + 'so the mesh default (ALLOW_ANY unless changed at install) applies',
    ]);
  });

  test('fails when the namespace\'s own Sidecar replaces the root one without REGISTRY_ONLY', () => {
    const objects = [sidecar('default', 'istio-system', registryOnly), sidecar('default', 'team', { egress: [{ hosts: ['./*'] }] }), api];
    expect(messages(meshRegistryOnlyEgress, objects)).toEqual([
      'Sidecar/team/default sets no outboundTrafficPolicy, so the mesh default (ALLOW_ANY unless changed at install) applies',
    ]);
  });

  test('fails a workload Sidecar that allows any egress', () => {
    const objects = [sidecar('default', 'istio-system', registryOnly), sidecar('api', 'team', { workloadSelector: { labels: { app: 'api' } }, outboundTrafficPolicy: { mode: 'ALLOW_ANY' } }), api];
    expect(outcome(meshRegistryOnlyEgress, objects)).toEqual({ 'Namespace/team': 'pass', 'Sidecar/team/api': 'fail' });
    expect(messages(meshRegistryOnlyEgress, objects)).toEqual(['Sidecar/team/api sets outboundTrafficPolicy.mode ALLOW_ANY for the workloads it selects']);
  });

  test('fails a ServiceEntry that registers every host, a whole top-level domain or a very wide range, and passes named hosts', () => {
    const entry = (name: string, spec: any) => istio('ServiceEntry', name, 'team', { location: 'MESH_EXTERNAL', resolution: 'NONE', ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], ...spec });
    const objects = [
      sidecar('default', 'istio-system', registryOnly), api,
      entry('stripe', { hosts: ['api.stripe.com', '*.stripe.com'], addresses: ['203.0.113.0/24'] }),
      entry('any', { hosts: ['api.example.com', '*'] }),
      entry('tld', { hosts: ['*.com'] }),
      entry('uk', { hosts: ['*.shop.co.uk', '*.co.uk'] }),
      entry('range', { hosts: ['db.internal'], addresses: ['10.0.0.0/8', '0.0.0.0/1'] }),
    ];
    expect(outcome(meshRegistryOnlyEgress, objects)).toEqual({
      'Namespace/team': 'pass', 'ServiceEntry/team/stripe': 'pass', 'ServiceEntry/team/any': 'fail', 'ServiceEntry/team/tld': 'fail', 'ServiceEntry/team/uk': 'fail',
      'ServiceEntry/team/range': 'fail',
    });
    expect(messages(meshRegistryOnlyEgress, objects)).toEqual([
      'registers every host name (hosts: "*"), so REGISTRY_ONLY admits every destination',
      'registers every name under a top-level domain (*.com), so REGISTRY_ONLY admits a large part of the internet',
      'registers every name under the public suffix co.uk (*.co.uk), where anyone can register a name, so REGISTRY_ONLY admits a large part of the internet',
      'registers the address range 0.0.0.0/1, wider than an IPv4 /8 or an IPv6 /32, so REGISTRY_ONLY admits a large part of the internet',
    ]);
  });

  test('does not apply without application namespaces or without the mesh', () => {
    expect(outcome(meshRegistryOnlyEgress, [sidecar('default', 'istio-system', registryOnly)])).toEqual({});
    expect(outcome(meshRegistryOnlyEgress, [api], { requireMesh: false })).toEqual({});
  });
});
