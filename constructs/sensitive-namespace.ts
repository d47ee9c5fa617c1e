import { isIPv4, isIPv6 } from 'net';
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ipv4MappedPrefix } from '../src/compliance/common/ipv4-mapped';
import { isPositiveQuantity } from '../src/compliance/common/quantity';
import { MIN_RESTRICTED_MINOR } from '../src/compliance/controls/namespace/private/pod-security-labels';
import { DataClassification } from './data-classification';
import { propError, PropProblem, Soc2Error } from './errors';
import { emit } from './private/api';
import { appRegistry } from './private/app-registry';
import { BookingOptions, NamespaceCapacity, PodLimits } from './private/capacity';
import { hostBitsProblem, ipv4MappedProblem, metadataProblem } from './private/cidr';
import { appConfig, enforceCompliance } from './private/enforce';
import { announceMeshNamespace } from './private/mesh-namespaces';
import { appMesh, meshRootProblem } from './private/mesh-root';
import { VIEW_RULES, EDIT_RULES } from './private/namespace-roles';
import { checkDnsLabel, checkPort, KeyShape, propsOf, settingsOf } from './private/validate';

/** Who may work in the namespace: OIDC groups, never individual users or `system:` groups. */
export interface NamespaceAccess {
  /**
   * Groups that may change workloads and read their pods' logs (no RBAC, no exec, no secrets, no
   * escalate/bind/impersonate).
   * @default [] - nobody
   */
  readonly editors?: readonly string[];
  /**
   * Groups that may read workload objects (never secrets or logs).
   * @default [] - nobody
   */
  readonly viewers?: readonly string[];
}

/**
 * The namespace's total compute budget (ResourceQuota). The workloads of the namespace must fit,
 * with their sidecars' limits and one surge pod per Deployment of several replicas (they may all
 * roll out at once; a StatefulSet or a single replica replaces its pods in place): a quota set here that cannot hold a workload refuses
 * it; a quota left unset is sized to hold them.
 */
export interface NamespaceQuota {
  /** Sum of CPU limits (and requests). @default - '8', or what the workloads need when that is more */
  readonly cpu?: string;
  /** Sum of memory limits (and requests). @default - '16Gi', or what the workloads need when that is more */
  readonly memory?: string;
  /**
   * Not supported: Istio's injected containers declare no ephemeral storage, so a quota on it
   * would refuse every pod of the mesh. Every workload container has ephemeral-storage limits.
   * @default - no quota on ephemeral storage
   */
  readonly ephemeralStorage?: string;
  /** Maximum number of pods. @default - 100, or what the workloads need when that is more */
  readonly pods?: number;
  /**
   * Sum of the storage PersistentVolumeClaims request (`requests.storage`); a stateful workload
   * whose claims (one per replica, at most) would not fit is refused.
   * @default - what the stateful workloads claim; no storage quota when there are none
   */
  readonly storage?: string;
}

/**
 * The Kubernetes API server, for workloads that are granted API rights: the addresses and port of
 * its endpoints, as `kubectl get endpoints kubernetes -n default` lists them. Network plugins apply
 * NetworkPolicies after the `kubernetes` Service's address is translated to an endpoint (and the
 * sidecar connects to the endpoint itself), so the Service's own ClusterIP and port (`10.96.0.1` or
 * `10.0.0.1`, the first address of the service range, on 443) match no call and leave the API
 * unreachable. Such an address is not refused: a cluster may have its endpoints there too.
 */
export interface ApiServerEndpoint {
  /**
   * The CIDR of the API server's endpoint addresses (not the `kubernetes` Service's ClusterIP), e.g.
   * `172.18.0.2/32` for one control-plane node, or the range of a managed control plane's endpoints:
   * at least a /24 (IPv4) or /112 (IPv6), with the address bits below the prefix clear, and no cloud
   * metadata address on port 80.
   */
  readonly cidr: string;
  /**
   * The port of the endpoints (not the Service's 443): 443 on EKS, GKE and AKS; 6443 on clusters
   * built with kubeadm, k3s or kind, whose API server listens on 6443 behind the Service's 443.
   * @default 443
   */
  readonly port?: number;
}

