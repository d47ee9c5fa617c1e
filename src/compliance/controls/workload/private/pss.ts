/**
 * Value lists of the Pod Security Standards, as the Kubernetes Pod Security Admission
 * controller (k8s.io/pod-security-admission/policy) enforces them.
 */

/** Capabilities the baseline profile allows in `capabilities.add` (the container runtime's default set). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** The only capability the restricted profile allows in `capabilities.add`. */
export const RESTRICTED_ADDABLE_CAPABILITY = 'NET_BIND_SERVICE';

/**
 * Sysctls the baseline profile considers safe (namespaced and isolated from other pods), as of
 * Pod Security `latest` (v1.37 on): `ip_local_reserved_ports` joined in v1.27, the TCP keepalive
 * and FIN timeouts in v1.29, the TCP buffer sizes `tcp_rmem` and `tcp_wmem` in v1.32,
 * `tcp_slow_start_after_idle` and `tcp_notsent_lowat` in v1.37 (kubernetes/kubernetes#138389).
 */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

/**
 * Inline volume sources the restricted profile allows: `image` (an OCI image mounted read-only)
 * joined in Kubernetes v1.33 (kubernetes/kubernetes#130394), at every policy version.
 */
export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);

/**
 * SELinux types the baseline profile allows in `seLinuxOptions.type` (besides unset or empty), as
 * of Pod Security `latest`: `container_engine_t` joined in v1.31.
 */
export const SELINUX_TYPES: ReadonlySet<string> = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** seccompProfile and appArmorProfile types the profiles allow. */
export const CONFINED_PROFILE_TYPES: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

/** Prefix of the (deprecated) per-container AppArmor annotations on a pod. */
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Whether a value of an AppArmor annotation keeps the container confined: `runtime/default`, `localhost/*` or empty. */
export function isConfinedAppArmorAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}
