/** Requests or limits; unset fields take the default. */
export interface ResourceAmountsProps {
  /**
   * CPUs: `'500m'` is half a CPU, `'1'` one. A unit of bytes (`'512Mi'`, `'1G'`) is refused: Kubernetes
   * would read it as hundreds of millions of CPUs.
   * @default - requests '100m', limits '500m'
   */
  readonly cpu?: string;
  /**
   * A whole number of bytes, in binary units (`'512Mi'`; `'512m'` is thousandths of a byte, and
   * `'1.1Gi'` a fraction of one, which Kubernetes calls invalid); the limit is also the sizeLimit
   * of a writable `/dev/shm`, an emptyDir in memory.
   * @default - requests '128Mi', limits '256Mi'
   */
  readonly memory?: string;
  /**
   * A whole number of bytes; the limit is also the sizeLimit of each writable path's emptyDir (but `/dev/shm`'s, in memory).
   * @default - requests '64Mi', limits '256Mi'
   */
  readonly ephemeralStorage?: string;
}

/** CPU and memory of the Istio sidecar; unset fields take the default. */
export interface SidecarAmountsProps {
  /** CPUs, as for the container's (never a unit of bytes). @default - requests '100m', limits '500m' */
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
