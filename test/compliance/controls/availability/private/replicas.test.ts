import { expectedReplicas } from '../../../../../src/compliance/controls/availability/private/replicas';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { deployment } from '../../../helpers';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const hpa = (minReplicas?: number, target = 'api') => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'team' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, maxReplicas: 5, ...(minReplicas === undefined ? {} : { minReplicas }) },
});
const replicasOf = (objects: any[]) => {
  const index = ManifestIndex.fromObjects(objects);
  return expectedReplicas(index, index.ofKind('Deployment')[0]);
};

describe('expectedReplicas', () => {
  test('reads spec.replicas, defaulting to 1', () => {
    expect(replicasOf([deployment('api', POD, { replicas: 3 })])).toEqual({ count: 3, source: 'spec.replicas', path: 'spec.replicas' });
    const d = deployment('api', POD);
    delete d.spec.replicas;
    expect(replicasOf([d])).toEqual({ count: 1, source: 'spec.replicas is not set and defaults to 1', path: 'spec.replicas' });
  });

  test('prefers the minReplicas of an autoscaler that scales the workload', () => {
    expect(replicasOf([deployment('api', POD, { replicas: 1 }), hpa(3)])).toEqual({ count: 3, source: 'HorizontalPodAutoscaler/team/h minReplicas' });
    expect(replicasOf([deployment('api', POD, { replicas: 4 }), hpa()])?.count).toBe(1);
    expect(replicasOf([deployment('api', POD, { replicas: 1 }), hpa(3, 'other')])?.count).toBe(1);
  });

  test('ignores an autoscaler whose target names another API group', () => {
    const foreign = hpa(3);
    foreign.spec.scaleTargetRef.apiVersion = 'example.com/v1';
    expect(replicasOf([deployment('api', POD, { replicas: 1 }), foreign])?.count).toBe(1);
  });

  test('rejects a count that is not a non-negative integer', () => {
    const d = deployment('api', POD);
    d.spec.replicas = '2';
    expect(replicasOf([d])).toEqual({ problem: 'the replica count is not a non-negative integer', path: 'spec.replicas' });
  });

  test('an autoscaler the API server refuses leaves the count unknown, naming the autoscaler', () => {
    const inverted = hpa(4);
    inverted.spec.maxReplicas = 2;
    expect(replicasOf([deployment('api', POD), inverted])).toEqual({
      problem: 'HorizontalPodAutoscaler/team/h has maxReplicas 2, which is not a count of at least minReplicas (4): the API server refuses the autoscaler',
    });
    const unbounded: any = hpa(3);
    delete unbounded.spec.maxReplicas;
    expect(replicasOf([deployment('api', POD), unbounded])).toEqual({
      problem: 'HorizontalPodAutoscaler/team/h has maxReplicas null, which is not a count of at least minReplicas (3): the API server refuses the autoscaler',
    });
    expect(replicasOf([deployment('api', POD), hpa('3' as any)])).toEqual({ problem: 'HorizontalPodAutoscaler/team/h has minReplicas "3", which is not a count of at least 1' });
  });

  test('a workload scaled to zero stops its autoscaler: it runs no replica', () => {
    expect(replicasOf([deployment('api', POD, { replicas: 0 }), hpa(3)])).toEqual({
      count: 0, source: 'spec.replicas is 0, which stops HorizontalPodAutoscaler/team/h until the workload is scaled up by hand', path: 'spec.replicas',
    });
  });

  test('two autoscalers on one workload stop each other: spec.replicas decides, whichever comes first', () => {
    const second = { ...hpa(3), metadata: { name: 'h2', namespace: 'team' } };
    const d = deployment('api', POD);
    delete d.spec.replicas;
    for (const objects of [[d, hpa(1), second], [second, d, hpa(1)]]) {
      expect(replicasOf(objects)).toEqual({
        count: 1, path: 'spec.replicas',
        source: `spec.replicas is not set and defaults to 1; ${objects.filter(o => o.kind === 'HorizontalPodAutoscaler').map(o => `HorizontalPodAutoscaler/team/${o.metadata.name}`).join(', ')} all scale it, which stops them`,
      });
    }
  });
});
