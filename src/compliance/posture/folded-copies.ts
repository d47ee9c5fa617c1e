/**
 * Changed copies folded into the changed object they copy: the ReplicaSets and Pods of a cluster
 * export (`ManifestIndex.coveringObject`) whose pod template changed the same way (the same
 * fields of the template, from the same values to the same values) and that changed nothing else
 * but what the cluster writes (`status`, `metadata.resourceVersion`, …).
 */
export interface FoldedCopies {
  /** The ref of the changed object whose pod template the copies were made from. */
  readonly ref: string;
  /** The refs of its copies, along a chain of copies too (a Deployment's ReplicaSet and that ReplicaSet's Pods), sorted. */
  readonly copies: readonly string[];
}

/**
 * The copies of a cluster export that came or went with the template they copy, folded into the
 * entry of the listed object whose template they copy (`ManifestIndex.coveringObject`, or the
 * StatefulSet or DaemonSet of a ControllerRevision): in a rollout, the new ReplicaSet and Pods, the
 * old ones removed or scaled down. Each holds that object's template in the export it comes from,
 * with only what its controller and the cluster add (a Pod's node, token volume, injected sidecar).
 */
export interface CopiesOfTemplate {
  /** The ref of the listed object (added, removed or changed) whose template they copy. */
  readonly ref: string;
  /** Copies only in the new set, made from its new template; sorted. */
  readonly added: readonly string[];
  /** Copies only in the old set, made from its old template; sorted. */
  readonly removed: readonly string[];
  /** Copies in both whose `spec.replicas` changed (the old ReplicaSet of a rollout scaled down); sorted. */
  readonly scaled: readonly string[];
  /** Copies in both made again under the same name (another `metadata.uid`: a StatefulSet's Pods), each from its template of the time; sorted. */
  readonly replaced: readonly string[];
  /** Copies in both that hold its template in both sets and changed otherwise (their status); sorted. */
  readonly updated: readonly string[];
}
