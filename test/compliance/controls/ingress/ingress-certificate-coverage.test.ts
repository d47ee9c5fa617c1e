import { ingressCertificateCoverage } from '../../../../src/compliance/controls/ingress/ingress-certificate-coverage';
import { check, messages, outcome } from '../../helpers';
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

  test('holds an entry without hosts to the rule hosts that no other entry lists', () => {
    const objects = (restNames: string[]) => [
      ingress('web', ['a.example.com', 'b.example.com'], { tls: [{ hosts: ['a.example.com'], secretName: 'a-tls' }, { secretName: 'rest-tls' }] }),
      certificate('a', goodCertificateSpec('a-tls', ['a.example.com'])),
      certificate('rest', goodCertificateSpec('rest-tls', restNames)),
    ];
    expect(outcome(ingressCertificateCoverage, objects(['b.example.com']))).toEqual({ 'Ingress/team/web': 'pass' });
    expect(messages(ingressCertificateCoverage, objects(['c.example.com']))).toEqual(['Certificate "rest" for secret "rest-tls" does not cover b.example.com in its dnsNames']);
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
    expect(messages(ingressCertificateCoverage, [ing])).toEqual([expect.stringMatching(/^names both an Issuer .* and a ClusterIssuer .*: cert-manager's ingress-shim refuses such an Ingress/)]);
  });

  test('fails every Ingress the shim refuses whole, saying why', () => {
    const shim = (annotations: Record<string, string>, tls: any[] = [{ hosts: ['pay.example.com'], secretName: 'web-tls' }]) =>
      ingress('web', ['pay.example.com'], { tls, annotations });
    const cases: [Record<string, string>, any[] | undefined, RegExp][] = [
      [{ 'cert-manager.io/cluster-issuer': 'le', 'cert-manager.io/issuer-kind': 'ClusterIssuer' }, undefined, /^combines cert-manager.io\/cluster-issuer with cert-manager.io\/issuer-kind/],
      [{ 'cert-manager.io/issuer': '' }, undefined, /^names no issuer \(cert-manager.io\/issuer is empty\)/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/cluster-issuer': '' }, undefined, /^names both an Issuer/],
      [{ 'cert-manager.io/issuer': 'ca' }, [{ hosts: ['pay.example.com'], secretName: 's' }, { hosts: ['www.example.com'], secretName: 's' }], /^names Secret "s" in two spec.tls entries/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/private-key-size': '1024' }, undefined, /^annotation cert-manager.io\/private-key-size "1024" is not an RSA size from 2048 to 8192/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/private-key-algorithm': 'ECDSA', 'cert-manager.io/private-key-size': '300' }, undefined, /is not an ECDSA curve size/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/private-key-algorithm': 'Ed25519', 'cert-manager.io/private-key-size': 'abc' }, undefined, /"abc" is not an integer/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/private-key-algorithm': 'rsa' }, undefined, /"rsa" is not RSA, ECDSA or Ed25519/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/duration': '90d' }, undefined, /cert-manager.io\/duration "90d" is not a Go duration/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/renew-before-percentage': 'half' }, undefined, /"half" is not an integer/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/private-key-rotation-policy': 'always' }, undefined, /"always" is not Always or Never/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/private-key-encoding': 'pkcs8' }, undefined, /private-key-encoding "pkcs8" is not PKCS1 or PKCS8/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/revision-history-limit': '0' }, undefined, /revision-history-limit "0" is not a positive 32-bit integer/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/usages': 'server auth,serverAuth' }, undefined, /usages "server auth,serverAuth" names "serverAuth", which is no key usage cert-manager knows/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/usages': 'digital signature,,key encipherment' }, undefined, /names "", which is no key usage/],
      [{ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/usages': '' }, undefined, /usages "" names ""/],
    ];
    for (const [annotations, tls, reason] of cases) {
      const said = messages(ingressCertificateCoverage, [shim(annotations, tls)]);
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(reason);
      expect(said[0]).toMatch(/cert-manager's ingress-shim refuses such an Ingress and issues no certificate for it/);
    }
    expect(outcome(ingressCertificateCoverage, [shim({ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/issuer-kind': 'ClusterIssuer' })])).toEqual({ 'Ingress/team/web': 'pass' });
    expect(outcome(ingressCertificateCoverage, [shim({ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/private-key-encoding': 'PKCS8', 'cert-manager.io/revision-history-limit': '5' })]))
      .toEqual({ 'Ingress/team/web': 'pass' });
    expect(outcome(ingressCertificateCoverage, [shim({ 'cert-manager.io/issuer': 'ca', 'cert-manager.io/usages': 'digital signature, key encipherment,server auth' })]))
      .toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('an entry whose secret names a Certificate of the set is left to it by the shim, and judged by it', () => {
    const ing = ingress('web', ['pay.example.com'], { tls: [{ hosts: ['pay.example.com'], secretName: 'web-tls' }], annotations: { 'cert-manager.io/cluster-issuer': 'le' } });
    expect(messages(ingressCertificateCoverage, [ing, certificate('web-tls', goodCertificateSpec('web-tls', ['other.example.com']))]))
      .toEqual(['Certificate "web-tls" for secret "web-tls" does not cover pay.example.com in its dnsNames']);
    expect(outcome(ingressCertificateCoverage, [ing, certificate('web-tls', goodCertificateSpec('web-tls', ['pay.example.com']))])).toEqual({ 'Ingress/team/web': 'pass' });
    expect(messages(ingressCertificateCoverage, [ing, certificate('web-tls', goodCertificateSpec('other-tls', ['pay.example.com']))]))
      .toEqual(['Certificate "web-tls" is named as the secret of spec.tls[0], so the ingress-shim leaves it alone, but it writes Secret "other-tls"']);
  });

  test('a Certificate of another name that writes the same Secret as the shim\'s is a second writer of that Secret', () => {
    const ing = ingress('web', ['pay.example.com'], { tls: [{ hosts: ['pay.example.com'], secretName: 'web-tls' }], annotations: { 'cert-manager.io/cluster-issuer': 'le' } });
    expect(messages(ingressCertificateCoverage, [ing, certificate('web', goodCertificateSpec('web-tls', ['pay.example.com']))])).toEqual([
      'the ingress-shim creates Certificate "web-tls" for spec.tls[0], and Certificate "web" also writes Secret "web-tls": two Certificates of one Secret reissue it over each other',
    ]);
  });

  test('a second Ingress whose shim request names the same Secret gets the first one\'s certificate', () => {
    const a = ingress('app-a', ['a.example.com'], { tls: [{ hosts: ['a.example.com'], secretName: 'shared-tls' }], annotations: { 'cert-manager.io/cluster-issuer': 'le' } });
    const b = ingress('app-b', ['b.example.com'], { tls: [{ hosts: ['b.example.com'], secretName: 'shared-tls' }], annotations: { 'cert-manager.io/cluster-issuer': 'le' } });
    expect(check(ingressCertificateCoverage, [a, b]).map(r => [r.object.name, r.passed, r.message])).toEqual([
      ['app-a', true, 'cert-manager ingress-shim issues the certificates (cert-manager.io/cluster-issuer: "le")'],
      ['app-b', false, 'Ingress "app-a" already has the ingress-shim create Certificate "shared-tls" for spec.tls[0]\'s Secret: the shim does not update a Certificate another Ingress owns, so these hosts get that Ingress\'s certificate'],
    ]);
  });

  test('says what kubernetes.io/tls-acme depends on', () => {
    const ing = ingress('web', ['a.example.com'], { tls: [{ hosts: ['a.example.com'], secretName: 'a-tls' }], annotations: { 'kubernetes.io/tls-acme': 'true' } });
    expect(messages(ingressCertificateCoverage, [ing])).toEqual([
      'spec.tls[0].secretName "a-tls" is not the secretName of a cert-manager Certificate in namespace "team": kubernetes.io/tls-acme leaves it to the default issuer cert-manager may be run with (--default-issuer-name), which the manifests do not show; name the issuer with cert-manager.io/cluster-issuer',
    ]);
  });

  test('does not apply to an Ingress without spec.tls', () => {
    expect(outcome(ingressCertificateCoverage, [ingress('web', ['pay.example.com'])])).toEqual({});
  });
});
