import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { isLetsEncrypt, maskUserinfo, publicAcmeCa } from '../src/compliance/common/acme-servers';
import { parseUrl } from '../src/compliance/common/url';
import { Dns01Provider } from './dns01-provider';
import { propError, PropProblem, Soc2Error } from './errors';
import { emit } from './private/api';
import { appRegistry } from './private/app-registry';
import { enforceCompliance } from './private/enforce';
import { checkHost } from './private/hosts';
import { checkDnsLabel, factoryOptionsOf, KeyShape, propsOf } from './private/validate';

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
        else zones.forEach((z, i) => { const h = checkHost(`${prop}.dnsZones[${i}]`, z); if (h) found.push(h); });
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

/**
 * A DNS-01 provider of a namespaced Issuer that would take cert-manager's ambient credentials,
 * which cert-manager gives only to ClusterIssuers unless its controller runs with
 * `--issuer-ambient-credentials` (default false).
 * @see https://cert-manager.io/docs/cli/controller/
 */
function ambientCredentialsProblem(prop: string, provider: Dns01Provider, ownCredentials: string): PropProblem {
  return {
    prop, value: provider.kind,
    problem: 'has no credentials of its own, so cert-manager would use its ambient cloud credentials, which it gives a namespaced Issuer only when the controller runs with '
      + '--issuer-ambient-credentials (default false, as it would lend them to the Issuers of every namespace): no challenge would be solved',
    fix: `${ownCredentials}; or make the issuer a ClusterIssuer (new ClusterIssuer(platformChart, 'letsencrypt-dns', { issuer: Issuer.acmeDns01({ ... }) })), which may use ambient credentials, and pass that`,
  };
}

/** Props of {@link ClusterIssuer}. */
export interface ClusterIssuerProps {
  /** What the ClusterIssuer is: `Issuer.acmeHttp01(...)`, `Issuer.acmeDns01(...)` or `Issuer.ca(...)`. */
  readonly issuer: IssuerDefinition;
  /**
   * The ClusterIssuer's name: a DNS-1123 subdomain (lower-case letters, digits, `-` and `.`) of at
   * most 253 characters. Public API: Certificates reference it. An ACME issuer's account key
   * Secret is named after it unless the definition sets `accountKeySecretName`.
   * @default - the construct id
   */
  readonly name?: string;
}

/** The props ClusterIssuer knows (a prop added to the interface and not here does not compile). */
const CLUSTER_ISSUER_PROPS = { issuer: true, name: false } as const satisfies KeyShape<ClusterIssuerProps>;

/**
 * A cert-manager ClusterIssuer, shared by the ingresses of every team; put it in the platform's
 * chart and pass it as the `issuer` of CertManagedIngresses. Its Secrets (ACME account key, DNS
 * provider credentials, CA key pair) live in cert-manager's cluster resource namespace.
 */
export class ClusterIssuer extends Construct implements IIssuer {
  /** The ClusterIssuer's name. */
  public readonly name: string;
  /** The ACME challenge it solves (`undefined` for a CA). */
  public readonly challenge?: AcmeChallenge;
  /** The ClusterIssuer object. */
  public readonly resource: ApiObject;
  private readonly bound: BoundIssuer;

  public constructor(scope: Construct, id: string, props: ClusterIssuerProps) {
    super(scope, id);
    const unknown: PropProblem[] = [];
    props = propsOf(props, CLUSTER_ISSUER_PROPS, unknown);
    Soc2Error.throwIf(this, 'INVALID_PROP', unknown);
    this.name = props?.name ?? id;
    const nameProp = props?.name === undefined ? 'id' : 'name';
    // Checked first: the account key's default name derives from it, and would repeat its problem.
    const nameProblem = checkDnsLabel(nameProp, this.name, { maxLength: 253 });
    if (nameProblem) throw new Soc2Error(this, 'INVALID_NAME', [nameProblem]);
    if (!(props?.issuer instanceof IssuerDefinition)) {
      throw propError(this, 'INVALID_ISSUER', 'issuer', props?.issuer, 'is not an issuer definition',
        'use Issuer.acmeHttp01(...), Issuer.acmeDns01(...) or Issuer.ca(...)');
    }
    const declared = props.issuer._declaredName;
    if (declared !== undefined && declared !== this.name) {
      throw propError(this, 'INVALID_ISSUER', 'issuer.name', declared, `differs from the ClusterIssuer's name "${this.name}"`,
        'name the ClusterIssuer with its id or props.name, and leave issuer.name unset');
    }
    const { spec, bound } = props.issuer._render(this, 'issuer', 'ClusterIssuer', this.name, 'nginx', nameProp);
    const names = appRegistry(this, 'issuer:cluster', () => new Map<string, string>());
    const other = names.get(this.name);
    if (other) {
      throw propError(this, 'DUPLICATE_NAME', props.name === undefined ? 'id' : 'name', this.name, `the app already has a ClusterIssuer named "${this.name}" (${other})`,
        'give each ClusterIssuer a unique name');
    }
    names.set(this.name, this.node.path);
    enforceCompliance(this);
    this.bound = bound;
    this.challenge = bound.challenge;
    this.resource = emit(this, 'Resource', 'cert-manager.io/v1', 'ClusterIssuer', { name: this.name }, { spec });
  }

  /** @internal */
  public _bind(): BoundIssuer {
    return this.bound;
  }
}

/** An ACME HTTP-01 solver through `ingressClassName`. */
function http01Solver(ingressClassName: string): Record<string, unknown> {
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
function http01Solvers(hostsByClass: ReadonlyMap<string, ReadonlySet<string>>): Record<string, unknown>[] {
  const classes = [...hostsByClass.keys()].sort();
  if (classes.length === 1) return [http01Solver(classes[0])];
  return classes.map(cls => ({ selector: { dnsNames: [...hostsByClass.get(cls)!].sort() }, ...http01Solver(cls) }));
}

/**
 * Problems with an ACME directory URL: not https (the account key and orders could be read or
 * changed in transit), or credentials in it (they would be written into the manifest). The value
 * is reported with its credentials masked, so the error does not spread them either.
 */
function checkAcmeServer(prop: string, server: unknown): PropProblem[] {
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
function secretRefNames(spec: unknown): string[] {
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
