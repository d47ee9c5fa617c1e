import { Construct } from 'constructs';
import type { CertManagedIngressProps, IngressHostRule, IngressPath, IngressPathType } from '../cert-managed-ingress-props';
import { CompliantWorkload } from '../compliant-workload';
import { propError, PropProblem, Soc2Error } from '../errors';
import { BoundIssuer } from '../issuer';
import { SensitiveNamespace } from '../sensitive-namespace';
import { checkHost, isWildcardHost, nonPublicSuffix, zoneCovers } from './hosts';
import { checkDnsLabel, describeConstruct, KeyShape, propsOf, unknownKeys, withoutNulls } from './validate';

/**
 * Reading and validating the routes of a CertManagedIngress: hosts, paths, backends, the
 * ingress controller and the fit of the issuer. Every problem names the prop, the value and the fix.
 */

/** One routed path after normalisation. */
export interface Route {
  readonly host: string;
  readonly hostProp: string;
  readonly path: string;
  readonly pathType: IngressPathType;
  readonly backend: CompliantWorkload;
  readonly port: number;
  /** The prop of the path (`backend` or `rules[0].paths[1]`). */
  readonly prop: string;
}

export const PATH = /^\/[A-Za-z0-9/._~-]*$/;

/**
 * The sequence or suffix that makes the API server refuse a Prefix or Exact path (`//`, `/./`,
 * `/../`, a trailing `/.` or `/..`; Kubernetes' Ingress validation), or `undefined`.
 */
function dotSegment(path: string): string | undefined {
  for (const bad of ['//', '/./', '/../']) if (path.includes(bad)) return bad;
  for (const bad of ['/..', '/.']) if (path.endsWith(bad)) return bad;
  return undefined;
}
export const PRINCIPAL = /^[A-Za-z0-9.-]+\/ns\/([a-z0-9-]+)\/sa\/[a-z0-9.-]+$/;

/** The props CertManagedIngress knows, each flagged required or not (a prop added to the interface and not here does not compile). */
const INGRESS_PROPS = {
  name: false, namespace: false, host: false, hosts: false, backend: false, rules: false, issuer: true, allowWildcardHosts: false, ingressClassName: false,
  ingressControllerNamespace: false, ingressControllerPrincipal: false, keyAlgorithm: false, keySize: false, certificateDuration: false, renewBefore: false,
  secretName: false,
} as const satisfies KeyShape<CertManagedIngressProps>;
/** The settings of a rule and of a path (one added to the interface and not here does not compile). */
const RULE_PROPS = { host: true, paths: true } as const satisfies KeyShape<IngressHostRule>;
const PATH_PROPS = { path: false, pathType: false, backend: true, port: false } as const satisfies KeyShape<IngressPath>;

/**
 * The props as they apply (optional ones given as `null` left out); refuses a call without props
 * (possible from JavaScript), naming every required prop, and props it does not know.
 */
export function checkPropsGiven(scope: Construct, props: CertManagedIngressProps): CertManagedIngressProps {
  if (props !== null && typeof props === 'object') {
    const unknown: PropProblem[] = [];
    const given = propsOf(props, INGRESS_PROPS, unknown);
    Soc2Error.throwIf(scope, 'INVALID_PROP', unknown);
    return given;
  }
  throw new Soc2Error(scope, 'INVALID_PROP', [
    { prop: 'host', value: undefined, problem: 'is required (or hosts, or rules): no props were given', fix: 'name the public host, e.g. host: \'pay.example.com\'' },
    { prop: 'backend', value: undefined, problem: 'is required: it serves the hosts', fix: 'pass the CompliantWorkload that serves the hosts' },
    { prop: 'issuer', value: undefined, problem: 'is required: it issues the certificate', fix: 'use Issuer.clusterIssuer(...), Issuer.issuer(...), a ClusterIssuer, or Issuer.acmeHttp01/acmeDns01/ca(...)' },
  ]);
}

