import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { isLetsEncrypt, publicAcmeCa } from '../src/compliance/common/acme-servers';
import { Dns01Provider } from './dns01-provider';
import { propError, PropProblem, Soc2Error } from './errors';
import {
  AcmeChallenge, AcmeDns01IssuerProps, AcmeHttp01IssuerProps, AcmeIssuerProps, CaIssuerProps, IssuerReferenceOptions, LETS_ENCRYPT_PRODUCTION,
} from './issuer-props';
import { ambientCredentialsProblem, checkAcmeServer, http01Solver, http01Solvers, secretRefNames } from './private/acme-issuer';
import { emit } from './private/api';
import { appRegistry } from './private/app-registry';
import { checkHost } from './private/hosts';
import { checkDnsLabel, factoryOptionsOf, KeyShape } from './private/validate';

/**
 * The options each factory of {@link Issuer} knows, each flagged required or not (one added to an
 * interface and not here does not compile).
 */
const REFERENCE_OPTIONS = { challenge: false } as const satisfies KeyShape<IssuerReferenceOptions>;
const REFERENCE_EXAMPLE = '{ challenge: \'HTTP01\' }';
const ACME_OPTIONS = { server: false, email: false, name: false, accountKeySecretName: false } as const satisfies KeyShape<AcmeIssuerProps>;
const ACME_HTTP01_OPTIONS = { ...ACME_OPTIONS, ingressClassName: false } as const satisfies KeyShape<AcmeHttp01IssuerProps>;
const ACME_DNS01_OPTIONS = { ...ACME_OPTIONS, provider: true, dnsZones: false } as const satisfies KeyShape<AcmeDns01IssuerProps>;
const CA_OPTIONS = { secretName: true, name: false } as const satisfies KeyShape<CaIssuerProps>;

/** The issuer a Certificate names, as CertManagedIngress needs it. @internal */
export interface BoundIssuer {
  readonly kind: 'Issuer' | 'ClusterIssuer';
  readonly name: string;
  /** The ACME challenge it solves. @default - unknown (a referenced issuer) */
  readonly challenge?: AcmeChallenge;
  /** The ingress class of the HTTP-01 solver. @default - unknown */
  readonly http01IngressClass?: string;
  /** The DNS-01 zones it may solve for. @default - any zone */
  readonly dnsZones?: readonly string[];
  /**
   * The public CA behind its ACME server, which issues only for names in the public DNS.
   * @default - none known (a private ACME server, a CA issuer, or a referenced issuer)
   */
  readonly publicCa?: string;
  /**
   * Whether its ACME server is Let's Encrypt's, which issues 90-day certificates whatever the
   * Certificate asks. @default false
   */
  readonly letsEncrypt?: boolean;
  /**
   * The Secrets the issuer reads or writes in its namespace (CA key pair, ACME account key, DNS
   * provider credentials), which no certificate may be written to. @default - none known
   */
  readonly secrets?: readonly string[];
}

/** An issuer a CertManagedIngress can take its certificate from. */
export interface IIssuer {
  /** The ACME challenge it solves. @default - unknown (a referenced issuer) */
  readonly challenge?: AcmeChallenge;
  /**
   * Resolves the issuer for a CertManagedIngress in `namespace` serving `hosts` through
   * `ingressClassName`, emitting it there if it is a definition. Throws a Soc2Error on `scope`
   * naming `prop`.
   * @internal
   */
  _bind(scope: Construct, prop: string, namespace: string, ingressClassName: string, hosts: readonly string[]): BoundIssuer;
}

/**
 * Where a CertManagedIngress gets its certificate: an existing ClusterIssuer or Issuer, or an
 * issuer defined here (ACME HTTP-01, ACME DNS-01, or a CA), which the ingress creates as a
 * namespaced Issuer in its namespace. For a ClusterIssuer shared by teams, use {@link ClusterIssuer}.
 */
