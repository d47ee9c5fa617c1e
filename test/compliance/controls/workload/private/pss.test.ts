import {
  BASELINE_CAPABILITIES, CONFINED_PROFILE_TYPES, isConfinedAppArmorAnnotation, RESTRICTED_VOLUME_TYPES, SAFE_SYSCTLS, SELINUX_TYPES,
} from '../../../../../src/compliance/controls/workload/private/pss';

describe('Pod Security Standards lists', () => {
  test('match the lists of the Pod Security Admission controller', () => {
    expect([...BASELINE_CAPABILITIES].sort()).toEqual([
      'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
    ]);
    // check_sysctls.go of k8s.io/pod-security-admission, latest (v1.37 on).
    expect([...SAFE_SYSCTLS].sort()).toEqual([
      'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ping_group_range',
      'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_notsent_lowat',
      'net.ipv4.tcp_rmem', 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_syncookies', 'net.ipv4.tcp_wmem',
    ]);
    expect([...RESTRICTED_VOLUME_TYPES].sort()).toEqual([
      'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
    ]);
    expect([...SELINUX_TYPES].sort()).toEqual(['container_engine_t', 'container_init_t', 'container_kvm_t', 'container_t']);
    expect([...CONFINED_PROFILE_TYPES].sort()).toEqual(['Localhost', 'RuntimeDefault']);
  });

  test('AppArmor annotations stay confined only with runtime/default, localhost/* or empty', () => {
    expect(['runtime/default', 'localhost/app', ''].map(isConfinedAppArmorAnnotation)).toEqual([true, true, true]);
    expect(['unconfined', 'docker/default', 'localhost'].map(isConfinedAppArmorAnnotation)).toEqual([false, false, false]);
  });
});
