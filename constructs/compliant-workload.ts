import { ApiObject, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { API_SERVER_EGRESS_REASON, EGRESS_REASONS_ANNOTATION, formatEgressReason } from '../src/compliance/network/model';
import { suppressionKey, suppressionValue } from '../src/compliance/suppressions';
import { propError, PropProblem, Soc2Error } from './errors';
import { HealthCheck } from './health-check';
import { ExternalPeer } from './peer';
import type { PodField } from './pod-field';
import { emit } from './private/api';
import { autoscalerSpec } from './private/autoscaling';
import { canonicalCidr, normalCidr } from './private/cidr';
import { DNS_EGRESS } from './private/dns';
import { appConfig, enforceCompliance } from './private/enforce';
import { registerExternal } from './private/external-hosts';
import { buildPodSpec, ResourceAmounts } from './private/pod-spec';
import { ensurePriorityClass, PRIORITY_CLASS } from './private/priority-class';
import { ISSUER_SECRETS, secretClaims, secretKey, WORKLOAD_SECRETS } from './private/secret-claims';
import { sidecarResourceAnnotations } from './private/sidecar';
import { volumeClaimTemplate } from './private/storage';
import { IngressRules, EgressRules } from './private/traffic-rules';
import { checkPort, describeConstruct, KeyShape, optionsOf } from './private/validate';
import { VERSION_LABEL } from './private/workload-labels';
import { checkEgressPeer, checkGrant, checkNotMeshPort, normaliseWorkloadProps } from './private/workload-props';
import { PolicyRule } from './rule';
import { SensitiveNamespace } from './sensitive-namespace';

/** A reference to one key of a Kubernetes Secret. */
export interface SecretKeyRef {
  /** The Secret's name, in the workload's namespace. */
  readonly secret: string;
  /** The key inside the Secret: letters, digits, `-`, `_` and `.`, at most 253, not `.` nor starting with `..`. */
  readonly key: string;
}

/** A reference to one key of a Kubernetes ConfigMap. */
export interface ConfigMapKeyRef {
  /** The ConfigMap's name, in the workload's namespace. */
  readonly configMap: string;
  /** The key inside the ConfigMap: letters, digits, `-`, `_` and `.`, at most 253, not `.` nor starting with `..`. */
  readonly key: string;
}

/** Requests or limits; unset fields take the default. */
export interface ResourceAmountsProps {
  /** CPUs: `'500m'` is half a CPU, `'1'` one. @default - requests '100m', limits '500m' */
  readonly cpu?: string;
  /**
   * A whole number of bytes, in binary units (`'512Mi'`; `'512m'` is thousandths of a byte, and
   * `'1.1Gi'` a fraction of one, which Kubernetes calls invalid).
   * @default - requests '128Mi', limits '256Mi'
   */
  readonly memory?: string;
  /**
   * A whole number of bytes; the limit is also the sizeLimit of each writable path's emptyDir.
   * @default - requests '64Mi', limits '256Mi'
   */
  readonly ephemeralStorage?: string;
}

/** CPU and memory of the Istio sidecar; unset fields take the default. */
export interface SidecarAmountsProps {
  /** @default - requests '100m', limits '500m' */
  readonly cpu?: string;
  /** A whole number of bytes. @default - requests '128Mi', limits '256Mi' */
  readonly memory?: string;
}

/** Requests and limits of the Istio sidecar (set with Istio's `sidecar.istio.io/proxy*` annotations). */
export interface SidecarResources {
  /** @default - 100m CPU, 128Mi memory */
  readonly requests?: SidecarAmountsProps;
  /** @default - 500m CPU, 256Mi memory */
  readonly limits?: SidecarAmountsProps;
}

/** Container requests and limits (SOC 2 A1.2; Kubescape C-0009, C-0050). */
export interface WorkloadResources {
  /** @default - 100m CPU, 128Mi memory, 64Mi ephemeral storage */
  readonly requests?: ResourceAmountsProps;
  /** @default - 500m CPU, 256Mi memory, 256Mi ephemeral storage */
  readonly limits?: ResourceAmountsProps;
  /**
   * The Istio sidecar's requests and limits. They count against the namespace quota like the
   * container's.
   * @default - requests 100m CPU and 128Mi, limits 500m CPU and 256Mi
   */
  readonly sidecar?: SidecarResources;
}

/** An acknowledged exception: why a default is weakened, and until when. */
export interface Exception {
  /** Why it is needed and how it is tracked; written into the manifest. */
  readonly reason: string;
  /**
   * The last day it applies (YYYY-MM-DD). Required when the exception is written as a suppression
   * and the app's `maxSuppressionDays` setting is set, and then at most that many days ahead.
   * @default - no expiry
   */
  readonly expires?: string;
}

/**
 * Horizontal autoscaling of a workload: an autoscaling/v2 HorizontalPodAutoscaler on the app
 * container's utilisation (the sidecar's requests left out), with the replica count of the
 * Deployment (or StatefulSet) left to it.
 */
export interface WorkloadAutoscaling {
  /**
   * The fewest replicas, at least 2 and the app's `minReplicas` setting (SOC 2 A1.2).
   * @default - 2, or the app's `minReplicas` when higher
   */
  readonly minReplicas?: number;
  /** The most replicas, above `minReplicas`. The namespace's quota is sized for this many pods. */
  readonly maxReplicas: number;
  /**
   * The average CPU use to keep, as a percentage of the container's CPU request. The container
   * must be able to pass it by the autoscaler's 10 % tolerance within its limit: the target stays
   * below limit ÷ request × 100 ÷ 1.1.
   * @default 70
   */
  readonly cpuUtilization?: number;
  /**
   * The average memory use to keep, as a percentage of the container's memory request; below
   * limit ÷ request × 100 ÷ 1.1, as for `cpuUtilization`.
   * @default - memory does not drive scaling
   */
  readonly memoryUtilization?: number;
}

/**
 * A persistent volume for each replica of a workload that keeps data. The workload is then a
 * StatefulSet: each replica gets its own ReadWriteOnce claim from `volumeClaimTemplates`, kept when
 * the workload is scaled down or deleted, and a headless Service `<name>-headless` names its pods.
 */
export interface WorkloadStorage {
  /** The absolute directory the volume is mounted at (writable, outside `writablePaths`). */
  readonly mountPath: string;
  /** The size of each replica's volume, a Kubernetes quantity such as '10Gi'. */
  readonly size: string;
  /** The StorageClass of the claims. @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
  /**
   * How the replicas start: `OrderedReady` one after the other, each once the one before is ready
   * (a primary before its replicas); `Parallel` all at once, for clusters whose members become
   * ready only together (a quorum). Fixed once the StatefulSet exists, like the claim template.
   * @default 'OrderedReady'
   */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
}

/** The application protocol of the workload's port. */
export type AppProtocol = 'http' | 'http2' | 'grpc' | 'tcp';

/** Props of {@link CompliantWorkload}. */
export interface CompliantWorkloadProps {
  /** The namespace the workload runs in; only a SensitiveNamespace qualifies. */
  readonly namespace: SensitiveNamespace;
  /**
   * The container image, pinned by digest or an explicit non-latest tag (SOC 2 CC8.1). A tag that
   * is a label value becomes the `app.kubernetes.io/version` label of the Deployment (or
   * StatefulSet) and its pod template, and of nothing else (see `labels`).
   */
  readonly image: string;
  /**
   * The port the container serves on (exposed by a ClusterIP Service). Without it the workload
   * serves nothing (a queue consumer, a batch worker): no serving port, no Service (a Service for
   * `metricsPort` alone, when set), no caller can be allowed in, and `liveness` and `readiness`
   * must be given, each with its own port or command.
   *
   * A port below 1024 (80, 443) is bound without root or capabilities: when the lowest port the
   * container listens on (this one, `metricsPort`, a port a health check names, a port the replicas
   * reach each other on) is below 1024, the pod sets the namespaced sysctl
   * `net.ipv4.ip_unprivileged_port_start` to that port, so the ports from it up are unprivileged in
   * the pod's network namespace, and those below stay privileged. The sysctl is in the Pod Security
   * baseline's safe set and the kubelet's (Kubernetes 1.22 on); without it, on a runtime that does
   * not lower the boundary itself (containerd 1.x by default, CRI-O), the application could not
   * bind the port. With every port 1024 or above, no sysctl is set.
   * @default - no port: a worker
   * @see https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
   */
  readonly port?: number;
  /**
   * The workload name (a DNS-1035 label of at most 50 characters: it names the Service, and the
   * names derived from it must fit in 63). Public API.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Pod replicas; at least 2 so that a node loss or an eviction leaves the service up (SOC 2 A1.2),
   * and at least the app's `minReplicas` setting when that is higher. Not with `autoscaling`,
   * which decides the count; 1 only with `singleReplica`, or when the app's `minReplicas` is 1.
   * @default - 2 (the app's `minReplicas` when higher), or 1 with `singleReplica`
   */
  readonly replicas?: number;
  /**
   * Lets a HorizontalPodAutoscaler decide the replica count between bounds; the Deployment (or
   * StatefulSet) then sets no `replicas`, so an apply never resets the count the autoscaler chose.
   * @default - a fixed replica count (`replicas`)
   */
  readonly autoscaling?: WorkloadAutoscaling;
  /**
   * A persistent volume per replica, for a workload that keeps data (a database, a queue): the
   * workload becomes a StatefulSet with a claim template and a headless Service. Scratch space
   * belongs in `writablePaths`.
   * @default - no persistent storage: a Deployment
   */
  readonly storage?: WorkloadStorage;
  /** Requests and limits. @default - see {@link WorkloadResources} */
  readonly resources?: WorkloadResources;
  /**
   * Plain environment variables, written in declaration order (the order of the object's keys),
   * except that a variable is written after the variables its value uses as `$(NAME)`, since
   * Kubernetes expands a reference only to the variables before it in the list. A variable that
   * refers to itself, or variables that refer to each other in a cycle, are refused: Kubernetes
   * would leave one of them as literal text (`$$(NAME)` writes the text `$(NAME)`). So is a
   * reference to a name defined nowhere (not in `env` or `podInfoEnv`, nor one of the
   * `KUBERNETES_SERVICE_*` and `KUBERNETES_PORT*` variables Kubernetes sets for the API server),
   * such as a typo (`$(POD_NAM)`); text no variable can be named (`$(date +%s)`) is left alone.
   * Names that look like credentials are refused (use `secretFiles`), and so are values holding
   * what scanners take for one in any variable (`bearer`, `jwt`, `_key_`, `_secret_`,
   * `PRIVATE KEY`, Kubescape C-0012).
   * Names are what Kubernetes accepts: letters, digits, `_`, `-` and `.`, not a digit first
   * (`my.var-x`; `$(my.var-x)` refers to it). A value may refer to the `podInfoEnv` variables,
   * which come first (`$(POD_NAME).ledger-headless`).
   * @default {}
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Facts about the pod as environment variables, read through the downward API
   * (`valueFrom.fieldRef`): variable name → pod field, e.g. `{ POD_NAME: PodField.POD_NAME }` for
   * a clustered StatefulSet whose members announce themselves, or `PodField.NODE_NAME` for logs.
   * Written before the `env` variables, in declaration order, so that `env` values may refer to
   * them (`$(POD_NAME)`). The names share the namespace of `env` (a name in both is refused), follow
   * its rules, and may not be named for a credential.
   * @default {}
   * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/
   */
  readonly podInfoEnv?: Readonly<Record<string, PodField>>;
  /**
   * Secrets the container reads, by reference only: file name → Secret key. Each is mounted
   * read-only at `/var/run/secrets/app/<file name>`. Secrets never sit in environment variables,
   * where they leak into crash dumps, child processes and `kubectl describe` (SOC 2 CC6.1;
   * CIS 5.4.1; Kubescape C-0012, C-0207). The Secrets cert-manager keeps for the app in the
   * namespace are refused: a CertManagedIngress's certificate Secret, and a namespaced Issuer's CA
   * key pair, ACME account key and DNS provider credentials.
   * @default {}
   */
  readonly secretFiles?: Readonly<Record<string, SecretKeyRef>>;
  /**
   * Configuration files the container reads from ConfigMaps: file name → ConfigMap key. Each is
   * mounted read-only (mode 0440, for the pod's user and group) at `/etc/app/<file name>`, from
   * one projected volume that replaces whatever the image holds in `/etc/app`; Kubernetes updates
   * the files when the ConfigMap changes. A ConfigMap is neither encrypted at rest nor hidden
   * from whoever reads the namespace, so credentials go in `secretFiles`: a file or key named for
   * one (`db-password`, `tls.key`, `credentials.json`, `.pgpass`, `htpasswd`; a configuration file
   * such as `auth.yaml` or `password-policy.json` is judged by what it holds, by the
   * configmap-no-credentials control) is refused. Names are one path segment of letters, digits,
   * `-`, `_` and `.`, not starting with `..` (`.env` is fine). The namespace's trust anchors
   * (`kube-root-ca.crt`, `istio-ca-root-cert`) may be mounted: they hold public certificates.
   * The pod starts only once every ConfigMap and key exists.
   * @default {}
   */
  readonly configFiles?: Readonly<Record<string, ConfigMapKeyRef>>;
  /**
   * The PriorityClass of the pods. When unset (or set to it), the library emits the PriorityClass
   * `cdk8s-soc2-workload` once per app (SOC 2 A1.2: customer-facing services are scheduled before batch work);
   * for a class of another value, name a PriorityClass of your own.
   * @default 'cdk8s-soc2-workload'
   */
  readonly priorityClassName?: string;
  /**
   * The container's command. Like `args`, it may not pass a credential: a flag named for one with
   * a literal value (`--password=…`, or `--password …`; `--password-file=…`, `$(VAR)` references
   * and the Secret or key `--password-secret`/`--password-key` name are fine), a client's password
   * flag (`mysql -p…`, `redis-cli -a …`, `docker login -p …`), openssl's `pass:…`, or a literal
   * secret (a token, a private key, a URL with a password). A value starting with `/` is a path
   * when it has two segments or more, a key file's name, or lies under a writable path or the
   * storage; `--password /xY9$k` is a password.
   * @default - the image's entrypoint
   */
  readonly command?: readonly string[];
  /** The container's arguments; no credentials, as for `command`. @default - the image's arguments */
  readonly args?: readonly string[];
  /**
   * Normalised absolute paths (`'/tmp'`, not `'/tmp/'`) that must be writable; each gets an emptyDir whose sizeLimit is the container's
   * ephemeral-storage limit (`resources.limits.ephemeralStorage`), the root filesystem stays read-only.
   * @default ['/tmp']
   */
  readonly writablePaths?: readonly string[];
  /**
   * How the kubelet checks that the container lives. A `HealthCheck.command` passes no
   * credential, as for `command`: the kubelet runs it in the container, where the process list shows it.
   * @default HealthCheck.http('/healthz') (tcp or grpc protocol: HealthCheck.tcp(); without `port`: required)
   */
  readonly liveness?: HealthCheck;
  /**
   * How the kubelet checks that the container is ready; no credential in a `HealthCheck.command`, as for `liveness`.
   * @default HealthCheck.http('/readyz') (grpc protocol: HealthCheck.grpc(); tcp protocol or without `port`: required)
   */
  readonly readiness?: HealthCheck;
  /**
   * The longest the application may take to start (10 seconds to a day). The container then gets a
   * startup probe (the liveness check, every 10 seconds), and the kubelet holds the liveness and
   * readiness probes back until it succeeds: a slow start (a JVM warming up, a database replaying
   * its log) is not restarted in a loop, and a hung one is once the time is up.
   * @default - no startup probe: liveness is first checked 10 seconds after the container starts
   */
  readonly startupTimeout?: Duration;
  /**
   * A port serving metrics, reachable only from the monitoring namespace. Below 1024 it may be
   * the lowest port, which lowers the pod's first unprivileged port (see `port`).
   * @default - no metrics port
   */
  readonly metricsPort?: number;
  /**
   * The namespace of the platform's monitoring (e.g. Prometheus), allowed to scrape `metricsPort`;
   * one of the app's `monitoringNamespaces` setting (network-metrics-from-monitoring). Only with
   * `metricsPort`.
   * @default - the first of the app's `monitoringNamespaces` ('monitoring' unless the app sets them)
   */
  readonly monitoringNamespace?: string;
  /**
   * The UID the containers run as; 10000 or more so it never collides with a host user.
   * @default 10001
   */
  readonly user?: number;
  /** The GID the containers run as, also the fsGroup. @default 10001 */
  readonly group?: number;
  /** The application protocol of `port` (only with `port`). @default 'http' */
  readonly protocol?: AppProtocol;
  /**
   * Weakens the read-only root filesystem (control pod-read-only-root-fs). The reason and expiry are
   * written into the Deployment as a suppression, so the exception shows in the diff and the report.
   * @default - the root filesystem is read-only
   */
  readonly writableRootFilesystem?: Exception;
  /**
   * Weakens availability to one replica (control workload-min-replicas), for software that cannot
   * run twice side by side, such as a database without replication. The reason and expiry are
   * written into the workload as a suppression; not with `replicas` above 1 or `autoscaling`. A
   * Deployment then rolls out by `Recreate` (the old pod is gone before the new one starts), with
   * downtime; only a StatefulSet (`storage`) also never runs two pods while one is evicted. When
   * the app's `minReplicas` setting is 1 there is nothing to suppress, and only the reason's
   * checks and the `Recreate` rollout remain (`replicas: 1` alone rolls out with a surge pod).
   * @default - at least 2 replicas
   */
  readonly singleReplica?: Exception;
  /**
   * Extra labels for the workload, its pods and the objects it emits: a cost centre, a team, the
   * labels the app's `requiredWorkloadLabels` setting asks for (a workload without them is
   * refused). `app.kubernetes.io/version` here replaces the one read from the image tag; either
   * way, the version label goes on the Deployment (or StatefulSet) and its pod template only, not
   * on the Service, ServiceAccount, PodDisruptionBudget, NetworkPolicy, autoscaler, RBAC or mesh
   * policies, so an image bump changes one object of the reviewed diff (nothing selects by it, and
   * `requiredWorkloadLabels` reads pod templates). Not the
   * labels the workload sets itself (`app.kubernetes.io/name` and `instance` select its pods,
   * `part-of` comes from `partOf`), nor labels under the prefixes of Kubernetes (but
   * `app.kubernetes.io`), Istio, cert-manager or this library, which steer the platform
   * (`sidecar.istio.io/inject` would take the pods out of the mesh); a `requiredWorkloadLabels`
   * key under those prefixes refuses the workload, naming the setting.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * The application this workload is part of (`app.kubernetes.io/part-of`): a label value.
   * @default - the namespace name
   */
  readonly partOf?: string;
}

/** The NetworkPolicy annotation listing why each external destination is allowed (the engine's `EGRESS_REASONS_ANNOTATION`). */
export const EGRESS_REASONS = EGRESS_REASONS_ANNOTATION;

/** A rollout that starts each new pod before it stops an old one: no loss of capacity. */
const SURGE_FIRST = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
/**
 * The rollout of a single replica, which must not run twice: the old pod is gone before the new
 * one is created (a RollingUpdate starts the new pod while the old one is still terminating).
 */
const RECREATE = { type: 'Recreate' };
/** Polaris' exemption of its `deploymentMissingReplicas` check, for a Deployment whose replicas an autoscaler decides. */
const POLARIS_REPLICAS_EXEMPTION = 'polaris.fairwinds.com/deploymentMissingReplicas-exempt';
/** The Sidecar host of the API server's `kubernetes` Service, which a workload granted API rights must reach. */
const KUBERNETES_API_HOST = 'default/kubernetes.default.svc.cluster.local';
const DEFAULT_REQUESTS: ResourceAmounts = { cpu: '100m', memory: '128Mi', ephemeralStorage: '64Mi' };
const DEFAULT_LIMITS: ResourceAmounts = { cpu: '500m', memory: '256Mi', ephemeralStorage: '256Mi' };

/** Options of {@link CompliantWorkload.allowFrom}. */
export interface AllowFromOptions {
  /**
   * The port callers may reach: the workload's port or its metrics port; for the replicas of a
   * workload with `storage` reaching each other (`w.allowFrom(w, { port })`), any port, which is
   * then declared on the headless Service.
   * @default - the workload's port (required for a workload without one: its metrics port)
   */
  readonly port?: number;
}

const ALLOW_FROM_OPTIONS = { port: false } as const satisfies KeyShape<AllowFromOptions>;

/** Options of {@link CompliantWorkload.allowEgressTo} for a peer outside the cluster. */
export interface EgressOptions {
  /** Why the workload must reach this address; written into the manifests. */
  readonly reason: string;
}

/**
 * A service that handles customer data. It emits a ServiceAccount, a hardened Deployment (a
 * StatefulSet with a headless Service when it keeps data in `storage`), a ClusterIP Service, a
 * PodDisruptionBudget, a HorizontalPodAutoscaler when `autoscaling` is set, a NetworkPolicy
 * admitting only named peers and reaching only named destinations, and, once peers are named, an
 * Istio AuthorizationPolicy allowing their SPIFFE principals; a Role and RoleBinding only from
 * explicit grants.
 */
export class CompliantWorkload extends Construct {
  /** Whether `x` is a CompliantWorkload. */
  public static isCompliantWorkload(x: unknown): x is CompliantWorkload {
    return x instanceof CompliantWorkload;
  }

  /** The workload name: of the Deployment, Service, ServiceAccount and policies. */
  public readonly name: string;
  /** The namespace the workload runs in. */
  public readonly namespace: SensitiveNamespace;
  /** The port the Service exposes; `undefined` for a worker, which serves nothing. */
  public readonly port: number | undefined;
  /** The metrics port, when declared. */
  public readonly metricsPort?: number;
  /** The application protocol of `port`. */
  public readonly protocol: AppProtocol;
  /** Labels that select the workload's pods. */
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /** The ServiceAccount name. */
  public readonly serviceAccountName: string;
  /** The `labels` prop, in key order, without `app.kubernetes.io/version`: on every object the workload emits. */
  private readonly extraLabels: Readonly<Record<string, string>>;
  /** The workload's mesh identity: `cluster.local/ns/<namespace>/sa/<serviceAccount>`. */
  public readonly principal: string;
  /** The in-cluster DNS name of the Service. */
  public readonly host: string;
  /** The Deployment (a StatefulSet with `storage`). */
  public readonly resource: ApiObject;
  /** The name of the headless Service of a workload with `storage`. */
  private readonly headlessService?: string;
  /** Ports on which the replicas of a workload with `storage` reach each other, beside its own. */
  private readonly peerPorts = new Set<number>();
  private readonly ingress = new IngressRules();
  private readonly egress = new EgressRules(DNS_EGRESS);
  /** The external destinations allowed so far, by canonical range, protocol and port. */
  private readonly external = new Map<string, { readonly host?: string; readonly reason: string }>();
  private readonly grants: PolicyRule[] = [];
  private readonly networkPolicy: ApiObject;
  private authorization?: ApiObject;

  public constructor(scope: Construct, id: string, props: CompliantWorkloadProps) {
    super(scope, id);
    const p = normaliseWorkloadProps(this, id, props, DEFAULT_REQUESTS, DEFAULT_LIMITS);
    enforceCompliance(this);
    this.name = p.name;
    this.namespace = p.namespace;
    if (p.metricsPort !== undefined && p.monitoringNamespace === this.namespace.name) {
      throw propError(this, 'INVALID_PEER', 'monitoringNamespace', p.monitoringNamespace,
        'is the workload\'s own namespace: every pod in it could reach the metrics port without allowFrom',
        'pass the namespace Prometheus runs in; a scraper inside this namespace is a peer: allowFrom(scraper, { port: metricsPort })');
    }
    // The app's settings are known now: a monitoring namespace they do not list would fail the synth (network-metrics-from-monitoring).
    const monitoring = p.metricsPort === undefined ? [] : appConfig(this).monitoringNamespaces;
    if (p.metricsPort !== undefined && !monitoring.includes(p.monitoringNamespace)) {
      throw propError(this, 'INVALID_PEER', 'monitoringNamespace', p.monitoringNamespace,
        `is not one of the app's monitoringNamespaces (${monitoring.join(', ') || 'none'}), the only namespaces that may reach metrics ports`,
        'pass one of them, or add the namespace to the compliance setting monitoringNamespaces');
    }
    this.claimSecrets(p.secretFiles);
    this.port = p.port;
    this.protocol = p.appProtocol as AppProtocol;
    this.metricsPort = p.metricsPort;
    this.serviceAccountName = p.name;
    this.principal = `cluster.local/ns/${this.namespace.name}/sa/${this.serviceAccountName}`;
    this.host = `${p.name}.${this.namespace.name}.svc.cluster.local`;
    this.namespace._reserveName(this, p.nameProp, p.name);
    // The most pods the workload runs, and the prop that sets it, for the quota.
    const peakReplicas = p.autoscaling?.maxReplicas ?? p.replicas;
    const replicasProp = p.autoscaling ? 'autoscaling.maxReplicas' : 'replicas';
    if (p.storage) {
      this.namespace._bookStorage(this, peakReplicas, p.storage.size, replicasProp);
      this.headlessService = `${p.name}-headless`;
      this.namespace._reserveName(this, 'storage', this.headlessService, `the headless Service of workload "${p.name}"`);
    }
    this.namespace._book(this, peakReplicas, { cpu: p.limits.cpu, memory: p.limits.memory }, p.sidecar.limits, {
      replicasProp,
      // A Deployment rolls out with one surge pod; a StatefulSet, or a single replica, replaces its pods in place.
      surge: !p.storage && !p.singleReplica,
    });
    this.selectorLabels = { 'app.kubernetes.io/name': p.name, 'app.kubernetes.io/instance': p.name };
    const labels: Record<string, string> = { ...this.selectorLabels, 'app.kubernetes.io/part-of': p.partOf, ...p.labels };
    // The version changes with every release: only the workload and its pods carry it, so an
    // image bump changes one object of the reviewed diff, not every object the workload emits.
    const workloadLabels = p.version === undefined ? labels : { ...labels, [VERSION_LABEL]: p.version };
    this.extraLabels = p.labels;
    const meta = (annotations?: Record<string, string>) => ({ name: p.name, namespace: this.namespace.name, labels, annotations });

    // The library's own class is emitted once per app whenever a workload uses it, named or by default.
    if (p.priorityClassName === PRIORITY_CLASS) ensurePriorityClass(this);
    emit(this, 'ServiceAccount', 'v1', 'ServiceAccount', meta(), { automountServiceAccountToken: false });
    const annotations: Record<string, string> = {};
    if (p.writableRootFilesystem) {
      annotations[suppressionKey('pod-read-only-root-fs')] = suppressionValue(p.writableRootFilesystem.reason, p.writableRootFilesystem.expires);
    }
    if (p.singleReplica && p.singleReplicaSuppressed) annotations[suppressionKey('workload-min-replicas')] = suppressionValue(p.singleReplica.reason, p.singleReplica.expires);
    // Polaris reads only spec.replicas, which an autoscaled Deployment must leave unset; the
    // engine's workload-min-replicas checks the autoscaler's minReplicas instead.
    if (p.autoscaling && !p.storage) annotations[POLARIS_REPLICAS_EXEMPTION] = 'true';
    const kind = p.storage ? 'StatefulSet' : 'Deployment';
    const headless = this.headlessService;
    const template = {
      metadata: { labels: { ...workloadLabels }, annotations: sidecarResourceAnnotations(p.sidecar) },
      // Rendered at synth: grants and the replicas' own ports (allowFrom) may come after construction.
      spec: Lazy.any({
        produce: () => buildPodSpec({
          ...p, selector: this.selectorLabels, serviceAccountName: this.serviceAccountName, apiAccess: this.grants.length > 0, peerPorts: [...this.peerPorts],
        }),
      }),
    };
    const replicas = p.autoscaling ? undefined : p.replicas;
    const selector = { matchLabels: { ...this.selectorLabels } };
    this.resource = emit(this, 'Resource', 'apps/v1', kind, { ...meta(annotations), labels: workloadLabels }, {
      spec: p.storage
        ? {
          replicas, serviceName: headless, revisionHistoryLimit: 5, selector, updateStrategy: { type: 'RollingUpdate' }, template,
          ...(p.storage.podManagementPolicy === 'Parallel' ? { podManagementPolicy: 'Parallel' } : {}),
          volumeClaimTemplates: [volumeClaimTemplate(p.storage, this.selectorLabels)],
        }
        : { replicas, revisionHistoryLimit: 5, selector, strategy: p.singleReplica ? RECREATE : SURGE_FIRST, template },
    });
    const servicePorts: Record<string, unknown>[] = [];
    if (p.port !== undefined) servicePorts.push({ name: p.portName, port: p.port, targetPort: p.portName, protocol: 'TCP', appProtocol: p.appProtocol });
    if (p.metricsPort !== undefined) servicePorts.push({ name: 'metrics', port: p.metricsPort, targetPort: 'metrics', protocol: 'TCP', appProtocol: 'http' });
    // A worker without ports has no Service: nothing calls it.
    if (servicePorts.length > 0) emit(this, 'Service', 'v1', 'Service', meta(), { spec: { type: 'ClusterIP', selector: { ...this.selectorLabels }, ports: servicePorts } });
    if (headless !== undefined) {
      // The StatefulSet's governing Service: stable DNS names for its pods (<pod>.<name>-headless),
      // published before they are ready so that replicas find each other while a cluster forms.
      emit(this, 'HeadlessService', 'v1', 'Service', { ...meta(), name: headless }, {
        // The serving port and the ports the replicas reach each other on (allowFrom itself); the
        // metrics port only when they do, declared as on the Service (one protocol per pod port for
        // Istio). Otherwise not: a scraper selecting Services by label would read each pod twice.
        spec: {
          type: 'ClusterIP', clusterIP: 'None', publishNotReadyAddresses: true, selector: { ...this.selectorLabels },
          ports: Lazy.any({
            produce: () => [servicePorts[0], ...[...this.peerPorts].sort((a, b) => a - b).map(port => servicePorts.find(s => s.port === port) ?? peerPort(port))],
          }),
        },
      });
    }
    if (p.autoscaling) {
      emit(this, 'Autoscaler', 'autoscaling/v2', 'HorizontalPodAutoscaler', meta(), { spec: autoscalerSpec(kind, p.name, p.name, p.autoscaling) });
    }
    emit(this, 'DisruptionBudget', 'policy/v1', 'PodDisruptionBudget', meta(), {
      spec: { maxUnavailable: 1, selector: { matchLabels: { ...this.selectorLabels } } },
    });
    this.networkPolicy = emit(this, 'NetworkPolicy', 'networking.k8s.io/v1', 'NetworkPolicy', meta(), {
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': p.name } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: Lazy.any({ produce: () => this.ingress.networkPolicyRules(this.port) }),
        egress: Lazy.any({ produce: () => this.egress.networkPolicyRules() }),
      },
    });
    if (p.metricsPort !== undefined) {
      this.admit(`monitoring:${p.monitoringNamespace}`, {
        port: p.metricsPort,
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': p.monitoringNamespace } } }],
        source: { namespaces: [p.monitoringNamespace] },
      });
    }
  }

  /**
   * Records the Secrets the workload reads, and refuses one that a CertManagedIngress of the app
   * writes its certificate into (cert-manager would replace the credentials with the certificate),
   * or that a namespaced Issuer of the app holds its credentials in (a CA key pair, an ACME
   * account key, DNS provider credentials): only cert-manager reads those (SOC 2 CC6.1).
   */
  private claimSecrets(secretFiles: Readonly<Record<string, { readonly secret: string }>>): void {
    const claims = secretClaims(this);
    const found: PropProblem[] = [];
    for (const [file, ref] of Object.entries(secretFiles)) {
      const key = secretKey(this.namespace.name, ref.secret);
      const holder = claims.get(key);
      const prop = `secretFiles.${file}.secret`;
      if (holder === undefined) claims.set(key, `${WORKLOAD_SECRETS}${this.node.path}`);
      else if (holder.startsWith(ISSUER_SECRETS)) {
        found.push({ prop, value: ref.secret, problem: `is one of ${holder}: a workload that mounts it could issue certificates for the namespace's hosts, or change their DNS records`,
          fix: 'keep the workload\'s credentials in a Secret of their own; only cert-manager reads an issuer\'s Secrets' });
      } else if (!holder.startsWith(WORKLOAD_SECRETS)) {
        found.push({ prop, value: ref.secret, problem: `is the Secret that ${holder} has cert-manager write its certificate into`,
          fix: 'keep the credentials in a Secret of their own' });
      }
    }
    Soc2Error.throwIf(this, 'DUPLICATE_NAME', found);
  }

  /**
   * Lets `peer` call this workload on `options.port` (default: the workload's port): an ingress
   * rule here, an egress rule on the peer, and the peer's SPIFFE principal in this workload's
   * AuthorizationPolicy. Repeated calls are idempotent. `w.allowFrom(w)` lets the replicas of a
   * workload reach each other (replication, clustering).
   */
  public allowFrom(peer: CompliantWorkload, options?: AllowFromOptions): void {
    options = optionsOf(this, 'INVALID_PROP', 'allowFrom(options)', options, '{ port: 9090 }', ALLOW_FROM_OPTIONS);
    if (peer === undefined || peer === null) {
      throw propError(this, 'INVALID_PEER', 'allowFrom(peer)', peer, 'is missing: it names the workload allowed to call this one',
        'pass the CompliantWorkload that calls this one: callee.allowFrom(caller)');
    }
    if (!CompliantWorkload.isCompliantWorkload(peer)) {
      throw propError(this, 'INVALID_PEER', 'allowFrom(peer)', describeConstruct(peer), 'is not a CompliantWorkload, so its pods are not hardened or isolated',
        'wire only CompliantWorkloads; expose other callers through CertManagedIngress');
    }
    const port = options.port ?? this.port;
    if (port === undefined) {
      throw propError(this, 'INVALID_PORT', 'allowFrom(options.port)', undefined, `is required: workload "${this.name}" serves on no port`,
        this.metricsPort === undefined ? 'give the workload a port to be called on' : `pass { port: ${this.metricsPort} } to let the peer scrape its metrics port`);
    }
    const invalid = checkPort('allowFrom(options.port)', port) ?? checkNotMeshPort('allowFrom(options.port)', port);
    if (invalid) throw propError(this, 'INVALID_PORT', invalid.prop, invalid.value, invalid.problem, invalid.fix);
    // The replicas of a stateful workload may reach each other on ports of their own (a cluster's
    // peer port), declared on the headless Service so that the mesh routes them.
    const replicaPort = peer === this && this.headlessService !== undefined;
    if (port !== this.port && port !== this.metricsPort && !replicaPort) {
      const ports = [this.port, this.metricsPort].filter(x => x !== undefined);
      throw propError(this, 'INVALID_PORT', 'allowFrom(options.port)', port,
        ports.length === 0 ? `is not a port of workload "${this.name}", which serves on no port` : `is not a port of workload "${this.name}" (ports: ${ports.join(', ')})`,
        this.port === undefined ? 'a worker is reached only on its metricsPort, if it has one'
          : peer === this ? 'omit the port, or give the workload storage: the replicas of a stateful workload may reach each other on ports of their own'
            : 'omit the port to use the workload\'s port, or use its metricsPort');
    }
    if (replicaPort && port !== this.port) this.peerPorts.add(port);
    if (peer.node.root !== this.node.root) {
      throw propError(this, 'INVALID_PEER', 'allowFrom(peer)', peer.node.path,
        'belongs to another app: its half of the wiring (egress and mesh routing) would be written into manifests this app does not check or deploy',
        'wire workloads of the same app; across apps, expose the callee through a CertManagedIngress in its own app and call it by its host');
    }
    this.admit(`workload:${peer.node.path}:${port}`, {
      port,
      from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace.name } },
        podSelector: { matchLabels: { ...peer.selectorLabels } },
      }],
      source: { principals: [peer.principal] },
    });
    peer.egress.add(`workload:${this.node.path}:${port}`, {
      to: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': this.namespace.name } },
        podSelector: { matchLabels: { ...this.selectorLabels } },
      }],
      port,
      protocol: 'TCP',
    });
    if (peer.namespace !== this.namespace) {
      peer.namespace._addSidecarHost(`${this.namespace.name}/${this.host}`);
      // Clients of a StatefulSet also call its pods by name (<pod>.<name>-headless).
      if (this.headlessService !== undefined) peer.namespace._addSidecarHost(`${this.namespace.name}/${this.podsHost}`);
    }
  }

  /**
   * With `storage`, the domain under which each replica answers by name:
   * `<name>-<ordinal>.<podsHost>` (the headless Service). Throws for a workload without storage,
   * whose replicas have no stable names (call its Service, `host`).
   */
  public get podsHost(): string {
    if (this.headlessService === undefined) {
      throw propError(this, 'INVALID_PROP', 'podsHost', this.name, 'is read on a workload without storage, whose replicas have no stable names',
        'call the workload through its Service (host), or give it storage');
    }
    return `${this.headlessService}.${this.namespace.name}.svc.cluster.local`;
  }

  /**
   * Lets this workload reach an address outside the cluster; the reason is required and written
   * into the NetworkPolicy and the mesh ServiceEntry. Open ranges (0.0.0.0/0) are refused.
   * To call another workload, use `other.allowFrom(this)`.
   */
  public allowEgressTo(peer: ExternalPeer, options: EgressOptions): void {
    checkEgressPeer(this, peer, options);
    // One spelling per range in every object, whichever spelling each call used.
    const cidr = normalCidr(peer.cidr)!;
    const key = `${canonicalCidr(cidr)}:${peer.protocol}/${peer.port}`;
    const reason = options.reason.trim();
    const earlier = this.external.get(key);
    if (earlier !== undefined) {
      if (earlier.host === peer.host && earlier.reason === reason) return;
      throw propError(this, 'INVALID_PEER', 'allowEgressTo(peer)', `${peer.cidr} ${peer.protocol}/${peer.port}`,
        `is already allowed${earlier.host === undefined ? '' : ` for host "${earlier.host}"`} with the reason "${earlier.reason}"; a second call with another host or reason would not be recorded`,
        'allow each range and port once, with one reason that covers every host behind it');
    }
    this.external.set(key, { host: peer.host, reason });
    this.egress.add(`external:${key}`, { to: [{ ipBlock: { cidr } }], port: peer.port, protocol: peer.protocol, reason: formatEgressReason({ destination: `${cidr} ${peer.protocol}/${peer.port}`, host: peer.host, reason }) });
    this.networkPolicy.metadata.addAnnotation(EGRESS_REASONS_ANNOTATION, this.egress.reasons());
    const suffix = key.replace(/[^0-9a-z]+/gi, '-').toLowerCase().replace(/-+$/, '');
    registerExternal(this.namespace, {
      // A name of our own under `.external`: Istio refuses a host whose last label is all digits, as a namespace name may be.
      host: peer.host ?? `${suffix}.${this.namespace.name}.external`,
      tls: peer.host !== undefined, cidr, port: peer.port, protocol: peer.protocol, workload: this.name, reason,
    });
  }

  /**
   * Grants the workload's ServiceAccount narrow rights in its namespace (a Role and RoleBinding),
   * mounts a short-lived token explicitly (a projected volume; automount stays off), and opens egress to the namespace's API server endpoint. Wildcards, secrets and
   * exec are refused, and so are changes to RBAC, network and mesh policy and to whatever runs pods
   * (reading those stays possible), and cluster-scoped resources, on which a Role gives no right.
   */
  public grant(...rules: PolicyRule[]): void {
    checkGrant(this, rules);
    const first = this.grants.length === 0;
    this.grants.push(...rules);
    if (!first) return;
    const meta = { name: this.name, namespace: this.namespace.name, labels: { ...this.selectorLabels, ...this.extraLabels } };
    emit(this, 'Role', 'rbac.authorization.k8s.io/v1', 'Role', meta, {
      rules: Lazy.any({ produce: () => roleRules(this.grants) }),
    });
    emit(this, 'RoleBinding', 'rbac.authorization.k8s.io/v1', 'RoleBinding', meta, {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: this.name },
      subjects: [{ kind: 'ServiceAccount', name: this.serviceAccountName, namespace: this.namespace.name }],
    });
    const api = this.namespace.apiServer!;
    const apiCidr = normalCidr(api.cidr)!;
    this.egress.add('kubernetes-api', {
      to: [{ ipBlock: { cidr: apiCidr } }], port: api.port ?? 443, protocol: 'TCP',
      reason: formatEgressReason({ destination: `${apiCidr} TCP/${api.port ?? 443}`, reason: API_SERVER_EGRESS_REASON }),
    });
    this.networkPolicy.metadata.addAnnotation(EGRESS_REASONS_ANNOTATION, this.egress.reasons());
    // The namespace's Sidecar is REGISTRY_ONLY: without the `kubernetes` Service among its hosts,
    // the proxy would send the workload's API calls nowhere.
    this.namespace._addSidecarHost(KUBERNETES_API_HOST);
  }

  /**
   * Admits traffic on a port from the given NetworkPolicy peers and Istio source; used by the
   * constructs that expose a workload (ingress, monitoring).
   * @internal
   */
  public _admit(key: string, rule: { port: number; from: Record<string, unknown>[]; source: Record<string, string[]> }): void {
    this.admit(key, rule);
  }

  private admit(key: string, rule: { port: number; from: Record<string, unknown>[]; source: Record<string, string[]> }): void {
    if (this.ingress.has(key)) return;
    this.ingress.add(key, rule);
    if (!this.authorization) {
      this.authorization = emit(this, 'Authorization', 'security.istio.io/v1', 'AuthorizationPolicy', {
        name: this.name, namespace: this.namespace.name, labels: { ...this.selectorLabels, ...this.extraLabels },
      }, {
        spec: {
          action: 'ALLOW',
          selector: { matchLabels: { ...this.selectorLabels } },
          rules: Lazy.any({ produce: () => this.ingress.authorizationRules() }),
        },
      });
    }
  }
}

