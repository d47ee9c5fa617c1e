import { issuerAcmeHttps } from '../../../../src/compliance/controls/ingress/issuer-acme-https';
import { runCompliance } from '../../../../src/compliance/engine';
import { ManifestIndex } from '../../../../src/compliance/manifest-index';
import { toJsonReport } from '../../../../src/compliance/reports/json';
import { toEvidenceMarkdown } from '../../../../src/compliance/reports/markdown';
import { toSarif } from '../../../../src/compliance/reports/sarif';
import { messages, outcome } from '../../helpers';

const issuer = (kind: string, acme: any) => ({ apiVersion: 'cert-manager.io/v1', kind, metadata: { name: 'le', namespace: 'team' }, spec: { acme } });

describe('issuer-acme-https', () => {
  test('passes an ACME ClusterIssuer with an https:// server', () => {
    expect(outcome(issuerAcmeHttps, [issuer('ClusterIssuer', { server: 'https://acme-v02.api.letsencrypt.org/directory' })])).toEqual({ 'ClusterIssuer/le': 'pass' });
  });

  test('fails an http:// server and skipTLSVerify', () => {
    expect(messages(issuerAcmeHttps, [issuer('Issuer', { server: 'http://acme.internal/directory', skipTLSVerify: true })])).toEqual([
      'spec.acme.server "http://acme.internal/directory" does not use https://',
      'spec.acme.skipTLSVerify is true, so the ACME server\'s certificate is not verified',
    ]);
  });

  test('fails credentials in the server URL, without repeating them', () => {
    const said = messages(issuerAcmeHttps, [issuer('Issuer', { server: 'https://acct:s3cr3t@acme.example.com/directory' })]);
    expect(said).toEqual(['spec.acme.server carries credentials before "@" in its URL, which the manifest holds in plain text']);
    expect(outcome(issuerAcmeHttps, [issuer('Issuer', { server: 'https://acme.example.com/directory?contact=ops@example.com' })])).toEqual({ 'Issuer/team/le': 'pass' });
  });

  test('no report repeats the credentials of a server URL', () => {
    const leaky = [
      issuer('Issuer', { server: 'http://admin:S3cr3tPassw0rd@acme.corp.example.net/directory' }),
      { ...issuer('ClusterIssuer', { server: 'https://admin:S3cr3tPassw0rd@acme.corp.example.net/directory' }), metadata: { name: 'corp' } },
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c', namespace: 'team' },
        spec: { secretName: 's', dnsNames: ['a.example.com'], renewBefore: '360h', issuerRef: { kind: 'ClusterIssuer', name: 'corp' } } },
    ];
    expect(messages(issuerAcmeHttps, leaky)[0]).toBe('spec.acme.server "http://***@acme.corp.example.net/directory" does not use https://');
    const report = runCompliance(ManifestIndex.fromObjects(leaky), { config: { today: '2026-11-28' } });
    for (const text of [JSON.stringify(toJsonReport(report)), toEvidenceMarkdown(report), JSON.stringify(toSarif(report))]) {
      expect(text).not.toContain('S3cr3tPassw0rd');
      expect(text).toContain('acme.corp.example.net');
    }
  });

  test('masks credentials in a server written without its scheme, and names a server that is not a string by its type', () => {
    expect(messages(issuerAcmeHttps, [issuer('Issuer', { server: 'admin:S3cr3t@acme.internal/directory' })])).toEqual([
      'spec.acme.server "***@acme.internal/directory" does not use https://',
      'spec.acme.server carries credentials before "@" in its URL, which the manifest holds in plain text',
    ]);
    expect(messages(issuerAcmeHttps, [issuer('Issuer', { server: ['https://a'] })])).toEqual(['spec.acme.server is a list, which does not use https://']);
    expect(messages(issuerAcmeHttps, [issuer('Issuer', {})])).toEqual(['spec.acme.server is not set and does not use https://']);
  });

  test('does not apply to non-ACME issuers', () => {
    const ca = { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'ca' }, spec: { ca: { secretName: 'ca' } } };
    expect(outcome(issuerAcmeHttps, [ca])).toEqual({});
  });
});
