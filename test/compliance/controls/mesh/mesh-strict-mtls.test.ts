import { meshStrictMtls } from '../../../../src/compliance/controls/mesh/mesh-strict-mtls';
import { check, deployment, messages, outcome } from '../../helpers';
import { namespace } from '../namespace/fixtures';
import { peerAuthentication, POD } from './fixtures';

const api = deployment('api', POD, { labels: { app: 'api' } });

describe('mesh-strict-mtls', () => {
  test('passes a pod under a mesh-wide STRICT policy', () => {
    expect(outcome(meshStrictMtls, [peerAuthentication('default', 'istio-system', 'STRICT'), api])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails a pod with no PeerAuthentication at all', () => {
    expect(messages(meshStrictMtls, [api])).toEqual(['mTLS is PERMISSIVE (no PeerAuthentication applies and Istio defaults to PERMISSIVE)']);
  });

  test('fails a pod whose namespace policy weakens the mesh-wide one', () => {
    const objects = [peerAuthentication('default', 'istio-system', 'STRICT', { version: 'v1beta1' }), peerAuthentication('default', 'team', 'PERMISSIVE'), api];
    expect(messages(meshStrictMtls, objects)).toEqual(['mTLS is PERMISSIVE (set by PeerAuthentication/team/default)']);
  });

  test('fails a pod with a port left in plaintext by its workload policy', () => {
    const objects = [peerAuthentication('default', 'istio-system', 'STRICT'), peerAuthentication('api', 'team', 'STRICT', { selector: { app: 'api' }, ports: { 8080: 'DISABLE' } }), api];
    expect(messages(meshStrictMtls, objects)).toEqual(['port 8080 is DISABLE (portLevelMtls of PeerAuthentication/team/api)']);
  });

  test('ignores workload selectors in the root namespace, as Istio does', () => {
    const objects = [peerAuthentication('api', 'istio-system', 'STRICT', { selector: { app: 'api' } }), api];
    expect(outcome(meshStrictMtls, objects)).toEqual({ 'Deployment/team/api': 'fail' });
  });

  test('fails a pod on the host network, which gets no sidecar and so no PeerAuthentication, at spec.hostNetwork', () => {
    const host = deployment('agent', { ...POD, hostNetwork: true }, { labels: { app: 'agent' } });
    const results = check(meshStrictMtls, [peerAuthentication('default', 'istio-system', 'STRICT'), host, api]);
    expect(results.map(r => [r.object.ref, r.passed, r.message, r.path])).toEqual([
      ['Deployment/team/agent', false, 'runs on the host network (hostNetwork: true), and Istio never injects a sidecar into such a pod: without a sidecar no PeerAuthentication applies, so it accepts plaintext',
        'spec.template.spec.hostNetwork'],
      ['Deployment/team/api', true, undefined, undefined],
    ]);
  });

  test('fails a pod that opts out of the sidecar, as it fails one on the host network: nothing enforces STRICT for it', () => {
    const out = deployment('legacy', POD, { labels: { app: 'legacy', 'sidecar.istio.io/inject': 'false' } });
    const results = check(meshStrictMtls, [peerAuthentication('default', 'istio-system', 'STRICT'), out]);
    expect(results.map(r => [r.object.ref, r.passed, r.message, r.path])).toEqual([
      ['Deployment/team/legacy', false, 'the pod label sidecar.istio.io/inject: "false" opts out of the mesh: without a sidecar no PeerAuthentication applies, so it accepts plaintext',
        'spec.template.metadata'],
    ]);
  });

  test('fails a pod that keeps inbound ports out of its sidecar: they accept plaintext whatever the mode', () => {
    const pa = peerAuthentication('default', 'istio-system', 'STRICT');
    const withPodAnnotations = (name: string, annotations: Record<string, string>) => {
      const d = deployment(name, POD, { labels: { app: name } });
      d.spec.template.metadata.annotations = annotations;
      return d;
    };
    const excluded = withPodAnnotations('legacy', { 'traffic.sidecar.istio.io/excludeInboundPorts': '8080' });
    expect(check(meshStrictMtls, [pa, excluded]).map(r => [r.passed, r.message])).toEqual([[false,
      'traffic.sidecar.istio.io/excludeInboundPorts: "8080" keeps those ports out of the sidecar: traffic to those ports bypasses the sidecar, where no PeerAuthentication applies, so it is accepted in plaintext']]);
    const included = withPodAnnotations('partial', { 'traffic.sidecar.istio.io/includeInboundPorts': '9090' });
    expect(check(meshStrictMtls, [pa, included]).map(r => r.passed)).toEqual([false]);
    const all = withPodAnnotations('all', { 'traffic.sidecar.istio.io/includeInboundPorts': '*' });
    // On the Deployment's own metadata, the annotation reaches no pod.
    expect(check(meshStrictMtls, [pa, deployment('outer', POD, { labels: { app: 'outer' }, annotations: { 'traffic.sidecar.istio.io/excludeInboundPorts': '8080' } })]).map(r => r.passed)).toEqual([true]);
    expect(check(meshStrictMtls, [pa, all]).map(r => r.passed)).toEqual([true]);
  });

  test('judges a pod that opts out of the sidecar in an ambient namespace by its PeerAuthentication: ztunnel enforces it', () => {
    const out = deployment('batch', POD, { labels: { app: 'batch', 'sidecar.istio.io/inject': 'false' } });
    const ambient = namespace('team', { 'istio.io/dataplane-mode': 'ambient' });
    expect(outcome(meshStrictMtls, [ambient, peerAuthentication('default', 'istio-system', 'STRICT'), out])).toEqual({ 'Deployment/team/batch': 'pass' });
    expect(messages(meshStrictMtls, [ambient, peerAuthentication('default', 'istio-system', 'PERMISSIVE'), out]))
      .toEqual(['mTLS is PERMISSIVE (set by PeerAuthentication/istio-system/default)']);
    // Without the ambient label nothing enforces STRICT for it.
    expect(outcome(meshStrictMtls, [namespace('team'), peerAuthentication('default', 'istio-system', 'STRICT'), out])).toEqual({ 'Deployment/team/batch': 'fail' });
  });

  test('does not apply to system namespaces', () => {
    expect(outcome(meshStrictMtls, [deployment('dns', POD, { namespace: 'kube-system' })])).toEqual({});
  });

  test('does not apply when the mesh is not required', () => {
    expect(outcome(meshStrictMtls, [api], { requireMesh: false })).toEqual({});
  });
});
