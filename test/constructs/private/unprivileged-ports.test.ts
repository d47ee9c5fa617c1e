import { HealthCheck } from '../../../constructs';
import { listeningPorts, unprivilegedPortSysctls } from '../../../constructs/private/unprivileged-ports';

describe('unprivileged ports', () => {
  test('the sysctl lowers the first unprivileged port to the lowest port below 1024, and no further', () => {
    expect(unprivilegedPortSysctls([8080, 443, 80])).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '80' }]);
    expect(unprivilegedPortSysctls([1023])).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '1023' }]);
    expect(unprivilegedPortSysctls([1])).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '1' }]);
  });

  test('no sysctl when every port is 1024 or above, or there is none', () => {
    expect(unprivilegedPortSysctls([1024, 8080])).toBeUndefined();
    expect(unprivilegedPortSysctls([])).toBeUndefined();
  });

  test('the listening ports: serving, metrics, the replicas\' own and those the checks name, once each, in order', () => {
    const checks = [HealthCheck.http('/healthz', 9090), HealthCheck.tcp(), HealthCheck.grpc(81), HealthCheck.command(['/bin/ready'])];
    expect(listeningPorts({ port: 8080, metricsPort: 9090, checks, peerPorts: [7000, 8080] })).toEqual([81, 7000, 8080, 9090]);
    expect(listeningPorts({ port: undefined, checks: [HealthCheck.command(['/bin/alive'])], peerPorts: [] })).toEqual([]);
  });
});
