import { defineControl, fail, failuresOrPass, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { hostCovered } from './private/hosts';
import { ingresses, servedHosts, tlsEntries } from './private/ingress';

function checkIngress(ing: IndexedObject): CheckResult[] {
  const served = servedHosts(ing.raw);
  if (served.length === 0) return [pass(ing, 'serves no host')];
  const tls = tlsEntries(ing.raw);
  if (tls.length === 0) return [fail(ing, 'has no spec.tls, so every host is served over plain HTTP', 'spec')];
  const tlsHosts = tls.flatMap(t => t.hosts);
  const catchAllCovered = tls.some(t => t.hosts.length === 0);
  // An entry without hosts but with a certificate serves the Ingress's own hosts (the controller's
  // wildcard host setting; ingress-nginx picks its Secret for every host the certificate names).
  const hostless = tls.find(t => t.hosts.length === 0 && t.secretName !== undefined);
  const failures: CheckResult[] = [];
  for (const s of served) {
    if (s.host !== undefined && !hostless && !hostCovered(s.host, tlsHosts)) {
      failures.push(fail(ing, `host "${s.host}" is not listed in spec.tls, and no spec.tls entry without hosts has a secretName`, s.path));
    } else if (s.host === undefined && !catchAllCovered) {
      failures.push(fail(ing, `${s.path} serves every host (no host set) and no spec.tls entry without hosts covers it`, s.path));
    }
  }
  return failuresOrPass(failures, ing);
}

/**
 * Every host an Ingress serves is covered by a `spec.tls` entry: one that lists it (exactly, or by
 * a wildcard matching one label), or one without hosts that names a secretName, which Kubernetes
 * applies to the Ingress's hosts (the controller's wildcard host setting) and whose certificate
 * ingress-certificate-coverage holds to those hosts. A rule without host, or a defaultBackend,
 * serves every host: it is covered only by a `spec.tls` entry without hosts, which the controller
 * serves for any name.
 */
export const ingressTlsAllHosts = defineControl({
  id: 'ingress-tls-all-hosts',
  title: 'Ingresses terminate TLS for every host',
  condition: 'Every rule host of an Ingress appears in a spec.tls entry (exactly, or under a wildcard of one label), or the Ingress has a spec.tls entry '
    + 'without hosts that names a secretName (the TLS settings for all its hosts); a catch-all rule or defaultBackend only with a spec.tls entry without hosts.',
  severity: 'high',
  criteria: ['CC6.6', 'CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
    kubescape: ['C-0263'],
    polaris: ['tlsSettingsMissing'],
  },
  remediation: 'Add every host to spec.tls with the Secret that holds its certificate (CertManagedIngress does this), and give every rule a host.',
  example: 'spec:\n  tls:\n    - hosts: ["pay.example.com"]\n      secretName: pay-example-com-tls\n  rules:\n    - host: pay.example.com',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const ing of ingresses(ctx.index)) out.push(...checkIngress(ing));
    return out;
  },
});
