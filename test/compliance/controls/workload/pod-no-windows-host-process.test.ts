import { podNoWindowsHostProcess } from '../../../../src/compliance/controls/workload/pod-no-windows-host-process';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

describe('pod-no-windows-host-process', () => {
  test('passes when hostProcess is false or unset', () => {
    const d = hardenedDeployment({ os: { name: 'windows' }, securityContext: { windowsOptions: { hostProcess: false } } });
    expect(outcome(podNoWindowsHostProcess, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for a HostProcess pod and container', () => {
    const d = hardenedDeployment({
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [hardenedContainer('app', { securityContext: { windowsOptions: { hostProcess: true } } })],
    });
    expect(messages(podNoWindowsHostProcess, [d])).toEqual(['the pod runs as a Windows HostProcess', 'container "app": runs as a Windows HostProcess']);
  });

  test('cannot be suppressed', () => {
    expect(podNoWindowsHostProcess.suppressible).toBe(false);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podNoWindowsHostProcess, [CONFIG_MAP])).toEqual({});
  });
});
