import { namespaceResourceQuota } from '../../../../src/compliance/controls/namespace/namespace-resource-quota';
import { deployment, messages, outcome } from '../../helpers';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const api = deployment('api', POD);
const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'team' }, spec: { hard: { 'limits.cpu': '8', 'limits.memory': '16Gi' } } };
const limits = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'team' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' } }] } };

describe('namespace-resource-quota', () => {
  test('passes a namespace with a quota on limits and default container limits', () => {
    expect(outcome(namespaceResourceQuota, [quota, limits, api])).toEqual({ 'Namespace/team': 'pass' });
  });

  test('fails a namespace with neither', () => {
    expect(messages(namespaceResourceQuota, [api])).toEqual([
      'namespace "team": no unscoped ResourceQuota caps limits.cpu and limits.memory; no LimitRange gives containers default cpu and memory limits',
    ]);
  });

  test('does not count a quota in another namespace', () => {
    expect(outcome(namespaceResourceQuota, [{ ...quota, metadata: { name: 'q', namespace: 'other' } }, limits, api])).toEqual({ 'Namespace/team': 'fail' });
  });

  test('does not apply to namespaces without workloads', () => {
    expect(outcome(namespaceResourceQuota, [quota, limits])).toEqual({});
  });
});
