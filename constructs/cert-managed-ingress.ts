import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { INGRESS_CONTROLLER_ANNOTATION } from '../src/compliance/network/model';
import { suppressionKey } from '../src/compliance/suppressions';
import { CertManagedIngressProps } from './cert-managed-ingress-props';
import { propError, PropProblem, Soc2Error } from './errors';
import { BoundIssuer, IIssuer } from './issuer';
import { emit } from './private/api';
import { appRegistry } from './private/app-registry';
import { caLifetimeProblem, certificateSpec, normaliseCertificate } from './private/certificate';
import { appConfig, enforceCompliance } from './private/enforce';
import { nameFromText } from './private/hosts';
import { ACME_SOLVER_LABEL, ACME_SOLVER_PORT, ingressNginxAnnotations } from './private/ingress-nginx';
import { byBackend, checkBackends, checkController, checkIssuerFit, checkPropsGiven, protocolOf, routesOf } from './private/ingress-routes';
import { ISSUER_SECRETS, secretClaims, secretKey, WORKLOAD_SECRETS } from './private/secret-claims';
import { checkDnsLabel } from './private/validate';
import { SensitiveNamespace } from './sensitive-namespace';


/**
 * Why `name` is a DNS-1123 label of at most 63 characters: the label values it becomes, and the
 * dot of the other backends' Ingress names.
 */
const NAME_LIMIT_REASON = 'it is also the value of the app.kubernetes.io/name and app.kubernetes.io/instance labels of the Ingress and the Certificate, '
  + 'which cert-manager copies onto its CertificateRequests and Orders, and a label value holds at most 63 characters; '
  + 'a dot would blur it with the "<name>.<backend>" Ingresses of other backends';

