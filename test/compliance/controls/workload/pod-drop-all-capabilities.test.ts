import { podDropAllCapabilities } from '../../../../src/compliance/controls/workload/pod-drop-all-capabilities';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

const withCapabilities = (capabilities: unknown) =>
  hardenedDeployment({ containers: [hardenedContainer('app', { securityContext: { capabilities } })] });

describe('pod-drop-all-capabilities', () => {
  test('passes when ALL is dropped and only NET_BIND_SERVICE is added', () => {
    expect(outcome(podDropAllCapabilities, [withCapabilities({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails when ALL is not dropped', () => {
    expect(messages(podDropAllCapabilities, [withCapabilities({ drop: ['NET_RAW'] })])).toEqual(['container "app": does not drop ALL capabilities']);
  });

  test('fails when a capability other than NET_BIND_SERVICE is added back', () => {
    expect(messages(podDropAllCapabilities, [withCapabilities({ drop: ['ALL'], add: ['NET_BIND_SERVICE', 'CHOWN'] })]))
      .toEqual(['container "app": adds capabilities CHOWN']);
  });

  test('the remediation binds a port below 1024 without NET_BIND_SERVICE, which a non-root process never gets', () => {
    expect(podDropAllCapabilities.remediation).not.toMatch(/add back|add NET_BIND_SERVICE where/);
    expect(podDropAllCapabilities.remediation).toContain('do not add NET_BIND_SERVICE');
    expect(podDropAllCapabilities.remediation).toContain('let the Service map 80/443 to it (targetPort)');
    expect(podDropAllCapabilities.remediation).toContain('net.ipv4.ip_unprivileged_port_start to the lowest port');
    expect(podDropAllCapabilities.example).not.toContain('add:');
  });

  test('does not apply to Windows pods or objects without pods', () => {
    const windows = hardenedDeployment({ os: { name: 'windows' }, containers: [{ name: 'app', image: 'x:1' }] });
    expect(outcome(podDropAllCapabilities, [windows, CONFIG_MAP])).toEqual({});
  });
});
