import { inAmbientMesh, podMetadataPath, podOptsIn, whyNamespaceNotInjected, whyNoSidecar, whyPodOptsOut } from '../../../../../src/compliance/controls/mesh/private/injection';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { deployment } from '../../../helpers';
import { POD } from '../fixtures';

const template = (labels: Record<string, string>, annotations: Record<string, string> = {}, spec: any = POD) => {
  const d = deployment('api', spec);
  d.spec.template.metadata = { labels: { ...d.spec.template.metadata.labels, ...labels }, annotations };
  return ManifestIndex.fromObjects([d]).podTemplates[0];
};

describe('whyNamespaceNotInjected', () => {
  test('accepts istio-injection=enabled or a revision label', () => {
    expect(whyNamespaceNotInjected({ 'istio-injection': 'enabled' })).toBeUndefined();
    expect(whyNamespaceNotInjected({ 'istio.io/rev': 'stable' })).toBeUndefined();
  });

  test('lets any other istio-injection value win over a revision label, and over every pod label', () => {
    expect(whyNamespaceNotInjected({ 'istio-injection': 'disabled', 'istio.io/rev': 'stable' })).toEqual({ why: 'is labelled istio-injection=disabled', podMayOptIn: false });
    expect(whyNamespaceNotInjected({ 'istio.io/rev': '' })).toEqual({ why: 'is labelled istio.io/rev with an empty revision', podMayOptIn: false });
  });

  test('leaves a namespace without either label to the pods', () => {
    expect(whyNamespaceNotInjected({})).toEqual({ why: 'has neither istio-injection=enabled nor istio.io/rev', podMayOptIn: true });
  });
});

describe('podOptsIn', () => {
  test('opts in with sidecar.istio.io/inject: "true" (exactly) or a revision label', () => {
    expect(podOptsIn(template({ 'sidecar.istio.io/inject': 'true' }))).toBe(true);
    expect(podOptsIn(template({ 'istio.io/rev': 'canary' }))).toBe(true);
    expect(podOptsIn(template({ 'istio.io/rev': 'canary', 'sidecar.istio.io/inject': 'true' }))).toBe(true);
  });

  test('does not opt in with another value, an annotation, an empty revision or a revision opted out', () => {
    expect(podOptsIn(template({ 'sidecar.istio.io/inject': 'True' }))).toBe(false);
    expect(podOptsIn(template({}, { 'sidecar.istio.io/inject': 'true' }))).toBe(false);
    expect(podOptsIn(template({ 'istio.io/rev': '', 'sidecar.istio.io/inject': 'true' }))).toBe(false);
    expect(podOptsIn(template({ 'istio.io/rev': 'canary', 'sidecar.istio.io/inject': 'false' }))).toBe(false);
  });
});

describe('whyPodOptsOut', () => {
  test('finds the opt-out label and the legacy annotation, at the template metadata', () => {
    expect(whyPodOptsOut(template({ 'sidecar.istio.io/inject': 'false' }))).toEqual({
      reason: 'the pod label sidecar.istio.io/inject: "false" opts out of the mesh', path: 'spec.template.metadata',
    });
    expect(whyPodOptsOut(template({}, { 'sidecar.istio.io/inject': 'false' }))?.reason).toBe('the pod annotation sidecar.istio.io/inject: "false" opts out of the mesh');
  });

  test('reads any value but y, yes, true or on (in any case) as opting out', () => {
    expect(whyPodOptsOut(template({ 'sidecar.istio.io/inject': 'no' }))?.reason)
      .toBe('the pod label sidecar.istio.io/inject: "no" opts out of the mesh (Istio injects only on y, yes, true or on)');
    for (const yes of ['true', 'True', 'YES', 'on', 'y', '']) expect(whyPodOptsOut(template({ 'sidecar.istio.io/inject': yes }))).toBeUndefined();
  });

  test('prefers the label to the annotation, as Istio does', () => {
    expect(whyPodOptsOut(template({ 'sidecar.istio.io/inject': 'true' }, { 'sidecar.istio.io/inject': 'false' }))).toBeUndefined();
    expect(whyPodOptsOut(template({ 'sidecar.istio.io/inject': 'false' }, { 'sidecar.istio.io/inject': 'true' }))?.reason).toMatch(/pod label/);
  });

  test('points at the pod template metadata', () => {
    expect(podMetadataPath(template({}))).toBe('spec.template.metadata');
    const pod = ManifestIndex.fromObjects([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: POD }]).podTemplates[0];
    expect(podMetadataPath(pod)).toBe('metadata');
  });
});

