import { containerEphemeralStorage } from '../../../../src/compliance/controls/workload/container-ephemeral-storage';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

describe('container-ephemeral-storage', () => {
  test('passes when ephemeral-storage is requested and limited', () => {
    expect(outcome(containerEphemeralStorage, [hardenedDeployment()])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails when the limit is missing', () => {
    const d = hardenedDeployment({ containers: [hardenedContainer('app', { resources: { limits: { 'ephemeral-storage': undefined } } })] });
    expect(messages(containerEphemeralStorage, [d])).toEqual(['container "app": has no valid limits.ephemeral-storage']);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(containerEphemeralStorage, [CONFIG_MAP])).toEqual({});
  });
});
