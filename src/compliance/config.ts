import { ISTIO_PROXY_IMAGES, KNATIVE_QUEUE_IMAGES } from './private/platform-injected';

/**
 * The one place where an organisation's policy differs from the defaults. Every value has a
 * secure default; the resolved configuration is recorded in every report.
 */
export interface ComplianceConfig {
  /**
   * Registries images may come from (prefix match on the image reference, e.g.
   * `registry.example.com/`, written as images name it: a URL with a scheme or a pattern is
   * refused). An empty list allows any registry (images must still be pinned).
   * @default [] - any registry
   */
  readonly allowedRegistries?: readonly string[];
  /**
   * Labels every workload and its pod template must carry. A CompliantWorkload refuses to set labels under
   * the prefixes that steer the platform (Kubernetes' own but `app.kubernetes.io`, Istio's,
   * cert-manager's, `cdk8s.io`): in a CompliantApp, a key under them refuses every CompliantWorkload,
   * which could never carry it; the check still holds manifests from elsewhere to it.
   * @default ['app.kubernetes.io/name', 'app.kubernetes.io/instance']
   */
  readonly requiredWorkloadLabels?: readonly string[];
  /**
   * The namespace label that records the data classification (C1.1).
   * @default 'soc2.cdk8s.io/data-classification'
   */
  readonly classificationLabel?: string;
  /**
   * The namespace label that records the owning team.
   * @default 'soc2.cdk8s.io/owner'
   */
  readonly ownerLabel?: string;
  /**
   * Namespaces where ingress controllers run; only these may be admitted from outside the
   * cluster boundary. @default ['ingress-nginx']
   */
  readonly ingressControllerNamespaces?: readonly string[];
  /**
   * Namespaces whose pods may all scrape metrics ports (container ports named `metrics`); other
   * sources reach them only as pods named by a pod selector (network-metrics-from-monitoring).
   * @default ['monitoring']
   */
  readonly monitoringNamespaces?: readonly string[];
  /**
   * The Istio root namespace: mesh-wide policies live here. @default 'istio-system'
   */
  readonly meshRootNamespace?: string;
  /**
   * Whether every namespace with workloads must be in the service mesh (STRICT mTLS, default-deny
   * authorization). Turn off only for clusters that encrypt in transit by other means.
   * @default true
   */
  readonly requireMesh?: boolean;
  /**
   * Namespaces run by the platform itself (not application namespaces): workload controls still
   * apply, but namespace-level requirements (classification, quotas, mesh) do not. A namespace
   * whose Namespace object carries the classification label is an application namespace anyway.
   * @default - `kube-system`, `kube-public`, `kube-node-lease`, the mesh root (`meshRootNamespace`), `cert-manager`, the ingress
   * controller namespaces (`ingressControllerNamespaces`) and the monitoring namespaces (`monitoringNamespaces`): with the
   * default settings, ['kube-system', 'kube-public', 'kube-node-lease', 'istio-system', 'cert-manager', 'ingress-nginx', 'monitoring']
   */
  readonly systemNamespaces?: readonly string[];
  /**
   * The minimum number of replicas for a Deployment or StatefulSet (A1.2). @default 2
   */
  readonly minReplicas?: number;
  /**
   * The longest certificate lifetime accepted, in days; at most 397. @default 90
   */
  readonly maxCertificateDays?: number;
  /**
   * The minimum RSA key size accepted, in bits: 2048 to 8192. @default 2048
   */
  readonly minRsaKeySize?: number;
  /**
   * Image repositories that hold Istio's proxy (`proxyv2`) besides its official hubs, such as the
   * mirror of your own registry: `registry.example.com/istio/proxyv2`, written as
   * `registry/repository` without a tag or digest (every tag and digest of it counts) and compared
   * whole, never as a prefix or suffix. The containers Istio's injector lists in a running Pod's
   * `sidecar.istio.io/status` annotation (`istio-proxy`, `istio-init`, `istio-validation`) that run
   * one of them are left to the mesh, in a Pod of a cluster export that copies a template lacking
   * them, as those of the official hubs are; `pod-no-privileged`, `pod-no-privilege-escalation` and
   * `pod-no-host-ports` still judge them. The repositories given are added to the official hubs,
   * which always count.
   * @default ['docker.io/istio/proxyv2', 'gcr.io/istio-release/proxyv2'] - Istio's official hubs
   */
  readonly istioProxyImages?: readonly string[];
  /**
   * Image repositories that hold Knative's queue (`knative.dev/serving/cmd/queue`) besides its
   * release registry, such as the mirror of your own registry, written and compared as
   * `istioProxyImages` are. The `queue-proxy` container of a running Pod of a Knative Service that
   * runs one of them is left to Knative, as one of the release registry is. The repositories given
   * are added to the release registry, which always counts.
   * @default ['gcr.io/knative-releases/knative.dev/serving/cmd/queue'] - Knative's release registry
   */
  readonly knativeQueueImages?: readonly string[];
  /**
   * Audiences the cluster's API server accepts that the built-in rule of
   * `pod-service-account-token` does not recognise: the values of its `--api-audiences` flag or,
   * when that flag is unset, its `--service-account-issuer` (`https://oidc.example.com` on a
   * self-managed cluster). A projected ServiceAccount token for one of them counts as a credential
   * for the Kubernetes API. Each entry is compared with the token's `audience` exactly, after
   * trimming surrounding spaces from both: the API server compares audiences as exact strings, so
   * `https://oidc.example.com/` (a trailing `/`) or another case is another audience, to list as
   * well if the API server accepts it too. The entries add to the built-in rule, which always
   * applies.
   * @default [] - the built-in rule only: an unset audience, one naming Kubernetes (`kubernetes.default.svc`,
   * any `k8s`), `api`, `apiserver`, `kube-apiserver`, a URL or host on port 6443 or named `api.…`,
   * and the issuers of EKS, GKE and AKS
   */
  readonly apiServerAudiences?: readonly string[];
  /**
   * The longest an exception may run before it is reviewed again, in days after the day of the
   * check (`today`): every suppression then needs an expiry (`until YYYY-MM-DD: reason`) at most
   * this many days ahead, else `suppression-reasoned` fails it and it silences nothing. A control's
   * own, shorter window (`mesh-no-permissive-mtls`) still applies. A suppression that records a
   * limit of the check rather than an exception (the one CertManagedIngress writes on the ACME
   * HTTP-01 solver's NetworkPolicy) is exempt. At most 3650; e.g. 365 for a yearly review.
   * @default - no limit: a suppression may have no expiry, unless its control demands one
   */
  readonly maxSuppressionDays?: number;
  /**
   * The date used to decide whether a suppression has expired (ISO date).
   * @default - today
   */
  readonly today?: string;
}