/** A port of the headless Service on which the replicas reach each other. */
function peerPort(port: number): Record<string, unknown> {
  return { name: `peer-${port}`, port, targetPort: port, protocol: 'TCP', appProtocol: 'tcp' };
}

/** Role rules from grants: merged per resource and verb set, sorted, so call order and repeats do not show. */
function roleRules(grants: readonly PolicyRule[]): Record<string, unknown>[] {
  const merged = new Map<string, { apiGroup: string; resource: string; verbs: string[]; names?: Set<string> }>();
  for (const g of grants) {
    const verbs = [...new Set(g.verbs)].sort();
    const key = `${g.apiGroup}|${g.resource}|${verbs.join(',')}|${g.resourceNames ? 'named' : 'all'}`;
    const entry = merged.get(key) ?? { apiGroup: g.apiGroup, resource: g.resource, verbs, names: g.resourceNames ? new Set<string>() : undefined };
    for (const n of g.resourceNames ?? []) entry.names!.add(n);
    merged.set(key, entry);
  }
  return [...merged.keys()].sort().map(k => {
    const r = merged.get(k)!;
    return { apiGroups: [r.apiGroup], resources: [r.resource], verbs: r.verbs, ...(r.names ? { resourceNames: [...r.names].sort() } : {}) };
  });
}
