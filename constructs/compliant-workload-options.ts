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

/** Options of {@link CompliantWorkload.allowEgressTo} for a peer outside the cluster. */
export interface EgressOptions {
  /** Why the workload must reach this address; written into the manifests. */
  readonly reason: string;
}
