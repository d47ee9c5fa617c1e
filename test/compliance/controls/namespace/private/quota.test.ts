import { capsCpuAndMemory, defaultsContainerLimits } from '../../../../../src/compliance/controls/namespace/private/quota';
import { indexObject } from '../../../../../src/compliance/manifest';

const obj = (kind: string, spec: any) => indexObject({ apiVersion: 'v1', kind, metadata: { name: 'x', namespace: 'team' }, spec }, { document: 1 });

describe('capsCpuAndMemory', () => {
  test('needs both limits.cpu and limits.memory', () => {
    expect(capsCpuAndMemory(obj('ResourceQuota', { hard: { 'limits.cpu': '4', 'limits.memory': '8Gi' } }))).toBe(true);
    expect(capsCpuAndMemory(obj('ResourceQuota', { hard: { 'requests.cpu': '4', 'limits.memory': '8Gi' } }))).toBe(false);
  });

  test('does not count a scoped quota', () => {
    expect(capsCpuAndMemory(obj('ResourceQuota', { hard: { 'limits.cpu': '4', 'limits.memory': '8Gi' }, scopes: ['BestEffort'] }))).toBe(false);
    expect(capsCpuAndMemory(obj('ResourceQuota', { hard: { 'limits.cpu': '4', 'limits.memory': '8Gi' }, scopeSelector: { matchExpressions: [] } }))).toBe(false);
  });
});

describe('defaultsContainerLimits', () => {
  test('needs a Container item with default cpu and memory', () => {
    expect(defaultsContainerLimits(obj('LimitRange', { limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' } }] }))).toBe(true);
    expect(defaultsContainerLimits(obj('LimitRange', { limits: [{ type: 'Pod', max: { cpu: '2' } }, { type: 'Container', default: { cpu: '1' } }] }))).toBe(false);
    expect(defaultsContainerLimits(obj('LimitRange', {}))).toBe(false);
  });
});