/** The configuration with every default applied. */
export interface ResolvedComplianceConfig {
  readonly allowedRegistries: readonly string[];
  readonly requiredWorkloadLabels: readonly string[];
  readonly classificationLabel: string;
  readonly ownerLabel: string;
  readonly ingressControllerNamespaces: readonly string[];
  readonly monitoringNamespaces: readonly string[];
  readonly meshRootNamespace: string;
  readonly requireMesh: boolean;
  readonly systemNamespaces: readonly string[];
  readonly minReplicas: number;
  readonly maxCertificateDays: number;
  readonly minRsaKeySize: number;
  /** Istio's official hubs, then the repositories the settings add. */
  readonly istioProxyImages: readonly string[];
  /** Knative's release registry, then the repositories the settings add. */
  readonly knativeQueueImages: readonly string[];
  /** The audiences the settings name, each trimmed and once, in their order. */
  readonly apiServerAudiences: readonly string[];
  /** The longest a suppression may run, in days after `today`; absent when the settings set no limit. */
  readonly maxSuppressionDays?: number;
  readonly today: string;
  /**
   * Whether `today` came from the settings rather than the clock: the reports then record it,
   * since expiry dates were judged against it.
   */
  readonly todayFromSettings: boolean;
}

/** The label that records a namespace's data classification. */
export const CLASSIFICATION_LABEL = 'soc2.cdk8s.io/data-classification';
/** The label that records a namespace's owning team. */
export const OWNER_LABEL = 'soc2.cdk8s.io/owner';

/** Applies the defaults, to the settings left unset (`undefined`, or `null` as JSON writes an absent value). */
export function resolveConfig(config: ComplianceConfig = {}): ResolvedComplianceConfig {
  return {
    allowedRegistries: [...(config.allowedRegistries ?? [])],
    requiredWorkloadLabels: [...(config.requiredWorkloadLabels ?? ['app.kubernetes.io/name', 'app.kubernetes.io/instance'])],
    classificationLabel: config.classificationLabel ?? CLASSIFICATION_LABEL,
    ownerLabel: config.ownerLabel ?? OWNER_LABEL,
    ingressControllerNamespaces: [...(config.ingressControllerNamespaces ?? ['ingress-nginx'])],
    monitoringNamespaces: [...(config.monitoringNamespaces ?? ['monitoring'])],
    meshRootNamespace: config.meshRootNamespace ?? 'istio-system',
    requireMesh: config.requireMesh ?? true,
    systemNamespaces: [...(config.systemNamespaces ?? defaultSystemNamespaces(config))],
    minReplicas: config.minReplicas ?? 2,
    maxCertificateDays: config.maxCertificateDays ?? 90,
    minRsaKeySize: config.minRsaKeySize ?? 2048,
    istioProxyImages: withOfficial(ISTIO_PROXY_IMAGES, config.istioProxyImages),
    knativeQueueImages: withOfficial(KNATIVE_QUEUE_IMAGES, config.knativeQueueImages),
    apiServerAudiences: trimmedAudiences(config.apiServerAudiences),
    // Present only when set, so that the reports of a run without the limit record nothing new.
    ...(config.maxSuppressionDays !== undefined && config.maxSuppressionDays !== null ? { maxSuppressionDays: config.maxSuppressionDays } : {}),
    today: config.today ?? new Date().toISOString().slice(0, 10),
    todayFromSettings: config.today !== undefined && config.today !== null,
  };
}

/**
 * The platform's own namespaces when the settings do not list them: Kubernetes', the mesh root,
 * cert-manager's, the ingress controllers' and the monitoring namespaces, as the settings name the
 * last three (a mesh root, controller or monitoring namespace of another name is the platform's too).
 */
function defaultSystemNamespaces(config: ComplianceConfig): string[] {
  return [...new Set([
    'kube-system', 'kube-public', 'kube-node-lease',
    config.meshRootNamespace ?? 'istio-system', 'cert-manager',
    ...config.ingressControllerNamespaces ?? ['ingress-nginx'],
    ...config.monitoringNamespaces ?? ['monitoring'],
  ])];
}

/** A platform's official image repositories, then those the settings add that are not among them. */
function withOfficial(official: readonly string[], added: readonly string[] | null | undefined): readonly string[] {
  return [...new Set([...official, ...(added ?? [])])];
}

/** Audiences as they are compared: trimmed, once each; blank entries (which the settings refuse) are dropped. */
function trimmedAudiences(given: readonly string[] | null | undefined): readonly string[] {
  const trimmed = (given ?? []).map(audience => typeof audience === 'string' ? audience.trim() : '');
  return [...new Set(trimmed.filter(audience => audience !== ''))];
}
