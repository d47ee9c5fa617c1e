import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { SAFE_SYSCTLS } from './private/pss';
import { NSA } from './private/references';

/** Pods set only the sysctls the baseline profile considers safe. */
export const podNoUnsafeSysctls = defineControl({
  id: 'pod-no-unsafe-sysctls',
  title: 'Pods set only safe sysctls',
  condition: 'Every sysctl in securityContext.sysctls is one the Pod Security baseline (latest, v1.37 on) allows: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes, net.ipv4.tcp_rmem, net.ipv4.tcp_wmem, net.ipv4.tcp_slow_start_after_idle, net.ipv4.tcp_notsent_lowat.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.8'],
  references: {
    pss: 'baseline: Sysctls',
    nsa: NSA.enforcement,
  },
  remediation: 'Remove the unsafe sysctls from securityContext.sysctls; node-level kernel settings belong to the node configuration, not to a workload.',
  example: 'securityContext:\n  sysctls:\n    - name: net.ipv4.ip_local_port_range\n      value: "32768 60999"',
  check: ctx => evaluatePods(ctx, {
    pod: pod => {
      const sysctls: unknown[] = Array.isArray(pod.spec.securityContext?.sysctls) ? pod.spec.securityContext.sysctls : [];
      const bad = sysctls.map((s: any) => s?.name).filter(name => !SAFE_SYSCTLS.has(name));
      return bad.length === 0 ? undefined : { message: `sets unsafe sysctls ${bad.map(String).join(', ')}`, path: 'securityContext.sysctls' };
    },
  }),
});
