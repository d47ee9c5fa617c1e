import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { suppressionKey } from '../src/compliance/suppressions';
import { CompliantWorkload } from './compliant-workload';
import { propError, PropProblem, Soc2Error } from './errors';
import { BoundIssuer, IIssuer } from './issuer';
import { emit } from './private/api';
import { appRegistry } from './private/app-registry';
import { CertificateKeyAlgorithm, certificateSpec, normaliseCertificate } from './private/certificate';
import { enforceCompliance } from './private/enforce';
import { checkHost, isWildcardHost, nameFromText, zoneCovers } from './private/hosts';
import { ACME_SOLVER_LABEL, ACME_SOLVER_PORT, ingressNginxAnnotations } from './private/ingress-nginx';
import { checkDnsLabel } from './private/validate';
import { SensitiveNamespace } from './sensitive-namespace';

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
   * The name of the Ingress and Certificate (a DNS-1123 label). Public API.
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
   * @default - none: give exactly one of `host`, `hosts` or `rules`
   */
  readonly host?: string;
  /**
   * Public hosts, all served by `backend` on `/`.
   * @default - none: give exactly one of `host`, `hosts` or `rules`
   */
  readonly hosts?: readonly string[];
  /**
   * The workload serving `host` or `hosts`.
   * @default - none: required with `host` or `hosts`
   */
  readonly backend?: CompliantWorkload;
  /**
   * Hosts with paths routed to one or more workloads (instead of host/hosts and backend).
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
   * (NetworkPolicy) and, for HTTP-01, to the ACME solver pods (SOC 2 CC6.1, CC6.6).
   * @default 'ingress-nginx'
   */
  readonly ingressControllerNamespace?: string;
  /**
   * The ingress controller's mesh identity, the only caller the backends' AuthorizationPolicy
   * admits on the backend port. Its namespace must be `ingressControllerNamespace`.
   * @default 'cluster.local/ns/<ingressControllerNamespace>/sa/ingress-nginx'
   */
  readonly ingressControllerPrincipal?: string;
  /**
   * The certificate's key algorithm (control certificate-key-strength; SOC 2 CC6.1, CC6.7).
   * @default 'ECDSA'
   */
  readonly keyAlgorithm?: CertificateKeyAlgorithm;
  /**
   * The key size: 256 or 384 for ECDSA, 2048, 3072 or 4096 for RSA.
   * @default - 256 for ECDSA (P-256), 2048 for RSA
   */
  readonly keySize?: number;
  /**
   * The certificate's lifetime, at most 90 days (control certificate-lifetime).
   * @default Duration.days(90)
   */
  readonly certificateDuration?: Duration;
  /**
   * How long before expiry cert-manager renews (with a new key: rotationPolicy Always);
   * shorter than the duration.
   * @default Duration.days(30)
   */
  readonly renewBefore?: Duration;
  /**
   * The Secret that receives the certificate and key; the Ingress's TLS entry names it.
   * @default '<name>-tls'
   */
  readonly secretName?: string;
}

/** One routed path after normalisation. */
interface Route {
  readonly host: string;
  readonly hostProp: string;
  readonly path: string;
  readonly pathType: IngressPathType;
  readonly backend: CompliantWorkload;
  readonly port: number;
  /** The prop of the path (`backend` or `rules[0].paths[1]`). */
  readonly prop: string;
}

const PATH = /^\/[A-Za-z0-9/._~-]*$/;
const PRINCIPAL = /^[A-Za-z0-9.-]+\/ns\/([a-z0-9-]+)\/sa\/[a-z0-9.-]+$/;

