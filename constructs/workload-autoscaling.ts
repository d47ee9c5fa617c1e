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
