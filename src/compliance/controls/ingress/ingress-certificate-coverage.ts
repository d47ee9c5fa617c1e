import { defineControl, fail, pass } from '../../control';
import { CheckContext, CheckResult, IndexedObject } from '../../types';
import { certificatesBySecret, dnsNamesOf } from './private/cert-manager';
import { hostCovered } from './private/hosts';
import { ingresses, servedHosts, tlsEntries } from './private/ingress';
import { SHIM_ISSUER_ANNOTATIONS } from './private/requested-certificates';

function checkIngress(ctx: CheckContext, ing: IndexedObject): CheckResult[] {
  const tls = tlsEntries(ing.raw);
  if (tls.length === 0) return [];
  const shim = SHIM_ISSUER_ANNOTATIONS.find(a => ing.annotations[a]);
  if (shim && SHIM_ISSUER_ANNOTATIONS.every(a => ing.annotations[a])) {
    return [fail(ing, 'names both an Issuer (cert-manager.io/issuer) and a ClusterIssuer (cert-manager.io/cluster-issuer): cert-manager\'s ingress-shim refuses it '
      + 'and issues no certificate, so the controller serves its default one', 'metadata.annotations')];
  }
  const bySecret = certificatesBySecret(ctx.index);
  const ruleHosts = servedHosts(ing.raw).flatMap(s => (s.host ? [s.host] : []));
  const failures: CheckResult[] = [];
  let shimIssued = 0;
  for (const entry of tls) {
    const path = `spec.tls[${entry.index}]`;
    const certs = entry.secretName === undefined ? [] : bySecret.get(`${ing.namespace}/${entry.secretName}`) ?? [];
    if (shim && certs.length === 0) {
      // The ingress-shim issues a Certificate for this entry, or refuses an entry without hosts or secretName.
      if (entry.hosts.length > 0 && entry.secretName !== undefined) shimIssued++;
      else failures.push(fail(ing, `${path} has no ${entry.hosts.length === 0 ? 'hosts' : 'secretName'}: cert-manager's ingress-shim (${shim}) `
        + 'refuses such an entry and issues no certificate for it, so the controller serves its default one', path));
      continue;
    }
    if (!entry.secretName) {
      failures.push(fail(ing, `${path} has no secretName, so the controller's default certificate is served`, path));
      continue;
    }
    if (certs.length === 0) {
      failures.push(fail(ing, `${path}.secretName "${entry.secretName}" is not the secretName of a cert-manager Certificate in namespace "${ing.namespace}"`, `${path}.secretName`));
      continue;
    }
    const names = certs.flatMap(dnsNamesOf);
    const hosts = entry.hosts.length > 0 ? entry.hosts : ruleHosts;
    const missing = hosts.filter(h => !hostCovered(h, names));
    if (missing.length > 0) {
      failures.push(fail(ing, `Certificate ${certs.map(c => `"${c.name}"`).join(', ')} for secret "${entry.secretName}" does not cover ${missing.join(', ')} in its dnsNames`, `${path}.hosts`));
    }
  }
  if (failures.length > 0) return failures;
  return [shim && shimIssued === tls.length ? pass(ing, `cert-manager ingress-shim issues the certificates (${shim}: "${ing.annotations[shim]}")`) : pass(ing)];
}

/**
 * Every TLS Secret of an Ingress is issued by cert-manager, so it is renewed before it expires:
 * each `spec.tls` secretName is the secretName of a Certificate in the Ingress's namespace whose
 * dnsNames cover the entry's hosts (a wildcard covering one label), or the Ingress carries the
 * ingress-shim annotation `cert-manager.io/cluster-issuer` or `cert-manager.io/issuer` and every
 * spec.tls entry names its hosts and a secretName (the shim refuses any other entry); an entry whose
 * secretName belongs to a Certificate of the set is that Certificate's, which the shim leaves alone.
 * Ingresses without spec.tls are not evaluated (ingress-tls-all-hosts reports them).
 */
export const ingressCertificateCoverage = defineControl({
  id: 'ingress-certificate-coverage',
  title: 'Ingress certificates are managed by cert-manager',
  condition: 'Every spec.tls secretName of an Ingress belongs to a cert-manager Certificate in its namespace whose dnsNames cover the TLS hosts, or the Ingress has a cert-manager.io/cluster-issuer or cert-manager.io/issuer annotation and every spec.tls entry names hosts and a secretName.',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Create a Certificate with secretName equal to the Ingress\'s TLS secretName and every TLS host in dnsNames, or annotate the Ingress with cert-manager.io/cluster-issuer.',
  example: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nspec:\n  secretName: pay-example-com-tls\n  dnsNames: ["pay.example.com"]\n  issuerRef: { kind: ClusterIssuer, name: letsencrypt-prod }',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const ing of ingresses(ctx.index)) out.push(...checkIngress(ctx, ing));
    return out;
  },
});
