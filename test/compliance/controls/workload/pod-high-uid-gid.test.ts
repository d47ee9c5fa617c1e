import { podHighUidGid } from '../../../../src/compliance/controls/workload/pod-high-uid-gid';
import { check, messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

describe('pod-high-uid-gid', () => {
  test('passes with UID and GID of 10000 or more', () => {
    expect(outcome(podHighUidGid, [hardenedDeployment()])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes a UID of exactly 10000 and fails 9999, as kube-score does', () => {
    const at = hardenedDeployment({ containers: [hardenedContainer('app', { securityContext: { runAsUser: 10000, runAsGroup: 10000 } })] });
    expect(outcome(podHighUidGid, [at])).toEqual({ 'Deployment/team/api': 'pass' });
    const d = hardenedDeployment({ containers: [hardenedContainer('app', { securityContext: { runAsUser: 9999 } })] });
    expect(messages(podHighUidGid, [d])).toEqual(['container "app": runs as UID 9999 (below 10000)']);
  });

  test('names a low UID and a low GID together, as a Bitnami chart sets them', () => {
    const d = hardenedDeployment({ securityContext: { runAsUser: 1001, runAsGroup: 1001 } });
    expect(check(podHighUidGid, [d]).map(r => [r.message, r.path])).toEqual([
      ['container "app": runs as UID 1001 (below 10000); runs as GID 1001 (below 10000)', 'spec.template.spec.containers[0].securityContext.runAsUser'],
    ]);
  });

  test('fails when no GID is set', () => {
    const d = hardenedDeployment({ securityContext: { runAsGroup: undefined } });
    expect(messages(podHighUidGid, [d])).toEqual(['container "app": runAsGroup is not set']);
  });

  test('is low severity', () => {
    expect(podHighUidGid.severity).toBe('low');
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podHighUidGid, [CONFIG_MAP])).toEqual({});
  });
  test('does not apply to Windows pods, which cannot set the fields it checks', () => {
    const windows = hardenedDeployment({ os: { name: 'windows' }, containers: [{ name: 'app', image: 'x:1' }] });
    expect(outcome(podHighUidGid, [windows, CONFIG_MAP])).toEqual({});
  });
});
