import { meshNoMtlsDisable } from '../../../../src/compliance/controls/mesh/mesh-no-mtls-disable';
import { messages, outcome } from '../../helpers';
import { peerAuthentication } from './fixtures';

describe('mesh-no-mtls-disable', () => {
  test('passes a STRICT PeerAuthentication', () => {
    expect(outcome(meshNoMtlsDisable, [peerAuthentication('default', 'team', 'STRICT')])).toEqual({ 'PeerAuthentication/team/default': 'pass' });
  });

  test('fails a DISABLE mode, top level or per port', () => {
    const objects = [
      peerAuthentication('off', 'team', 'DISABLE'),
      peerAuthentication('port', 'team', 'STRICT', { selector: { app: 'a' }, ports: { 8080: 'DISABLE', 9090: 'STRICT' }, version: 'v1beta1' }),
    ];
    expect(messages(meshNoMtlsDisable, objects)).toEqual(['mTLS is DISABLE (plaintext) at mtls.mode', 'mTLS is DISABLE (plaintext) at port 8080']);
  });

  test('applies even when the mesh is not required', () => {
    expect(outcome(meshNoMtlsDisable, [peerAuthentication('off', 'team', 'DISABLE')], { requireMesh: false })).toEqual({ 'PeerAuthentication/team/off': 'fail' });
  });

  test('cannot be suppressed', () => {
    expect(meshNoMtlsDisable.suppressible).toBe(false);
  });

  test('does not apply without PeerAuthentications', () => {
    expect(outcome(meshNoMtlsDisable, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }])).toEqual({});
  });
});
