import { podDedicatedServiceAccount } from '../../../../src/compliance/controls/workload/pod-dedicated-service-account';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedDeployment } from './fixtures';

describe('pod-dedicated-service-account', () => {
  test('passes with its own ServiceAccount', () => {
    expect(outcome(podDedicatedServiceAccount, [hardenedDeployment()])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails when no ServiceAccount is named, saying what the API server writes into its Pods', () => {
    expect(messages(podDedicatedServiceAccount, [hardenedDeployment({ serviceAccountName: undefined })]))
      .toEqual(['runs as the "default" ServiceAccount']);
  });

  test('fails for the default ServiceAccount, also through the deprecated serviceAccount field', () => {
    expect(messages(podDedicatedServiceAccount, [hardenedDeployment({ serviceAccountName: undefined, serviceAccount: 'default' })]))
      .toEqual(['runs as the "default" ServiceAccount']);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podDedicatedServiceAccount, [CONFIG_MAP])).toEqual({});
  });
});
