import { podMetadataPath, whyNamespaceNotInjected, whyPodOptsOut } from '../../../../../src/compliance/controls/mesh/private/injection';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { deployment } from '../../../helpers';
import { POD } from '../fixtures';

describe('whyNamespaceNotInjected', () => {
  test('accepts istio-injection=enabled or a revision label', () => {
    expect(whyNamespaceNotInjected({ 'istio-injection': 'enabled' })).toBeUndefined();
    expect(whyNamespaceNotInjected({ 'istio.io/rev': 'stable' })).toBeUndefined();
  });

  test('lets istio-injection=disabled win over a revision label', () => {
    expect(whyNamespaceNotInjected({ 'istio-injection': 'disabled', 'istio.io/rev': 'stable' })).toBe('is labelled istio-injection=disabled');
  });

  test('rejects a namespace without either label', () => {
    expect(whyNamespaceNotInjected({})).toBe('has neither istio-injection=enabled nor istio.io/rev');
  });
});

describe('whyPodOptsOut', () => {
  const template = (labels: Record<string, string>, annotations: Record<string, string> = {}) => {
    const d = deployment('api', POD);
    d.spec.template.metadata = { labels: { ...d.spec.template.metadata.labels, ...labels }, annotations };
    return ManifestIndex.fromObjects([d]).podTemplates[0];
  };

  test('finds the opt-out label and the legacy annotation', () => {
    expect(whyPodOptsOut(template({ 'sidecar.istio.io/inject': 'false' }))).toMatch(/pod label/);
    expect(whyPodOptsOut(template({}, { 'sidecar.istio.io/inject': 'false' }))).toMatch(/pod annotation/);
  });

  test('accepts a pod that does not opt out', () => {
    expect(whyPodOptsOut(template({ 'sidecar.istio.io/inject': 'true' }))).toBeUndefined();
  });

  test('points at the pod template metadata', () => {
    expect(podMetadataPath(template({}))).toBe('spec.template.metadata');
    const pod = ManifestIndex.fromObjects([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: POD }]).podTemplates[0];
    expect(podMetadataPath(pod)).toBe('metadata');
  });
});
