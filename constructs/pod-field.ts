import { parseLabelKey } from '../src/compliance/common/label-syntax';

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

/** The fields Kubernetes gives an environment variable, but labels and annotations (`validEnvDownwardAPIFieldPathExpressions`). */
const ENV_FIELDS: ReadonlySet<string> = new Set([
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);
const SUBSCRIPTED = /^metadata\.(labels|annotations)\['(.*)'\]$/s;

/** Why a value is not a pod field Kubernetes gives an environment variable, or `undefined`. */
export function whyPodFieldInvalid(field: unknown): string | undefined {
  if (!(field instanceof PodField)) return 'must be a PodField (PodField.POD_NAME, PodField.label(key), …)';
  if (ENV_FIELDS.has(field.fieldPath)) return undefined;
  const m = SUBSCRIPTED.exec(field.fieldPath);
  if (m === null) return `reads ${field.fieldPath}, which Kubernetes does not give an environment variable`;
  // The API server checks an annotation's key in lower case, a label's as it is (ValidateQualifiedName).
  const key = m[1] === 'annotations' ? m[2].toLowerCase() : m[2];
  if (parseLabelKey(key) === undefined) {
    return `reads the ${m[1] === 'labels' ? 'label' : 'annotation'} "${m[2]}", which is not a key Kubernetes accepts (an optional DNS subdomain and "/", then at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit)`;
  }
  return undefined;
}