/** The namespace of the CertManagedIngress that claimed each host key of {@link secretClaims}, per app. */
function hostNamespaces(scope: Construct): Map<string, string> {
  return appRegistry(scope, 'ingress:host-namespaces', () => new Map<string, string>());
}

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
    props = checkPropsGiven(this, props);
    this.name = props.name ?? id;
    const nameProblem = checkDnsLabel(props.name === undefined ? 'id' : 'name', this.name);
    if (nameProblem) throw new Soc2Error(this, 'INVALID_NAME', [{ ...nameProblem, problem: `${nameProblem.problem} (${NAME_LIMIT_REASON})` }]);

    const routes = routesOf(this, props);
    this.hosts = [...new Set(routes.map(r => r.host))];
    this.namespace = checkBackends(this, props, routes);
    const cls = props.ingressClassName ?? 'nginx';
    const config = appConfig(this);
    if (props.ingressControllerNamespace === undefined && config.ingressControllerNamespaces.length === 0) {
      throw propError(this, 'INVALID_PROP', 'ingressControllerNamespace', undefined, 'has no default: the app\'s ingressControllerNamespaces setting is empty',
        'pass the namespace the ingress controller runs in, and list it in the compliance setting ingressControllerNamespaces');
    }
    const controllerNamespace = props.ingressControllerNamespace ?? config.ingressControllerNamespaces[0];
    const principal = props.ingressControllerPrincipal ?? `cluster.local/ns/${controllerNamespace}/sa/ingress-nginx`;
    checkController(this, props, cls, controllerNamespace, principal, this.namespace.name, config.ingressControllerNamespaces);
    const cert = normaliseCertificate(props, { maxDays: config.maxCertificateDays, minRsaKeySize: config.minRsaKeySize });
    this.secretName = props.secretName ?? `${this.name}-tls`;
    const secret = checkDnsLabel('secretName', this.secretName, { maxLength: 253 });
    Soc2Error.throwIf(this, 'INVALID_CERTIFICATE', secret ? [...cert.problems, secret] : cert.problems);
    if (!props.issuer || typeof (props.issuer as IIssuer)._bind !== 'function') {
      throw propError(this, 'INVALID_ISSUER', 'issuer', props.issuer, 'is not an issuer',
        typeof props.issuer === 'string'
          ? `name it by kind: Issuer.clusterIssuer(${JSON.stringify(props.issuer)}) for a ClusterIssuer, Issuer.issuer(${JSON.stringify(props.issuer)}) for an Issuer of the namespace`
          : 'use Issuer.clusterIssuer(...), Issuer.issuer(...), a ClusterIssuer, or Issuer.acmeHttp01/acmeDns01/ca(...)');
    }
    const backends = [...byBackend(routes)];
    const ingressNames = backends.map(([backend], i) => i === 0 ? this.name : `${this.name}.${backend.name}`);
    const hostProps = new Map<string, string>();
    for (const r of routes) if (!hostProps.has(r.host)) hostProps.set(r.host, r.hostProp);
    this.reserve(cls, ingressNames.slice(1), hostProps);
    enforceCompliance(this);

    const issuer = props.issuer._bind(this, 'issuer', this.namespace.name, cls, this.hosts);
    checkIssuerFit(this, issuer, routes, cls);
    const lifetime = caLifetimeProblem(issuer, cert.settings.durationSeconds, props.certificateDuration, config.maxCertificateDays);
    if (lifetime) Soc2Error.throwIf(this, 'INVALID_CERTIFICATE', [lifetime]);
    if (issuer.kind === 'Issuer') this.reserveIssuerSecrets(issuer);

    const ns = this.namespace.name;
    const labels = { 'app.kubernetes.io/name': this.name, 'app.kubernetes.io/instance': this.name, 'app.kubernetes.io/component': 'ingress' };
    let primary: ApiObject | undefined;
    for (const [i, [backend, own]] of backends.entries()) {
      const first = primary === undefined;
      const ingressName = ingressNames[i];
      const hosts = [...new Set(own.map(r => r.host))];
      const ingress = emit(this, first ? 'Resource' : `Route-${backend.name}`, 'networking.k8s.io/v1', 'Ingress', {
        name: ingressName, namespace: ns, labels,
        annotations: { ...ingressNginxAnnotations(backend.host, protocolOf(backend)), [INGRESS_CONTROLLER_ANNOTATION]: controllerNamespace },
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
    if (issuer.challenge === 'HTTP01') {
      this.admitAcmeSolver(controllerNamespace);
      this.namespace._bookAcmeSolvers(this, this.hosts.length, `${issuer.kind}/${issuer.name}`);
    }
  }

  /** Admits the controller namespace to the ACME HTTP-01 solver pods, once per namespace and controller. */
  private admitAcmeSolver(controllerNamespace: string): void {
    const done = appRegistry(this, 'ingress:acme-solver', () => new Set<string>());
    const key = `${this.namespace.name}/${controllerNamespace}`;
    if (done.has(key)) return;
    done.add(key);
    const name = nameFromText('acme-http01-solver-from-', controllerNamespace);
    this.namespace._reserveName(this, 'issuer', name, `the ACME HTTP-01 solver NetworkPolicy of ${this.node.path}`);
    emit(this, 'AcmeSolver', 'networking.k8s.io/v1', 'NetworkPolicy', {
      name,
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
   * Claims the Secrets a namespaced Issuer reads or writes in this namespace (its CA key pair,
   * ACME account key, DNS provider credentials), so that no certificate is written over them and
   * no workload mounts them.
   */
  private reserveIssuerSecrets(issuer: BoundIssuer): void {
    const ns = this.namespace.name;
    const taken = secretClaims(this);
    const holder = `${ISSUER_SECRETS}"${issuer.name}" (CA key pair, ACME account key or DNS provider credentials)`;
    const found: PropProblem[] = [];
    for (const secret of issuer.secrets ?? []) {
      const key = secretKey(ns, secret);
      const other = taken.get(key);
      if (secret === this.secretName) {
        found.push({ prop: 'secretName', value: secret, problem: `is one of ${holder}: cert-manager would write the certificate over it`,
          fix: 'leave secretName unset (<name>-tls), or name the issuer\'s Secrets differently' });
      } else if (other?.startsWith(WORKLOAD_SECRETS)) {
        found.push({ prop: 'issuer', value: secret, problem: `names a Secret that ${other} mount: the workload would hold the issuer's credentials, and could issue certificates for the namespace's hosts or change their DNS records`,
          fix: 'give the issuer\'s Secrets names no workload mounts (accountKeySecretName, the provider\'s Secret references), and keep the workload\'s credentials in a Secret of their own' });
      } else if (other !== undefined && !other.startsWith(ISSUER_SECRETS)) {
        // Issuers may share a Secret they only read (one DNS token for staging and production);
        // a certificate may not be written over one.
        found.push({ prop: 'issuer', value: secret, problem: `names a Secret that ${other} already uses`, fix: 'give the issuer\'s Secrets and the certificates their own names' });
      }
    }
    Soc2Error.throwIf(this, 'DUPLICATE_NAME', found);
    for (const secret of issuer.secrets ?? []) if (!taken.has(secretKey(ns, secret))) taken.set(secretKey(ns, secret), holder);
  }

  /**
   * Refuses a second ingress with this name, secret or host in the app, and claims the names of
   * the Ingresses of the other backends (`derived`) as well. A host is named by the prop that
   * first gave it (`hostProps`: `host`, `hosts[1]`, `rules[0].host`).
   */
  private reserve(cls: string, derived: readonly string[], hostProps: ReadonlyMap<string, string>): void {
    const ns = this.namespace.name;
    const taken = secretClaims(this);
    const claims: [string, string, string][] = [
      [`name:${ns}/${this.name}`, 'name', this.name],
      ...derived.map((n): [string, string, string] => [`name:${ns}/${n}`, 'name (Ingress of another backend)', n]),
      [secretKey(ns, this.secretName), 'secretName', this.secretName],
      ...this.hosts.map((h): [string, string, string] => [`host:${cls}/${h}`, hostProps.get(h) ?? 'host', h]),
    ];
    const found: PropProblem[] = [];
    for (const [key, prop, value] of claims) {
      const other = taken.get(key);
      if (!other) continue;
      if (!key.startsWith('host:')) {
        found.push({ prop, value, problem: `is already used by ${other}`, fix: `give each CertManagedIngress its own ${prop === 'secretName' ? prop : 'name'}` });
        continue;
      }
      // A host's paths can only join the ingress that serves it when their backends run in its namespace.
      const otherNs = hostNamespaces(this).get(key);
      found.push(otherNs === undefined || otherNs === ns
        ? { prop, value, problem: `is already used by ${other}`, fix: `serve each host from one CertManagedIngress: add these paths to the rules of ${other}` }
        : {
          prop, value, problem: `is already used by ${other}, in namespace "${otherNs}" (a CertManagedIngress routes to the workloads of its own namespace only)`,
          fix: `serve each host from one CertManagedIngress: give this ingress a host of its own, or run its backends in namespace "${otherNs}" and add their paths to the rules of ${other}`,
        });
    }
    Soc2Error.throwIf(this, 'DUPLICATE_NAME', found);
    for (const [key] of claims) {
      taken.set(key, this.node.path);
      if (key.startsWith('host:')) hostNamespaces(this).set(key, ns);
    }
  }
}
