/**
 * A fact about the pod that Kubernetes gives the container as an environment variable through the
 * downward API (`env[].valueFrom.fieldRef`): its name, namespace, node, addresses, or one of its
 * labels or annotations. Read once, when the container starts.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/downward-api/
 */
export class PodField {
  /** The pod's name (`metadata.name`); in a StatefulSet (`storage`), `<workload>-<ordinal>`, stable across restarts. */
  public static readonly POD_NAME = new PodField('metadata.name');
  /** The pod's namespace (`metadata.namespace`). */
  public static readonly POD_NAMESPACE = new PodField('metadata.namespace');
  /** The pod's UID (`metadata.uid`), new for every pod. */
  public static readonly POD_UID = new PodField('metadata.uid');
  /** The name of the node the pod runs on (`spec.nodeName`). */
  public static readonly NODE_NAME = new PodField('spec.nodeName');
  /** The pod's ServiceAccount (`spec.serviceAccountName`): the workload's name. */
  public static readonly SERVICE_ACCOUNT_NAME = new PodField('spec.serviceAccountName');
  /** The primary IP address of the node (`status.hostIP`). */
  public static readonly NODE_IP = new PodField('status.hostIP');
  /** The node's IP addresses, comma-separated (`status.hostIPs`; Kubernetes 1.29 or later, the API server of an older one refuses the pod). */
  public static readonly NODE_IPS = new PodField('status.hostIPs');
  /** The pod's primary IP address (`status.podIP`). */
  public static readonly POD_IP = new PodField('status.podIP');
  /** The pod's IP addresses, comma-separated: IPv4 and IPv6 in a dual-stack cluster (`status.podIPs`). */
  public static readonly POD_IPS = new PodField('status.podIPs');

  /**
   * The value of one of the pod's labels (`metadata.labels['<key>']`): those of the workload, or one
   * Kubernetes adds to each pod (`apps.kubernetes.io/pod-index`, `statefulset.kubernetes.io/pod-name`).
   * Empty when the pod has no such label.
   */
  public static label(key: string): PodField {
    return new PodField(`metadata.labels['${key}']`);
  }

  /** The value of one of the pod's annotations (`metadata.annotations['<key>']`); empty when the pod has none. */
  public static annotation(key: string): PodField {
    return new PodField(`metadata.annotations['${key}']`);
  }

  /** The field's path as the API names it (`fieldRef.fieldPath`, of API version v1). */
  public readonly fieldPath: string;

  private constructor(fieldPath: string) {
    this.fieldPath = fieldPath;
  }
}
