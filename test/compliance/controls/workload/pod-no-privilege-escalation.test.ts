import { podNoPrivilegeEscalation } from '../../../../src/compliance/controls/workload/pod-no-privilege-escalation';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

describe('pod-no-privilege-escalation', () => {
  test('passes when every container sets allowPrivilegeEscalation: false', () => {
    expect(outcome(podNoPrivilegeEscalation, [hardenedDeployment()])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails when a container leaves allowPrivilegeEscalation unset', () => {
    const d = hardenedDeployment({ containers: [hardenedContainer('app', { securityContext: { allowPrivilegeEscalation: undefined } })] });
    expect(messages(podNoPrivilegeEscalation, [d])).toEqual(['container "app": allowPrivilegeEscalation is not set to false']);
  });

  test('fails when a container allows privilege escalation', () => {
    const d = hardenedDeployment({ containers: [hardenedContainer('app', { securityContext: { allowPrivilegeEscalation: true } })] });
    expect(messages(podNoPrivilegeEscalation, [d])).toEqual(['container "app": allows privilege escalation']);
  });

  test('does not apply to Windows pods or objects without pods', () => {
    const windows = hardenedDeployment({ os: { name: 'windows' }, containers: [{ name: 'app', image: 'x:1' }] });
    expect(outcome(podNoPrivilegeEscalation, [windows, CONFIG_MAP])).toEqual({});
  });
});
