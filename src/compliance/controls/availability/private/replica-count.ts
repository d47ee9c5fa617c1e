import { KedaPause } from './keda';

/** How many replicas a workload keeps at least, and what decides it. */
export interface ExpectedReplicas {
  readonly count: number;
  /** Where the number comes from, for messages: `spec.replicas`, `default` or an autoscaler's ref. */
  readonly source: string;
  /** JSON path of the deciding field on the workload. @default - decided elsewhere */
  readonly path?: string;
  /**
   * The fewest replicas while the workload runs at all, when an autoscaler takes an idle workload
   * below it (KEDA's scale to zero or idleReplicaCount). @default - `count`
   */
  readonly activeCount?: number;
  /** The pause annotation of the KEDA ScaledObject that decides the count, for the fix. @default - no pause decides it */
  readonly pause?: KedaPause;
}

/** Why the replica count cannot be known: a value the API server would refuse. */
export interface UnknownReplicas {
  readonly problem: string;
  /** JSON path of the offending field on the workload. @default - on another object */
  readonly path?: string;
}
