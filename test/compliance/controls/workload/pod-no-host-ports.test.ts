import { podNoHostPorts } from '../../../../src/compliance/controls/workload/pod-no-host-ports';
import { check, messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

const withPorts = (ports: unknown[]) => hardenedDeployment({ containers: [hardenedContainer('app', { ports })] });

describe('pod-no-host-ports', () => {
  test('passes with container ports only (hostPort 0 means none)', () => {
    expect(outcome(podNoHostPorts, [withPorts([{ containerPort: 8080, hostPort: 0 }])])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for a hostPort, with the port in the message and path', () => {
    const d = withPorts([{ containerPort: 8080 }, { containerPort: 9090, hostPort: 9090 }]);
    expect(messages(podNoHostPorts, [d])).toEqual(['container "app": binds host port 9090']);
    expect(check(podNoHostPorts, [d])[0].path).toBe('spec.template.spec.containers[0].ports[1].hostPort');
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podNoHostPorts, [CONFIG_MAP])).toEqual({});
  });
});
