import type { SecretKeyRef } from './compliant-workload';
import { PropProblem } from './errors';
import { checkSecretKeyRef, secretKeySelector } from './private/secret-ref';

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
  /** An IAM role to assume. @default - the pod's ambient credentials (e.g. IRSA) */
  readonly role?: string;
  /** A static access key id, by reference (with `secretAccessKey`). @default - ambient credentials */
  readonly accessKeyId?: SecretKeyRef;
  /** A static secret access key, by reference (with `accessKeyId`). @default - ambient credentials */
  readonly secretAccessKey?: SecretKeyRef;
}

/** Options of {@link Dns01Provider.rfc2136}. */
export interface Rfc2136Options {
  /** The authoritative server, `host:port` or `[ipv6]:port`. */
  readonly nameserver: string;
  /** The name of the TSIG key the server accepts updates with. */
  readonly tsigKeyName: string;
  /** The TSIG secret, by reference. */
  readonly tsigSecret: SecretKeyRef;
  /** The TSIG HMAC; SHA-2 only. @default 'HMACSHA256' */
  readonly tsigAlgorithm?: 'HMACSHA256' | 'HMACSHA384' | 'HMACSHA512';
}

/** Options of {@link Dns01Provider.cloudDns}. */
export interface CloudDnsOptions {
  /** The Google Cloud project that holds the zones. */
  readonly project: string;
  /** A service-account key, by reference. @default - ambient credentials (Workload Identity) */
  readonly serviceAccount?: SecretKeyRef;
}

/** A DNS provider for ACME DNS-01; credentials are always Secret references. */
export class Dns01Provider {
  /** Cloudflare, with an API token. */
  public static cloudflare(options: CloudflareOptions): Dns01Provider {
    return new Dns01Provider('cloudflare', () => ({ cloudflare: { apiTokenSecretRef: secretKeySelector(options.apiToken) } }),
      p => checkSecretKeyRef(`${p}.apiToken`, options?.apiToken));
  }

  /** AWS Route 53, with ambient credentials, a role, or a static key by reference. */
  public static route53(options: Route53Options): Dns01Provider {
    return new Dns01Provider('route53', () => ({
      route53: {
        region: options.region,
        ...(options.hostedZoneId ? { hostedZoneID: options.hostedZoneId } : {}),
        ...(options.role ? { role: options.role } : {}),
        ...(options.accessKeyId ? { accessKeyIDSecretRef: secretKeySelector(options.accessKeyId) } : {}),
        ...(options.secretAccessKey ? { secretAccessKeySecretRef: secretKeySelector(options.secretAccessKey) } : {}),
      },
    }), p => {
      const out: PropProblem[] = [];
      if (typeof options?.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(options.region)) {
        out.push({ prop: `${p}.region`, value: options?.region, problem: 'is not an AWS region', fix: 'e.g. "eu-west-1"' });
      }
      if (options?.hostedZoneId !== undefined && (typeof options.hostedZoneId !== 'string' || !/^[A-Z0-9]{1,32}$/.test(options.hostedZoneId))) {
        out.push({ prop: `${p}.hostedZoneId`, value: options.hostedZoneId, problem: 'is not a Route 53 hosted zone id', fix: 'e.g. "Z0123456789ABCDEFGHIJ", or omit it to find the zone from the host' });
      }
      if (options?.role !== undefined && (typeof options.role !== 'string' || !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(options.role))) {
        out.push({ prop: `${p}.role`, value: options.role, problem: 'is not the ARN of an IAM role', fix: 'e.g. "arn:aws:iam::123456789012:role/cert-manager-dns01"' });
      }
      if (!!options?.accessKeyId !== !!options?.secretAccessKey) {
        out.push({ prop: `${p}.secretAccessKey`, value: options?.secretAccessKey, problem: 'a static key needs both accessKeyId and secretAccessKey',
          fix: 'pass both, or neither to use ambient credentials (preferred)' });
      }
      if (options?.accessKeyId) out.push(...checkSecretKeyRef(`${p}.accessKeyId`, options.accessKeyId));
      if (options?.secretAccessKey) out.push(...checkSecretKeyRef(`${p}.secretAccessKey`, options.secretAccessKey));
      return out;
    });
  }

  /** An RFC 2136 (dynamic update) server, with a TSIG key. */
  public static rfc2136(options: Rfc2136Options): Dns01Provider {
    return new Dns01Provider('rfc2136', () => ({
      rfc2136: {
        nameserver: options.nameserver,
        tsigKeyName: options.tsigKeyName,
        tsigAlgorithm: options.tsigAlgorithm ?? 'HMACSHA256',
        tsigSecretSecretRef: secretKeySelector(options.tsigSecret),
      },
    }), p => {
      const out = checkSecretKeyRef(`${p}.tsigSecret`, options?.tsigSecret);
      const ns = typeof options?.nameserver === 'string' ? /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(options.nameserver) : null;
      if (!ns || (ns[2] !== undefined && (Number(ns[2]) < 1 || Number(ns[2]) > 65535))) {
        out.push({ prop: `${p}.nameserver`, value: options?.nameserver, problem: 'is not host:port (a port from 1 to 65535)', fix: 'e.g. "ns1.example.com:53"' });
      }
      if (typeof options?.tsigKeyName !== 'string' || options.tsigKeyName.trim() === '') {
        out.push({ prop: `${p}.tsigKeyName`, value: options?.tsigKeyName, problem: 'is required', fix: 'name the TSIG key configured on the server' });
      } else if (!TSIG_KEY_NAME.test(options.tsigKeyName)) {
        out.push({ prop: `${p}.tsigKeyName`, value: options.tsigKeyName, problem: 'is not a TSIG key name (a domain name: letters, digits, "-", "_" and dots, optionally ending with a dot)',
          fix: 'name the TSIG key configured on the server, e.g. "acme-update."' });
      }
      if (options?.tsigAlgorithm !== undefined && !['HMACSHA256', 'HMACSHA384', 'HMACSHA512'].includes(options.tsigAlgorithm)) {
        out.push({ prop: `${p}.tsigAlgorithm`, value: options.tsigAlgorithm, problem: 'is not a SHA-2 HMAC (MD5 and SHA-1 are weak)', fix: 'use \'HMACSHA256\' or stronger' });
      }
      return out;
    });
  }

  /** Google Cloud DNS, with Workload Identity or a service-account key by reference. */
  public static cloudDns(options: CloudDnsOptions): Dns01Provider {
    return new Dns01Provider('cloudDNS', () => ({
      cloudDNS: { project: options.project, ...(options.serviceAccount ? { serviceAccountSecretRef: secretKeySelector(options.serviceAccount) } : {}) },
    }), p => {
      const out = options?.serviceAccount ? checkSecretKeyRef(`${p}.serviceAccount`, options.serviceAccount) : [];
      if (typeof options?.project !== 'string' || !/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/.test(options.project)) {
        out.push({ prop: `${p}.project`, value: options?.project, problem: 'is not a Google Cloud project id', fix: 'e.g. "shop-prod-dns"' });
      }
      return out;
    });
  }

  private constructor(
    /** The provider's key in the solver (`cloudflare`, `route53`, …). */
    public readonly kind: string,
    private readonly render: () => Record<string, unknown>,
    private readonly check: (prop: string) => PropProblem[],
  ) {}

  /** @internal */
  public _problems(prop: string): PropProblem[] {
    return this.check(prop);
  }

  /** @internal */
  public _solver(): Record<string, unknown> {
    return this.render();
  }
}
