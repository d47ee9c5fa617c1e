import { certificateLifetime } from '../../../../src/compliance/controls/ingress/certificate-lifetime';
import { check, messages, outcome } from '../../helpers';

/** Every result's message, passes included. */
const said = (objects: unknown[], config = {}) => check(certificateLifetime, objects, config).map(r => r.message);
import { certificate, ingress } from './fixtures';

describe('certificate-lifetime', () => {
  test('passes 90 days renewed 15 days ahead, and a renewBeforePercentage', () => {
    expect(outcome(certificateLifetime, [certificate('a', { duration: '2160h0m0s', renewBefore: '360h' })])).toEqual({ 'Certificate/team/a': 'pass' });
    expect(outcome(certificateLifetime, [certificate('b', { duration: '720h', renewBeforePercentage: 25 })])).toEqual({ 'Certificate/team/b': 'pass' });
  });

  test('takes an absent duration as cert-manager\'s 90 days', () => {
    expect(outcome(certificateLifetime, [certificate('a', { renewBefore: '360h' })])).toEqual({ 'Certificate/team/a': 'pass' });
    expect(messages(certificateLifetime, [certificate('a', { renewBefore: '360h' })], { maxCertificateDays: 30 }))
      .toEqual(['spec.duration is not set, so cert-manager requests 90 days, which exceeds the maximum of 30 days']);
  });

  test('fails a long duration and a renewBefore not shorter than the duration', () => {
    expect(messages(certificateLifetime, [certificate('a', { duration: '8760h', renewBefore: '9000h' })])).toEqual([
      'spec.duration 8760h (365 days) exceeds the maximum of 90 days',
      'spec.renewBefore 9000h is not between zero and the duration (365 days)',
    ]);
  });

  test('fails a duration under 1h and a renewBefore under 5m, which cert-manager refuses', () => {
    expect(messages(certificateLifetime, [certificate('a', { duration: '30m', renewBefore: '10m' })])).toEqual(['spec.duration 30m is shorter than 1h, which cert-manager refuses']);
    expect(messages(certificateLifetime, [certificate('a', { duration: '24h', renewBefore: '100µs' })])).toEqual(['spec.renewBefore 100µs is shorter than 5m, which cert-manager refuses']);
    expect(outcome(certificateLifetime, [certificate('a', { duration: '1h', renewBefore: '5m' })])).toEqual({ 'Certificate/team/a': 'pass' });
  });

  test('fails a missing renewal window, an invalid duration and disabled renewal', () => {
    expect(messages(certificateLifetime, [certificate('a', { duration: '90m' })])).toEqual(['neither spec.renewBefore nor spec.renewBeforePercentage is set; set the renewal window explicitly']);
    expect(messages(certificateLifetime, [certificate('b', { duration: '90d', renewBefore: '1h' })])).toEqual(['spec.duration "90d" is not a positive Go duration']);
    expect(messages(certificateLifetime, [certificate('c', { renewBefore: '1h', renewal: { policy: 'Disabled' } })])).toEqual(['spec.renewal.policy is Disabled, so the certificate is never renewed']);
  });

  test('judges an Ingress that requests its Certificates through ingress-shim annotations by its duration and renewal annotations', () => {
    const shim = (annotations: Record<string, string>) => ingress('web', ['a.example.com'], {
      tls: [{ hosts: ['a.example.com'], secretName: 'web-tls' }], annotations: { 'cert-manager.io/cluster-issuer': 'le', ...annotations },
    });
    expect(outcome(certificateLifetime, [shim({ 'cert-manager.io/duration': '2160h', 'cert-manager.io/renew-before': '360h' })])).toEqual({ 'Ingress/team/web': 'pass' });
    expect(outcome(certificateLifetime, [shim({ 'cert-manager.io/renew-before-percentage': '25' })])).toEqual({ 'Ingress/team/web': 'pass' });
    expect(messages(certificateLifetime, [shim({ 'cert-manager.io/duration': '8760h' })])).toEqual([
      'annotation cert-manager.io/duration 8760h (365 days) exceeds the maximum of 90 days',
      'neither annotation cert-manager.io/renew-before nor annotation cert-manager.io/renew-before-percentage is set; set the renewal window explicitly',
    ]);
    expect(messages(certificateLifetime, [shim({ 'cert-manager.io/renew-before-percentage': '150' })]))
      .toEqual(['annotation cert-manager.io/renew-before-percentage 150 is not an integer between 1 and 99']);
  });

  test('with an ACME issuer that does not request the duration, Let\'s Encrypt\'s own lifetime is the one judged', () => {
    const le = (acme: Record<string, unknown> = {}) => ({
      apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'le' },
      spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', privateKeySecretRef: { name: 'le-account' }, ...acme } },
    });
    const monthly = certificate('a', { duration: '720h', renewBefore: '240h', issuerRef: { kind: 'ClusterIssuer', name: 'le' } });
    expect(messages(certificateLifetime, [le(), monthly], { maxCertificateDays: 30 })).toEqual([
      'ClusterIssuer "le" (Let\'s Encrypt) issues 90 days whatever spec.duration asks (the ACME server decides unless spec.acme.enableDurationFeature is set), which exceeds the maximum of 30 days',
    ]);
    expect(said([le(), monthly])).toEqual(['90 days as ClusterIssuer "le" (Let\'s Encrypt) issues them, renewed ahead of expiry']);
    expect(said([le({ profile: 'shortlived' }), certificate('a', { renewBefore: '48h', issuerRef: { kind: 'ClusterIssuer', name: 'le' } })], { maxCertificateDays: 7 }))
      .toEqual(['6.67 days as ClusterIssuer "le" (Let\'s Encrypt, profile shortlived) issues them, renewed ahead of expiry']);
    // cert-manager's webhook holds renewBefore to the requested duration; past the lifetime issued, it renews at two thirds of it.
    expect(said([le({ profile: 'shortlived' }), certificate('a', { renewBefore: '240h', issuerRef: { kind: 'ClusterIssuer', name: 'le' } })]))
      .toEqual(['6.67 days as ClusterIssuer "le" (Let\'s Encrypt, profile shortlived) issues them, renewed at two thirds of it (spec.renewBefore is not shorter than that lifetime)']);
    expect(said([le(), certificate('a', { duration: '24h', renewBefore: '48h', issuerRef: { kind: 'ClusterIssuer', name: 'le' } })]))
      .toEqual(['spec.renewBefore 48h is not between zero and the duration (1 days)']);
    // enableDurationFeature passes the requested duration on.
    expect(said([le({ enableDurationFeature: true }), monthly], { maxCertificateDays: 30 })).toEqual(['30 days, renewed ahead of expiry']);
  });

  test('another ACME server that decides the lifetime is named in the evidence; the request is judged', () => {
    const step = { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'step', namespace: 'team' }, spec: { acme: { server: 'https://ca.internal/acme/directory' } } };
    const cert = certificate('a', { duration: '2160h', renewBefore: '720h', issuerRef: { name: 'step' } });
    expect(said([step, cert]))
      .toEqual(['90 days requested, renewed ahead of expiry; Issuer "step" (ACME server https://ca.internal/acme/directory) decides the lifetime (spec.acme.enableDurationFeature is not set)']);
    expect(messages(certificateLifetime, [step, cert], { maxCertificateDays: 30 })).toEqual(['spec.duration 2160h (90 days) exceeds the maximum of 30 days']);
  });

  test('an Ingress\'s shim annotations request nothing for a secret a Certificate of the set holds, or with both issuer kinds, or for entries without hosts', () => {
    const shim = (annotations: Record<string, string>, tls: any[] = [{ hosts: ['a.example.com'], secretName: 'web-tls' }]) =>
      ingress('web', ['a.example.com'], { tls, annotations: { 'cert-manager.io/duration': '8760h', ...annotations } });
    const explicit = certificate('web-tls', { secretName: 'web-tls', dnsNames: ['a.example.com'], renewBefore: '360h' });
    expect(outcome(certificateLifetime, [shim({ 'cert-manager.io/cluster-issuer': 'le' }), explicit])).toEqual({ 'Certificate/team/web-tls': 'pass' });
    expect(outcome(certificateLifetime, [shim({ 'cert-manager.io/cluster-issuer': 'le', 'cert-manager.io/issuer': 'ca' })])).toEqual({});
    expect(outcome(certificateLifetime, [shim({ 'cert-manager.io/cluster-issuer': 'le' }, [{ secretName: 'wildcard-tls' }])])).toEqual({});
  });

  test('follows cert-manager.io/issuer-kind to a ClusterIssuer, and an empty issuerRef group to cert-manager\'s own', () => {
    const le = { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'le' }, spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory' } } };
    const kindref = ingress('web', ['a.example.com'], {
      tls: [{ hosts: ['a.example.com'], secretName: 'web-tls' }],
      annotations: { 'cert-manager.io/issuer': 'le', 'cert-manager.io/issuer-kind': 'ClusterIssuer', 'cert-manager.io/duration': '8760h', 'cert-manager.io/renew-before': '360h' },
    });
    expect(said([le, kindref])).toEqual(['90 days as ClusterIssuer "le" (Let\'s Encrypt) issues them, renewed ahead of expiry']);
    const grouped = certificate('c', { duration: '8760h', renewBefore: '360h', issuerRef: { kind: 'ClusterIssuer', name: 'le', group: '' } });
    expect(said([le, grouped])).toEqual(['90 days as ClusterIssuer "le" (Let\'s Encrypt) issues them, renewed ahead of expiry']);
  });

  test('does not apply to objects other than Certificates', () => {
    expect(outcome(certificateLifetime, [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }])).toEqual({});
  });
});
