import { resolveConfig } from '../../../../../src/compliance/config';
import { containerLabel, evaluatePods, isLinuxPod, podMetadataPath } from '../../../../../src/compliance/controls/workload/private/pod-checks';
import { containersOf, ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { CheckContext } from '../../../../../src/compliance/types';

const spec = { initContainers: [{ name: 'init' }], containers: [{ name: 'app' }], ephemeralContainers: [{ name: 'debug' }] };
const objects = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team' }, spec },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'team' }, spec: { jobTemplate: { spec: { template: { spec: { os: { name: 'windows' }, containers: [{ name: 'task' }] } } } } } },
];
const index = ManifestIndex.fromObjects(objects);
const ctx: CheckContext = { index, config: resolveConfig(), catalogue: new Map() };
const [pod, cron] = index.podTemplates;

describe('pod-checks', () => {
  test('labels containers by their list', () => {
    expect(containersOf(pod).map(containerLabel)).toEqual(['initContainer "init"', 'container "app"', 'ephemeralContainer "debug"']);
  });

  test('finds the template metadata of Pods and nested templates', () => {
    expect(podMetadataPath(pod)).toBe('metadata');
    expect(podMetadataPath(cron)).toBe('spec.jobTemplate.spec.template.metadata');
  });

  test('tells Windows pods apart', () => {
    expect([isLinuxPod(pod), isLinuxPod(cron)]).toEqual([true, false]);
  });

  test('reports pod and container problems with full paths, and passes the rest', () => {
    const results = evaluatePods(ctx, {
      lists: ['containers'],
      pod: p => (p === pod ? [{ message: 'pod problem', path: 'hostPID' }, { message: 'meta', fullPath: 'metadata.labels' }] : undefined),
      container: c => (c.container.name === 'app' ? { message: 'bad', path: 'image' } : 'never'),
      appliesTo: p => p !== cron,
    });
    expect(results.map(r => [r.object.ref, r.passed, r.message, r.path])).toEqual([
      ['Pod/team/p', false, 'pod problem', 'spec.hostPID'],
      ['Pod/team/p', false, 'meta', 'metadata.labels'],
      ['Pod/team/p', false, 'container "app": bad', 'spec.containers[0].image'],
    ]);
  });

  test('passes a template with no problems', () => {
    expect(evaluatePods(ctx, {}).map(r => [r.object.ref, r.passed])).toEqual([['Pod/team/p', true], ['CronJob/team/c', true]]);
  });
});