describe('whyNoSidecar', () => {
  const none = {};
  test('injects a pod its namespace turns injection on for, or that opts in where the namespace leaves it to the pod', () => {
    expect(whyNoSidecar(template({}), { 'istio-injection': 'enabled' })).toBeUndefined();
    expect(whyNoSidecar(template({ 'sidecar.istio.io/inject': 'true' }), none)).toBeUndefined();
    expect(whyNoSidecar(template({ 'istio.io/rev': 'canary' }), none)).toBeUndefined();
    // Labels unknown (an undeclared namespace, for the diagram): taken as injecting.
    expect(whyNoSidecar(template({}), undefined)).toBeUndefined();
  });

  test('does not let a pod label override a namespace that disables injection', () => {
    expect(whyNoSidecar(template({ 'sidecar.istio.io/inject': 'true' }), { 'istio-injection': 'disabled' })).toEqual({
      namespace: { why: 'is labelled istio-injection=disabled', podMayOptIn: false }, pod: undefined,
    });
  });

  test('reports the namespace and the pod when neither turns injection on', () => {
    expect(whyNoSidecar(template({}, { 'sidecar.istio.io/inject': 'false' }), none)).toEqual({
      namespace: { why: 'has neither istio-injection=enabled nor istio.io/rev', podMayOptIn: true },
      pod: { reason: 'the pod annotation sidecar.istio.io/inject: "false" opts out of the mesh', path: 'spec.template.metadata' },
    });
  });

  test('never injects a pod on the host network, whatever the labels say', () => {
    const host = template({ 'sidecar.istio.io/inject': 'true' }, {}, { ...POD, hostNetwork: true });
    const expected = { reason: 'runs on the host network (hostNetwork: true), and Istio never injects a sidecar into such a pod', path: 'spec.template.spec.hostNetwork' };
    expect(whyNoSidecar(host, { 'istio-injection': 'enabled' })).toEqual({ namespace: undefined, pod: expected });
    expect(whyNoSidecar(host, undefined)).toEqual({ namespace: undefined, pod: expected });
  });
});

describe('inAmbientMesh', () => {
  const ambient = { 'istio.io/dataplane-mode': 'ambient' };
  test('enrols a pod by its own label or by its namespace\'s, unless it is labelled none', () => {
    expect(inAmbientMesh(template({}), ambient)).toBe(true);
    expect(inAmbientMesh(template(ambient), {})).toBe(true);
    expect(inAmbientMesh(template({ 'istio.io/dataplane-mode': 'none' }), ambient)).toBe(false);
    expect(inAmbientMesh(template({}), {})).toBe(false);
  });

  test('leaves a pod that gets a sidecar to it, and a pod on the host network out', () => {
    expect(inAmbientMesh(template({}), { ...ambient, 'istio-injection': 'enabled' })).toBe(false);
    expect(inAmbientMesh(template({ ...ambient, 'sidecar.istio.io/inject': 'true' }), {})).toBe(false);
    expect(inAmbientMesh(template({ 'sidecar.istio.io/inject': 'false' }), { ...ambient, 'istio-injection': 'enabled' })).toBe(true);
    expect(inAmbientMesh(template({}, {}, { ...POD, hostNetwork: true }), ambient)).toBe(false);
  });
});
