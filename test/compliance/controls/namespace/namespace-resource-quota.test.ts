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

  test('passes limits.cpu and limits.memory capped by two unscoped quotas, which the API server enforces together', () => {
    const cpu = { ...quota, metadata: { name: 'cpu', namespace: 'team' }, spec: { hard: { 'limits.cpu': '8' } } };
    const memory = { ...quota, metadata: { name: 'memory', namespace: 'team' }, spec: { hard: { 'limits.memory': '16Gi' } } };
    expect(outcome(namespaceResourceQuota, [cpu, memory, limits, api])).toEqual({ 'Namespace/team': 'pass' });
  });

  test('names the limit no unscoped quota caps', () => {
    const cpu = { ...quota, spec: { hard: { 'limits.cpu': '8' } } };
    const scopedMemory = { ...quota, metadata: { name: 'm', namespace: 'team' }, spec: { hard: { 'limits.memory': '16Gi' }, scopes: ['NotTerminating'] } };
    expect(messages(namespaceResourceQuota, [cpu, scopedMemory, limits, api])).toEqual(['namespace "team": no unscoped ResourceQuota caps limits.memory']);
  });

  test('passes a LimitRange whose Container max becomes the default limit, as the API server completes the item', () => {
    const max = { ...limits, spec: { limits: [{ type: 'Container', max: { cpu: '1', memory: '1Gi' } }] } };
    expect(outcome(namespaceResourceQuota, [quota, max, api])).toEqual({ 'Namespace/team': 'pass' });
  });

  test('passes default cpu and memory limits given by two LimitRanges', () => {
    const cpu = { ...limits, metadata: { name: 'cpu', namespace: 'team' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }] } };
    const memory = { ...limits, metadata: { name: 'memory', namespace: 'team' }, spec: { limits: [{ type: 'Container', max: { memory: '1Gi' } }] } };
    expect(outcome(namespaceResourceQuota, [quota, cpu, memory, api])).toEqual({ 'Namespace/team': 'pass' });
  });

  test('names the default limit no LimitRange gives containers', () => {
    const cpuOnly = { ...limits, spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }, { type: 'Pod', max: { memory: '1Gi' } }] } };
    expect(messages(namespaceResourceQuota, [quota, cpuOnly, api])).toEqual(['namespace "team": no LimitRange gives containers a default memory limit']);
  });

  test('does not count a quota in another namespace', () => {
    expect(outcome(namespaceResourceQuota, [{ ...quota, metadata: { name: 'q', namespace: 'other' } }, limits, api])).toEqual({ 'Namespace/team': 'fail' });
  });

  test('does not apply to namespaces without workloads', () => {
    expect(outcome(namespaceResourceQuota, [quota, limits])).toEqual({});
  });
});
