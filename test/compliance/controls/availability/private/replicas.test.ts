import { ExpectedReplicas, UnknownReplicas } from '../../../../../src/compliance/controls/availability/private/replica-count';
import { expectedReplicas } from '../../../../../src/compliance/controls/availability/private/replicas';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { deployment } from '../../../helpers';
import { annotatedScaledObject, scaledObject, workloadRefRollout } from '../fixtures';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const hpa = (minReplicas?: number, target = 'api') => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'team' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, maxReplicas: 5, ...(minReplicas === undefined ? {} : { minReplicas }) },
});
// An unknown count has no `count`: the tests read it as undefined.
const replicasOf = (objects: any[]): ExpectedReplicas | (UnknownReplicas & { readonly count?: undefined }) => {
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

  test('rejects a count that is not a non-negative integer, even under an autoscaler', () => {
    for (const bad of ['2', -1, 1.5]) {
      const d = deployment('api', POD);
      d.spec.replicas = bad;
      const problem = { problem: 'the replica count is not a non-negative integer, which the API server refuses', path: 'spec.replicas' };
      expect(replicasOf([d])).toEqual(problem);
      expect(replicasOf([d, hpa(3)])).toEqual(problem);
    }
  });

  test('an autoscaler the API server refuses does not exist: spec.replicas decides', () => {
    const inverted = hpa(4);
    inverted.spec.maxReplicas = 2;
    const unbounded: any = hpa(3);
    delete unbounded.spec.maxReplicas;
    for (const refused of [inverted, unbounded, hpa('3' as any), hpa(0)]) {
      expect(replicasOf([deployment('api', POD, { replicas: 2 }), refused])).toEqual({ count: 2, source: 'spec.replicas', path: 'spec.replicas' });
    }
  });

  test('a workload scaled to zero stops its autoscaler: it runs no replica', () => {
    expect(replicasOf([deployment('api', POD, { replicas: 0 }), hpa(3)])).toEqual({
      count: 0, source: 'spec.replicas is 0, which stops HorizontalPodAutoscaler/team/h until the workload is scaled up by hand', path: 'spec.replicas',
    });
  });

  test('several autoscalers on one workload keep spec.replicas within each one\'s bounds, whichever comes first', () => {
    const named = (name: string, min: number, max: number) => ({ ...hpa(min), metadata: { name, namespace: 'team' }, spec: { ...hpa(min).spec, maxReplicas: max } });
    const d = deployment('api', POD);
    delete d.spec.replicas;
    const both = 'HorizontalPodAutoscaler/team/a, HorizontalPodAutoscaler/team/b';
    expect(replicasOf([d, named('a', 3, 5), named('b', 2, 6)])).toEqual({
      count: 3, source: `spec.replicas is not set and defaults to 1, kept between the bounds of ${both}, which scale it together and so not on metrics (AmbiguousSelector)`,
    });
    expect(replicasOf([named('b', 2, 6), deployment('api', POD, { replicas: 4 }), named('a', 3, 5)])?.count).toBe(4);
    expect(replicasOf([deployment('api', POD, { replicas: 3 }), named('a', 1, 1), named('b', 1, 1)])?.count).toBe(1);
    expect(replicasOf([deployment('api', POD, { replicas: 3 }), named('a', 3, 5), named('b', 1, 1)])).toEqual({
      count: 1, source: `spec.replicas, kept between the bounds of ${both}, which scale it together and so not on metrics (AmbiguousSelector); their bounds do not overlap, so it drops to 1 at times`,
    });
  });

  test('a KEDA ScaledObject leaves the workload at minReplicaCount, which defaults to 0: scale to zero while idle', () => {
    const target = { scaleTargetRef: { name: 'api' } };
    expect(replicasOf([deployment('api', POD, { replicas: 3 }), scaledObject('so', target)])).toEqual({
      count: 0, activeCount: 1,
      source: 'ScaledObject/team/so minReplicaCount, which defaults to 0: KEDA scales the workload to zero while its triggers are inactive',
    });
    expect(replicasOf([deployment('api', POD), scaledObject('so', { ...target, minReplicaCount: 0 })])).toEqual({
      count: 0, activeCount: 1, source: 'ScaledObject/team/so minReplicaCount 0: KEDA scales the workload to zero while its triggers are inactive',
    });
    expect(replicasOf([deployment('api', POD, { replicas: 1 }), scaledObject('so', { ...target, minReplicaCount: 3, maxReplicaCount: 6 })])).toEqual({
      count: 3, source: 'ScaledObject/team/so minReplicaCount',
    });
  });

  test('a ScaledObject with an idleReplicaCount leaves an idle workload there', () => {
    const so = scaledObject('so', { scaleTargetRef: { name: 'api' }, idleReplicaCount: 0, minReplicaCount: 2 });
    expect(replicasOf([deployment('api', POD), so])).toEqual({
      count: 0, activeCount: 2, source: 'ScaledObject/team/so idleReplicaCount, to which KEDA scales the workload while its triggers are inactive',
    });
  });

  test('a ScaledObject with an idleReplicaCount above 0 counts it, or 0 for a workload applied with spec.replicas 0, which KEDA scales down to it only from above', () => {
    const so = scaledObject('so', { scaleTargetRef: { name: 'api' }, idleReplicaCount: 1, minReplicaCount: 3 });
    expect(replicasOf([deployment('api', POD, { replicas: 4 }), so])).toEqual({
      count: 1, activeCount: 3, source: 'ScaledObject/team/so idleReplicaCount, to which KEDA scales the workload while its triggers are inactive',
    });
    const atZero = {
      count: 0, activeCount: 3, path: 'spec.replicas',
      source: 'spec.replicas is 0, where KEDA leaves it while the triggers are inactive: it scales a workload down to idleReplicaCount (ScaledObject/team/so idleReplicaCount 1), '
        + 'never up to it, and up from 0 only while the triggers are active',
    };
    expect(replicasOf([deployment('api', POD, { replicas: 0 }), so])).toEqual(atZero);
    // An autoscaler beside it that does not act on a workload at 0 changes nothing.
    expect(replicasOf([deployment('api', POD, { replicas: 0 }), so, hpa(2)])).toEqual(atZero);
    // A ScaledObject without an idleReplicaCount raises a workload at 0 to its minReplicaCount while its triggers are inactive.
    const lifting = scaledObject('lift', { scaleTargetRef: { name: 'api' }, minReplicaCount: 2 });
    expect(replicasOf([deployment('api', POD, { replicas: 0 }), so, lifting])?.count).toBe(1);
  });

  test('a ScaledObject names its target as KEDA defaults it (apps/v1 Deployment), and scales up a workload scaled to zero by hand', () => {
    const statefulSet = { ...deployment('api', POD, { replicas: 1 }), kind: 'StatefulSet' };
    const so = scaledObject('so', { scaleTargetRef: { name: 'api' }, minReplicaCount: 3 });
    expect(replicasOf([deployment('api', POD, { replicas: 1 }), scaledObject('so', { scaleTargetRef: { name: 'api', kind: 'StatefulSet' }, minReplicaCount: 3 })])?.count).toBe(1);
    const index = ManifestIndex.fromObjects([statefulSet, scaledObject('so', { scaleTargetRef: { name: 'api', kind: 'StatefulSet' }, minReplicaCount: 3 })]);
    expect(expectedReplicas(index, index.ofKind('StatefulSet')[0])).toEqual({ count: 3, source: 'ScaledObject/team/so minReplicaCount' });
    expect(replicasOf([deployment('api', POD, { replicas: 0 }), so])).toEqual({ count: 3, source: 'ScaledObject/team/so minReplicaCount' });
  });

  test('a ScaledObject KEDA refuses does not scale anything: spec.replicas decides', () => {
    const target = { scaleTargetRef: { name: 'api' } };
    for (const refused of [
      scaledObject('so', { ...target, minReplicaCount: 5, maxReplicaCount: 2 }),
      scaledObject('so', { ...target, idleReplicaCount: 0 }),
      scaledObject('so', { ...target, minReplicaCount: 2, idleReplicaCount: 2 }),
      scaledObject('so', { ...target, minReplicaCount: '2' }),
      scaledObject('so', { scaleTargetRef: { kind: 'Deployment' } }),
    ]) {
      expect(replicasOf([deployment('api', POD, { replicas: 2 }), refused])).toEqual({ count: 2, source: 'spec.replicas', path: 'spec.replicas' });
    }
  });

  describe('a paused KEDA ScaledObject', () => {
    const TARGET = { scaleTargetRef: { name: 'api' }, minReplicaCount: 3, maxReplicaCount: 10 };
    const paused = (annotations: Record<string, string>) => annotatedScaledObject('so', TARGET, annotations);
    const unset = () => {
      const d = deployment('api', POD);
      delete d.spec.replicas;
      return d;
    };

    test('autoscaling.keda.sh/paused-replicas holds the workload at its count, 0 included, whatever spec.replicas and the counts say', () => {
      for (const [value, count] of [['0', 0], ['1', 1], ['5', 5], ['+2', 2], ['007', 7], ['-0', 0]] as const) {
        const so = paused({ 'autoscaling.keda.sh/paused-replicas': value });
        const result = replicasOf([deployment('api', POD, { replicas: 4 }), so]);
        expect(result).toEqual({
          count, source: `ScaledObject/team/so annotation autoscaling.keda.sh/paused-replicas "${value}": KEDA scales the workload to ${count} and stops autoscaling it`,
          pause: { object: expect.objectContaining({ ref: 'ScaledObject/team/so' }), annotation: 'autoscaling.keda.sh/paused-replicas', value, replicas: count },
        });
        expect(Object.is((result as any).count, -0)).toBe(false);
      }
    });

    test('autoscaling.keda.sh/paused-replicas wins over autoscaling.keda.sh/paused', () => {
      const so = paused({ 'autoscaling.keda.sh/paused': 'true', 'autoscaling.keda.sh/paused-replicas': '1' });
      expect(replicasOf([deployment('api', POD, { replicas: 4 }), so])).toMatchObject({ count: 1, pause: { annotation: 'autoscaling.keda.sh/paused-replicas', replicas: 1 } });
    });

    test('autoscaling.keda.sh/paused holds the workload to the lower of its spec.replicas (default 1) and the ScaledObject\'s lowest count, for any value but a false one', () => {
      const stopped = ': 4 as applied (spec.replicas), or as few as 3 if KEDA scaled it before the pause (ScaledObject/team/so minReplicaCount)';
      for (const value of ['true', 'True', '1', 't', 'yes', '']) {
        const so = paused({ 'autoscaling.keda.sh/paused': value });
        expect(replicasOf([deployment('api', POD, { replicas: 4 }), so])).toEqual({
          count: 3, source: `ScaledObject/team/so, paused by annotation autoscaling.keda.sh/paused "${value}", keeps the count the workload has${stopped}`,
          pause: { object: expect.objectContaining({ ref: 'ScaledObject/team/so' }), annotation: 'autoscaling.keda.sh/paused', value },
        });
      }
      expect(replicasOf([unset(), paused({ 'autoscaling.keda.sh/paused': 'true' })])).toMatchObject({
        count: 1, source: 'ScaledObject/team/so, paused by annotation autoscaling.keda.sh/paused "true", keeps the count the workload has: 1 as applied (spec.replicas is not set and defaults to 1)',
      });
      expect(replicasOf([deployment('api', POD, { replicas: 0 }), paused({ 'autoscaling.keda.sh/paused': 'true' })])).toMatchObject({ count: 0 });
    });

    test('autoscaling.keda.sh/paused over a ScaledObject that scales to zero or idle: the workload may be at that count', () => {
      const idle = annotatedScaledObject('so', { scaleTargetRef: { name: 'api' }, idleReplicaCount: 1, minReplicaCount: 3 }, { 'autoscaling.keda.sh/paused': 'true' });
      expect(replicasOf([deployment('api', POD, { replicas: 4 }), idle])).toEqual({
        count: 1, activeCount: 3,
        source: 'ScaledObject/team/so, paused by annotation autoscaling.keda.sh/paused "true", keeps the count the workload has: 4 as applied (spec.replicas), '
          + 'or as few as 1 if KEDA scaled it before the pause (ScaledObject/team/so idleReplicaCount, to which KEDA scales the workload while its triggers are inactive)',
        pause: expect.objectContaining({ annotation: 'autoscaling.keda.sh/paused' }),
      });
      const toZero = annotatedScaledObject('so', { scaleTargetRef: { name: 'api' } }, { 'autoscaling.keda.sh/paused': 'true' });
      expect(replicasOf([deployment('api', POD, { replicas: 4 }), toZero])).toMatchObject({ count: 0, activeCount: 1 });
    });

    test('autoscaling.keda.sh/paused with a false value pauses nothing', () => {
      for (const value of ['false', 'False', 'FALSE', 'f', 'F', '0']) {
        expect(replicasOf([unset(), paused({ 'autoscaling.keda.sh/paused': value })])).toEqual({ count: 3, source: 'ScaledObject/team/so minReplicaCount' });
      }
    });

    test('an autoscaling.keda.sh/paused-replicas KEDA does not read as a count leaves the ScaledObject doing nothing: spec.replicas decides', () => {
      for (const value of ['two', '1.5', '-1', ' 2', '']) {
        const so = paused({ 'autoscaling.keda.sh/paused-replicas': value, 'autoscaling.keda.sh/paused': 'true' });
        expect(replicasOf([deployment('api', POD, { replicas: 2 }), so])).toEqual({ count: 2, source: 'spec.replicas', path: 'spec.replicas' });
      }
    });

    test('autoscaling.keda.sh/paused-replicas counts beside an autoscaler that is not paused: the lowest count decides', () => {
      const so = (value: string) => paused({ 'autoscaling.keda.sh/paused-replicas': value });
      expect(replicasOf([deployment('api', POD, { replicas: 1 }), hpa(3), so('0')])).toEqual({
        count: 0,
        source: 'ScaledObject/team/so annotation autoscaling.keda.sh/paused-replicas "0": KEDA scales the workload to 0 and stops autoscaling it, whatever HorizontalPodAutoscaler/team/h keeps',
        pause: expect.objectContaining({ annotation: 'autoscaling.keda.sh/paused-replicas', replicas: 0 }),
      });
      expect(replicasOf([deployment('api', POD, { replicas: 1 }), hpa(3), so('2')])).toMatchObject({ count: 2, pause: { replicas: 2 } });
      expect(replicasOf([deployment('api', POD, { replicas: 1 }), hpa(3), so('4')])).toEqual({ count: 3, source: 'HorizontalPodAutoscaler/team/h minReplicas' });
    });

    test('autoscaling.keda.sh/paused beside an autoscaler that is not paused counts only when it may have left the workload at 0', () => {
      const stopped = (spec: object) => annotatedScaledObject('so', { scaleTargetRef: { name: 'api' }, ...spec }, { 'autoscaling.keda.sh/paused': 'true' });
      expect(replicasOf([deployment('api', POD, { replicas: 3 }), hpa(3), stopped({})])).toEqual({
        count: 0,
        source: 'ScaledObject/team/so, paused by annotation autoscaling.keda.sh/paused "true", keeps the count the workload has, which may be 0 '
          + '(ScaledObject/team/so minReplicaCount, which defaults to 0: KEDA scales the workload to zero while its triggers are inactive), from which HorizontalPodAutoscaler/team/h does not scale it up',
        pause: expect.objectContaining({ annotation: 'autoscaling.keda.sh/paused' }),
      });
      expect(replicasOf([deployment('api', POD, { replicas: 3 }), hpa(3), stopped({ minReplicaCount: 2 })])).toEqual({ count: 3, source: 'HorizontalPodAutoscaler/team/h minReplicas' });
    });

    describe('autoscaling.keda.sh/paused-scale-out', () => {
      const outPaused = (value = 'true', spec: object = TARGET) => annotatedScaledObject('so', spec, { 'autoscaling.keda.sh/paused-scale-out': value });
      const heldSource = (value: string) => `spec.replicas is 0, from which ScaledObject/team/so (annotation autoscaling.keda.sh/paused-scale-out "${value}") `
        + 'does not scale it up while its triggers are active';

      test('leaves a workload applied with spec.replicas: 0 at 0, for any value but a false one (KEDA does not scale it up while its triggers are active)', () => {
        for (const value of ['true', 'True', '1', 't', 'yes', '']) {
          expect(replicasOf([deployment('api', POD, { replicas: 0 }), outPaused(value)])).toEqual({
            count: 0, source: heldSource(value), path: 'spec.replicas',
            pause: { object: expect.objectContaining({ ref: 'ScaledObject/team/so' }), annotation: 'autoscaling.keda.sh/paused-scale-out', value },
          });
        }
        for (const value of ['false', 'False', 'F', '0']) {
          expect(replicasOf([deployment('api', POD, { replicas: 0 }), outPaused(value)])).toEqual({ count: 3, source: 'ScaledObject/team/so minReplicaCount' });
        }
      });

      test('changes no count of a workload above 0: the HPA still raises it to minReplicaCount, and KEDA scales it to zero or idle as before', () => {
        expect(replicasOf([deployment('api', POD, { replicas: 2 }), outPaused()])).toEqual({ count: 3, source: 'ScaledObject/team/so minReplicaCount' });
        expect(replicasOf([unset(), outPaused()])).toEqual({ count: 3, source: 'ScaledObject/team/so minReplicaCount' });
        expect(replicasOf([unset(), outPaused('true', { scaleTargetRef: { name: 'api' } })])).toMatchObject({ count: 0, activeCount: 1 });
        expect(replicasOf([unset(), outPaused('true', { ...TARGET, idleReplicaCount: 1 })])).toMatchObject({ count: 1, activeCount: 3 });
      });

      test('gives way to autoscaling.keda.sh/paused and paused-replicas, which stop KEDA\'s scaling both ways', () => {
        const both = annotatedScaledObject('so', TARGET, { 'autoscaling.keda.sh/paused-scale-out': 'true', 'autoscaling.keda.sh/paused-replicas': '2' });
        expect(replicasOf([deployment('api', POD, { replicas: 0 }), both])).toMatchObject({ count: 2, pause: { annotation: 'autoscaling.keda.sh/paused-replicas' } });
        const stopped = annotatedScaledObject('so', TARGET, { 'autoscaling.keda.sh/paused-scale-out': 'true', 'autoscaling.keda.sh/paused': 'true' });
        expect(replicasOf([deployment('api', POD, { replicas: 4 }), stopped])).toMatchObject({ count: 3, pause: { annotation: 'autoscaling.keda.sh/paused' } });
      });

      test('beside a HorizontalPodAutoscaler, which stops at 0 too, names both; another ScaledObject that is not paused scales the workload up', () => {
        expect(replicasOf([deployment('api', POD, { replicas: 0 }), hpa(3), outPaused()])).toMatchObject({
          count: 0, source: `${heldSource('true')}, and which stops HorizontalPodAutoscaler/team/h until the workload is scaled up by hand`,
        });
        const lifting = scaledObject('lift', { scaleTargetRef: { name: 'api' }, minReplicaCount: 3 });
        expect(replicasOf([deployment('api', POD, { replicas: 0 }), outPaused(), lifting])?.count).toBe(3);
      });

      test('does not scale up a workload an autoscaling.keda.sh/paused ScaledObject beside it may have left at 0', () => {
        const stopped = annotatedScaledObject('stopped', { scaleTargetRef: { name: 'api' } }, { 'autoscaling.keda.sh/paused': 'true' });
        expect(replicasOf([deployment('api', POD, { replicas: 3 }), outPaused(), stopped])).toMatchObject({
          count: 0, source: expect.stringMatching(/, from which ScaledObject\/team\/so does not scale it up$/), pause: { annotation: 'autoscaling.keda.sh/paused' },
        });
        expect(replicasOf([deployment('api', POD, { replicas: 3 }), scaledObject('so', TARGET), stopped])?.count).toBe(3);
      });
    });

    test('a Deployment run by an Argo Rollout carries the pause of the Rollout\'s ScaledObject', () => {
      const so = annotatedScaledObject('so', { scaleTargetRef: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'api-rollout' } }, { 'autoscaling.keda.sh/paused-replicas': '1' });
      expect(replicasOf([deployment('api', POD, { replicas: 0 }), workloadRefRollout('api-rollout', 'api'), so])).toMatchObject({
        count: 1, source: 'Rollout/team/api-rollout, which runs its pods through spec.workloadRef: ScaledObject/team/so annotation autoscaling.keda.sh/paused-replicas "1": KEDA scales the workload to 1 and stops autoscaling it',
        pause: { replicas: 1 },
      });
    });
  });

  test('a Deployment whose pods an Argo Rollout runs through spec.workloadRef is credited with the Rollout\'s replicas', () => {
    const scaledDown = deployment('api', POD, { replicas: 0 });
    expect(replicasOf([scaledDown, workloadRefRollout('api-rollout', 'api', { replicas: 3 })])).toEqual({
      count: 3, source: 'Rollout/team/api-rollout, which runs its pods through spec.workloadRef: spec.replicas',
    });
    const rolloutHpa = hpa(4, 'api-rollout');
    rolloutHpa.spec.scaleTargetRef = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'api-rollout' };
    expect(replicasOf([scaledDown, workloadRefRollout('api-rollout', 'api'), rolloutHpa])).toEqual({
      count: 4, source: 'Rollout/team/api-rollout, which runs its pods through spec.workloadRef: HorizontalPodAutoscaler/team/h minReplicas',
    });
    expect(replicasOf([scaledDown, workloadRefRollout('api-rollout', 'api', { replicas: -1 })])).toEqual({
      problem: 'Rollout/team/api-rollout, which runs its pods through spec.workloadRef: the replica count is not a non-negative integer, which the API server refuses',
    });
  });

  test('a Rollout that names another Deployment, another kind or another API group does not credit the Deployment', () => {
    const scaledDown = deployment('api', POD, { replicas: 0 });
    const other = (workloadRef: any) => workloadRefRollout('r', 'api', { replicas: 3, workloadRef });
    for (const ref of [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api' }, { apiVersion: 'example.com/v1', kind: 'Deployment', name: 'api' }]) {
      expect(replicasOf([scaledDown, other(ref)])).toEqual({ count: 0, source: 'spec.replicas', path: 'spec.replicas' });
    }
  });
});
