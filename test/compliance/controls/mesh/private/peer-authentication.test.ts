import { modeLocations, mtlsMode, whyNotStrict } from '../../../../../src/compliance/controls/mesh/private/peer-authentication';
import { indexObject } from '../../../../../src/compliance/manifest';
import { peerAuthentication } from '../fixtures';

const pa = (...args: Parameters<typeof peerAuthentication>) => indexObject(peerAuthentication(...args), { document: 1 });
const none = { mesh: [], namespace: [], workload: [] };

describe('mtlsMode', () => {
  test('reads the four modes, case-insensitively', () => {
    expect(['STRICT', 'permissive', 'DISABLE', 'UNSET'].map(mtlsMode)).toEqual(['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET']);
  });

  test('reads a missing or unknown mode as UNSET', () => {
    expect([undefined, 'SOMETIMES', 3].map(mtlsMode)).toEqual(['UNSET', 'UNSET', 'UNSET']);
  });
});

describe('modeLocations', () => {
  test('lists the top-level mode then each port-level mode with its path', () => {
    expect(modeLocations(pa('p', 'team', 'STRICT', { selector: { app: 'a' }, ports: { 8080: 'DISABLE' } }))).toEqual([
      { path: 'spec.mtls.mode', label: 'mtls.mode', mode: 'STRICT' },
      { path: 'spec.portLevelMtls["8080"].mode', label: 'port 8080', mode: 'DISABLE' },
    ]);
  });
});

describe('whyNotStrict', () => {
  test('treats no policy at all as PERMISSIVE, the Istio default', () => {
    expect(whyNotStrict(none)).toEqual(['mTLS is PERMISSIVE (no PeerAuthentication applies and Istio defaults to PERMISSIVE)']);
  });

  test('accepts a mesh-wide STRICT policy', () => {
    expect(whyNotStrict({ ...none, mesh: [pa('default', 'istio-system', 'STRICT')] })).toEqual([]);
  });

  test('lets a namespace policy override the mesh-wide one', () => {
    const layers = { ...none, mesh: [pa('default', 'istio-system', 'STRICT')], namespace: [pa('default', 'team', 'PERMISSIVE')] };
    expect(whyNotStrict(layers)).toEqual(['mTLS is PERMISSIVE (set by PeerAuthentication/team/default)']);
  });

  test('lets a workload policy override the namespace policy', () => {
    const layers = { ...none, namespace: [pa('default', 'team', 'PERMISSIVE')], workload: [pa('api', 'team', 'STRICT', { selector: { app: 'api' } })] };
    expect(whyNotStrict(layers)).toEqual([]);
  });

  test('makes UNSET inherit from the level above', () => {
    const layers = { ...none, mesh: [pa('default', 'istio-system', 'STRICT')], namespace: [pa('default', 'team', 'UNSET')], workload: [pa('api', 'team', undefined, { selector: { app: 'api' } })] };
    expect(whyNotStrict(layers)).toEqual([]);
  });

  test('reports a port that a workload policy weakens', () => {
    const layers = { ...none, mesh: [pa('default', 'istio-system', 'STRICT')], workload: [pa('api', 'team', 'UNSET', { selector: { app: 'api' }, ports: { 9090: 'PERMISSIVE', 8080: 'STRICT' } })] };
    expect(whyNotStrict(layers)).toEqual(['port 9090 is PERMISSIVE (portLevelMtls of PeerAuthentication/team/api)']);
  });

  test('does not let port-level STRICT make up for a permissive workload', () => {
    const layers = { ...none, workload: [pa('api', 'team', undefined, { selector: { app: 'api' }, ports: { 8080: 'STRICT' } })] };
    expect(whyNotStrict(layers)).toEqual(['mTLS is PERMISSIVE (no PeerAuthentication applies and Istio defaults to PERMISSIVE)']);
  });

  test('reports two policies at one level and resolves them pessimistically', () => {
    const layers = { ...none, namespace: [pa('a', 'team', 'STRICT'), pa('b', 'team', 'DISABLE')] };
    expect(whyNotStrict(layers)).toEqual([
      '2 namespace-wide PeerAuthentications apply (PeerAuthentication/team/a, PeerAuthentication/team/b); Istio uses only the oldest, so keep one',
      'mTLS is DISABLE (set by PeerAuthentication/team/b)',
    ]);
  });
});
