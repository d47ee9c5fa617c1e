import { containerResourceRequests } from '../../../../src/compliance/controls/workload/container-resource-requests';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

const withResources = (resources: unknown) => hardenedDeployment({ containers: [hardenedContainer('app', { resources })] });

describe('container-resource-requests', () => {
  test('passes when requests equal limits written in different units', () => {
    const d = withResources({ requests: { cpu: '0.5', memory: '1Gi' }, limits: { cpu: '500m', memory: '1073741824' } });
    expect(outcome(containerResourceRequests, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes with requests and no limits', () => {
    expect(outcome(containerResourceRequests, [withResources({ requests: { cpu: 1, memory: '128e6' }, limits: undefined })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails when the memory request is missing', () => {
    expect(messages(containerResourceRequests, [withResources({ requests: { memory: undefined } })])).toEqual(['container "app": has no valid requests.memory']);
  });

  test('fails when a request exceeds its limit, comparing units exactly', () => {
    const d = withResources({ requests: { cpu: '100m', memory: '1025Mi' }, limits: { memory: '1Gi' } });
    expect(messages(containerResourceRequests, [d])).toEqual(['container "app": requests.memory (1025Mi) exceeds limits.memory (1Gi)']);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(containerResourceRequests, [CONFIG_MAP])).toEqual({});
  });
});
