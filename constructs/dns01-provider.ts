import { PropProblem } from './errors';
import type { SecretKeyRef } from './key-refs';
import { checkKeyRef, KeyRefKind } from './private/key-ref';
import { checkNameserver } from './private/nameserver';
import { secretKeySelector } from './private/secret-ref';
import { checkDnsLabel, factoryOptionsOf, KeyShape } from './private/validate';

/** A TSIG key name as DNS servers write it: labels of letters, digits, `-` and `_`, dot-separated, a final dot allowed. */
const TSIG_KEY_NAME = /^(?=.{1,253}$)[A-Za-z0-9_]([-A-Za-z0-9_]{0,61}[A-Za-z0-9_])?(\.[A-Za-z0-9_]([-A-Za-z0-9_]{0,61}[A-Za-z0-9_])?)*\.?$/;

/** Options of {@link Dns01Provider.cloudflare}. */
export interface CloudflareOptions {
  /** The API token (Zone:DNS:Edit on the zones), by reference. */
  readonly apiToken: SecretKeyRef;
}

/** Options of {@link Dns01Provider.route53}. */
export interface Route53Options {
  /** The AWS region of the Route 53 API calls, e.g. `eu-west-1`. */
  readonly region: string;
  /** The hosted zone to change. @default - found from the host */
  readonly hostedZoneId?: string;
  /**
   * An IAM role to assume; required with `serviceAccountName`.
   * @default - no role: the rights of the static key or of the ambient credentials
   */
  readonly role?: string;
  /**
   * A ServiceAccount whose bound token cert-manager exchanges for the credentials of `role`
   * (AssumeRoleWithWebIdentity; cert-manager's `auth.kubernetes.serviceAccountRef`): credentials of
   * the issuer's own, with no stored key, which a namespaced Issuer may use. The ServiceAccount
   * lives in the Issuer's namespace (for a ClusterIssuer, in cert-manager's cluster resource
   * namespace); the role's trust policy must name it, and a Role must let cert-manager's
   * ServiceAccount create tokens for it (`serviceaccounts/token`, verb `create`, resourceNames
   * limited to it). Control rbac-no-privilege-paths flags that Role wherever it is written, so
   * it takes a suppression with its reason.
   * @default - no ServiceAccount: the static key, or else ambient credentials (a ClusterIssuer only)
   * @see https://cert-manager.io/docs/configuration/acme/dns01/route53/
   */
  readonly serviceAccountName?: string;
  /**
   * A static access key id, by reference (with `secretAccessKey`).
   * @default - `serviceAccountName`, or else ambient credentials (a ClusterIssuer only)
   */
  readonly accessKeyId?: SecretKeyRef;
  /**
   * A static secret access key, by reference (with `accessKeyId`).
   * @default - `serviceAccountName`, or else ambient credentials (a ClusterIssuer only)
   */
  readonly secretAccessKey?: SecretKeyRef;
}

/** Options of {@link Dns01Provider.rfc2136}. */
export interface Rfc2136Options {
  /**
   * The authoritative server: `host:port`, `ipv4:port` or `[ipv6]:port` (without `:port`, cert-manager
   * uses 53); a host that is none of them is refused.
   */
  readonly nameserver: string;
  /** The name of the TSIG key the server accepts updates with. */
  readonly tsigKeyName: string;
  /** The TSIG secret, by reference. */
  readonly tsigSecret: SecretKeyRef;
  /** The TSIG HMAC: a SHA-2 one cert-manager supports (it has no HMACSHA384). @default 'HMACSHA256' */
  readonly tsigAlgorithm?: 'HMACSHA256' | 'HMACSHA512';
}

/** Options of {@link Dns01Provider.cloudDns}. */
export interface CloudDnsOptions {
  /** The Google Cloud project that holds the zones. */
  readonly project: string;
  /**
   * A service-account key, by reference.
   * @default - ambient credentials (Workload Identity), which only a ClusterIssuer may use
   */
  readonly serviceAccount?: SecretKeyRef;
}

