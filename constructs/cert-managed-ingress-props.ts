import type { Duration } from 'cdk8s';
import type { CompliantWorkload } from './compliant-workload';
import type { IIssuer } from './issuer';
import type { CertificateKeyAlgorithm } from './private/certificate';
import type { SensitiveNamespace } from './sensitive-namespace';

export type { CertificateKeyAlgorithm } from './private/certificate';

/** How an Ingress path matches request paths. */
export type IngressPathType = 'Prefix' | 'Exact';

/** One path of a host, routed to a CompliantWorkload. */
export interface IngressPath {
  /** The request path. @default '/' */
  readonly path?: string;
  /** How the path matches. @default 'Prefix' */
  readonly pathType?: IngressPathType;
  /** The workload that serves the path. */
  readonly backend: CompliantWorkload;
  /**
   * The backend port; only the workload's serving port (metrics never leave the cluster).
   * @default - the workload's port
   */
  readonly port?: number;
}

/** A host and its paths. */
export interface IngressHostRule {
  /** The public DNS name. */
  readonly host: string;
  /** The paths of the host, each to a workload. */
  readonly paths: readonly IngressPath[];
}

/** Props of {@link CertManagedIngress}. */
export interface CertManagedIngressProps {
  /**
   * The name of the Ingress and Certificate: a DNS-1123 label (lower-case letters, digits and
   * `-`) of at most 63 characters. Public API. It is also the value of the
   * `app.kubernetes.io/name` and `app.kubernetes.io/instance` labels of the Ingresses and the
   * Certificate, which cert-manager copies onto the CertificateRequests and ACME Orders it
   * creates, and a label value holds at most 63 characters; it has no dot, which separates it
   * from the backend in the `<name>.<backend>` Ingresses. Names cert-manager derives from it
   * (CertificateRequests, Orders, the temporary private-key Secret) are shortened by cert-manager
   * or the API server, and the `<name>-tls` Secret may have up to 253, so they set no lower limit.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The namespace; every backend must run in it.
   * @default - the backends' namespace
   */
  readonly namespace?: SensitiveNamespace;
  /**
   * One public host, served by `backend` on `/`. Use `hosts` for several, `rules` for paths.
   * A host is served by one CertManagedIngress per ingress class in the app: another that names
   * it again (in any namespace, so that no team can take over another's host) is refused. All the
   * paths of a host are therefore routed to workloads of one namespace; give a workload of another
   * namespace a host of its own.
   * @default - none: give exactly one of `host`, `hosts` or `rules`
   */
  readonly host?: string;
  /**
   * Public hosts, all served by `backend` on `/`; each, as for `host`, by this CertManagedIngress alone.
   * @default - none: give exactly one of `host`, `hosts` or `rules`
   */
  readonly hosts?: readonly string[];
  /**
   * The workload serving `host` or `hosts`.
   * @default - none: required with `host` or `hosts`
   */
  readonly backend?: CompliantWorkload;
  /**
   * Hosts with paths routed to one or more workloads (instead of host/hosts and backend); each
   * host, as for `host`, served by this CertManagedIngress alone.
   * @default - none: give exactly one of `host`, `hosts` or `rules`
   */
  readonly rules?: readonly IngressHostRule[];
  /**
   * Where the certificate comes from: `Issuer.clusterIssuer(...)`, `Issuer.issuer(...)`, a
   * {@link ClusterIssuer}, or a definition (`Issuer.acmeHttp01(...)`, `Issuer.acmeDns01(...)`,
   * `Issuer.ca(...)`) created as an Issuer in the namespace.
   */
  readonly issuer: IIssuer;
  /**
   * Allows `*.example.com` hosts. Needs an ACME DNS-01 issuer (the only ACME challenge for
   * wildcards); a wildcard certificate's key opens every subdomain, so name hosts where you can.
   * @default false
   */
  readonly allowWildcardHosts?: boolean;
  /**
   * The IngressClass; the annotations written are ingress-nginx's.
   * @default 'nginx'
   */
  readonly ingressClassName?: string;
  /**
   * The namespace the ingress controller runs in: the only one admitted to the backends
   * (NetworkPolicy) and, for HTTP-01, to the ACME solver pods (SOC 2 CC6.1, CC6.6). One of the
   * app's `ingressControllerNamespaces` setting, the only namespaces that may be admitted from
   * outside the cluster boundary; another is refused.
   * @default - the first of the app's ingressControllerNamespaces setting ('ingress-nginx'); none when that setting is empty, which admits no namespace
   */
  readonly ingressControllerNamespace?: string;
  /**
   * The ingress controller's mesh identity, the only caller the backends' AuthorizationPolicy
   * admits on the backend port, as Istio writes principals: `<trust domain>/ns/<namespace>/sa/<service
   * account>`, without the `spiffe://` scheme of the SPIFFE ID (a value with it is refused). Its
   * namespace must be `ingressControllerNamespace`.
   * @default 'cluster.local/ns/<ingressControllerNamespace>/sa/ingress-nginx'
   */
  readonly ingressControllerPrincipal?: string;
  /**
   * The certificate's key algorithm (control certificate-key-strength; SOC 2 CC6.1, CC6.7).
   * @default 'ECDSA'
   */
  readonly keyAlgorithm?: CertificateKeyAlgorithm;
  /**
   * The key size: 256 or 384 for ECDSA, 2048, 3072 or 4096 for RSA (and at least the app's
   * minRsaKeySize setting).
   * @default - 256 for ECDSA (P-256); for RSA, 2048 or the smallest size of at least the app's minRsaKeySize
   */
  readonly keySize?: number;
  /**
   * The certificate's lifetime, at most 90 days and the app's maxCertificateDays setting
   * (control certificate-lifetime). Let's Encrypt issues 90-day certificates whatever is asked
   * (cert-manager passes the duration to an ACME server only with enableDurationFeature, which it
   * does not support), so with a Let's Encrypt issuer a shorter lifetime, or a maxCertificateDays
   * below 90, is refused: take shorter-lived certificates from a CA that issues them.
   * @default - Duration.days(90), or the app's maxCertificateDays when shorter
   */
  readonly certificateDuration?: Duration;
  /**
   * How long before expiry cert-manager renews (with a new key: rotationPolicy Always);
   * shorter than the duration.
   * @default - Duration.days(30), or a third of a shorter certificateDuration
   */
  readonly renewBefore?: Duration;
  /**
   * The Secret that receives the certificate and key; the Ingress's TLS entry names it.
   * @default '<name>-tls'
   */
  readonly secretName?: string;
}
