import type { DataClassification } from './data-classification';

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
  /**
   * Sum of CPU limits (and requests), in CPUs (`'64'`, `'12500m'`; a unit of bytes such as `'64Gi'` is refused).
   * @default - '8', or what the workloads need when that is more
   */
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
