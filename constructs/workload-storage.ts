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
  /**
   * The StorageClass of the claims. `''` is Kubernetes' "no class": the claims then bind only to
   * PersistentVolumes created ahead without a class, and no provisioner makes one for them (leave
   * the prop out for the cluster's default class).
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * How the replicas start: `OrderedReady` one after the other, each once the one before is ready
   * (a primary before its replicas); `Parallel` all at once, for clusters whose members become
   * ready only together (a quorum). Fixed once the StatefulSet exists, like the claim template.
   * @default 'OrderedReady'
   */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
}
