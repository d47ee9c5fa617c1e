import { defineControl, fail, failuresOrPass, pass } from '../../control';
import { CheckContext, CheckResult, IndexedObject } from '../../types';
import { certificatesBySecret, dnsNamesOf } from './private/cert-manager';
import { checkGatewayCertificates } from './private/gateway-certificates';
import { GATEWAY_API_GROUP } from './private/gateway-routes';
import { hostCovered } from './private/hosts';
import { ingresses, servedHosts, TlsEntry, tlsEntries } from './private/ingress';
import { otherWriters, shimOwners, ShimRequest, shimRequest } from './private/shim';

const SHIM_REFUSES = 'cert-manager\'s ingress-shim refuses such an Ingress and issues no certificate for it, so the controller serves its default one';

function checkIngress(ctx: CheckContext, ing: IndexedObject): CheckResult[] {
  const tls = tlsEntries(ing.raw);
  if (tls.length === 0) return [];
  const shim = shimRequest(ctx.index, ing);
  if (shim) return shimCoverage(ctx, ing, shim);
  const bySecret = certificatesBySecret(ctx.index);
  const failures: CheckResult[] = [];
  for (const entry of tls) {
    const path = `spec.tls[${entry.index}]`;
    if (!entry.secretName) {
      failures.push(fail(ing, `${path} has no secretName, so the controller's default certificate is served`, path));
      continue;
    }
    const certs = bySecret.get(`${ing.namespace}/${entry.secretName}`) ?? [];
    if (certs.length === 0) {
      const acme = ing.annotations['kubernetes.io/tls-acme'] === 'true'
        ? ': kubernetes.io/tls-acme leaves it to the default issuer cert-manager may be run with (--default-issuer-name), which the manifests do not show; name the issuer with cert-manager.io/cluster-issuer'
        : '';
      failures.push(fail(ing, `${path}.secretName "${entry.secretName}" is not the secretName of a cert-manager Certificate in namespace "${ing.namespace}"${acme}`, `${path}.secretName`));
      continue;
    }
    const missing = uncovered(ing, entry, certs);
    if (missing) failures.push(missing);
  }
  return failuresOrPass(failures, ing);
}

/**
 * A failure when the Certificates of an entry's Secret do not cover its hosts. An entry without
 * hosts serves the rule hosts that no entry lists (the controller takes a listed host's own entry
 * first, e.g. ingress-nginx matches the hosts of spec.tls before the certificates of the others).
 */
function uncovered(ing: IndexedObject, entry: TlsEntry, certs: readonly IndexedObject[]): CheckResult | undefined {
  const listed = tlsEntries(ing.raw).flatMap(e => e.hosts);
  const ruleHosts = servedHosts(ing.raw).flatMap(s => (s.host && !hostCovered(s.host, listed) ? [s.host] : []));
  const names = certs.flatMap(dnsNamesOf);
  const hosts = entry.hosts.length > 0 ? entry.hosts : ruleHosts;
  const missing = hosts.filter(h => !hostCovered(h, names));
  if (missing.length === 0) return undefined;
  return fail(ing, `Certificate ${certs.map(c => `"${c.name}"`).join(', ')} for secret "${entry.secretName}" does not cover ${missing.join(', ')} in its dnsNames`, `spec.tls[${entry.index}].hosts`);
}

/**
 * An Ingress that names an issuer: the ingress-shim refuses it whole (both issuer kinds, a
 * ClusterIssuer with issuer-kind or issuer-group, an empty issuer, a Secret named twice, an
 * annotation value it cannot take), skips an entry without hosts or secretName, leaves an entry to
 * the Certificate named as its Secret (which must then cover it and write that Secret alone), and
 * creates a Certificate for every other entry (which no other Certificate may write to).
 */