/** The options each provider knows, each flagged required or not (an option added to an interface and not here does not compile). */
const CLOUDFLARE_OPTIONS = { apiToken: true } as const satisfies KeyShape<CloudflareOptions>;
const ROUTE53_OPTIONS = {
  region: true, hostedZoneId: false, role: false, serviceAccountName: false, accessKeyId: false, secretAccessKey: false,
} as const satisfies KeyShape<Route53Options>;
const RFC2136_OPTIONS = { nameserver: true, tsigKeyName: true, tsigSecret: true, tsigAlgorithm: false } as const satisfies KeyShape<Rfc2136Options>;
const CLOUD_DNS_OPTIONS = { project: true, serviceAccount: false } as const satisfies KeyShape<CloudDnsOptions>;

/** What a provider's credential options reference (a key of a Secret), and the fix for a value that is no reference. */
const CREDENTIALS: KeyRefKind = { kind: 'Secret', nameKey: 'secret', example: { name: 'cloudflare-api-token', key: 'api-token' } };
const CREDENTIALS_USAGE = 'pass { secret: \'<name>\', key: \'<key>\' }';

/**
 * The options of `Dns01Provider.<method>` as they apply; options that are no object, or an option
 * it does not know, throw a Soc2Error naming `Dns01Provider.<method>(options.<key>)`.
 */
function providerOptions<T extends object>(method: string, options: T, example: string, shape: KeyShape<T>): T {
  return factoryOptionsOf(`Dns01Provider.${method}`, 'INVALID_ISSUER', options, example, shape);
}

/**
 * Problems with Route 53's `serviceAccountName`: a ServiceAccount name, given with `role` (the role
 * its token is exchanged for) and without a static key (which cert-manager would use instead).
 */
function checkRoute53ServiceAccount(p: string, options: Route53Options | undefined): PropProblem[] {
  const name = options?.serviceAccountName;
  if (name === undefined) return [];
  const out: PropProblem[] = [];
  const n = checkDnsLabel(`${p}.serviceAccountName`, name, { maxLength: 253 });
  if (n) out.push({ ...n, fix: 'name the ServiceAccount whose token cert-manager exchanges for the role, e.g. "cert-manager-dns01"' });
  if (options?.role === undefined) {
    out.push({ prop: `${p}.role`, value: undefined, problem: 'is required with serviceAccountName: cert-manager exchanges the ServiceAccount\'s token for this role\'s credentials',
      fix: 'pass the ARN of the role whose trust policy names the ServiceAccount, e.g. "arn:aws:iam::123456789012:role/cert-manager-dns01"' });
  }
  if (options?.accessKeyId || options?.secretAccessKey) {
    out.push({ prop: `${p}.serviceAccountName`, value: name, problem: 'cannot be combined with a static key (accessKeyId, secretAccessKey), which cert-manager would use instead',
      fix: 'keep serviceAccountName and drop the static key (no stored credentials), or drop serviceAccountName' });
  }
  return out;
}

/**
 * A DNS provider for ACME DNS-01; credentials are Secret references, a ServiceAccount's token
 * (Route 53), or cert-manager's ambient credentials, which only a ClusterIssuer may use. Options
 * that are no object, or an option a factory does not know, throw a Soc2Error (`INVALID_ISSUER`)
 * naming it (`Dns01Provider.route53(options.hostedZoneID)`, with the closest known option); the
 * values are checked where the issuer is used.
 */
export class Dns01Provider {
  /** Cloudflare, with an API token. */
  public static cloudflare(options: CloudflareOptions): Dns01Provider {
    options = providerOptions('cloudflare', options, '{ apiToken: { secret: \'cloudflare-api-token\', key: \'api-token\' } }', CLOUDFLARE_OPTIONS);
    return new Dns01Provider('cloudflare', () => ({ cloudflare: { apiTokenSecretRef: secretKeySelector(options.apiToken) } }),
      p => {
        const out: PropProblem[] = [];
        checkKeyRef(`${p}.apiToken`, options.apiToken, CREDENTIALS, CREDENTIALS_USAGE, out);
        return out;
      });
  }

