import { certificateRotation } from '../../../../src/compliance/controls/ingress/certificate-rotation';
import { messages, outcome } from '../../helpers';
import { certificate, gateway, ingress } from './fixtures';

describe('certificate-rotation', () => {
  test('passes rotationPolicy Always', () => {
    expect(outcome(certificateRotation, [certificate('c', { privateKey: { rotationPolicy: 'Always' } })])).toEqual({ 'Certificate/team/c': 'pass' });
  });

  test('fails rotationPolicy Never', () => {
    expect(messages(certificateRotation, [certificate('c', { privateKey: { rotationPolicy: 'Never' } })]))
      .toEqual(['spec.privateKey.rotationPolicy is "Never", so renewals keep the same private key']);
  });

  test('fails a missing rotationPolicy, whose default depends on the cert-manager version', () => {
    expect(messages(certificateRotation, [certificate('c', {})]))
      .toEqual(['spec.privateKey.rotationPolicy is not set: cert-manager before v1.18.0 then keeps the private key across renewals (Never); set Always explicitly']);
  });

  test('judges an Ingress that requests its Certificates through ingress-shim annotations by its rotation annotation', () => {
    const shim = (annotations: Record<string, string>) => ingress('web', ['a.example.com'], {
      tls: [{ hosts: ['a.example.com'], secretName: 'web-tls' }], annotations: { 'cert-manager.io/issuer': 'ca', ...annotations },
    });
    expect(outcome(certificateRotation, [shim({ 'cert-manager.io/private-key-rotation-policy': 'Always' })])).toEqual({ 'Ingress/team/web': 'pass' });
    expect(messages(certificateRotation, [shim({}), shim({ 'cert-manager.io/private-key-rotation-policy': 'Never' })])).toEqual([
      'annotation cert-manager.io/private-key-rotation-policy is not set: cert-manager before v1.18.0 then keeps the private key across renewals (Never); set Always explicitly',
      'annotation cert-manager.io/private-key-rotation-policy is "Never", so renewals keep the same private key',
    ]);
  });

  test('judges a Gateway that requests its Certificates through gateway-shim annotations by its rotation annotation', () => {
    const https = { name: 'https', protocol: 'HTTPS', port: 443, hostname: 'a.example.com', tls: { certificateRefs: [{ name: 'web-tls' }] } };
    const gw = (annotations: Record<string, string>, listener: any = https) => gateway('gw', [listener], { 'cert-manager.io/cluster-issuer': 'le', ...annotations });
    expect(outcome(certificateRotation, [gw({ 'cert-manager.io/private-key-rotation-policy': 'Always' })])).toEqual({ 'Gateway/team/gw': 'pass' });
    expect(messages(certificateRotation, [gw({ 'cert-manager.io/private-key-rotation-policy': 'Never' })]))
      .toEqual(['annotation cert-manager.io/private-key-rotation-policy is "Never", so renewals keep the same private key']);
    // The gateway-shim creates nothing for a listener without hostname, in Passthrough mode, of another protocol, or whose Secret a Certificate of the set writes.
    for (const listener of [{ ...https, hostname: undefined }, { ...https, protocol: 'TLS', tls: { mode: 'Passthrough', certificateRefs: [{ name: 'web-tls' }] } }, { ...https, protocol: 'HTTP' }]) {
      expect(outcome(certificateRotation, [gw({}, listener)])).toEqual({});
    }
    expect(outcome(certificateRotation, [gw({}), certificate('web-tls', { secretName: 'web-tls', privateKey: { rotationPolicy: 'Always' } })])).toEqual({ 'Certificate/team/web-tls': 'pass' });
    // Nor for a Gateway without an issuer annotation, or whose annotations it refuses.
    expect(outcome(certificateRotation, [gateway('gw', [https])])).toEqual({});
    expect(outcome(certificateRotation, [gw({ 'cert-manager.io/issuer-kind': 'Issuer' })])).toEqual({});
  });

  test('does not apply to objects other than Certificates', () => {
    expect(outcome(certificateRotation, [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }])).toEqual({});
  });
});
