import { imagePullPolicyAlways } from '../../../../src/compliance/controls/workload/image-pull-policy-always';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

const withPolicy = (imagePullPolicy: unknown, image = 'registry.example.com/app:1.2') =>
  hardenedDeployment({ containers: [hardenedContainer('app', { imagePullPolicy, image })] });

describe('image-pull-policy-always', () => {
  test('passes with imagePullPolicy: Always', () => {
    expect(outcome(imagePullPolicyAlways, [withPolicy('Always')])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails with IfNotPresent', () => {
    expect(messages(imagePullPolicyAlways, [withPolicy('IfNotPresent')])).toEqual(['container "app": pulls its image with policy IfNotPresent']);
  });

  test('fails when unset on a tagged image, which Kubernetes defaults to IfNotPresent', () => {
    expect(messages(imagePullPolicyAlways, [withPolicy(undefined)])).toEqual(['container "app": pulls its image with policy IfNotPresent by default']);
  });

  test('is low severity', () => {
    expect(imagePullPolicyAlways.severity).toBe('low');
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(imagePullPolicyAlways, [CONFIG_MAP])).toEqual({});
  });
});
