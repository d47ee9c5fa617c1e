import { podNoUnsafeSysctls } from '../../../../src/compliance/controls/workload/pod-no-unsafe-sysctls';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedDeployment } from './fixtures';

const withSysctls = (...names: string[]) => hardenedDeployment({ securityContext: { sysctls: names.map(name => ({ name, value: '1' })) } });

describe('pod-no-unsafe-sysctls', () => {
  test('passes with the safe sysctls', () => {
    expect(outcome(podNoUnsafeSysctls, [withSysctls('net.ipv4.ip_local_port_range', 'kernel.shm_rmid_forced')])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes the sysctls later Pod Security versions added to the safe set', () => {
    const later = ['net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
      'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem', 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];
    expect(outcome(podNoUnsafeSysctls, [withSysctls(...later)])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for unsafe sysctls, naming them', () => {
    expect(messages(podNoUnsafeSysctls, [withSysctls('net.ipv4.tcp_syncookies', 'kernel.msgmax', 'net.core.somaxconn')]))
      .toEqual(['sets unsafe sysctls kernel.msgmax, net.core.somaxconn']);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podNoUnsafeSysctls, [CONFIG_MAP])).toEqual({});
  });
});
