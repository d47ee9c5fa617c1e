import { maskUserinfo } from '../../src/compliance/common/acme-servers';
import { parseUrl } from '../../src/compliance/common/url';
import type { Dns01Provider } from '../dns01-provider';
import { PropProblem } from '../errors';
import { LETS_ENCRYPT_PRODUCTION } from '../issuer-props';

/**
 * A DNS-01 provider of a namespaced Issuer that would take cert-manager's ambient credentials,
 * which cert-manager gives only to ClusterIssuers unless its controller runs with
 * `--issuer-ambient-credentials` (default false).
 * @see https://cert-manager.io/docs/cli/controller/
 */
export function ambientCredentialsProblem(prop: string, provider: Dns01Provider, ownCredentials: string): PropProblem {
  return {
    prop, value: provider.kind,
    problem: 'has no credentials of its own, so cert-manager would use its ambient cloud credentials, which it gives a namespaced Issuer only when the controller runs with '
      + '--issuer-ambient-credentials (default false, as it would lend them to the Issuers of every namespace): no challenge would be solved',
    fix: `${ownCredentials}; or make the issuer a ClusterIssuer (new ClusterIssuer(platformChart, 'letsencrypt-dns', { issuer: Issuer.acmeDns01({ ... }) })), which may use ambient credentials, and pass that`,
  };
}

/** An ACME HTTP-01 solver through `ingressClassName`. */
export function http01Solver(ingressClassName: string): Record<string, unknown> {
  // cert-manager starts solver pods outside the mesh; the label says so in the manifest. Their
  // Service is a ClusterIP one: cert-manager's default, a NodePort, is refused by the quota of
  // every SensitiveNamespace (services.nodeports: 0), and the controller needs none.
  return { http01: { ingress: { ingressClassName, serviceType: 'ClusterIP', podTemplate: { metadata: { labels: { 'sidecar.istio.io/inject': 'false' } } } } } };
}

/**
 * The HTTP-01 solvers of an Issuer used through one or more ingress classes: one class, one
 * solver for every host; several, one solver per class (sorted), selecting the hosts of that
 * class's ingresses, so each challenge goes through the controller that serves its host.
 * @see https://cert-manager.io/docs/configuration/acme/#adding-multiple-solver-types
 */
export function http01Solvers(hostsByClass: ReadonlyMap<string, ReadonlySet<string>>): Record<string, unknown>[] {
  const classes = [...hostsByClass.keys()].sort();
  if (classes.length === 1) return [http01Solver(classes[0])];
  return classes.map(cls => ({ selector: { dnsNames: [...hostsByClass.get(cls)!].sort() }, ...http01Solver(cls) }));
}

/**
 * Problems with an ACME directory URL: not https (the account key and orders could be read or
 * changed in transit), or credentials in it (they would be written into the manifest). The value
 * is reported with its credentials masked, so the error does not spread them either.
 */
export function checkAcmeServer(prop: string, server: unknown): PropProblem[] {
  const url = parseUrl(server);
  const value = typeof server === 'string' ? maskUserinfo(server) : server;
  const out: PropProblem[] = [];
  if (url?.protocol !== 'https:' || url.hostname === '') {
    out.push({ prop, value, problem: 'is not an https:// URL, so the ACME account key and orders could be read or changed in transit',
      fix: `use the directory's https URL, e.g. "${LETS_ENCRYPT_PRODUCTION}"` });
  }
  if (url !== undefined && (url.username !== '' || url.password !== '')) {
    out.push({ prop, value, problem: 'holds credentials (user:password@), which would be written into the manifest, the diff and the evidence',
      fix: `drop them: "${maskUserinfo(String(server), '')}" (an ACME server knows the account by its private key)${url.password === '' ? '' : '; and change the password, your source holds it'}` });
  }
  return out;
}

/** The names of every `…SecretRef` in an issuer spec (account key, provider credentials), each once. */
export function secretRefNames(spec: unknown): string[] {
  const out = new Set<string>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k.endsWith('SecretRef') && typeof (x as { name?: unknown })?.name === 'string') out.add((x as { name: string }).name);
        else visit(x);
      }
    }
  };
  visit(spec);
  return [...out];
}
