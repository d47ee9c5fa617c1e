import { certificateKeyStrength } from '../../../../src/compliance/controls/ingress/certificate-key-strength';
import { messages, outcome } from '../../helpers';
import { certificate, gateway, ingress } from './fixtures';

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

  test('takes size 0 as cert-manager does: the default size of the algorithm', () => {
    expect(messages(certificateKeyStrength, [cert({ algorithm: 'RSA', size: 0 })], { minRsaKeySize: 3072 }))
      .toEqual(['RSA key of 2048 bits (cert-manager\'s default when privateKey.size is not set) is below the minimum of 3072']);
    expect(outcome(certificateKeyStrength, [cert({ algorithm: 'ECDSA', size: 0 })])).toEqual({ 'Certificate/team/c': 'pass' });
  });

  test('judges the Certificates the ingress-shim creates for an Ingress by its annotations', () => {
    const shim = (annotations: Record<string, string>) => ingress('web', ['a.example.com'], {
      className: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 'web-tls' }], annotations: { 'cert-manager.io/cluster-issuer': 'le', ...annotations },
    });
    expect(outcome(certificateKeyStrength, [shim({ 'cert-manager.io/private-key-algorithm': 'ECDSA' })])).toEqual({ 'Ingress/team/web': 'pass' });
    expect(messages(certificateKeyStrength, [shim({ 'cert-manager.io/private-key-algorithm': 'RSA', 'cert-manager.io/private-key-size': '2048' })], { minRsaKeySize: 3072 }))
      .toEqual(['RSA key of 2048 bits is below the minimum of 3072']);
    expect(messages(certificateKeyStrength, [shim({})], { minRsaKeySize: 4096 }))
      .toEqual(['RSA key of 2048 bits (cert-manager\'s default when annotation cert-manager.io/private-key-size is not set) is below the minimum of 4096']);
    expect(outcome(certificateKeyStrength, [shim({ 'cert-manager.io/private-key-algorithm': 'Ed25519', 'cert-manager.io/private-key-size': '0' })])).toEqual({ 'Ingress/team/web': 'pass' });
    // Values the shim refuses make no Certificate: ingress-certificate-coverage reports the Ingress, and there is no key to judge.
    expect(outcome(certificateKeyStrength, [shim({ 'cert-manager.io/private-key-size': '1024' }), shim({ 'cert-manager.io/private-key-algorithm': 'DSA' })])).toEqual({});
  });

  test('does not judge an Ingress without an issuer annotation or without TLS: no Certificate is requested', () => {
    const plain = ingress('web', ['a.example.com'], { className: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 's' }], annotations: { 'cert-manager.io/private-key-size': '1024' } });
    const noTls = ingress('api', ['a.example.com'], { className: 'nginx', annotations: { 'cert-manager.io/issuer': 'ca', 'cert-manager.io/private-key-size': '1024' } });
    expect(outcome(certificateKeyStrength, [plain, noTls])).toEqual({});
  });

  test('fails an unknown algorithm', () => {
    expect(messages(certificateKeyStrength, [cert({ algorithm: 'DSA' })])).toEqual(['privateKey.algorithm "DSA" is not RSA, ECDSA or Ed25519']);
  });

  test('does not apply to objects other than Certificates', () => {
    expect(outcome(certificateKeyStrength, [{ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'i' }, spec: {} }])).toEqual({});
  });

  test('judges a Gateway that requests its Certificates through gateway-shim annotations by its key annotations', () => {
    const gw = (annotations: Record<string, string>) => gateway('gw', [{ name: 'https', protocol: 'HTTPS', port: 443, hostname: 'a.example.com', tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'web-tls' }] } }],
      { 'cert-manager.io/issuer': 'ca', ...annotations });
    expect(outcome(certificateKeyStrength, [gw({ 'cert-manager.io/private-key-algorithm': 'ECDSA' })])).toEqual({ 'Gateway/team/gw': 'pass' });
    expect(messages(certificateKeyStrength, [gw({})], { minRsaKeySize: 3072 }))
      .toEqual(['RSA key of 2048 bits (cert-manager\'s default when annotation cert-manager.io/private-key-size is not set) is below the minimum of 3072']);
  });
});
