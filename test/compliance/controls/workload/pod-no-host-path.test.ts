import { podNoHostPath } from '../../../../src/compliance/controls/workload/pod-no-host-path';
import { check, messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedDeployment } from './fixtures';

describe('pod-no-host-path', () => {
  test('passes with only emptyDir and secret volumes', () => {
    const d = hardenedDeployment({ volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'creds', secret: { secretName: 'db' } }] });
    expect(outcome(podNoHostPath, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for a hostPath volume, naming the volume and the host path', () => {
    const d = hardenedDeployment({ volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'docker', hostPath: { path: '/var/run/docker.sock' } }] });
    expect(messages(podNoHostPath, [d])).toEqual(['volume "docker" mounts host path "/var/run/docker.sock"']);
    expect(check(podNoHostPath, [d])[0].path).toBe('spec.template.spec.volumes[1].hostPath');
  });

  test('names the containers that mount the host path writable, as a log shipper mounts /var/log', () => {
    const d = hardenedDeployment({
      volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }, { name: 'machine-id', hostPath: { path: '/etc/machine-id', type: 'File' } }],
      initContainers: [{ name: 'init', image: 'x:1', volumeMounts: [{ name: 'varlog', mountPath: '/var/log', readOnly: false }] }],
      containers: [{ name: 'shipper', image: 'x:1', volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }, { name: 'machine-id', mountPath: '/etc/machine-id', readOnly: true }] }],
    });
    expect(messages(podNoHostPath, [d])).toEqual([
      'volume "varlog" mounts host path "/var/log", writable by initContainer "init", container "shipper" (no readOnly: true)',
      'volume "machine-id" mounts host path "/etc/machine-id"',
    ]);
  });

  test('cannot be suppressed', () => {
    expect(podNoHostPath.suppressible).toBe(false);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podNoHostPath, [CONFIG_MAP])).toEqual({});
  });
});
