import { hasUserinfo, maskUserinfo } from '../../common/acme-servers';
import { defineControl, fail, failuresOrPass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { issuers } from './private/cert-manager';

function checkAcme(issuer: IndexedObject): CheckResult[] | undefined {
  const acme = (issuer.raw as any).spec?.acme;
  if (!acme || typeof acme !== 'object') return undefined;
  const failures: CheckResult[] = [];
  const server = acme.server;
  if (typeof server !== 'string' || !/^https:\/\//i.test(server.trim())) {
    failures.push(fail(issuer, `spec.acme.server ${typeof server === 'string' ? JSON.stringify(maskUserinfo(server)) : server === undefined || server === null ? 'is not set and' : `is a ${Array.isArray(server) ? 'list' : typeof server}, which`} does not use https://`, 'spec.acme.server'));
  }
  if (typeof server === 'string' && hasUserinfo(server)) {
    failures.push(fail(issuer, 'spec.acme.server carries credentials before "@" in its URL, which the manifest holds in plain text', 'spec.acme.server'));
  }
  if (acme.skipTLSVerify === true) failures.push(fail(issuer, 'spec.acme.skipTLSVerify is true, so the ACME server\'s certificate is not verified', 'spec.acme.skipTLSVerify'));
  return failuresOrPass(failures, issuer);
}

/**
 * Every ACME Issuer and ClusterIssuer talks to its ACME server over verified HTTPS: the server URL
 * starts with `https://`, carries no credentials before its host, and skipTLSVerify is not true.
 * Issuers of other types are not evaluated.
 */
export const issuerAcmeHttps = defineControl({
  id: 'issuer-acme-https',
  title: 'ACME issuers use HTTPS',
  condition: 'Every Issuer or ClusterIssuer with spec.acme has a server URL starting with https:// without credentials (user:password@) in it, and does not set skipTLSVerify: true.',
  severity: 'high',
  criteria: ['CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Use the ACME directory\'s https:// URL (e.g. https://acme-v02.api.letsencrypt.org/directory) and trust a private ACME server through spec.acme.caBundle instead of skipTLSVerify.',
  example: 'spec:\n  acme:\n    server: https://acme-v02.api.letsencrypt.org/directory',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const issuer of issuers(ctx.index)) out.push(...checkAcme(issuer) ?? []);
    return out;
  },
});
