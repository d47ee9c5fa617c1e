import { certificateLifetime } from '../../../../src/compliance/controls/ingress/certificate-lifetime';
import { ingressCertificateCoverage } from '../../../../src/compliance/controls/ingress/ingress-certificate-coverage';
import { check, messages, outcome } from '../../helpers';
import { certificate, gateway, goodCertificateSpec } from './fixtures';

/** An HTTPS listener named `name` for `hostname` (every host when undefined) ending TLS with `refs`. */
const https = (name: string, hostname: string | undefined, refs: any[] | undefined): any => ({
  name, protocol: 'HTTPS', port: 443, ...(hostname ? { hostname } : {}), ...(refs ? { tls: { mode: 'Terminate', certificateRefs: refs } } : {}),
});

/** An HTTPRoute in `team` attached to Gateway `public` for `hostnames`. */
const route = (name: string, hostnames: string[]): any => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name, namespace: 'team' },
  spec: { parentRefs: [{ name: 'public' }], hostnames, rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] },
});

/** A ReferenceGrant in `namespace` from Gateways of `from` to Secrets (all, or the one named). */
const grant = (namespace: string, from: string, secret?: string): any => ({
  apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'gateways', namespace },
  spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: from }], to: [{ group: '', kind: 'Secret', ...(secret ? { name: secret } : {}) }] },
});