/**
 * The only way in from outside. It emits:
 * - an Ingress (networking.k8s.io/v1) per backend workload, with `ingressClassName`, TLS for
 *   every host and forced HTTPS (CC6.6, CC6.7), routing through the backend's ClusterIP Service.
 *   The first backend's Ingress is named `<name>`, every other one `<name>.<backend>`: the dot
 *   keeps these names apart from every `name` another CertManagedIngress can have;
 * - a cert-manager Certificate covering exactly the hosts: ECDSA P-256 by default, a new key at
 *   every renewal, 90 days renewed 30 days ahead (CC6.1, CC6.7);
 * - the Issuer, when the issuer is a definition;
 * - on each backend, a NetworkPolicy rule admitting only the ingress controller's namespace on
 *   the backend port and an AuthorizationPolicy rule admitting only its principal (CC6.1, CC6.6);
 * - with ACME HTTP-01, a NetworkPolicy admitting the controller namespace to cert-manager's solver
 *   pods on port 8089, and nothing else. cert-manager starts those pods outside the mesh
 *   (`sidecar.istio.io/inject: "false"`), so no AuthorizationPolicy could apply to them.
 */
export class CertManagedIngress extends Construct {
  /** Whether `x` is a CertManagedIngress. */
  public static isCertManagedIngress(x: unknown): x is CertManagedIngress {
    return x instanceof CertManagedIngress;
  }

  /** The name of the Ingress and the Certificate. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: SensitiveNamespace;
  /** The hosts served, in declaration order. */
  public readonly hosts: readonly string[];
  /** The Secret holding the certificate. */
  public readonly secretName: string;
  /** The Ingress of the first backend. */
  public readonly resource: ApiObject;
  /** The cert-manager Certificate. */
  public readonly certificate: ApiObject;

  public constructor(scope: Construct, id: string, props: CertManagedIngressProps) {
    super(scope, id);
    checkPropsGiven(this, props);
    this.name = props.name ?? id;
    const nameProblem = checkDnsLabel(props.name === undefined ? 'id' : 'name', this.name, { maxLength: 59 });
    if (nameProblem) throw new Soc2Error(this, 'INVALID_NAME', [{ ...nameProblem, problem: `${nameProblem.problem} (59, so that "<name>-tls" fits)` }]);

    const routes = routesOf(this, props);
    this.hosts = [...new Set(routes.map(r => r.host))];
    this.namespace = checkBackends(this, props, routes);
    const cls = props.ingressClassName ?? 'nginx';
    const controllerNamespace = props.ingressControllerNamespace ?? 'ingress-nginx';
    const principal = props.ingressControllerPrincipal ?? `cluster.local/ns/${controllerNamespace}/sa/ingress-nginx`;
    checkController(this, props, cls, controllerNamespace, principal);
    const cert = normaliseCertificate(props);
    this.secretName = props.secretName ?? `${this.name}-tls`;
    const secret = checkDnsLabel('secretName', this.secretName, { maxLength: 253 });
    Soc2Error.throwIf(this, 'INVALID_CERTIFICATE', secret ? [...cert.problems, secret] : cert.problems);
    if (!props.issuer || typeof (props.issuer as IIssuer)._bind !== 'function') {
      throw propError(this, 'INVALID_ISSUER', 'issuer', props.issuer, 'is not an issuer',
        'use Issuer.clusterIssuer(...), Issuer.issuer(...), a ClusterIssuer, or Issuer.acmeHttp01/acmeDns01/ca(...)');
    }
    const backends = [...byBackend(routes)];
    const ingressNames = backends.map(([backend], i) => i === 0 ? this.name : `${this.name}.${backend.name}`);
    this.reserve(cls, ingressNames.slice(1));
    enforceCompliance(this);

    const issuer = props.issuer._bind(this, 'issuer', this.namespace.name, cls, this.hosts);
    checkIssuerFit(this, issuer, routes, cls);

    const ns = this.namespace.name;
    const labels = { 'app.kubernetes.io/name': this.name, 'app.kubernetes.io/instance': this.name, 'app.kubernetes.io/component': 'ingress' };
    let primary: ApiObject | undefined;
    for (const [i, [backend, own]] of backends.entries()) {
      const first = primary === undefined;
      const ingressName = ingressNames[i];
      const hosts = [...new Set(own.map(r => r.host))];
      const ingress = emit(this, first ? 'Resource' : `Route-${backend.name}`, 'networking.k8s.io/v1', 'Ingress', {
        name: ingressName, namespace: ns, labels, annotations: ingressNginxAnnotations(backend.host, protocolOf(backend)),
      }, {
        spec: {
          ingressClassName: cls,
          tls: [{ hosts, secretName: this.secretName }],
          rules: hosts.map(host => ({
            host,
            http: {
              paths: own.filter(r => r.host === host).map(r => ({
                path: r.path, pathType: r.pathType,
                backend: { service: { name: backend.name, port: { number: r.port } } },
              })),
            },
          })),
        },
      });
      primary ??= ingress;
      for (const port of new Set(own.map(r => r.port))) {
        backend._admit(`ingress-controller:${controllerNamespace}:${principal}:${port}`, {
          port,
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': controllerNamespace } } }],
          source: { principals: [principal] },
        });
      }
    }
    this.resource = primary!;
    this.certificate = emit(this, 'Certificate', 'cert-manager.io/v1', 'Certificate', { name: this.name, namespace: ns, labels },
      { spec: certificateSpec(cert.settings, this.secretName, this.hosts, issuer) });
    if (issuer.challenge === 'HTTP01') this.admitAcmeSolver(controllerNamespace);
  }

