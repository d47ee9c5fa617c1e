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

  test('does not apply without application namespaces or without the mesh', () => {
    expect(outcome(meshRegistryOnlyEgress, [sidecar('default', 'istio-system', registryOnly)])).toEqual({});
    expect(outcome(meshRegistryOnlyEgress, [api], { requireMesh: false })).toEqual({});
  });
});