export abstract class Issuer implements IIssuer {
  /**
   * An existing ClusterIssuer (e.g. installed with cert-manager). Name its ACME challenge in
   * `options.challenge` ('HTTP01' or 'DNS01'): an HTTP-01 issuer without it never gets its
   * solver pods reached. Options that are no object, or an option it does not know, throw a
   * Soc2Error (`INVALID_ISSUER`) naming `Issuer.clusterIssuer(options.<key>)`, here as in every
   * factory below.
   */
  public static clusterIssuer(name: string, options?: IssuerReferenceOptions): IIssuer {
    return new IssuerReference('ClusterIssuer', name, factoryOptionsOf('Issuer.clusterIssuer', 'INVALID_ISSUER', options, REFERENCE_EXAMPLE, REFERENCE_OPTIONS));
  }

  /**
   * An existing Issuer in the CertManagedIngress's namespace. Name its ACME challenge in
   * `options.challenge` ('HTTP01' or 'DNS01'): an HTTP-01 issuer without it never gets its
   * solver pods reached.
   */
  public static issuer(name: string, options?: IssuerReferenceOptions): IIssuer {
    return new IssuerReference('Issuer', name, factoryOptionsOf('Issuer.issuer', 'INVALID_ISSUER', options, REFERENCE_EXAMPLE, REFERENCE_OPTIONS));
  }

  /** An ACME issuer that proves control of each host over HTTP, through the ingress class. */
  public static acmeHttp01(props: AcmeHttp01IssuerProps = {}): IssuerDefinition {
    return new IssuerDefinition('acme-http01', factoryOptionsOf('Issuer.acmeHttp01', 'INVALID_ISSUER', props, '{ email: \'security@example.com\' }', ACME_HTTP01_OPTIONS));
  }

  /** An ACME issuer that proves control of each host through DNS records; required for wildcard hosts. */
  public static acmeDns01(props: AcmeDns01IssuerProps): IssuerDefinition {
    return new IssuerDefinition('acme-dns01', factoryOptionsOf('Issuer.acmeDns01', 'INVALID_ISSUER', props,
      '{ provider: Dns01Provider.cloudflare({ apiToken: { secret: \'cloudflare-api-token\', key: \'api-token\' } }) }', ACME_DNS01_OPTIONS));
  }

  /** A CA issuer that signs with the CA key pair in a Secret (private PKI). */
  public static ca(props: CaIssuerProps): IssuerDefinition {
    return new IssuerDefinition('ca', factoryOptionsOf('Issuer.ca', 'INVALID_ISSUER', props, '{ secretName: \'internal-ca\' }', CA_OPTIONS));
  }

  public abstract readonly challenge?: AcmeChallenge;

  /** @internal */
  public abstract _bind(scope: Construct, prop: string, namespace: string, ingressClassName: string, hosts: readonly string[]): BoundIssuer;
}

class IssuerReference extends Issuer {
  public readonly challenge?: AcmeChallenge;

  /** @param options the options as {@link Issuer.clusterIssuer} and {@link Issuer.issuer} checked them. */
  public constructor(private readonly kind: 'Issuer' | 'ClusterIssuer', private readonly name: string, options: IssuerReferenceOptions) {
    super();
    this.challenge = options.challenge;
  }

  public _bind(scope: Construct, prop: string): BoundIssuer {
    const found: PropProblem[] = [];
    const n = checkDnsLabel(`${prop} (${this.kind} name)`, this.name, { maxLength: 253 });
    if (n) found.push({ ...n, fix: `pass the name of the existing ${this.kind}` });
    if (this.challenge !== undefined && this.challenge !== 'HTTP01' && this.challenge !== 'DNS01') {
      found.push({ prop: `${prop} (challenge)`, value: this.challenge, problem: 'is not an ACME challenge', fix: 'use \'HTTP01\' or \'DNS01\' for an ACME issuer, or omit it for a CA issuer' });
    }
    Soc2Error.throwIf(scope, 'INVALID_ISSUER', found);
    return { kind: this.kind, name: this.name, challenge: this.challenge };
  }
}

type DefinitionKind = 'acme-http01' | 'acme-dns01' | 'ca';

/** A namespaced Issuer emitted from a definition, and the hosts it solves HTTP-01 for, by ingress class. */
interface EmittedIssuer {
  readonly definition: IssuerDefinition;
  readonly http01Hosts: Map<string, Set<string>>;
}

