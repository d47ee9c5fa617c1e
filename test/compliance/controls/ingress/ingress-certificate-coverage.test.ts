import { ingressCertificateCoverage } from '../../../../src/compliance/controls/ingress/ingress-certificate-coverage';
import { messages, outcome } from '../../helpers';
import { certificate, goodCertificateSpec, ingress } from './fixtures';

describe('ingress-certificate-coverage', () => {
  test('passes when a Certificate of the namespace issues the TLS secret for every host', () => {
    const objects = [
      ingress('web', ['pay.example.com', 'a.shop.example.com'], { tls: [{ hosts: ['pay.example.com', 'a.shop.example.com'], secretName: 'web-tls' }] }),
      certificate('web', goodCertificateSpec('web-tls', ['pay.example.com', '*.shop.example.com'])),
    ];
    expect(outcome(ingressCertificateCoverage, objects)).toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('fails a TLS secret without a Certificate in the same namespace', () => {
    const objects = [
      ingress('web', ['pay.example.com'], { tls: [{ hosts: ['pay.example.com'], secretName: 'web-tls' }] }),
      certificate('web', goodCertificateSpec('web-tls', ['pay.example.com']), 'other'),
    ];
    expect(messages(ingressCertificateCoverage, objects)).toEqual(['spec.tls[0].secretName "web-tls" is not the secretName of a cert-manager Certificate in namespace "team"']);
  });

  test('fails hosts the Certificate does not cover, and a TLS entry without secretName', () => {
    const objects = [
      ingress('web', ['pay.example.com', 'api.example.com'], { tls: [{ hosts: ['pay.example.com', 'api.example.com'], secretName: 'web-tls' }, { hosts: ['x.example.com'] }] }),
      certificate('web', goodCertificateSpec('web-tls', ['pay.example.com'])),
    ];
    expect(messages(ingressCertificateCoverage, objects)).toEqual([
      'Certificate "web" for secret "web-tls" does not cover api.example.com in its dnsNames',
      'spec.tls[1] has no secretName, so the controller\'s default certificate is served',
    ]);
  });

  test('passes an Ingress annotated for cert-manager ingress-shim', () => {
    const ing = ingress('web', ['pay.example.com'], { tls: [{ hosts: ['pay.example.com'], secretName: 'web-tls' }], annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } });
    expect(outcome(ingressCertificateCoverage, [ing])).toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('fails an ingress-shim entry without hosts or secretName: the shim refuses it and issues nothing', () => {
    const ing = ingress('web', ['pay.example.com'], {
      tls: [{ secretName: 'web-tls' }, { hosts: ['pay.example.com'] }, { hosts: ['pay.example.com'], secretName: 'ok-tls' }],
      annotations: { 'cert-manager.io/issuer': 'ca' },
    });
    expect(messages(ingressCertificateCoverage, [ing])).toEqual([
      'spec.tls[0] has no hosts: cert-manager\'s ingress-shim (cert-manager.io/issuer) refuses such an entry and issues no certificate for it, so the controller serves its default one',
      'spec.tls[1] has no secretName: cert-manager\'s ingress-shim (cert-manager.io/issuer) refuses such an entry and issues no certificate for it, so the controller serves its default one',
    ]);
  });

  test('fails an Ingress naming both an Issuer and a ClusterIssuer, which the shim refuses', () => {
    const ing = ingress('web', ['pay.example.com'], { tls: [{ hosts: ['pay.example.com'], secretName: 'web-tls' }], annotations: { 'cert-manager.io/issuer': 'ca', 'cert-manager.io/cluster-issuer': 'le' } });
    expect(messages(ingressCertificateCoverage, [ing])).toEqual([expect.stringMatching(/^names both an Issuer .* and a ClusterIssuer .*: cert-manager's ingress-shim refuses it/)]);
  });

  test('an entry whose secret a Certificate of the set holds is judged by that Certificate, which the shim leaves alone', () => {
    const ing = ingress('web', ['pay.example.com'], { tls: [{ hosts: ['pay.example.com'], secretName: 'web-tls' }], annotations: { 'cert-manager.io/cluster-issuer': 'le' } });
    expect(messages(ingressCertificateCoverage, [ing, certificate('web', goodCertificateSpec('web-tls', ['other.example.com']))]))
      .toEqual(['Certificate "web" for secret "web-tls" does not cover pay.example.com in its dnsNames']);
    expect(outcome(ingressCertificateCoverage, [ing, certificate('web', goodCertificateSpec('web-tls', ['pay.example.com']))])).toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('does not apply to an Ingress without spec.tls', () => {
    expect(outcome(ingressCertificateCoverage, [ingress('web', ['pay.example.com'])])).toEqual({});
  });
});
