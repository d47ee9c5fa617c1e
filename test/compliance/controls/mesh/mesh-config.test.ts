import { meshAccessLogging } from '../../../../src/compliance/controls/mesh/mesh-access-logging';
import { meshRegistryOnlyEgress } from '../../../../src/compliance/controls/mesh/mesh-registry-only-egress';
import { check, deployment, messages, outcome } from '../../helpers';
import { istio, POD } from './fixtures';

const api = deployment('api', POD);

/** ConfigMap `istio` of `namespace`, whose `mesh` key holds `mesh` as istiod reads it (YAML text). */
const meshConfigMap = (mesh: string, namespace = 'istio-system', name = 'istio'): any => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { mesh },
});

/** An IstioOperator in istio-system with `meshConfig`. */
const operator = (meshConfig: any): any => ({
  apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', metadata: { name: 'installed-state', namespace: 'istio-system' }, spec: { profile: 'default', meshConfig },
});

describe('the mesh config of the manifests (ConfigMap istio, IstioOperator)', () => {
  describe('mesh-registry-only-egress', () => {
    test('a namespace no Sidecar applies to gets the mesh config\'s REGISTRY_ONLY, read from the mesh key of ConfigMap istio', () => {
      const objects = (mode: string) => [meshConfigMap(`accessLogFile: /dev/stdout\noutboundTrafficPolicy:\n  mode: ${mode}\n`), api];
      expect(check(meshRegistryOnlyEgress, objects('REGISTRY_ONLY')).map(r => [r.object.ref, r.passed, r.message])).toEqual([
        ['Namespace/team', true, 'egress limited by the mesh config (ConfigMap/istio-system/istio data.mesh)'],
      ]);
      expect(messages(meshRegistryOnlyEgress, objects('ALLOW_ANY'))).toEqual([
        'no Sidecar without workloadSelector in namespace "team" or the mesh root namespace "istio-system" sets outboundTrafficPolicy.mode REGISTRY_ONLY, '
          + 'so the mesh config\'s ALLOW_ANY (ConfigMap/istio-system/istio data.mesh) applies',
      ]);
    });

    test('a Sidecar that sets no outboundTrafficPolicy leaves the mesh config\'s mode in place, as istiod falls back to it', () => {
      const objects = (mesh: string) => [meshConfigMap(mesh), istio('Sidecar', 'default', 'team', { egress: [{ hosts: ['./*', 'istio-system/*'] }] }),
        istio('Sidecar', 'api', 'team', { workloadSelector: { labels: { app: 'api' } }, egress: [{ hosts: ['./*'] }] }), api];
      expect(check(meshRegistryOnlyEgress, objects('outboundTrafficPolicy: {mode: REGISTRY_ONLY}')).map(r => [r.object.ref, r.passed, r.message])).toEqual([
        ['Namespace/team', true, 'egress limited by the mesh config (ConfigMap/istio-system/istio data.mesh), which Sidecar/team/default leaves in place'],
        ['Sidecar/team/api', true, undefined],
      ]);
      expect(messages(meshRegistryOnlyEgress, objects('trustDomain: cluster.local'))).toEqual([
        'Sidecar/team/default sets no outboundTrafficPolicy, so the mesh config\'s ALLOW_ANY (ConfigMap/istio-system/istio data.mesh) applies',
        'Sidecar/team/api sets no outboundTrafficPolicy, so the mesh config\'s ALLOW_ANY (ConfigMap/istio-system/istio data.mesh) applies for the workloads it selects',
      ]);
    });

    test('a Sidecar\'s own ALLOW_ANY overrides the mesh config\'s REGISTRY_ONLY', () => {
      const objects = [meshConfigMap('outboundTrafficPolicy: {mode: REGISTRY_ONLY}'), istio('Sidecar', 'default', 'team', { outboundTrafficPolicy: { mode: 'ALLOW_ANY' } }), api];
      expect(messages(meshRegistryOnlyEgress, objects)).toEqual(['Sidecar/team/default sets outboundTrafficPolicy.mode ALLOW_ANY']);
    });

    test('reads an IstioOperator\'s spec.meshConfig, and the ConfigMap istiod reads over it', () => {
      expect(check(meshRegistryOnlyEgress, [operator({ outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } }), api]).map(r => r.message)).toEqual([
        'egress limited by the mesh config (IstioOperator/istio-system/installed-state spec.meshConfig)',
      ]);
      expect(outcome(meshRegistryOnlyEgress, [operator({ outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } }), meshConfigMap('outboundTrafficPolicy: {mode: ALLOW_ANY}'), api]))
        .toEqual({ 'Namespace/team': 'fail' });
    });

    test('ignores a mesh config that istiod of the mesh root namespace does not read: another namespace, another name, text that is no YAML mapping', () => {
      const ignored = [
        meshConfigMap('outboundTrafficPolicy: {mode: REGISTRY_ONLY}', 'team'),
        meshConfigMap('outboundTrafficPolicy: {mode: REGISTRY_ONLY}', 'istio-system', 'istio-sidecar-injector'),
        meshConfigMap('outboundTrafficPolicy: {mode: REGISTRY_ONLY'),
        meshConfigMap('- REGISTRY_ONLY'),
      ];
      for (const cm of ignored) expect(outcome(meshRegistryOnlyEgress, [cm, api])).toEqual({ 'Namespace/team': 'fail' });
      expect(outcome(meshRegistryOnlyEgress, [meshConfigMap('outboundTrafficPolicy: {mode: REGISTRY_ONLY}', 'mesh-root'), api], { meshRootNamespace: 'mesh-root' }))
        .toEqual({ 'Namespace/team': 'pass' });
    });
  });

  test('reads a mesh config whose YAML draws a warning (an unknown tag) without printing it', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(outcome(meshRegistryOnlyEgress, [meshConfigMap('outboundTrafficPolicy: !custom {mode: REGISTRY_ONLY}\n'), api])).toEqual({ 'Namespace/team': 'pass' });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  describe('mesh-access-logging', () => {
    test('accessLogFile logs every request when no Telemetry configures logging', () => {
      const objects = [meshConfigMap('accessLogFile: /dev/stdout\n'), api];
      expect(check(meshAccessLogging, objects).map(r => [r.passed, r.message])).toEqual([[true, 'access logs go to accessLogFile /dev/stdout']]);
      expect(messages(meshAccessLogging, [meshConfigMap('accessLogFile: ""\n'), api])).toEqual([
        'no Telemetry without selector in namespace "team" or the mesh root namespace "istio-system" enables access logging, '
          + 'nor does the mesh config (ConfigMap/istio-system/istio data.mesh)',
      ]);
    });

    test('a Telemetry that turns logging off replaces the accessLogFile fallback', () => {
      const objects = [meshConfigMap('accessLogFile: /dev/stdout\n'), istio('Telemetry', 'quiet', 'team', { accessLogging: [{ disabled: true }] }), api];
      expect(messages(meshAccessLogging, objects)).toEqual([
        'access logging is not enabled with a named provider by Telemetry/team/quiet under the mesh config (ConfigMap/istio-system/istio data.mesh)',
      ]);
    });

    test('defaultProviders.accessLogging are on without a Telemetry, and a Telemetry entry without providers addresses them', () => {
      const mesh = meshConfigMap('defaultProviders:\n  accessLogging: [envoy]\n');
      expect(check(meshAccessLogging, [mesh, api]).map(r => r.message)).toEqual(['access logs go to envoy']);
      expect(outcome(meshAccessLogging, [mesh, istio('Telemetry', 'quiet', 'team', { accessLogging: [{ disabled: true }] }), api])).toEqual({ 'Namespace/team': 'fail' });
      const unnamed = istio('Telemetry', 'mesh-default', 'istio-system', { accessLogging: [{ match: { mode: 'SERVER' } }] });
      expect(outcome(meshAccessLogging, [mesh, unnamed, api])).toEqual({ 'Namespace/team': 'pass' });
      expect(outcome(meshAccessLogging, [unnamed, api])).toEqual({ 'Namespace/team': 'fail' });
    });
  });
});
