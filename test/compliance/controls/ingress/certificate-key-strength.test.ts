import { certificateKeyStrength } from '../../../../src/compliance/controls/ingress/certificate-key-strength';
import { messages, outcome } from '../../helpers';
import { certificate } from './fixtures';

const cert = (privateKey?: any) => certificate('c', { secretName: 's', dnsNames: ['a.example.com'], ...(privateKey ? { privateKey } : {}) });

describe('certificate-key-strength', () => {
  test('passes ECDSA with the default size, Ed25519 and cert-manager\'s default RSA 2048', () => {
    for (const pk of [{ algorithm: 'ECDSA' }, { algorithm: 'Ed25519' }, undefined, { algorithm: 'RSA', size: 4096 }]) {
      expect(outcome(certificateKeyStrength, [cert(pk)])).toEqual({ 'Certificate/team/c': 'pass' });
    }
  });

  test('fails RSA below the configured minimum, saying when the size is cert-manager\'s default', () => {
    expect(messages(certificateKeyStrength, [cert()], { minRsaKeySize: 3072 }))
      .toEqual(['RSA key of 2048 bits (cert-manager\'s default when privateKey.size is not set) is below the minimum of 3072']);
    expect(messages(certificateKeyStrength, [cert({ algorithm: 'RSA', size: 1024 })])).toEqual(['RSA key of 1024 bits is below the minimum of 2048']);
  });

  test('fails an unknown algorithm', () => {
    expect(messages(certificateKeyStrength, [cert({ algorithm: 'DSA' })])).toEqual(['privateKey.algorithm "DSA" is not RSA, ECDSA or Ed25519']);
  });

  test('does not apply to objects other than Certificates', () => {
    expect(outcome(certificateKeyStrength, [{ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'i' }, spec: {} }])).toEqual({});
  });
});