/** Props of {@link SensitiveNamespace}. */
export interface SensitiveNamespaceProps {
  /**
   * The namespace name (a DNS-1123 label). Public API: renaming moves every object.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * How sensitive the data in the namespace is; written as a label (SOC 2 C1.1).
   */
  readonly dataClassification: DataClassification;
  /**
   * The owning team, written as a label (a label value: letters, digits, `-_.`).
   */
  readonly owner: string;
  /**
   * Human access through OIDC groups (SOC 2 CC6.2, CC6.3).
   * @default - no human access
   */
  readonly access?: NamespaceAccess;
  /**
   * The namespace's resource budget (SOC 2 A1.2).
   * @default - 8 CPUs, 16Gi memory and 100 pods, or what the workloads need when that is more
   */
  readonly quota?: NamespaceQuota;
  /**
   * The Pod Security Standards version the `restricted` profile is pinned to: your cluster's
   * Kubernetes minor version, from v1.23 (the first with today's whole restricted profile) to v1.36.
   * @default 'v1.27'
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/
   */
  readonly podSecurityVersion?: string;
  /**
   * The Istio root namespace (where istiod runs), reachable for xDS and certificates. An app has
   * one: its meshRootNamespace setting (`new CompliantApp({ compliance: { meshRootNamespace } })`),
   * where the MeshMtls puts the mesh-wide policies and the compliance check looks for them. Set it
   * there; this prop may only repeat it, and another value is refused.
   * @default - the app's meshRootNamespace setting ('istio-system')
   * @deprecated Omit it and set the app's mesh root namespace instead:
   * `new CompliantApp({ compliance: { meshRootNamespace } })`, which the namespace reads (as its
   * `meshRootNamespace` attribute shows).
   */
  readonly meshRootNamespace?: string;
  /**
   * The API server's endpoint addresses and port (`kubectl get endpoints kubernetes -n default`,
   * not the Service IP); required before a workload in this namespace can be granted API rights.
   * @default - workloads cannot reach the API server
   */
  readonly apiServer?: ApiServerEndpoint;
}

