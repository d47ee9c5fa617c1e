import { meshSidecarInjection } from '../../../../src/compliance/controls/mesh/mesh-sidecar-injection';
import { check, deployment, messages, outcome } from '../../helpers';
import { namespace } from '../namespace/fixtures';
import { POD } from './fixtures';

const api = deployment('api', POD);
const withPodLabels = (labels: Record<string, string>, spec: any = POD) => {
  const d = deployment('api', spec);
  d.spec.template.metadata.labels = { ...d.spec.template.metadata.labels, ...labels };
  return d;
};

describe('mesh-sidecar-injection', () => {
  test('passes a pod in a namespace labelled for injection', () => {
    expect(outcome(meshSidecarInjection, [namespace('team', { 'istio-injection': 'enabled' }), api])).toEqual({ 'Deployment/team/api': 'pass' });
    expect(outcome(meshSidecarInjection, [namespace('team', { 'istio.io/rev': 'stable' }), api])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes a pod labelled for injection in a namespace with neither label (Istio\'s object-selector webhooks)', () => {
    expect(outcome(meshSidecarInjection, [namespace('team'), withPodLabels({ 'sidecar.istio.io/inject': 'true' })])).toEqual({ 'Deployment/team/api': 'pass' });
    expect(outcome(meshSidecarInjection, [namespace('team'), withPodLabels({ 'istio.io/rev': 'canary' })])).toEqual({ 'Deployment/team/api': 'pass' });
    expect(outcome(meshSidecarInjection, [withPodLabels({ 'sidecar.istio.io/inject': 'true' })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails a pod in a namespace without the label, or not declared, that does not opt in', () => {
    expect(messages(meshSidecarInjection, [namespace('team'), api])).toEqual([
      'namespace "team" has neither istio-injection=enabled nor istio.io/rev, and the pod template is labelled neither sidecar.istio.io/inject: "true" nor istio.io/rev: <revision>',
    ]);
    expect(messages(meshSidecarInjection, [api])).toEqual([
      'namespace "team" is not declared, so none of its labels turns sidecar injection on, and the pod template is labelled neither sidecar.istio.io/inject: "true" nor istio.io/rev: <revision>',
    ]);
  });

  test('fails a pod labelled for injection in a namespace that disables it: the namespace label wins', () => {
    expect(messages(meshSidecarInjection, [namespace('team', { 'istio-injection': 'disabled' }), withPodLabels({ 'sidecar.istio.io/inject': 'true' })]))
      .toEqual(['namespace "team" is labelled istio-injection=disabled']);
  });

  test('fails a pod that opts out, at its template metadata', () => {
    const optOut = deployment('batch', POD);
    optOut.spec.template.metadata.annotations = { 'sidecar.istio.io/inject': 'false' };
    const results = check(meshSidecarInjection, [namespace('team', { 'istio-injection': 'enabled' }), optOut]);
    expect(results.map(r => [r.message, r.path])).toEqual([['the pod annotation sidecar.istio.io/inject: "false" opts out of the mesh', 'spec.template.metadata']]);
  });

  test('fails a CronJob that opts out at its job template, and tells it how to keep the sidecar in a pod that completes', () => {
    const backup = {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'backup', namespace: 'team' },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: { metadata: { annotations: { 'sidecar.istio.io/inject': 'false' } }, spec: { ...POD, restartPolicy: 'OnFailure' } } } } },
    };
    const results = check(meshSidecarInjection, [namespace('team', { 'istio-injection': 'enabled' }), backup]);
    expect(results.map(r => [r.object.ref, r.passed, r.path])).toEqual([['CronJob/team/backup', false, 'spec.jobTemplate.spec.template.metadata']]);
    expect(meshSidecarInjection.remediation).toMatch(/Job or CronJob .*native sidecars .*quitquitquit/);
  });

  test('passes a pod whose label opts in over a legacy annotation that opts out, as Istio prefers the label', () => {
    const both = withPodLabels({ 'sidecar.istio.io/inject': 'true' });
    both.spec.template.metadata.annotations = { 'sidecar.istio.io/inject': 'false' };
    expect(outcome(meshSidecarInjection, [namespace('team', { 'istio-injection': 'enabled' }), both])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails a pod on the host network, which Istio never injects, at spec.hostNetwork', () => {
    const host = withPodLabels({ 'sidecar.istio.io/inject': 'true' }, { ...POD, hostNetwork: true });
    const results = check(meshSidecarInjection, [namespace('team', { 'istio-injection': 'enabled' }), host]);
    expect(results.map(r => [r.passed, r.message, r.path])).toEqual([
      [false, 'runs on the host network (hostNetwork: true), and Istio never injects a sidecar into such a pod', 'spec.template.spec.hostNetwork'],
    ]);
  });

  test('does not apply to system namespaces or without the mesh', () => {
    expect(outcome(meshSidecarInjection, [deployment('dns', POD, { namespace: 'kube-system' })])).toEqual({});
    expect(outcome(meshSidecarInjection, [api], { requireMesh: false })).toEqual({});
  });
  test('a pod of an ambient namespace is in the mesh without a sidecar, unless it takes itself out', () => {
    const ambient = namespace('team', { 'istio.io/dataplane-mode': 'ambient' });
    expect(check(meshSidecarInjection, [ambient, deployment('api', POD)]).map(r => [r.passed, r.message])).toEqual([
      [true, 'in the ambient mesh: namespace "team" is labelled istio.io/dataplane-mode=ambient, and ztunnel gives its pods mutual TLS'],
    ]);
    const out = deployment('api', POD);
    out.spec.template.metadata.labels = { ...out.spec.template.metadata.labels, 'istio.io/dataplane-mode': 'none' };
    expect(outcome(meshSidecarInjection, [ambient, out])).toEqual({ 'Deployment/team/api': 'fail' });
  });

  test('a pod labelled istio.io/dataplane-mode=ambient is in the ambient mesh whatever its namespace says, as Istio\'s CNI enrols it', () => {
    expect(check(meshSidecarInjection, [namespace('team'), withPodLabels({ 'istio.io/dataplane-mode': 'ambient' })]).map(r => [r.passed, r.message])).toEqual([
      [true, 'in the ambient mesh: the pod template is labelled istio.io/dataplane-mode=ambient, and ztunnel gives it mutual TLS'],
    ]);
    // On the host network no data plane reaches it.
    expect(outcome(meshSidecarInjection, [namespace('team'), withPodLabels({ 'istio.io/dataplane-mode': 'ambient' }, { ...POD, hostNetwork: true })]))
      .toEqual({ 'Deployment/team/api': 'fail' });
  });

  test('a pod of an ambient namespace that opts out of the sidecar is still in the ambient mesh: ztunnel skips only pods with a sidecar', () => {
    const ambient = namespace('team', { 'istio.io/dataplane-mode': 'ambient', 'istio-injection': 'enabled' });
    expect(outcome(meshSidecarInjection, [ambient, withPodLabels({ 'sidecar.istio.io/inject': 'false' })])).toEqual({ 'Deployment/team/api': 'pass' });
    // Labelled none as well, it is in no mesh.
    expect(outcome(meshSidecarInjection, [ambient, withPodLabels({ 'sidecar.istio.io/inject': 'false', 'istio.io/dataplane-mode': 'none' })]))
      .toEqual({ 'Deployment/team/api': 'fail' });
  });
});
