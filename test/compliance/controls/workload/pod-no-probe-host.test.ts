import { podNoProbeHost } from '../../../../src/compliance/controls/workload/pod-no-probe-host';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

describe('pod-no-probe-host', () => {
  test('passes probes and hooks without a host, or with an empty one', () => {
    const d = hardenedDeployment({
      containers: [hardenedContainer('app', {
        readinessProbe: { httpGet: { path: '/ready', port: 8080, host: '' } },
        lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
      })],
    });
    expect(outcome(podNoProbeHost, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails a liveness probe that targets another host', () => {
    const d = hardenedDeployment({ containers: [hardenedContainer('app', { livenessProbe: { httpGet: { path: '/', port: 80, host: '169.254.169.254' } } })] });
    expect(messages(podNoProbeHost, [d])).toEqual(['container "app": livenessProbe httpGet targets host "169.254.169.254": the kubelet connects to it from the node']);
  });

  test('fails a tcpSocket lifecycle hook of an init container', () => {
    const d = hardenedDeployment({ initContainers: [hardenedContainer('migrate', { lifecycle: { postStart: { tcpSocket: { port: 5432, host: 'db.internal' } } } })] });
    expect(messages(podNoProbeHost, [d])).toEqual(['initContainer "migrate": lifecycle.postStart tcpSocket targets host "db.internal": the kubelet connects to it from the node']);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podNoProbeHost, [CONFIG_MAP])).toEqual({});
  });
});
