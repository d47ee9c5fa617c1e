import { podReadOnlyRootFs } from '../../../../src/compliance/controls/workload/pod-read-only-root-fs';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

describe('pod-read-only-root-fs', () => {
  test('passes when every container has a read-only root filesystem', () => {
    expect(outcome(podReadOnlyRootFs, [hardenedDeployment()])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for a container that does not set it', () => {
    const d = hardenedDeployment({ containers: [hardenedContainer('app'), hardenedContainer('cache', { securityContext: { readOnlyRootFilesystem: false } })] });
    expect(messages(podReadOnlyRootFs, [d])).toEqual(['container "cache": has a writable root filesystem']);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podReadOnlyRootFs, [CONFIG_MAP])).toEqual({});
  });
  test('does not apply to Windows pods, which cannot set the fields it checks', () => {
    const windows = hardenedDeployment({ os: { name: 'windows' }, containers: [{ name: 'app', image: 'x:1' }] });
    expect(outcome(podReadOnlyRootFs, [windows, CONFIG_MAP])).toEqual({});
  });
});
