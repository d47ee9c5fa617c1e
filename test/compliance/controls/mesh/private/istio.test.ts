import { isNamespaceWide, policyScopes, selectorLabels, wideIn } from '../../../../../src/compliance/controls/mesh/private/istio';
import { indexObject } from '../../../../../src/compliance/manifest';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { istio, peerAuthentication } from '../fixtures';

describe('selectorLabels and isNamespaceWide', () => {
  test('read matchLabels, or workloadSelector.labels for a Sidecar', () => {
    const sidecar = indexObject(istio('Sidecar', 's', 'team', { workloadSelector: { labels: { app: 'a' } } }), { document: 1 });
    expect(selectorLabels(sidecar, 'spec.workloadSelector.labels')).toEqual({ app: 'a' });
    expect(isNamespaceWide(sidecar, 'spec.workloadSelector.labels')).toBe(false);
  });

  test('treat a gateway-targeted policy as not namespace-wide', () => {
    const p = indexObject(istio('AuthorizationPolicy', 'p', 'team', { targetRef: { kind: 'Gateway', name: 'gw' } }), { document: 1 });
    expect(isNamespaceWide(p, 'spec.selector.matchLabels')).toBe(false);
  });
});

describe('policyScopes', () => {
  const index = ManifestIndex.fromObjects([
    peerAuthentication('wide', 'team', 'STRICT'),
    peerAuthentication('beta', 'team', 'STRICT', { version: 'v1beta1' }),
    peerAuthentication('api', 'team', 'PERMISSIVE', { selector: { app: 'api' } }),
    { ...peerAuthentication('other-group', 'team', 'STRICT'), apiVersion: 'example.com/v1' },
  ]);
  const scopes = policyScopes(index, 'PeerAuthentication', 'security.istio.io', 'spec.selector.matchLabels');

  test('keeps namespace-wide policies of every served version, and only of the Istio group', () => {
    expect(wideIn(scopes, 'team').map(o => o.name)).toEqual(['wide', 'beta']);
  });

  test('matches workload policies by labels within their namespace', () => {
    expect(scopes.workload.match('team', { app: 'api', tier: 'web' }).map(o => o.name)).toEqual(['api']);
    expect(scopes.workload.match('other', { app: 'api' })).toEqual([]);
  });

  test('is computed once per index', () => {
    expect(policyScopes(index, 'PeerAuthentication', 'security.istio.io', 'spec.selector.matchLabels')).toBe(scopes);
  });
});