function shimCoverage(ctx: CheckContext, ing: IndexedObject, shim: ShimRequest): CheckResult[] {
  if (shim.refused) return [fail(ing, `${shim.refused.message}: ${SHIM_REFUSES}`, shim.refused.path)];
  const failures: CheckResult[] = [];
  for (const e of shim.skipped) {
    failures.push(fail(ing, `spec.tls[${e.index}] has no ${e.hosts.length === 0 ? 'hosts' : 'secretName'}: cert-manager's ingress-shim (${shim.annotation}) `
      + 'refuses such an entry and issues no certificate for it, so the controller serves its default one', `spec.tls[${e.index}]`));
  }
  for (const { entry, certificate } of shim.existing) {
    const writes = (certificate.raw as any).spec?.secretName;
    if (writes !== entry.secretName) {
      failures.push(fail(ing, `Certificate "${certificate.name}" is named as the secret of spec.tls[${entry.index}], so the ingress-shim leaves it alone, but it writes Secret "${writes}"`,
        `spec.tls[${entry.index}].secretName`));
      continue;
    }
    const missing = uncovered(ing, entry, [certificate]);
    if (missing) failures.push(missing);
  }
  for (const entry of shim.issued) {
    const owner = shimOwners(ctx.index).get(`${ing.namespace}/${entry.secretName}`);
    if (owner && owner !== ing) {
      failures.push(fail(ing, `Ingress "${owner.name}" already has the ingress-shim create Certificate "${entry.secretName}" for spec.tls[${entry.index}]'s Secret: `
        + 'the shim does not update a Certificate another Ingress owns, so these hosts get that Ingress\'s certificate', `spec.tls[${entry.index}].secretName`));
      continue;
    }
    const others = otherWriters(ctx.index, ing, entry.secretName!);
    if (others.length > 0) {
      failures.push(fail(ing, `the ingress-shim creates Certificate "${entry.secretName}" for spec.tls[${entry.index}], and ${others.map(c => `Certificate "${c.name}"`).join(', ')} `
        + `also write${others.length === 1 ? 's' : ''} Secret "${entry.secretName}": two Certificates of one Secret reissue it over each other`, `spec.tls[${entry.index}].secretName`));
    }
  }
  if (failures.length > 0) return failures;
  return [shim.existing.length === 0 ? pass(ing, `cert-manager ingress-shim issues the certificates (${shim.annotation}: "${ing.annotations[shim.annotation]}")`) : pass(ing)];
}

/**
 * Every TLS Secret of an Ingress or a Gateway API Gateway is issued by cert-manager, so it is
 * renewed before it expires. For an Ingress: each `spec.tls` secretName is the secretName of a
 * Certificate in the Ingress's namespace whose dnsNames cover the entry's hosts (a wildcard
 * covering one label; for an entry without hosts, the rule hosts no entry lists), or the Ingress
 * carries the ingress-shim annotation `cert-manager.io/cluster-issuer` or `cert-manager.io/issuer`
 * and every spec.tls entry names its hosts and a secretName (the shim refuses any other entry); an
 * entry whose secretName belongs to a Certificate of the set is that Certificate's, which the shim
 * leaves alone. For a Gateway: each listener that ends TLS (HTTPS, or TLS in Terminate mode) either
 * gets its Certificate from the gateway-shim, or names in tls.certificateRefs Secrets (of another
 * namespace only through a ReferenceGrant) that Certificates write, covering the listener's
 * hostname (without one, the hostnames of the routes attached to it). Ingresses without spec.tls
 * and Gateways without such a listener are not evaluated (ingress-tls-all-hosts and
 * gateway-https-only report them).
 */
export const ingressCertificateCoverage = defineControl({
  id: 'ingress-certificate-coverage',
  title: 'Ingress and Gateway certificates are managed by cert-manager',
  condition: 'Every spec.tls secretName of an Ingress belongs to a cert-manager Certificate in its namespace whose dnsNames cover the TLS hosts (for an entry without hosts: the rule hosts no entry lists), '
    + 'or the Ingress has a cert-manager.io/cluster-issuer or cert-manager.io/issuer annotation and every spec.tls entry names hosts and a secretName. '
    + 'Every listener of a Gateway API Gateway that ends TLS (protocol HTTPS, or TLS with tls.mode Terminate) gets its certificate from cert-manager\'s gateway-shim '
    + '(the Gateway\'s issuer annotation, a hostname, and certificateRefs that are Secrets of its namespace), or each of its tls.certificateRefs is a Secret '
    + '(of another namespace only where a ReferenceGrant there admits the Gateway\'s namespace) that a Certificate writes whose dnsNames cover the listener\'s hostname '
    + '(without one: the hostnames of the HTTPRoutes and GRPCRoutes attached to it).',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Create a Certificate with secretName equal to the Ingress\'s TLS secretName (or the Gateway listener\'s certificateRef) and every TLS host in dnsNames, '
    + 'or annotate the Ingress or Gateway with cert-manager.io/cluster-issuer (a Gateway listener then needs a hostname).',
  example: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nspec:\n  secretName: pay-example-com-tls\n  dnsNames: ["pay.example.com"]\n  issuerRef: { kind: ClusterIssuer, name: letsencrypt-prod }',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const ing of ingresses(ctx.index)) out.push(...checkIngress(ctx, ing));
    for (const gateway of ctx.index.ofKind('Gateway', GATEWAY_API_GROUP)) out.push(...checkGatewayCertificates(ctx.index, gateway));
    return out;
  },
});
