import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { MIN_RESTRICTED_MINOR } from '../src/compliance/controls/namespace/private/pod-security-labels';
import { DataClassification } from './data-classification';
import { propError, PropProblem, Soc2Error } from './errors';
import { emit } from './private/api';
import { appRegistry } from './private/app-registry';
import { BookingOptions, NamespaceCapacity, PodLimits } from './private/capacity';
import { appConfig, enforceCompliance } from './private/enforce';
import { announceMeshNamespace } from './private/mesh-namespaces';
import { appMesh, meshRootProblem } from './private/mesh-root';
import { accessOf, apiServerOf, NAMESPACE_PROPS, NormalisedNamespaceProps, quotaOf } from './private/namespace-props';
import { VIEW_RULES, EDIT_RULES } from './private/namespace-roles';
import { checkDnsLabel, propsOf } from './private/validate';
import type { ApiServerEndpoint, SensitiveNamespaceProps } from './sensitive-namespace-props';

/** Object names the namespace uses itself; a workload of the same name would replace them. */
const RESERVED_NAMES = ['default', 'default-deny', 'allow-dns', 'allow-nothing', 'access-logging', 'view', 'edit', 'quota', 'limits'];
const PSA_VERSION = /^v1\.\d{1,2}$/;
/** The newest Kubernetes minor version this release accepts as a Pod Security version. */
const MAX_PSA_MINOR = 36;
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * A namespace fit for customer data. It emits:
 * - the Namespace, with Pod Security Admission `restricted` (enforce, audit, warn; version pinned),
 *   classification and owner labels and Istio sidecar injection (CC6.8, C1.1, CC6.7);
 * - the `default` ServiceAccount with token automount off (CIS 5.1.5, 5.1.6);
 * - NetworkPolicy `default-deny` for ingress and egress, and `allow-dns` (kube-dns and istiod only) (CC6.1, CC6.6);
 * - ResourceQuota and LimitRange (A1.2);
 * - Roles `view` and `edit` bound only to the OIDC groups given (CC6.2, CC6.3);
 * - PeerAuthentication STRICT and an allow-nothing AuthorizationPolicy (CC6.7, CC6.1);
 * - a Telemetry turning on Envoy access logs, the evidence of who called whom (CC7.2);
 * - a Sidecar with REGISTRY_ONLY outbound traffic (CC6.6).
 */
export class SensitiveNamespace extends Construct {
  /** Whether `x` is a SensitiveNamespace. */
  public static isSensitiveNamespace(x: unknown): x is SensitiveNamespace {
    return x instanceof SensitiveNamespace;
  }

  /** The namespace name. */
  public readonly name: string;
  public readonly dataClassification: DataClassification;
  public readonly owner: string;
  /** The Istio root namespace. */
  public readonly meshRootNamespace: string;
  /** The API server endpoint, when configured. */
  public readonly apiServer?: ApiServerEndpoint;
  /** The Namespace object. */
  public readonly resource: ApiObject;

  private readonly sidecarHosts = new Set<string>();
  /** Object names taken in the namespace, with what holds each. */
  private readonly workloadNames = new Map<string, string>();
  /** What the workloads need from the quota, and the quota that holds them. */
  private readonly capacity: NamespaceCapacity;

  public constructor(scope: Construct, id: string, props: SensitiveNamespaceProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      Soc2Error.throwIf(this, 'INVALID_PROP', [{ prop: 'props', value: props, problem: 'are missing', fix: 'pass { dataClassification, owner } at least' }]);
    }
    const found: PropProblem[] = [];
    props = propsOf(props, NAMESPACE_PROPS, found);
    this.name = props.name ?? id;
    this.dataClassification = props.dataClassification;
    this.owner = props.owner;
    this.meshRootNamespace = props.meshRootNamespace ?? appConfig(this).meshRootNamespace;
    const psaVersion = props.podSecurityVersion ?? 'v1.27';
    const { quota, editors, viewers, apiServer } = this.validate(props, psaVersion, found);
    this.apiServer = apiServer;
    this.capacity = new NamespaceCapacity(this.name, quota);
    const names = appRegistry(this, 'namespaces', () => new Set<string>());
    if (names.has(this.name)) {
      throw propError(this, 'DUPLICATE_NAME', props.name === undefined ? 'id' : 'name', this.name, 'another SensitiveNamespace of the app has this name',
        'create each namespace once and pass the same SensitiveNamespace to every construct that uses it');
    }
    names.add(this.name);
    for (const reserved of RESERVED_NAMES) this.workloadNames.set(reserved, `namespace "${this.name}"`);
    enforceCompliance(this);

    const ns = this.name;
    const config = appConfig(this);
    this.resource = emit(this, 'Resource', 'v1', 'Namespace', {
      name: ns,
      labels: {
        [config.classificationLabel]: this.dataClassification,
        [config.ownerLabel]: this.owner,
        'istio-injection': 'enabled',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': psaVersion,
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/audit-version': psaVersion,
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': psaVersion,
      },
    }, {});
    const meta = (name: string) => ({ name, namespace: ns });