/** An issuer defined in code; see the factories of {@link Issuer}. */
export class IssuerDefinition extends Issuer {
  /** The ACME challenge it solves (`undefined` for a CA). */
  public readonly challenge?: AcmeChallenge;

  private readonly props: AcmeHttp01IssuerProps & Partial<AcmeDns01IssuerProps> & Partial<CaIssuerProps>;

  /**
   * @param props the props as the factory of `kind` checked them
   * @internal
   */
  public constructor(private readonly kind: DefinitionKind, props: AcmeHttp01IssuerProps & Partial<AcmeDns01IssuerProps> & Partial<CaIssuerProps>) {
    super();
    this.props = props;
    this.challenge = kind === 'acme-http01' ? 'HTTP01' : kind === 'acme-dns01' ? 'DNS01' : undefined;
  }

  /** The name it is created with, unless a ClusterIssuer names it. */
  public get name(): string {
    return this.props.name ?? this.kind;
  }

  /** The name given in the props, if any. @internal */
  public get _declaredName(): string | undefined {
    return this.props.name;
  }

  /**
   * Emits the Issuer in `namespace` for the first ingress there; records the hosts of every
   * ingress by class, so an HTTP-01 solver exists for each class that uses it.
   * @internal
   */
  public _bind(scope: Construct, prop: string, namespace: string, ingressClassName: string, hosts: readonly string[] = []): BoundIssuer {
    const { spec, bound } = this._render(scope, prop, 'Issuer', this.name, ingressClassName);
    const created = appRegistry(scope, 'issuer:namespaced', () => new Map<string, EmittedIssuer>());
    const key = `${namespace}/${this.name}`;
    const existing = created.get(key);
    if (existing && existing.definition !== this) {
      throw propError(scope, 'DUPLICATE_NAME', `${prop}.name`, this.name, `another issuer definition in namespace "${namespace}" is already named "${this.name}"`,
        'reuse the same Issuer.* value for every ingress of the namespace, or give each definition its own name');
    }
    const entry = existing ?? { definition: this, http01Hosts: new Map<string, Set<string>>() };
    const cls = bound.http01IngressClass;
    if (cls !== undefined) {
      for (const [other, otherHosts] of entry.http01Hosts) {
        const shared = other === cls ? undefined : hosts.find(h => otherHosts.has(h));
        if (shared !== undefined) {
          throw propError(scope, 'INVALID_ISSUER', prop, this.name,
            `solves HTTP-01 for host "${shared}" through ingress class "${other}" already, and one Issuer cannot send the challenges of one host through two classes`,
            'give the ingresses of each class their own issuer definition (another name), or use DNS-01');
        }
      }
      const own = entry.http01Hosts.get(cls) ?? new Set<string>();
      for (const h of hosts) own.add(h);
      entry.http01Hosts.set(cls, own);
    }
    if (!existing) {
      created.set(key, entry);
      const rendered = cls === undefined ? spec
        : { acme: { ...(spec.acme as Record<string, unknown>), solvers: Lazy.any({ produce: () => http01Solvers(entry.http01Hosts) }) } };
      emit(scope, 'Issuer', 'cert-manager.io/v1', 'Issuer', { name: this.name, namespace }, { spec: rendered });
    }
    return bound;
  }