  /**
   * AWS Route 53, with a ServiceAccount's token for a role, a static key by reference, or (a
   * ClusterIssuer only) ambient credentials, each optionally assuming a role.
   */
  public static route53(options: Route53Options): Dns01Provider {
    options = providerOptions('route53', options, '{ region: \'eu-west-1\', serviceAccountName: \'cert-manager-dns01\', role: \'arn:aws:iam::123456789012:role/cert-manager-dns01\' }', ROUTE53_OPTIONS);
    const ambient = !options.accessKeyId && !options.secretAccessKey && !options.serviceAccountName;
    return new Dns01Provider('route53', () => ({
      route53: {
        region: options.region,
        ...(options.hostedZoneId ? { hostedZoneID: options.hostedZoneId } : {}),
        ...(options.role ? { role: options.role } : {}),
        ...(options.serviceAccountName ? { auth: { kubernetes: { serviceAccountRef: { name: options.serviceAccountName } } } } : {}),
        ...(options.accessKeyId ? { accessKeyIDSecretRef: secretKeySelector(options.accessKeyId) } : {}),
        ...(options.secretAccessKey ? { secretAccessKeySecretRef: secretKeySelector(options.secretAccessKey) } : {}),
      },
    }), (p, issuerKind) => {
      const out: PropProblem[] = checkRoute53ServiceAccount(p, options);
      if (typeof options.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(options.region)) {
        out.push({ prop: `${p}.region`, value: options.region, problem: 'is not an AWS region', fix: 'e.g. "eu-west-1"' });
      }
      if (options.hostedZoneId !== undefined && (typeof options.hostedZoneId !== 'string' || !/^[A-Z0-9]{1,32}$/.test(options.hostedZoneId))) {
        out.push({ prop: `${p}.hostedZoneId`, value: options.hostedZoneId, problem: 'is not a Route 53 hosted zone id', fix: 'e.g. "Z0123456789ABCDEFGHIJ", or omit it to find the zone from the host' });
      }
      if (options.role !== undefined && (typeof options.role !== 'string' || !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(options.role))) {
        out.push({ prop: `${p}.role`, value: options.role, problem: 'is not the ARN of an IAM role', fix: 'e.g. "arn:aws:iam::123456789012:role/cert-manager-dns01"' });
      }
      if (!!options.accessKeyId !== !!options.secretAccessKey) {
        const missing = options.accessKeyId ? 'secretAccessKey' : 'accessKeyId';
        out.push({ prop: `${p}.${missing}`, value: options[missing], problem: 'is missing: a static key needs both accessKeyId and secretAccessKey',
          // cert-manager lends its ambient credentials to ClusterIssuers only: a namespaced Issuer needs credentials of its own.
          fix: issuerKind === 'ClusterIssuer' ? 'pass both, or neither to use ambient credentials (preferred)'
            : 'pass both by reference, or drop the static key for serviceAccountName (with role), which needs no stored key; a namespaced Issuer cannot use ambient credentials' });
      }
      if (options.accessKeyId) checkKeyRef(`${p}.accessKeyId`, options.accessKeyId, CREDENTIALS, CREDENTIALS_USAGE, out);
      if (options.secretAccessKey) checkKeyRef(`${p}.secretAccessKey`, options.secretAccessKey, CREDENTIALS, CREDENTIALS_USAGE, out);
      return out;
    }, ambient ? 'pass serviceAccountName (with role): a ServiceAccount of the namespace that cert-manager may request tokens for; or accessKeyId and secretAccessKey by reference' : undefined);
  }

