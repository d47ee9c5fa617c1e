import { meshNoPermissiveMtls } from '../../../../src/compliance/controls/mesh/mesh-no-permissive-mtls';
import { suppressionReasoned } from '../../../../src/compliance/controls/suppression/suppression-reasoned';
import { runCompliance } from '../../../../src/compliance/engine';
import { ManifestIndex } from '../../../../src/compliance/manifest-index';
import { messages, outcome } from '../../helpers';
import { peerAuthentication } from './fixtures';

const KEY = 'soc2.cdk8s.io/suppress.mesh-no-permissive-mtls';
const permissive = (annotations?: Record<string, string>) => peerAuthentication('default', 'team', 'PERMISSIVE', { annotations });

describe('mesh-no-permissive-mtls', () => {
  test('passes a STRICT PeerAuthentication', () => {
    expect(outcome(meshNoPermissiveMtls, [peerAuthentication('default', 'team', 'STRICT')])).toEqual({ 'PeerAuthentication/team/default': 'pass' });
  });

  test('fails PERMISSIVE without a suppression', () => {
    expect(messages(meshNoPermissiveMtls, [permissive()])).toEqual([
      'mTLS is PERMISSIVE (accepts plaintext) at mtls.mode; use STRICT, or declare a migration window with a suppression that has an expiry',
    ]);
  });

  test('says an expiry is required when the suppression has none', () => {
    expect(messages(meshNoPermissiveMtls, [permissive({ [KEY]: 'legacy batch clients still call without a sidecar' })])).toEqual([
      'mTLS is PERMISSIVE (accepts plaintext) at mtls.mode, and its suppression has no expiry: PERMISSIVE is accepted only as a migration window ("until YYYY-MM-DD: reason")',
    ]);
  });

  test('names the migration window when the suppression has an expiry', () => {
    expect(messages(meshNoPermissiveMtls, [permissive({ [KEY]: 'until 2027-01-31: legacy batch clients move into the mesh' })])).toEqual([
      'mTLS is PERMISSIVE (accepts plaintext) at mtls.mode during a migration window until 2027-01-31',
    ]);
  });

  test('says when the migration window has ended', () => {
    expect(messages(meshNoPermissiveMtls, [permissive({ [KEY]: 'until 2026-10-31: legacy batch clients move into the mesh' })])).toEqual([
      'mTLS is PERMISSIVE (accepts plaintext) at mtls.mode, and its migration window ended on 2026-10-31',
    ]);
  });

  test('says when the migration window runs past the latest day accepted, 180 days or the shorter maxSuppressionDays, rather than naming it as a window', () => {
    expect(messages(meshNoPermissiveMtls, [permissive({ [KEY]: 'until 2099-12-31: legacy batch clients move into the mesh' })])).toEqual([
      'mTLS is PERMISSIVE (accepts plaintext) at mtls.mode, and its migration window until 2099-12-31 runs past 2027-05-26, the latest accepted today',
    ]);
    const window = permissive({ [KEY]: 'until 2027-01-31: legacy batch clients move into the mesh' });
    expect(messages(meshNoPermissiveMtls, [window], { maxSuppressionDays: 30 })).toEqual([
      'mTLS is PERMISSIVE (accepts plaintext) at mtls.mode, and its migration window until 2027-01-31 runs past 2026-12-27, the latest accepted today',
    ]);
    expect(messages(meshNoPermissiveMtls, [window], { maxSuppressionDays: 65 })).toEqual(['mTLS is PERMISSIVE (accepts plaintext) at mtls.mode during a migration window until 2027-01-31']);
  });

  test('applies even when the mesh is not required', () => {
    expect(outcome(meshNoPermissiveMtls, [permissive()], { requireMesh: false })).toEqual({ 'PeerAuthentication/team/default': 'fail' });
  });

  test('does not apply without PeerAuthentications', () => {
    expect(outcome(meshNoPermissiveMtls, [])).toEqual({});
  });

  describe('with the engine', () => {
    const run = (annotations: Record<string, string>) => runCompliance(ManifestIndex.fromObjects([permissive(annotations)]), {
      controls: [meshNoPermissiveMtls, suppressionReasoned], config: { today: '2026-11-27' },
    });

    test('a dated suppression silences it completely', () => {
      const report = run({ [KEY]: 'until 2027-01-31: legacy batch clients move into the mesh' });
      expect(report.findings).toEqual([]);
      expect(report.evaluations.map(e => e.status)).toEqual(['suppressed', 'passed']);
    });

    test('a window longer than 180 days does not apply, and the suppression itself is a finding', () => {
      const report = run({ [KEY]: 'until 2099-12-31: legacy batch clients move into the mesh' });
      expect(report.findings.map(f => f.controlId)).toEqual(['mesh-no-permissive-mtls', 'suppression-reasoned']);
      expect(report.findings[1].message).toBe('suppression of mesh-no-permissive-mtls runs until 2099-12-31, more than 180 days ahead (latest 2027-05-26)');
    });

    test('an undated suppression does not apply: the finding stays, and the suppression is a finding too', () => {
      const report = run({ [KEY]: 'legacy batch clients still call without a sidecar' });
      expect(report.findings.map(f => [f.controlId, f.message])).toEqual([
        ['mesh-no-permissive-mtls', 'mTLS is PERMISSIVE (accepts plaintext) at mtls.mode, and its suppression has no expiry: PERMISSIVE is accepted only as a migration window ("until YYYY-MM-DD: reason")'],
        ['suppression-reasoned', 'suppression of mesh-no-permissive-mtls has no expiry, and mesh-no-permissive-mtls accepts suppressions only as a dated window ("until YYYY-MM-DD: reason")'],
      ]);
    });
  });
});
