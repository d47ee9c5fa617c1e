import { cappedLimits, defaultedLimits } from '../../../../../src/compliance/controls/namespace/private/quota';
import { indexObject } from '../../../../../src/compliance/manifest';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';

const obj = (kind: string, spec: any) => indexObject({ apiVersion: 'v1', kind, metadata: { name: 'x', namespace: 'team' }, spec }, { document: 1 });
const ranges = (...specs: any[]) => ManifestIndex.fromObjects(specs.map((spec, i) => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: `r${i}`, namespace: 'team' }, spec })));

describe('cappedLimits', () => {
  test('names the limits.cpu and limits.memory of spec.hard', () => {
    expect(cappedLimits(obj('ResourceQuota', { hard: { 'limits.cpu': '4', 'limits.memory': '8Gi' } }))).toEqual(['cpu', 'memory']);
    expect(cappedLimits(obj('ResourceQuota', { hard: { 'requests.cpu': '4', 'limits.memory': '8Gi' } }))).toEqual(['memory']);
    expect(cappedLimits(obj('ResourceQuota', {}))).toEqual([]);
  });

  test('counts nothing of a scoped quota', () => {
    expect(cappedLimits(obj('ResourceQuota', { hard: { 'limits.cpu': '4', 'limits.memory': '8Gi' }, scopes: ['BestEffort'] }))).toEqual([]);
    expect(cappedLimits(obj('ResourceQuota', { hard: { 'limits.cpu': '4', 'limits.memory': '8Gi' }, scopeSelector: { matchExpressions: [] } }))).toEqual([]);
  });
});

describe('defaultedLimits', () => {
  test('takes a Container item\'s default, else its max', () => {
    expect(defaultedLimits(ranges({ limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' } }] }), 'team')).toEqual(['cpu', 'memory']);
    expect(defaultedLimits(ranges({ limits: [{ type: 'Container', max: { cpu: '1' }, default: { memory: '1Gi' } }] }), 'team')).toEqual(['cpu', 'memory']);
  });

  test('does not count a Pod item, a request, another namespace or no LimitRange', () => {
    expect(defaultedLimits(ranges({ limits: [{ type: 'Pod', max: { cpu: '2' } }, { type: 'Container', default: { cpu: '1' }, defaultRequest: { memory: '1Gi' } }] }), 'team')).toEqual(['cpu']);
    expect(defaultedLimits(ranges({ limits: [{ type: 'Container', default: { cpu: '1', memory: '1Gi' } }] }), 'other')).toEqual([]);
    expect(defaultedLimits(ranges({}), 'team')).toEqual([]);
  });
});