  /** An RFC 2136 (dynamic update) server, with a TSIG key. */
  public static rfc2136(options: Rfc2136Options): Dns01Provider {
    options = providerOptions('rfc2136', options, '{ nameserver: \'ns1.example.com:53\', tsigKeyName: \'acme-update.\', tsigSecret: { secret: \'tsig\', key: \'secret\' } }', RFC2136_OPTIONS);
    return new Dns01Provider('rfc2136', () => ({
      rfc2136: {
        nameserver: options.nameserver,
        tsigKeyName: options.tsigKeyName,
        tsigAlgorithm: options.tsigAlgorithm ?? 'HMACSHA256',
        tsigSecretSecretRef: secretKeySelector(options.tsigSecret),
      },
    }), p => {
      const out: PropProblem[] = [];
      checkKeyRef(`${p}.tsigSecret`, options.tsigSecret, CREDENTIALS, CREDENTIALS_USAGE, out);
      const ns = checkNameserver(`${p}.nameserver`, options.nameserver);
      if (ns) out.push(ns);
      if (typeof options.tsigKeyName !== 'string' || options.tsigKeyName.trim() === '') {
        out.push({ prop: `${p}.tsigKeyName`, value: options.tsigKeyName, problem: 'is required', fix: 'name the TSIG key configured on the server' });
      } else if (!TSIG_KEY_NAME.test(options.tsigKeyName)) {
        out.push({ prop: `${p}.tsigKeyName`, value: options.tsigKeyName, problem: 'is not a TSIG key name (a domain name: letters, digits, "-", "_" and dots, optionally ending with a dot)',
          fix: 'name the TSIG key configured on the server, e.g. "acme-update."' });
      }
      if (options.tsigAlgorithm !== undefined && !['HMACSHA256', 'HMACSHA512'].includes(options.tsigAlgorithm)) {
        const weak = ['HMACMD5', 'HMACSHA1'].includes(options.tsigAlgorithm as string);
        out.push({ prop: `${p}.tsigAlgorithm`, value: options.tsigAlgorithm,
          problem: weak ? 'is not a SHA-2 HMAC (MD5 and SHA-1 are weak)' : 'is not a TSIG algorithm cert-manager supports (HMACMD5, HMACSHA1, HMACSHA256, HMACSHA512)',
          fix: 'use \'HMACSHA256\' or \'HMACSHA512\'' });
      }
      return out;
    });
  }

  /** Google Cloud DNS, with a service-account key by reference or (a ClusterIssuer only) Workload Identity. */
  public static cloudDns(options: CloudDnsOptions): Dns01Provider {
    options = providerOptions('cloudDns', options, '{ project: \'shop-prod-dns\', serviceAccount: { secret: \'clouddns-key\', key: \'key.json\' } }', CLOUD_DNS_OPTIONS);
    return new Dns01Provider('cloudDNS', () => ({
      cloudDNS: { project: options.project, ...(options.serviceAccount ? { serviceAccountSecretRef: secretKeySelector(options.serviceAccount) } : {}) },
    }), p => {
      const out: PropProblem[] = [];
      if (options.serviceAccount) checkKeyRef(`${p}.serviceAccount`, options.serviceAccount, CREDENTIALS, CREDENTIALS_USAGE, out);
      if (typeof options.project !== 'string' || !/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(options.project)) {
        out.push({ prop: `${p}.project`, value: options.project, problem: 'is not a Google Cloud project id', fix: 'e.g. "shop-prod-dns"' });
      }
      return out;
    }, options.serviceAccount ? undefined : 'pass serviceAccount: a service-account key by reference');
  }

  private constructor(
    /** The provider's key in the solver (`cloudflare`, `route53`, …). */
    public readonly kind: string,
    private readonly render: () => Record<string, unknown>,
    private readonly check: (prop: string, issuerKind: 'Issuer' | 'ClusterIssuer') => PropProblem[],
    /**
     * How to give the provider credentials of its own, when it has none and would take cert-manager's
     * ambient ones; `undefined` when it has its own.
     */
    private readonly ownCredentialsFix?: string,
  ) {}

  /**
   * Problems with the options, for a provider of an issuer of `issuerKind` (whose fixes differ:
   * only a ClusterIssuer may use ambient credentials).
   * @internal
   */
  public _problems(prop: string, issuerKind: 'Issuer' | 'ClusterIssuer'): PropProblem[] {
    return this.check(prop, issuerKind);
  }

  /**
   * How to give the provider credentials of its own when it uses cert-manager's ambient
   * credentials (no stored key, no ServiceAccount), else `undefined`.
   * @internal
   */
  public get _ambientCredentialsFix(): string | undefined {
    return this.ownCredentialsFix;
  }

  /** @internal */
  public _solver(): Record<string, unknown> {
    return this.render();
  }
}
