import { certificateRotation } from '../../../../src/compliance/controls/ingress/certificate-rotation';
import { messages, outcome } from '../../helpers';
import { certificate, ingress } from './fixtures';

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

  test('does not apply to objects other than Certificates', () => {
    expect(outcome(certificateRotation, [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }])).toEqual({});
  });
});