  /** Admits the controller namespace to the ACME HTTP-01 solver pods, once per namespace and controller. */
  private admitAcmeSolver(controllerNamespace: string): void {
    const done = appRegistry(this, 'ingress:acme-solver', () => new Set<string>());
    const key = `${this.namespace.name}/${controllerNamespace}`;
    if (done.has(key)) return;
    done.add(key);
    emit(this, 'AcmeSolver', 'networking.k8s.io/v1', 'NetworkPolicy', {
      name: nameFromText('acme-http01-solver-from-', controllerNamespace),
      namespace: this.namespace.name,
      labels: { 'app.kubernetes.io/name': 'acme-http01-solver', 'app.kubernetes.io/component': 'ingress' },
      annotations: {
        [suppressionKey('network-policy-targets-pods')]: 'cert-manager creates the ACME HTTP-01 solver pods only while a challenge is open, so no manifest holds them',
        'kube-score/ignore': 'networkpolicy-targets-pod',
      },
    }, {
      spec: {
        podSelector: { matchLabels: { [ACME_SOLVER_LABEL]: 'true' } },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': controllerNamespace } } }],
          ports: [{ port: ACME_SOLVER_PORT, protocol: 'TCP' }],
        }],
      },
    });
  }

  /**
   * Refuses a second ingress with this name, secret or host in the app, and claims the names of
   * the Ingresses of the other backends (`derived`) as well.
   */
  private reserve(cls: string, derived: readonly string[]): void {
    const ns = this.namespace.name;
    const taken = appRegistry(this, 'ingress:reserved', () => new Map<string, string>());
    const claims: [string, string, string][] = [
      [`name:${ns}/${this.name}`, 'name', this.name],
      ...derived.map((n): [string, string, string] => [`name:${ns}/${n}`, 'name (Ingress of another backend)', n]),
      [`secret:${ns}/${this.secretName}`, 'secretName', this.secretName],
      ...this.hosts.map((h): [string, string, string] => [`host:${cls}/${h}`, 'host', h]),
    ];
    const found: PropProblem[] = [];
    for (const [key, prop, value] of claims) {
      const other = taken.get(key);
      if (other) found.push({ prop, value, problem: `is already used by ${other}`, fix: prop === 'host' ? 'serve each host from one CertManagedIngress' : `give each CertManagedIngress its own ${prop === 'secretName' ? prop : 'name'}` });
    }
    Soc2Error.throwIf(this, 'DUPLICATE_NAME', found);
    for (const [key] of claims) taken.set(key, this.node.path);
  }
}

