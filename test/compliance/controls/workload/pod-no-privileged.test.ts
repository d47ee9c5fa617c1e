import { podNoPrivileged } from '../../../../src/compliance/controls/workload/pod-no-privileged';
import { check, messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

describe('pod-no-privileged', () => {
  test('passes when no container is privileged', () => {
    expect(outcome(podNoPrivileged, [hardenedDeployment()])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for a privileged init container, naming it and the field', () => {
    const d = hardenedDeployment({ initContainers: [hardenedContainer('setup', { securityContext: { privileged: true } })] });
    expect(messages(podNoPrivileged, [d])).toEqual(['initContainer "setup": runs privileged']);
    expect(check(podNoPrivileged, [d])[0].path).toBe('spec.template.spec.initContainers[0].securityContext.privileged');
  });

  test('cannot be suppressed', () => {
    expect(podNoPrivileged.suppressible).toBe(false);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podNoPrivileged, [CONFIG_MAP])).toEqual({});
  });
});
