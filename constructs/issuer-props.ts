import type { Dns01Provider } from './dns01-provider';

/**
 * The ACME challenge an issuer solves. It decides what CertManagedIngress admits: HTTP-01 needs
 * the ingress controller to reach cert-manager's solver pods; DNS-01 needs no traffic into the
 * cluster and is the only way to a wildcard certificate.
 */
export type AcmeChallenge = 'HTTP01' | 'DNS01';

/** Let's Encrypt's production ACME directory. */
export const LETS_ENCRYPT_PRODUCTION = 'https://acme-v02.api.letsencrypt.org/directory';
/** Let's Encrypt's staging ACME directory (untrusted certificates, generous rate limits). */
export const LETS_ENCRYPT_STAGING = 'https://acme-staging-v02.api.letsencrypt.org/directory';

/** Options of {@link Issuer.clusterIssuer} and {@link Issuer.issuer}. */
export interface IssuerReferenceOptions {
  /**
   * The ACME challenge the existing issuer solves. With `'HTTP01'` the ingress controller is
   * admitted to cert-manager's solver pods on port 8089; an issuer that is not ACME, or ACME with
   * DNS-01, needs nothing. Leaving it unset for an HTTP-01 issuer leaves the solver pods behind
   * the namespace's default-deny policy: the certificate is never issued, and nothing here can
   * tell. With `'DNS01'` the ingress may serve wildcard hosts (`allowWildcardHosts`).
   * @default - no ACME challenge traffic is admitted (CA issuers, or DNS-01)
   */
  readonly challenge?: AcmeChallenge;
}

/** What ACME issuers have in common. */
export interface AcmeIssuerProps {
  /**
   * The ACME directory: an https URL without credentials (control issuer-acme-https; SOC 2
   * CC6.7). With a public CA's directory (Let's Encrypt, ZeroSSL, Google Trust Services, Buypass,
   * SSL.com), a CertManagedIngress host that only resolves inside a network (`.svc`,
   * `.cluster.local`, `.local`, `.localhost`, `.internal`, `.test`, `.invalid`, `.example`,
   * `.home.arpa`, `.lan`, `.corp`, `.home`, `.alt`) is refused: a public CA never issues for it.
   * Use a private ACME server, or `Issuer.ca(...)`, for such hosts.
   * @default LETS_ENCRYPT_PRODUCTION
   */
  readonly server?: string;
  /**
   * The contact address registered with the ACME account.
   * @default - no contact address
   */
  readonly email?: string;
  /**
   * The issuer's name. A definition given to CertManagedIngress becomes a namespaced Issuer in
   * the ingress's namespace (least privilege: it can only write Secrets there).
   * @default 'acme-http01', 'acme-dns01' or 'ca'
   */
  readonly name?: string;
  /**
   * The Secret that holds the ACME account's private key (created by cert-manager).
   * @default '<name>-account-key'
   */
  readonly accountKeySecretName?: string;
}

/** Props of {@link Issuer.acmeHttp01}. */
export interface AcmeHttp01IssuerProps extends AcmeIssuerProps {
  /**
   * The ingress class of the solver Ingress cert-manager creates for each challenge.
   * @default - the class of each CertManagedIngress that uses it: ingresses of several classes
   * get one solver per class, each selecting its ingresses' hosts (for a ClusterIssuer: 'nginx')
   */
  readonly ingressClassName?: string;
}

/** Props of {@link Issuer.acmeDns01}. */
export interface AcmeDns01IssuerProps extends AcmeIssuerProps {
  /**
   * The DNS provider that publishes the challenge records. A namespaced Issuer (a definition
   * given to CertManagedIngress) needs credentials of its own: a Secret reference, or Route 53's
   * `serviceAccountName`. cert-manager lends its ambient cloud credentials (Route 53 or Cloud DNS
   * without a stored key) to ClusterIssuers only, unless its controller runs with
   * `--issuer-ambient-credentials`, which would lend them to the Issuers of every namespace; such
   * a provider is refused here, and belongs in a {@link ClusterIssuer}.
   * @see https://cert-manager.io/docs/cli/controller/
   */
  readonly provider: Dns01Provider;
  /**
   * The DNS zones the solver answers for; a CertManagedIngress host outside them is refused.
   * @default - every zone the provider's credentials can change
   */
  readonly dnsZones?: readonly string[];
}

/** Props of {@link Issuer.ca}. */
export interface CaIssuerProps {
  /** The Secret holding the CA's certificate and key (`tls.crt`, `tls.key`). */
  readonly secretName: string;
  /** The issuer's name. @default 'ca' */
  readonly name?: string;
}