/** Refuses a call without props (possible from JavaScript), naming every required prop. */
function checkPropsGiven(scope: Construct, props: unknown): void {
  if (props !== null && typeof props === 'object') return;
  throw new Soc2Error(scope, 'INVALID_PROP', [
    { prop: 'host', value: undefined, problem: 'is required (or hosts, or rules): no props were given', fix: 'name the public host, e.g. host: \'pay.example.com\'' },
    { prop: 'backend', value: undefined, problem: 'is required: it serves the hosts', fix: 'pass the CompliantWorkload that serves the hosts' },
    { prop: 'issuer', value: undefined, problem: 'is required: it issues the certificate', fix: 'use Issuer.clusterIssuer(...), Issuer.issuer(...), a ClusterIssuer, or Issuer.acmeHttp01/acmeDns01/ca(...)' },
  ]);
}

function routesOf(scope: Construct, props: CertManagedIngressProps): Route[] {
  const given = (['host', 'hosts', 'rules'] as const).filter(k => props[k] !== undefined);
  if (given.length !== 1) {
    throw propError(scope, 'INVALID_HOST', given.length === 0 ? 'host' : given.join(' + '), given.length === 0 ? undefined : given,
      given.length === 0 ? 'no host is given' : 'only one of host, hosts and rules may be given',
      'pass host (one name) or hosts (several) with backend, or rules with a backend per path');
  }
  const routes: Route[] = [];
  if (props.rules !== undefined) {
    if (props.backend !== undefined) {
      throw propError(scope, 'INVALID_BACKEND', 'backend', describe(props.backend), 'cannot be combined with rules', 'name the backend of each path in rules');
    }
    if (!Array.isArray(props.rules) || props.rules.length === 0) {
      throw propError(scope, 'INVALID_HOST', 'rules', props.rules, 'must list at least one host', 'e.g. rules: [{ host: \'pay.example.com\', paths: [{ backend: api }] }]');
    }
    props.rules.forEach((rule: IngressHostRule, i: number) => {
      const paths: readonly IngressPath[] = rule?.paths;
      if (!Array.isArray(paths) || paths.length === 0) {
        throw propError(scope, 'INVALID_PATH', `rules[${i}].paths`, rule?.paths, 'must list at least one path', 'e.g. paths: [{ path: \'/\', backend: api }]');
      }
      paths.forEach((p: IngressPath, j: number) => routes.push({
        host: rule.host, hostProp: `rules[${i}].host`, path: p?.path ?? '/', pathType: p?.pathType ?? 'Prefix',
        backend: p?.backend, port: (p?.port ?? p?.backend?.port) as number, prop: `rules[${i}].paths[${j}]`,
      }));
    });
  } else {
    const hosts = props.host !== undefined ? [props.host] : props.hosts;
    if (!Array.isArray(hosts) || hosts.length === 0) {
      throw propError(scope, 'INVALID_HOST', 'hosts', hosts, 'must list at least one host', 'e.g. hosts: [\'shop.example.com\', \'www.shop.example.com\']');
    }
    hosts.forEach((host, i) => routes.push({
      host, hostProp: props.host !== undefined ? 'host' : `hosts[${i}]`, path: '/', pathType: 'Prefix',
      backend: props.backend!, port: props.backend?.port as number, prop: 'backend',
    }));
  }
  checkHosts(scope, props, routes);
  checkPaths(scope, routes);
  return routes;
}

function checkHosts(scope: Construct, props: CertManagedIngressProps, routes: readonly Route[]): void {
  const found: PropProblem[] = [];
  const firstProp = new Map<string, string>();
  for (const r of routes) {
    const seen = firstProp.get(r.host);
    if (seen !== undefined) {
      if (seen !== r.hostProp) {
        found.push({ prop: r.hostProp, value: r.host, problem: `repeats ${seen}`,
          fix: props.rules ? 'list each host once and put all its paths in that rule' : 'list each host once' });
      }
      continue;
    }
    firstProp.set(r.host, r.hostProp);
    const p = checkHost(r.hostProp, r.host, { wildcard: true });
    if (p) found.push(p);
    else if (isWildcardHost(r.host) && props.allowWildcardHosts !== true) {
      found.push({ prop: r.hostProp, value: r.host, problem: 'is a wildcard: its certificate\'s key would open every subdomain',
        fix: 'name each host; or, if a wildcard is needed, set allowWildcardHosts: true with an ACME DNS-01 issuer' });
    }
  }
  Soc2Error.throwIf(scope, 'INVALID_HOST', found);
}

