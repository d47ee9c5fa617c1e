import { argoWorkloadRef, argoWorkloadRefs } from '../../../src/compliance/common/argo-workload-ref';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { IndexedObject } from '../../../src/compliance/types';

const TEMPLATE = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'x:1' }] } };

function rollout(name: string, workloadRef: unknown, namespace = 'shop'): any {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name, namespace }, spec: { replicas: 3, workloadRef } };
}

function workload(apiVersion: string, kind: string, name: string, namespace = 'shop'): any {
  return { apiVersion, kind, metadata: { name, namespace }, spec: { replicas: 0, template: TEMPLATE } };
}

const toDeployment = (name: string): unknown => ({ apiVersion: 'apps/v1', kind: 'Deployment', name, scaleDown: 'onsuccess' });

/** The index of the objects, and each object of it by position. */
function indexOf(objects: unknown[]): { readonly index: ManifestIndex; readonly at: (i: number) => IndexedObject } {
  const index = ManifestIndex.fromObjects(objects);
  return { index, at: i => index.objects[i] };
}

describe('argoWorkloadRef', () => {
  test('reads a Deployment or ReplicaSet of the apps group, as Argo documents it (apiVersion apps/v1, kind, name)', () => {
    const { at } = indexOf([rollout('a', toDeployment('web')), rollout('b', { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6b7f' })]);
    expect([argoWorkloadRef(at(0)), argoWorkloadRef(at(1))]).toEqual([{ kind: 'Deployment', name: 'web' }, { kind: 'ReplicaSet', name: 'web-6b7f' }]);
  });

  test('reads no reference without the apps group: Argo resolves a Deployment only there, and a core PodTemplate (v1) holds no template the engine reads', () => {
    const refs = [
      { kind: 'Deployment', name: 'web' },
      { apiVersion: 'v1', kind: 'Deployment', name: 'web' },
      { apiVersion: 'example.com/v1', kind: 'Deployment', name: 'web' },
      { apiVersion: 'v1', kind: 'PodTemplate', name: 'web' },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: '' },
      'web',
    ];
    const { index } = indexOf(refs.map((r, i) => rollout(`r${i}`, r)));
    expect(index.objects.map(argoWorkloadRef)).toEqual(refs.map(() => undefined));
  });
});

describe('argoWorkloadRefs', () => {
  test('resolves a Rollout to the first Deployment of its kind, namespace and name in the apps group or the older extensions one', () => {
    const { index, at } = indexOf([
      rollout('web', toDeployment('web')),
      // A Deployment of another API group is no workload a workloadRef names, even when it comes first.
      workload('example.com/v1', 'Deployment', 'web'),
      workload('extensions/v1beta1', 'Deployment', 'web'),
      workload('apps/v1', 'Deployment', 'web'),
      workload('apps/v1', 'Deployment', 'web', 'other'),
    ]);
    const refs = argoWorkloadRefs(index);
    expect(refs.targetOf(at(0))).toBe(at(2));
    expect([1, 2, 3, 4].map(i => refs.rolloutNaming(at(i)))).toEqual([undefined, at(0), at(0), undefined]);
  });

  test('finds the first Rollout that names a workload, whether or not the set holds the workload', () => {
    const { index, at } = indexOf([
      rollout('first', toDeployment('web')), rollout('second', toDeployment('web')), rollout('absent', toDeployment('gone')),
      rollout('own-template', undefined), workload('apps/v1', 'Deployment', 'web'),
    ]);
    const refs = argoWorkloadRefs(index);
    expect(refs.rolloutNaming(at(4))).toBe(at(0));
    expect(refs.targetOf(at(1))).toBe(at(4));
    expect(refs.targetOf(at(2))).toBeUndefined();
    expect(refs.rollouts).toEqual([at(0), at(1), at(2)]);
  });

  test('matches a ReplicaSet by its kind: a Rollout naming a Deployment does not name the ReplicaSet of that name', () => {
    const { index, at } = indexOf([rollout('web', toDeployment('web')), workload('apps/v1', 'ReplicaSet', 'web')]);
    expect(argoWorkloadRefs(index).rolloutNaming(at(1))).toBeUndefined();
    expect(argoWorkloadRefs(index).targetOf(at(0))).toBeUndefined();
  });

  test('is resolved once per index', () => {
    const { index } = indexOf([rollout('web', toDeployment('web')), workload('apps/v1', 'Deployment', 'web')]);
    expect(argoWorkloadRefs(index)).toBe(argoWorkloadRefs(index));
    const empty = ManifestIndex.fromObjects([workload('apps/v1', 'Deployment', 'web')]);
    expect(argoWorkloadRefs(empty).rollouts).toEqual([]);
    expect(argoWorkloadRefs(empty).rolloutNaming(empty.objects[0])).toBeUndefined();
  });
});