describe('ingress-certificate-coverage on Gateway API Gateways', () => {
  test('passes a listener whose Secret a Certificate of the namespace writes for its hostname, and fails one it does not cover', () => {
    const objects = (dnsNames: string[]) => [
      gateway('public', [https('shop', 'shop.example.com', [{ name: 'shop-tls' }]), { name: 'http', protocol: 'HTTP', port: 80 }]),
      certificate('shop', goodCertificateSpec('shop-tls', dnsNames)),
    ];
    expect(outcome(ingressCertificateCoverage, objects(['shop.example.com']))).toEqual({ 'Gateway/team/public': 'pass' });
    expect(check(ingressCertificateCoverage, objects(['pay.example.com'])).map(r => [r.passed, r.message, r.path])).toEqual([
      [false, 'Certificate "shop" for Secret "shop-tls" of spec.listeners[0] ("shop") does not cover shop.example.com in its dnsNames', 'spec.listeners[0].hostname'],
    ]);
  });

  test('holds a listener without a hostname to the hostnames of the routes attached to it', () => {
    const objects = (dnsNames: string[]) => [
      gateway('public', [https('any', undefined, [{ name: 'any-tls' }])]),
      route('shop', ['shop.example.com']), route('pay', ['pay.example.com']),
      certificate('any', goodCertificateSpec('any-tls', dnsNames)),
    ];
    expect(outcome(ingressCertificateCoverage, objects(['shop.example.com', 'pay.example.com']))).toEqual({ 'Gateway/team/public': 'pass' });
    expect(messages(ingressCertificateCoverage, objects(['*.shop.example.com', 'shop.example.com']))).toEqual([
      'Certificate "any" for Secret "any-tls" of spec.listeners[0] ("any") does not cover pay.example.com in its dnsNames',
    ]);
  });

  test('fails a listener without certificateRefs, a reference that is no Secret, and a Secret no Certificate writes, each at its field', () => {
    const gw = gateway('public', [
      https('bare', 'a.example.com', undefined),
      https('vendor', 'b.example.com', [{ group: 'networking.example.com', kind: 'ManagedCertificate', name: 'b' }]),
      https('manual', 'c.example.com', [{ kind: 'Secret', name: 'c-tls' }]),
    ]);
    expect(check(ingressCertificateCoverage, [gw]).map(r => [r.message, r.path])).toEqual([
      ['spec.listeners[0] ("bare") ends TLS without tls.certificateRefs, so the gateway serves no certificate cert-manager issues', 'spec.listeners[0].tls'],
      ['spec.listeners[1].tls.certificateRefs[0] names a ManagedCertificate of group networking.example.com, not a Secret: cert-manager writes the certificates it issues into Secrets',
        'spec.listeners[1].tls.certificateRefs[0]'],
      ['spec.listeners[2].tls.certificateRefs[0] Secret "c-tls" is not the secretName of a cert-manager Certificate in namespace "team"', 'spec.listeners[2].tls.certificateRefs[0].name'],
    ]);
  });

  test('checks every certificateRef of a listener (an RSA and an ECDSA certificate)', () => {
    const gw = gateway('public', [https('shop', 'shop.example.com', [{ name: 'rsa-tls' }, { name: 'ecdsa-tls' }])]);
    expect(messages(ingressCertificateCoverage, [gw, certificate('rsa', goodCertificateSpec('rsa-tls', ['shop.example.com']))])).toEqual([
      'spec.listeners[0].tls.certificateRefs[1] Secret "ecdsa-tls" is not the secretName of a cert-manager Certificate in namespace "team"',
    ]);
  });

  test('a Secret of another namespace counts only where a ReferenceGrant there admits the Gateway\'s namespace', () => {
    const objects = (...extra: any[]) => [
      gateway('public', [https('shop', 'shop.example.com', [{ name: 'shop-tls', namespace: 'certs' }])]),
      certificate('shop', goodCertificateSpec('shop-tls', ['shop.example.com']), 'certs'),
      ...extra,
    ];
    expect(messages(ingressCertificateCoverage, objects())).toEqual([
      'spec.listeners[0].tls.certificateRefs[0] names Secret "shop-tls" of namespace "certs", and no ReferenceGrant of namespace "certs" lets the Gateways of namespace "team" '
        + 'refer to it, so the gateway refuses the reference (RefNotPermitted) and the listener serves no certificate; add a ReferenceGrant in "certs" from Gateways of "team" to that Secret',
    ]);
    expect(outcome(ingressCertificateCoverage, objects(grant('certs', 'team')))).toEqual({ 'Gateway/team/public': 'pass' });
    expect(outcome(ingressCertificateCoverage, objects(grant('certs', 'team', 'shop-tls')))).toEqual({ 'Gateway/team/public': 'pass' });
    expect(outcome(ingressCertificateCoverage, objects(grant('certs', 'team', 'other-tls')))).toEqual({ 'Gateway/team/public': 'fail' });
    expect(outcome(ingressCertificateCoverage, objects(grant('certs', 'other')))).toEqual({ 'Gateway/team/public': 'fail' });
    expect(outcome(ingressCertificateCoverage, objects(grant('team', 'team')))).toEqual({ 'Gateway/team/public': 'fail' });
  });

  test('passes the listeners cert-manager\'s gateway-shim issues for, and says why it skips the others', () => {
    const shim = { 'cert-manager.io/cluster-issuer': 'letsencrypt' };
    expect(check(ingressCertificateCoverage, [gateway('public', [https('shop', 'shop.example.com', [{ name: 'shop-tls' }])], shim)]).map(r => [r.passed, r.message])).toEqual([
      [true, 'cert-manager gateway-shim issues the certificates (cert-manager.io/cluster-issuer: "letsencrypt")'],
    ]);
    expect(messages(ingressCertificateCoverage, [gateway('public', [https('any', undefined, [{ name: 'any-tls' }])], shim)])).toEqual([
      'spec.listeners[0].tls.certificateRefs[0] Secret "any-tls" is not the secretName of a cert-manager Certificate in namespace "team": '
        + 'cert-manager\'s gateway-shim (cert-manager.io/cluster-issuer) creates no Certificate for a listener without a hostname; set hostname',
    ]);
    expect(messages(ingressCertificateCoverage, [gateway('public', [https('shop', 'shop.example.com', [{ name: 'shop-tls' }])], { 'cert-manager.io/cluster-issuer': '' })])).toEqual([
      'spec.listeners[0].tls.certificateRefs[0] Secret "shop-tls" is not the secretName of a cert-manager Certificate in namespace "team": '
        + 'cert-manager\'s gateway-shim refuses the Gateway (it names no issuer (cert-manager.io/cluster-issuer is empty)) and creates no Certificate for it',
    ]);
  });

  test('does not evaluate a Gateway whose listeners end no TLS: plain HTTP, or TLS passed through to the workload', () => {
    const gw = gateway('public', [
      { name: 'http', protocol: 'HTTP', port: 80 },
      { name: 'passthrough', protocol: 'TLS', port: 443, hostname: 'db.example.com', tls: { mode: 'Passthrough' } },
    ]);
    expect(outcome(ingressCertificateCoverage, [gw])).toEqual({});
    const terminate = gateway('public', [{ name: 'tls', protocol: 'TLS', port: 443, hostname: 'db.example.com', tls: { certificateRefs: [{ name: 'db-tls' }] } }]);
    expect(outcome(ingressCertificateCoverage, [terminate])).toEqual({ 'Gateway/team/public': 'fail' });
  });

  test('an HTTPS listener without tls on a Gateway asking the gateway-shim does not stop the certificate controls', () => {
    const gw = gateway('public', [https('shop', 'shop.example.com', undefined)], { 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(check(certificateLifetime, [gw]).filter(r => r.object.kind === 'Control')).toEqual([]);
    expect(messages(ingressCertificateCoverage, [gw])).toEqual([
      'spec.listeners[0] ("shop") ends TLS without tls.certificateRefs, so the gateway serves no certificate cert-manager issues',
    ]);
  });
});