function checkPaths(scope: Construct, routes: readonly Route[]): void {
  const found: PropProblem[] = [];
  const seen = new Set<string>();
  for (const r of routes) {
    if (typeof r.path !== 'string' || !PATH.test(r.path)) {
      found.push({ prop: `${r.prop}.path`, value: r.path, problem: 'must start with "/" and hold only letters, digits and "/._~-"', fix: 'use a plain path prefix such as "/api"' });
    }
    if (r.pathType !== 'Prefix' && r.pathType !== 'Exact') {
      found.push({ prop: `${r.prop}.pathType`, value: r.pathType, problem: 'is not Prefix or Exact (ImplementationSpecific depends on the controller)', fix: 'use \'Prefix\' or \'Exact\'' });
    }
    const key = `${r.host} ${r.pathType} ${r.path}`;
    if (seen.has(key)) found.push({ prop: `${r.prop}.path`, value: r.path, problem: `is routed twice for host "${r.host}"`, fix: 'route each path of a host once' });
    seen.add(key);
  }
  Soc2Error.throwIf(scope, 'INVALID_PATH', found);
}

function checkBackends(scope: Construct, props: CertManagedIngressProps, routes: readonly Route[]): SensitiveNamespace {
  if (props.namespace !== undefined && !SensitiveNamespace.isSensitiveNamespace(props.namespace)) {
    throw propError(scope, 'INVALID_PROP', 'namespace', describe(props.namespace), 'is not a SensitiveNamespace', 'pass the SensitiveNamespace the backends run in, or omit it');
  }
  const found: PropProblem[] = [];
  const workloads = routes.filter(r => CompliantWorkload.isCompliantWorkload(r.backend));
  const namespace = props.namespace ?? workloads[0]?.backend.namespace;
  const reported = new Set<string>();
  for (const r of routes) {
    if (reported.has(r.prop)) continue;
    reported.add(r.prop);
    const prop = r.prop === 'backend' ? 'backend' : `${r.prop}.backend`;
    if (r.backend === undefined) {
      found.push({ prop, value: undefined, problem: 'is required: it serves the hosts', fix: 'pass the CompliantWorkload that serves the hosts' });
      continue;
    }
    if (!CompliantWorkload.isCompliantWorkload(r.backend)) {
      found.push({ prop, value: describe(r.backend), problem: 'is not a CompliantWorkload, so nothing guarantees its pods are hardened, isolated and in the mesh',
        fix: 'run the backend as a CompliantWorkload and pass it here' });
      continue;
    }
    const b = r.backend;
    if (namespace && b.namespace !== namespace) {
      found.push({ prop, value: b.node.path, problem: `runs in namespace "${b.namespace.name}", not "${namespace.name}" (an Ingress reaches Services of its own namespace only)`,
        fix: 'create one CertManagedIngress per namespace' });
    }
    const portProp = r.prop === 'backend' ? 'backend.port' : `${r.prop}.port`;
    if (r.port !== b.port) {
      found.push({ prop: portProp, value: r.port, problem: r.port === b.metricsPort ? 'is the metrics port, which never leaves the cluster' : `is not the serving port of workload "${b.name}" (${b.port})`,
        fix: 'omit the port to use the workload\'s port' });
    }
    if (protocolOf(b) === 'tcp') {
      found.push({ prop, value: b.node.path, problem: 'serves plain TCP, which an Ingress cannot route', fix: 'expose only HTTP, HTTP/2 or gRPC workloads through CertManagedIngress' });
    }
  }
  Soc2Error.throwIf(scope, 'INVALID_BACKEND', found);
  return namespace!;
}