export function routesOf(scope: Construct, props: CertManagedIngressProps): Route[] {
  const given = (['host', 'hosts', 'rules'] as const).filter(k => props[k] !== undefined);
  if (given.length !== 1) {
    throw propError(scope, 'INVALID_HOST', given.length === 0 ? 'host' : given.join(' + '), given.length === 0 ? undefined : given,
      given.length === 0 ? 'no host is given' : 'only one of host, hosts and rules may be given',
      'pass host (one name) or hosts (several) with backend, or rules with a backend per path');
  }
  const routes: Route[] = [];
  if (props.rules !== undefined) {
    if (props.backend !== undefined) {
      throw propError(scope, 'INVALID_BACKEND', 'backend', describeConstruct(props.backend), 'cannot be combined with rules', 'name the backend of each path in rules');
    }
    if (!Array.isArray(props.rules) || props.rules.length === 0) {
      throw propError(scope, 'INVALID_HOST', 'rules', props.rules, 'must list at least one host', 'e.g. rules: [{ host: \'pay.example.com\', paths: [{ backend: api }] }]');
    }
    Soc2Error.throwIf(scope, 'INVALID_PROP', unknownRuleKeys(props.rules));
    props.rules.forEach((given: IngressHostRule, i: number) => {
      const rule = withoutNulls(given, RULE_PROPS);
      const paths: readonly IngressPath[] = rule?.paths;
      if (!Array.isArray(paths) || paths.length === 0) {
        throw propError(scope, 'INVALID_PATH', `rules[${i}].paths`, rule?.paths, 'must list at least one path', 'e.g. paths: [{ path: \'/\', backend: api }]');
      }
      paths.map(p => withoutNulls(p, PATH_PROPS)).forEach((p: IngressPath, j: number) => routes.push({
        host: rule.host, hostProp: `rules[${i}].host`, path: p?.path ?? '/', pathType: p?.pathType ?? 'Prefix',
        backend: p?.backend, port: (p?.port ?? p?.backend?.port) as number, prop: `rules[${i}].paths[${j}]`,
      }));
    });
  } else {
    const hosts = props.host !== undefined ? [props.host] : props.hosts;
    if (typeof hosts === 'string') {
      throw propError(scope, 'INVALID_HOST', 'hosts', hosts, 'must be a list of hosts, not a string', `use host: ${JSON.stringify(hosts)}, or hosts: [${JSON.stringify(hosts)}]`);
    }
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

/** Keys of `rules[i]` and `rules[i].paths[j]` that they do not know (a misspelt `backend` would otherwise read as a missing one). */
function unknownRuleKeys(rules: readonly IngressHostRule[]): PropProblem[] {
  return rules.flatMap((rule, i) => [
    ...unknownKeys(`rules[${i}]`, rule, Object.keys(RULE_PROPS)),
    ...(Array.isArray(rule?.paths) ? rule.paths.flatMap((p, j) => unknownKeys(`rules[${i}].paths[${j}]`, p, Object.keys(PATH_PROPS))) : []),
  ]);
}

export function checkHosts(scope: Construct, props: CertManagedIngressProps, routes: readonly Route[]): void {
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

export function checkPaths(scope: Construct, routes: readonly Route[]): void {
  const found: PropProblem[] = [];
  const seen = new Set<string>();
  for (const r of routes) {
    if (typeof r.path !== 'string' || !PATH.test(r.path)) {
      found.push({ prop: `${r.prop}.path`, value: r.path, problem: 'must start with "/" and hold only letters, digits and "/._~-"', fix: 'use a plain path prefix such as "/api"' });
    } else if (dotSegment(r.path) !== undefined) {
      found.push({ prop: `${r.prop}.path`, value: r.path, problem: `contains "${dotSegment(r.path)}", which the API server refuses in a Prefix or Exact path`,
        fix: 'write the path without empty, "." or ".." segments, e.g. "/api/v1"' });
    }
    if (r.pathType !== 'Prefix' && r.pathType !== 'Exact') {
      found.push({ prop: `${r.prop}.pathType`, value: r.pathType, problem: 'is not Prefix or Exact (ImplementationSpecific depends on the controller)', fix: 'use \'Prefix\' or \'Exact\'' });
    }
    // A Prefix path matches by path element and ignores a trailing slash: /api and /api/ are one route.
    const matched = r.pathType === 'Prefix' && typeof r.path === 'string' && r.path.length > 1 ? r.path.replace(/\/+$/, '') || '/' : r.path;
    const key = `${r.host} ${r.pathType} ${matched}`;
    if (seen.has(key)) found.push({ prop: `${r.prop}.path`, value: r.path, problem: `is routed twice for host "${r.host}"`, fix: 'route each path of a host once' });
    seen.add(key);
  }
  Soc2Error.throwIf(scope, 'INVALID_PATH', found);
}

export function checkBackends(scope: Construct, props: CertManagedIngressProps, routes: readonly Route[]): SensitiveNamespace {
  if (props.namespace !== undefined && !SensitiveNamespace.isSensitiveNamespace(props.namespace)) {
    throw propError(scope, 'INVALID_PROP', 'namespace', describeConstruct(props.namespace), 'is not a SensitiveNamespace', 'pass the SensitiveNamespace the backends run in, or omit it');
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
      found.push({ prop, value: describeConstruct(r.backend), problem: 'is not a CompliantWorkload, so nothing guarantees its pods are hardened, isolated and in the mesh',
        fix: 'run the backend as a CompliantWorkload and pass it here' });
      continue;
    }
    const b = r.backend;
    if (b.node.root !== scope.node.root) {
      found.push({ prop, value: b.node.path, problem: 'belongs to another app: its admission of the controller would be written into manifests this app does not check or deploy',
        fix: 'create the CertManagedIngress in the app that holds the backend' });
      continue;
    }
    if (namespace && b.namespace !== namespace) {
      found.push({ prop, value: b.node.path, problem: `runs in namespace "${b.namespace.name}", not "${namespace.name}" (an Ingress reaches Services of its own namespace only)`,
        fix: 'create one CertManagedIngress per namespace' });
    }
    const portProp = r.prop === 'backend' ? 'backend.port' : `${r.prop}.port`;
    if (b.port === undefined) {
      found.push({ prop, value: b.node.path, problem: `is workload "${b.name}", which serves on no port`, fix: 'route the hosts to a workload that serves them' });
      continue;
    }
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

/** Class names of other ingress controllers, which ignore the ingress-nginx annotations CertManagedIngress relies on. */
const OTHER_CONTROLLER = /\b(traefik|haproxy|contour|kong|alb|gce|istio|ambassador|emissary|skipper|apisix|cilium|envoy|citrix|f5|azure-application-gateway)\b/;

export function checkController(
  scope: Construct, props: CertManagedIngressProps, cls: string, controllerNamespace: string, principal: string, backendNamespace: string,
  allowedNamespaces: readonly string[],
): void {
  const found: PropProblem[] = [];
  const c = checkDnsLabel('ingressClassName', cls, { maxLength: 253 });
  if (c) found.push(c);
  const other = c ? null : OTHER_CONTROLLER.exec(cls);
  if (other) {
    found.push({ prop: 'ingressClassName', value: cls,
      problem: `names a ${other[1]} class, but CertManagedIngress configures ingress-nginx (its HTTPS redirect and routing to the Service are ingress-nginx annotations, which ${other[1]} ignores: it would serve plain HTTP)`,
      fix: 'use the class of an ingress-nginx controller, or write the Ingress for that controller yourself with its redirect annotation' });
  }
  const ns = checkDnsLabel('ingressControllerNamespace', controllerNamespace);
  if (ns) found.push({ ...ns, fix: 'pass the namespace the ingress controller runs in, e.g. "ingress-nginx"' });
  if (!ns && controllerNamespace === backendNamespace) {
    found.push({ prop: 'ingressControllerNamespace', value: controllerNamespace, problem: 'is the namespace of the backends: every pod in it could reach them on the backend port without allowFrom',
      fix: 'run the ingress controller in a namespace of its own and pass that namespace' });
  }
  if (!ns && !allowedNamespaces.includes(controllerNamespace)) {
    // The app's settings are known now: a namespace they do not list would be admitted to the backends, and the check would not see it.
    const example = JSON.stringify([...allowedNamespaces, controllerNamespace]).replace(/,/g, ', ');
    found.push({ prop: 'ingressControllerNamespace', value: controllerNamespace,
      problem: `is not one of the app's ingressControllerNamespaces (${allowedNamespaces.join(', ') || 'none'}), the only namespaces that may be admitted from outside the cluster boundary`,
      fix: `${allowedNamespaces.length > 0 ? 'pass one of them, or ' : ''}add it to the compliance setting ingressControllerNamespaces (new CompliantApp({ compliance: { ingressControllerNamespaces: ${example} } }))` });
  }
  // A URI's scheme is case-insensitive: SPIFFE://… is the same ID.
  const unprefixed = typeof principal === 'string' && /^spiffe:\/\//i.test(principal) ? principal.slice('spiffe://'.length) : undefined;
  const m = typeof principal === 'string' ? PRINCIPAL.exec(unprefixed ?? principal) : null;
  if (m && unprefixed !== undefined) {
    // The SPIFFE ID as istioctl and the certificates show it: Istio's principals are written without the scheme.
    found.push({ prop: 'ingressControllerPrincipal', value: principal,
      problem: 'is a SPIFFE ID: Istio principals leave out its "spiffe://" scheme (Istio adds it when it matches), so as written it would match no caller',
      fix: `use ${JSON.stringify(unprefixed)}` });
  }
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

/** The most names an ACME CA issues in one certificate (Let's Encrypt's limit, common to the others). */
const ACME_MAX_NAMES = 100;

export function checkIssuerFit(scope: Construct, issuer: BoundIssuer, routes: readonly Route[], cls: string): void {
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
  const hosts = new Set(routes.map(r => r.host)).size;
  if (issuer.challenge !== undefined && hosts > ACME_MAX_NAMES) {
    found.push({ prop: 'hosts', value: hosts, problem: `are more than the ${ACME_MAX_NAMES} names an ACME CA (Let's Encrypt and others) puts in one certificate, so the certificate would never be issued`,
      fix: `split the hosts over several CertManagedIngresses of at most ${ACME_MAX_NAMES} hosts, or use a wildcard host` });
  }
  Soc2Error.throwIf(scope, 'INVALID_ISSUER', found);
  checkPublicHosts(scope, issuer, routes);
  if (issuer.dnsZones) {
    const zones = issuer.dnsZones;
    const outside = routes.filter((r, i) => routes.findIndex(o => o.host === r.host) === i && !zones.some(z => zoneCovers(z, r.host)));
    Soc2Error.throwIf(scope, 'INVALID_HOST', outside.map(r => ({
      prop: r.hostProp, value: r.host, problem: `is not covered by the issuer's dnsZones (${zones.join(', ')}), so its DNS-01 challenge cannot be answered`,
      fix: 'add the host\'s zone to the issuer\'s dnsZones, or use an issuer for that zone',
    })));
  }
}

/**
 * Refuses, for an issuer whose ACME server is a public CA, the hosts that exist only inside a
 * network (`.svc`, `.internal`, …): a public CA never issues for them, so the certificate would
 * stay pending and the ingress without TLS.
 */
function checkPublicHosts(scope: Construct, issuer: BoundIssuer, routes: readonly Route[]): void {
  const ca = issuer.publicCa;
  if (ca === undefined) return;
  const found: PropProblem[] = [];
  for (const [i, r] of routes.entries()) {
    const suffix = routes.findIndex(o => o.host === r.host) === i ? nonPublicSuffix(r.host) : undefined;
    if (suffix === undefined) continue;
    found.push({ prop: r.hostProp, value: r.host,
      problem: `is under ".${suffix}", which exists only inside a network: ${ca} (the server of issuer "${issuer.name}") issues only for names in the public DNS, so the certificate would never be issued`,
      fix: 'take its certificate from a private CA (Issuer.ca(...), or an ACME issuer whose server is a private ACME CA), or serve a public name under a domain you own' });
  }
  Soc2Error.throwIf(scope, 'INVALID_HOST', found);
}

export function byBackend(routes: readonly Route[]): Map<CompliantWorkload, Route[]> {
  const out = new Map<CompliantWorkload, Route[]>();
  for (const r of routes) {
    const list = out.get(r.backend);
    if (list) list.push(r); else out.set(r.backend, [r]);
  }
  return out;
}

/** The application protocol of a workload's serving port. */
export function protocolOf(workload: CompliantWorkload): string {
  return workload.protocol;
}

