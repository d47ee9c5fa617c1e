import type { Duration } from 'cdk8s';
import type { Exception } from './exception';
import type { HealthCheck } from './health-check';
import type { ConfigMapKeyRef, SecretKeyRef } from './key-refs';
import type { PodField } from './pod-field';
import type { SensitiveNamespace } from './sensitive-namespace';
import type { WorkloadAutoscaling } from './workload-autoscaling';
import type { WorkloadResources } from './workload-resources';
import type { WorkloadStorage } from './workload-storage';

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
   * names derived from it must fit in 63). Public API. It also names the container, so it is not
   * one of the containers Istio's sidecar injector adds and merges by name (`istio-proxy`,
   * `istio-init`, `istio-validation`).
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
   * The container's command; its first entry, the program, may not be empty. Like `args`, it may not pass a credential: a flag named for one with
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
   * ephemeral-storage limit (`resources.limits.ephemeralStorage`), the root filesystem stays read-only. `/dev/shm`, the pod's
   * shared memory, gets an emptyDir in memory (`medium: Memory`) whose sizeLimit is the container's memory limit, which it counts against.
   * The volume is named after the path (`var-cache` for `/var/cache`); when another path, or one
   * of the pod's own volumes (`secrets`, `config-files`, `kube-api-access`, the storage's `data`)
   * or of those Istio's injector adds and merges by name (`istio-envoy`, `istio-data`,
   * `workload-socket`, …), already has that name, it ends in 8 hex digits of the path's SHA-256
   * (`secrets-d9bca85f` for `/secrets`). Each directory is listed once.
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
   * `requiredWorkloadLabels` reads workloads and their pod templates). Not the
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