function checkController(scope: Construct, props: CertManagedIngressProps, cls: string, controllerNamespace: string, principal: string): void {
  const found: PropProblem[] = [];
  const c = checkDnsLabel('ingressClassName', cls, { maxLength: 253 });
  if (c) found.push(c);
  const ns = checkDnsLabel('ingressControllerNamespace', controllerNamespace);
  if (ns) found.push({ ...ns, fix: 'pass the namespace the ingress controller runs in, e.g. "ingress-nginx"' });
  const m = typeof principal === 'string' ? PRINCIPAL.exec(principal) : null;
  if (!m) {
    found.push({ prop: 'ingressControllerPrincipal', value: principal, problem: 'is not a SPIFFE principal of one service account (no wildcards)',
      fix: `use "cluster.local/ns/${controllerNamespace}/sa/<controller service account>"` });
  } else if (!ns && m[1] !== controllerNamespace) {
    found.push({ prop: 'ingressControllerPrincipal', value: principal, problem: `is in namespace "${m[1]}", but ingressControllerNamespace is "${controllerNamespace}"`,
      fix: 'name the same controller in both props' });
  }
  if (props.allowWildcardHosts !== undefined && typeof props.allowWildcardHosts !== 'boolean') {
    found.push({ prop: 'allowWildcardHosts', value: props.allowWildcardHosts, problem: 'must be true or false', fix: 'pass a boolean' });
  }
  Soc2Error.throwIf(scope, 'INVALID_PROP', found);
}

function checkIssuerFit(scope: Construct, issuer: BoundIssuer, routes: readonly Route[], cls: string): void {
  const found: PropProblem[] = [];
  const wildcard = routes.find(r => isWildcardHost(r.host));
  if (wildcard && issuer.challenge !== 'DNS01') {
    found.push({ prop: 'issuer', value: `${issuer.kind}/${issuer.name}`, problem: `does not solve DNS-01, the only ACME challenge for the wildcard host "${wildcard.host}"`,
      fix: 'use Issuer.acmeDns01(...), or Issuer.clusterIssuer(name, { challenge: \'DNS01\' }) for an existing DNS-01 issuer' });
  }
  if (issuer.challenge === 'HTTP01' && issuer.http01IngressClass !== undefined && issuer.http01IngressClass !== cls) {
    found.push({ prop: 'issuer.ingressClassName', value: issuer.http01IngressClass, problem: `differs from ingressClassName "${cls}", so the challenge would go through a controller that is not admitted to the solver`,
      fix: 'use the same ingress class for the issuer\'s solver and the CertManagedIngress' });
  }
  Soc2Error.throwIf(scope, 'INVALID_ISSUER', found);
  if (issuer.dnsZones) {
    const zones = issuer.dnsZones;
    const outside = routes.filter((r, i) => routes.findIndex(o => o.host === r.host) === i && !zones.some(z => zoneCovers(z, r.host)));
    Soc2Error.throwIf(scope, 'INVALID_HOST', outside.map(r => ({
      prop: r.hostProp, value: r.host, problem: `is not covered by the issuer's dnsZones (${zones.join(', ')}), so its DNS-01 challenge cannot be answered`,
      fix: 'add the host\'s zone to the issuer\'s dnsZones, or use an issuer for that zone',
    })));
  }
}

function byBackend(routes: readonly Route[]): Map<CompliantWorkload, Route[]> {
  const out = new Map<CompliantWorkload, Route[]>();
  for (const r of routes) {
    const list = out.get(r.backend);
    if (list) list.push(r); else out.set(r.backend, [r]);
  }
  return out;
}

/** The application protocol of a workload's serving port. */
function protocolOf(workload: CompliantWorkload): string {
  return workload.protocol;
}

function describe(x: unknown): string {
  if (x && typeof x === 'object' && 'node' in x) return (x as Construct).node.path;
  return x === undefined ? 'undefined' : typeof x;
}