    emit(this, 'DefaultServiceAccount', 'v1', 'ServiceAccount', meta('default'), { automountServiceAccountToken: false });
    emit(this, 'DefaultDenyAll', 'networking.k8s.io/v1', 'NetworkPolicy', meta('default-deny'), {
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    emit(this, 'AllowDns', 'networking.k8s.io/v1', 'NetworkPolicy', meta('allow-dns'), {
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
          },
          {
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': this.meshRootNamespace } }, podSelector: { matchLabels: { app: 'istiod' } } }],
            ports: [{ protocol: 'TCP', port: 15012 }],
          },
        ],
      },
    });
    emit(this, 'Quota', 'v1', 'ResourceQuota', meta('quota'), {
      spec: {
        hard: {
          'limits.cpu': Lazy.any({ produce: () => this.capacity.hard('cpu') }),
          'limits.memory': Lazy.any({ produce: () => this.capacity.hard('memory') }),
          'requests.cpu': Lazy.any({ produce: () => this.capacity.hard('cpu') }),
          'requests.memory': Lazy.any({ produce: () => this.capacity.hard('memory') }),
          'pods': Lazy.any({ produce: () => this.capacity.hard('pods') }),
          'requests.storage': Lazy.any({ produce: () => this.capacity.storageHard() }),
          'services.loadbalancers': '0',
          'services.nodeports': '0',
        },
      },
    });
    emit(this, 'Limits', 'v1', 'LimitRange', meta('limits'), {
      spec: {
        limits: [{
          type: 'Container',
          default: { 'cpu': '500m', 'memory': '256Mi', 'ephemeral-storage': '256Mi' },
          defaultRequest: { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '64Mi' },
        }],
      },
    });
    this.bindRole('View', 'view', VIEW_RULES, viewers);
    this.bindRole('Edit', 'edit', EDIT_RULES, editors);
    emit(this, 'StrictMtls', 'security.istio.io/v1', 'PeerAuthentication', meta('default'), {
      spec: { mtls: { mode: 'STRICT' } },
    });
    emit(this, 'AllowNothing', 'security.istio.io/v1', 'AuthorizationPolicy', meta('allow-nothing'), { spec: {} });
    emit(this, 'AccessLogging', 'telemetry.istio.io/v1', 'Telemetry', meta('access-logging'), {
      spec: { accessLogging: [{ providers: [{ name: 'envoy' }] }] },
    });
    emit(this, 'Sidecar', 'networking.istio.io/v1', 'Sidecar', meta('default'), {
      spec: {
        outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' },
        egress: [{ hosts: Lazy.any({ produce: () => ['./*', `${this.meshRootNamespace}/*`, ...[...this.sidecarHosts].sort()] }) }],
      },
    });
    announceMeshNamespace(this);
  }

  /**
   * Lets the namespace's sidecars reach a host registered in another namespace
   * (`<namespace>/<host>`); called by cross-namespace wiring.
   * @internal
   */
  public _addSidecarHost(host: string): void {
    this.sidecarHosts.add(host);
  }

  /**
   * Books a workload's pods (its replicas, at most, and a surge pod when it rolls out with one,
   * each with its limits and the sidecar's) against the quota; a quota set in the props that
   * cannot hold it refuses it.
   * @internal
   */
  public _book(scope: Construct, replicas: number, limits: PodLimits, sidecar: PodLimits, options: BookingOptions): void {
    this.capacity.book(scope, replicas, limits, sidecar, options);
  }

  /**
   * Books the ACME HTTP-01 solver pods of an ingress's hosts against the quota, so that
   * certificates can be issued in a namespace whose quota is sized to its workloads; `issuer`
   * (`Kind/name`) is named when the quota cannot hold them.
   * @internal
   */
  public _bookAcmeSolvers(scope: Construct, hosts: number, issuer: string): void {
    this.capacity.bookAcmeSolvers(scope, hosts, issuer);
  }

  /**
   * Books a stateful workload's claims (one of `size` per replica, at most) against the storage
   * quota; a quota set in the props that cannot hold them refuses them.
   * @internal
   */
  public _bookStorage(scope: Construct, claims: number, size: string, replicasProp: string): void {
    this.capacity.bookStorage(scope, claims, size, replicasProp);
  }

  /**
   * Reserves an object name in this namespace for `holder` (a workload, or what a workload emits
   * beside its own objects); a second claim on the same name is refused.
   * @internal
   */
  public _reserveName(scope: Construct, prop: string, name: string, holder = `workload "${name}"`): void {
    const taken = this.workloadNames.get(name);
    if (taken !== undefined) {
      const own = RESERVED_NAMES.includes(name);
      throw propError(scope, 'DUPLICATE_NAME', prop, name, own ? `names an object that namespace "${this.name}" emits itself, which the workload's objects would replace`
        : `"${name}" is already taken in namespace "${this.name}" by ${taken}`,
      'give each workload in a namespace a unique id or name');
    }
    this.workloadNames.set(name, holder);
  }

  private bindRole(id: string, name: string, rules: readonly Record<string, unknown>[], groups: readonly string[]): void {
    if (groups.length === 0) return;
    const meta = { name, namespace: this.name };
    emit(this, `${id}Role`, 'rbac.authorization.k8s.io/v1', 'Role', meta, { rules });
    emit(this, `${id}Binding`, 'rbac.authorization.k8s.io/v1', 'RoleBinding', meta, {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [...new Set(groups)].sort().map(g => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g })),
    });
  }

  /**
   * Validates the props, collecting every problem into one error with those `found` already (props
   * it does not know); the object props as they apply.
   */
  private validate(props: SensitiveNamespaceProps, psaVersion: string, found: PropProblem[]): NormalisedNamespaceProps {
    const add = (p: PropProblem | undefined) => { if (p) found.push(p); };
    add(checkDnsLabel(props.name === undefined ? 'id' : 'name', this.name));
    if (typeof this.name === 'string' && (this.name === 'default' || this.name.startsWith('kube-') || this.name === this.meshRootNamespace)) {
      found.push({ prop: props.name === undefined ? 'id' : 'name', value: this.name, problem: 'is a namespace run by Kubernetes or the mesh, not one for customer data',
        fix: 'name the namespace after the team or application, e.g. "payments"' });
    }
    if (!Object.values(DataClassification).includes(props.dataClassification)) {
      const absent = props.dataClassification === undefined || props.dataClassification === null;
      found.push({ prop: 'dataClassification', value: props.dataClassification, problem: absent ? 'is required: the namespace\'s data decides its controls' : 'is not a known classification',
        fix: `use one of DataClassification.${Object.keys(DataClassification).join(', DataClassification.')}` });
    }
    if (typeof props.owner !== 'string' || !LABEL_VALUE.test(props.owner)) {
      const problem = props.owner === undefined || props.owner === null ? 'is required: auditors ask who owns each namespace of customer data'
        : 'must be a label value (letters, digits, "-", "_", "."; at most 63 characters)';
      found.push({ prop: 'owner', value: props.owner, problem, fix: 'name the owning team, e.g. "team-payments"' });
    }
    if (typeof psaVersion !== 'string' || !PSA_VERSION.test(psaVersion)) {
      found.push({ prop: 'podSecurityVersion', value: psaVersion, problem: 'must pin a Kubernetes minor version ("latest" floats)', fix: 'use the cluster version, e.g. "v1.27"' });
    } else if (Number(psaVersion.slice(3)) < MIN_RESTRICTED_MINOR || Number(psaVersion.slice(3)) > MAX_PSA_MINOR) {
      found.push({ prop: 'podSecurityVersion', value: psaVersion,
        problem: Number(psaVersion.slice(3)) < MIN_RESTRICTED_MINOR
          ? `pins a restricted profile older than v1.${MIN_RESTRICTED_MINOR}, without checks it gained since (dropping every capability in v1.22, refusing runAsUser 0 in v1.23)`
          : `is newer than the Kubernetes releases this library knows (to v1.${MAX_PSA_MINOR}); a version above the cluster's is enforced as "latest", which floats`,
        fix: `use the cluster version, from v1.${MIN_RESTRICTED_MINOR} to v1.${MAX_PSA_MINOR}` });
    }
    add(checkDnsLabel('meshRootNamespace', this.meshRootNamespace)
      ?? (props.meshRootNamespace === undefined ? undefined : meshRootProblem(this, 'meshRootNamespace', this.meshRootNamespace, this.meshOwner())));
    const quota = quotaOf(props.quota, found);
    const { editors, viewers } = accessOf(props.access, found);
    const apiServer = apiServerOf(props.apiServer, found);
    Soc2Error.throwIf(this, 'INVALID_PROP', found);
    return { quota, editors, viewers, apiServer };
  }

  /** Who puts the mesh-wide policies in the app's root namespace, for a namespace whose meshRootNamespace differs. */
  private meshOwner(): string {
    const setting = appConfig(this).meshRootNamespace;
    const mesh = appMesh(this);
    const owner = mesh === undefined ? 'the app\'s MeshMtls puts the mesh-wide policies there' : `MeshMtls ${mesh} (rootNamespace "${setting}") puts the mesh-wide policies there`;
    return `${owner}, while this namespace's allow-dns NetworkPolicy and Sidecar egress would look for istiod in "${this.meshRootNamespace}"`;
  }
}

/** Re-exported for convenience. */
export { DataClassification };
