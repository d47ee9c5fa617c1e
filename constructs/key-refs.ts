/** A reference to one key of a Kubernetes Secret. */
export interface SecretKeyRef {
  /** The Secret's name, in the workload's namespace. */
  readonly secret: string;
  /** The key inside the Secret: letters, digits, `-`, `_` and `.`, at most 253, not `.` nor starting with `..`. */
  readonly key: string;
}

/** A reference to one key of a Kubernetes ConfigMap. */
export interface ConfigMapKeyRef {
  /** The ConfigMap's name, in the workload's namespace. */
  readonly configMap: string;
  /** The key inside the ConfigMap: letters, digits, `-`, `_` and `.`, at most 253, not `.` nor starting with `..`. */
  readonly key: string;
}