  /**
   * Validates and renders the issuer's spec for a given kind and name; `nameProp` is the prop that
   * gives the name (the definition's `name`, or the ClusterIssuer's).
   * @internal
   */
  public _render(scope: Construct, prop: string, kind: 'Issuer' | 'ClusterIssuer', name: string, ingressClassName: string,
    nameProp = `${prop}.name`): { spec: Record<string, unknown>; bound: BoundIssuer } {
    const p = this.props;
    const found: PropProblem[] = [];
    const n = checkDnsLabel(nameProp, name, { maxLength: 253 });
    if (n) found.push(n);
    if (this.kind === 'ca') {
      const s = checkDnsLabel(`${prop}.secretName`, p.secretName, { maxLength: 253 });
      if (s) found.push({ ...s, fix: 'name the Secret holding the CA certificate and key (tls.crt, tls.key)' });
      Soc2Error.throwIf(scope, 'INVALID_ISSUER', found);
      return { spec: { ca: { secretName: p.secretName } }, bound: { kind, name, secrets: [p.secretName!] } };
    }
    const server = p.server ?? LETS_ENCRYPT_PRODUCTION;
    found.push(...checkAcmeServer(`${prop}.server`, server));
    if (p.email !== undefined && (typeof p.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.email))) {
      found.push({ prop: `${prop}.email`, value: p.email, problem: 'is not an e-mail address', fix: 'use a team address, e.g. "security@example.com"' });
    }
    const accountKey = p.accountKeySecretName ?? `${name}-account-key`;
    const k = checkDnsLabel(`${prop}.accountKeySecretName`, accountKey, { maxLength: 253 });
    if (k && p.accountKeySecretName !== undefined) {
      found.push(k);
    } else if (k && !n) {
      // The default derives from the name: the problem is the name's, and one with it is reported once.
      found.push({ prop: nameProp, value: name, problem: `makes the default accountKeySecretName "${accountKey}" longer than the 253 characters of a Secret name`,
        fix: `use a shorter name, or set ${prop}.accountKeySecretName` });
    }
    let solver: Record<string, unknown>;
    let bound: BoundIssuer;
    if (this.kind === 'acme-http01') {
      const cls = p.ingressClassName ?? ingressClassName;
      const c = checkDnsLabel(`${prop}.ingressClassName`, cls, { maxLength: 253 });
      if (c) found.push(c);
      solver = http01Solver(cls);
      bound = { kind, name, challenge: 'HTTP01', http01IngressClass: cls };
    } else {
      if (!(p.provider instanceof Dns01Provider)) {
        found.push({ prop: `${prop}.provider`, value: p.provider, problem: 'is not a DNS-01 provider', fix: 'use Dns01Provider.cloudflare(...), .route53(...), .rfc2136(...) or .cloudDns(...)' });
      } else {
        found.push(...p.provider._problems(`${prop}.provider`, kind));
        const ownCredentials = p.provider._ambientCredentialsFix;
        if (kind === 'Issuer' && ownCredentials !== undefined) found.push(ambientCredentialsProblem(`${prop}.provider`, p.provider, ownCredentials));
      }
      const zones = p.dnsZones;
      if (zones !== undefined) {
        if (!Array.isArray(zones) || zones.length === 0) found.push({ prop: `${prop}.dnsZones`, value: zones, problem: 'must list at least one zone', fix: 'omit it, or name the zones, e.g. ["example.com"]' });
        else {
          // A zone listed twice would be written twice into the solver's selector: refused, as a repeated host is.
          const seen = new Map<unknown, number>();
          zones.forEach((z, i) => {
            const h = checkHost(`${prop}.dnsZones[${i}]`, z);
            if (h) found.push(h);
            else if (seen.has(z)) found.push({ prop: `${prop}.dnsZones[${i}]`, value: z, problem: `repeats ${prop}.dnsZones[${seen.get(z)}]`, fix: 'list each zone once' });
            else seen.set(z, i);
          });
        }
      }
      Soc2Error.throwIf(scope, 'INVALID_ISSUER', found);
      solver = {
        ...(zones && zones.length > 0 ? { selector: { dnsZones: [...zones] } } : {}),
        dns01: (p.provider as Dns01Provider)._solver(),
      };
      bound = { kind, name, challenge: 'DNS01', dnsZones: zones ? [...zones] : undefined };
    }
    Soc2Error.throwIf(scope, 'INVALID_ISSUER', found);
    const spec = {
      acme: {
        server,
        ...(p.email ? { email: p.email } : {}),
        privateKeySecretRef: { name: accountKey },
        solvers: [solver],
      },
    };
    return { spec, bound: { ...bound, secrets: secretRefNames(spec), publicCa: publicAcmeCa(server), letsEncrypt: isLetsEncrypt(server) } };
  }
}
