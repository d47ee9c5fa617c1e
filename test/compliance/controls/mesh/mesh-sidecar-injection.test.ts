import { meshSidecarInjection } from '../../../../src/compliance/controls/mesh/mesh-sidecar-injection';
import { check, deployment, messages, outcome } from '../../helpers';
import { namespace } from '../namespace/fixtures';
import { POD } from './fixtures';

const api = deployment('api', POD);

describe('mesh-sidecar-injection', () => {
  test('passes a pod in a namespace labelled for injection', () => {
    expect(outcome(meshSidecarInjection, [namespace('team', { 'istio-injection': 'enabled' }), api])).toEqual({ 'Deployment/team/api': 'pass' });
    expect(outcome(meshSidecarInjection, [namespace('team', { 'istio.io/rev': 'stable' }), api])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails a pod in a namespace without the label, or not declared', () => {
    expect(messages(meshSidecarInjection, [namespace('team'), api])).toEqual(['namespace "team" has neither istio-injection=enabled nor istio.io/rev']);
    expect(messages(meshSidecarInjection, [api])).toEqual(['namespace "team" is not declared, so nothing turns sidecar injection on']);
  });

  test('fails a pod that opts out, at its template metadata', () => {
    const optOut = deployment('batch', POD);
    optOut.spec.template.metadata.annotations = { 'sidecar.istio.io/inject': 'false' };
    const results = check(meshSidecarInjection, [namespace('team', { 'istio-injection': 'enabled' }), optOut]);
    expect(results.map(r => [r.message, r.path])).toEqual([['the pod annotation sidecar.istio.io/inject: "false" opts out of the mesh', 'spec.template.metadata']]);
  });

  test('does not apply to system namespaces or without the mesh', () => {
    expect(outcome(meshSidecarInjection, [deployment('dns', POD, { namespace: 'kube-system' })])).toEqual({});
    expect(outcome(meshSidecarInjection, [api], { requireMesh: false })).toEqual({});
  });
});