/** Every prop of SensitiveNamespaceProps, and of its object props, each flagged required or not. */
const NAMESPACE_PROPS = {
  name: false, dataClassification: true, owner: true, access: false, quota: false, podSecurityVersion: false, meshRootNamespace: false, apiServer: false,
} as const satisfies KeyShape<SensitiveNamespaceProps>;
const ACCESS_PROPS = { editors: false, viewers: false } as const satisfies KeyShape<NamespaceAccess>;
const QUOTA_PROPS = { cpu: false, memory: false, ephemeralStorage: false, pods: false, storage: false } as const satisfies KeyShape<NamespaceQuota>;
const API_SERVER_PROPS = { cidr: true, port: false } as const satisfies KeyShape<ApiServerEndpoint>;

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
   * certificates can be issued in a namespace whose quota is sized to its workloads.
   * @internal
   */
  public _bookAcmeSolvers(scope: Construct, hosts: number): void {
    this.capacity.bookAcmeSolvers(scope, hosts);
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

/** The object props of a namespace as they apply: absent ones empty. */
interface NormalisedNamespaceProps {
  readonly quota: NamespaceQuota;
  readonly editors: readonly string[];
  readonly viewers: readonly string[];
  readonly apiServer?: ApiServerEndpoint;
}

/** `quota` validated: an object of known settings (never dropped), positive amounts, no ephemeral storage. */
function quotaOf(value: NamespaceQuota | undefined, found: PropProblem[]): NamespaceQuota {
  // Unknown settings are reported after the amounts' problems, in the order the props are written.
  const unknown: PropProblem[] = [];
  const quota = settingsOf('quota', value, QUOTA_PROPS, '{ cpu: "8", memory: "16Gi" }', unknown);
  if (quota === undefined) {
    found.push(...unknown);
    return {};
  }
  for (const [k, v] of [['cpu', quota.cpu], ['memory', quota.memory], ['storage', quota.storage]] as const) {
    if (v !== undefined && (!isPositiveQuantity(v) || (typeof v === 'string' && v !== v.trim()))) {
      found.push({ prop: `quota.${k}`, value: v, problem: 'must be a positive Kubernetes quantity, without spaces', fix: k === 'cpu' ? 'e.g. "8" CPUs' : 'e.g. "16Gi"' });
    }
  }
  if (quota.pods !== undefined && (!Number.isInteger(quota.pods) || quota.pods < 1)) {
    found.push({ prop: 'quota.pods', value: quota.pods, problem: 'must be a positive integer', fix: 'e.g. 100' });
  }
  if (quota.ephemeralStorage !== undefined) {
    found.push({ prop: 'quota.ephemeralStorage', value: quota.ephemeralStorage,
      problem: 'cannot be enforced in a mesh namespace: the containers Istio injects declare no ephemeral storage, so the quota would refuse every pod',
      fix: 'remove it; every CompliantWorkload container already has ephemeral-storage requests and limits' });
  }
  found.push(...unknown);
  return { ...quota };
}

/** The groups of `access`, validated: an object of known settings (a string or a misspelt key is refused, never dropped), lists of OIDC groups. */
function accessOf(value: NamespaceAccess | undefined, found: PropProblem[]): { editors: string[]; viewers: string[] } {
  const access: NamespaceAccess = settingsOf('access', value, ACCESS_PROPS, '{ editors: ["oidc:team-devs"] }', found) ?? {};
  const groups = { editors: [] as string[], viewers: [] as string[] };
  for (const prop of Object.keys(ACCESS_PROPS) as (keyof typeof ACCESS_PROPS)[]) {
    const v = access[prop];
    if (v !== undefined && !Array.isArray(v)) found.push({ prop: `access.${prop}`, value: v, problem: 'must be an array of group names', fix: `e.g. access: { ${prop}: ["oidc:team-devs"] }` });
    if (Array.isArray(v)) groups[prop] = [...v];
    groups[prop].forEach((g, i) => { const p = checkGroup(`access.${prop}[${i}]`, g); if (p) found.push(p); });
  }
  return groups;
}

/** `apiServer` validated: an object of known settings, a narrow CIDR of endpoint addresses clear of the metadata service, a port. */
function apiServerOf(value: ApiServerEndpoint | undefined, found: PropProblem[]): ApiServerEndpoint | undefined {
  const apiServer = settingsOf('apiServer', value, API_SERVER_PROPS, '{ cidr: "172.18.0.2/32", port: 6443 }', found);
  if (apiServer === undefined) return undefined;
  const { cidr, port } = apiServer;
  const fix = 'name the addresses of the API server\'s endpoints (kubectl get endpoints kubernetes -n default), e.g. "172.18.0.2/32"';
  if (!isCidr(cidr)) found.push({ prop: 'apiServer.cidr', value: cidr, problem: 'must be an IPv4 or IPv6 CIDR', fix });
  else if (ipv4MappedPrefix(cidr) !== undefined) found.push(ipv4MappedProblem('apiServer.cidr', cidr));
  else if (Number(cidr.split('/')[1]) < (cidr.includes(':') ? 112 : 24)) {
    found.push({ prop: 'apiServer.cidr', value: cidr, problem: 'is far wider than the API server endpoints, so granted workloads could reach much more', fix });
  } else {
    const p = hostBitsProblem('apiServer.cidr', cidr) ?? metadataProblem('apiServer.cidr', cidr, 'TCP', port ?? 443,
      'name the addresses of the API server\'s endpoints (kubectl get endpoints kubernetes -n default), which the metadata service is not');
    if (p) found.push(p);
  }
  const portProblem = port === undefined ? undefined : checkPort('apiServer.port', port);
  if (portProblem) found.push({ ...portProblem, fix: 'pass the port of the API server\'s endpoints (kubectl get endpoints kubernetes -n default): 443 on EKS, GKE and AKS, 6443 on kubeadm, k3s and kind' });
  return apiServer;
}

function checkGroup(prop: string, group: unknown): PropProblem | undefined {
  const fix = 'bind an OIDC group from your identity provider, e.g. "oidc:payments-devs"; access is never granted to individual users or built-in system groups';
  if (typeof group !== 'string' || group.trim() === '' || group !== group.trim()) return { prop, value: group, problem: 'must be a non-empty group name', fix };
  if (group.includes('*')) return { prop, value: group, problem: 'wildcards are not group names', fix };
  if (/^system:/i.test(group)) return { prop, value: group, problem: 'is a built-in Kubernetes group (system:*), which would grant access far beyond the team', fix };
  if (/^(user|users|serviceaccount):/i.test(group)) return { prop, value: group, problem: 'names a user or service account, not a group', fix };
  return undefined;
}

/** Whether `value` is an IPv4 or IPv6 CIDR (address in canonical-enough form, prefix in range). */
export function isCidr(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  // A prefix length without leading zeros (`/024` would be written into the objects as given).
  const m = /^([0-9a-fA-F:.]+)\/(0|[1-9]\d{0,2})$/.exec(value);
  if (!m) return false;
  const prefix = Number(m[2]);
  if (isIPv6(m[1])) return prefix <= 128;
  return isIPv4(m[1]) && prefix <= 32 && m[1].split('.').every(p => p === '0' || !p.startsWith('0'));
}

/** Re-exported for convenience. */
export { DataClassification };
