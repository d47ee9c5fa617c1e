import { workloadMinReplicas } from '../../../../src/compliance/controls/availability/workload-min-replicas';
import { check, deployment, messages, outcome, run } from '../../helpers';
import { annotatedScaledObject, scaledObject, workloadRefRollout } from './fixtures';

const POD = { containers: [{ name: 'c', image: 'x' }] };

describe('workload-min-replicas', () => {
  test('passes a Deployment with two replicas', () => {
    expect(outcome(workloadMinReplicas, [deployment('api', POD, { replicas: 2 })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails a Deployment without replicas, at spec.replicas', () => {
    const d = deployment('api', POD);
    delete d.spec.replicas;
    expect(check(workloadMinReplicas, [d]).map(r => [r.message, r.path])).toEqual([
      ['runs 1 replica (spec.replicas is not set and defaults to 1); at least 2 are required', 'spec.replicas'],
    ]);
  });

  test('fails a StatefulSet below the configured minimum', () => {
    const s = { ...deployment('db', POD, { replicas: 2 }), kind: 'StatefulSet' };
    expect(messages(workloadMinReplicas, [s], { minReplicas: 3 })).toEqual(['runs 2 replicas (spec.replicas); at least 3 are required']);
  });

  test('fails a replica count the API server refuses, at spec.replicas', () => {
    const d = deployment('api', POD);
    d.spec.replicas = -1;
    expect(check(workloadMinReplicas, [d]).map(r => [r.passed, r.message, r.path])).toEqual([
      [false, 'the replica count is not a non-negative integer, which the API server refuses', 'spec.replicas'],
    ]);
  });

  test('does not apply to DaemonSets, Jobs or Pods', () => {
    const ds = { ...deployment('agent', POD), kind: 'DaemonSet' };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team' }, spec: POD };
    expect(outcome(workloadMinReplicas, [ds, pod])).toEqual({});
  });

  test('covers the replicated workloads of other APIs that keep spec.replicas the same way: an Argo Rollout', () => {
    const rollout = (replicas?: number) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web', namespace: 'team' },
      spec: { ...(replicas === undefined ? {} : { replicas }), template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'x:1' }] } } } });
    expect(outcome(workloadMinReplicas, [rollout(3)])).toEqual({ 'Rollout/team/web': 'pass' });
    expect(outcome(workloadMinReplicas, [rollout()])).toEqual({ 'Rollout/team/web': 'fail' });
  });

  test('credits a KEDA ScaledObject like an autoscaler, and fails its default scale to zero', () => {
    const d = deployment('api', POD);
    delete d.spec.replicas;
    expect(outcome(workloadMinReplicas, [d, scaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 2, maxReplicaCount: 10 })]))
      .toEqual({ 'Deployment/team/api': 'pass' });
    expect(check(workloadMinReplicas, [deployment('api', POD, { replicas: 3 }), scaledObject('api', { scaleTargetRef: { name: 'api' } })]).map(r => [r.message, r.path])).toEqual([
      ['runs 0 replicas (ScaledObject/team/api minReplicaCount, which defaults to 0: KEDA scales the workload to zero while its triggers are inactive); at least 2 are required', undefined],
    ]);
  });

  test('credits a Deployment an Argo Rollout runs through spec.workloadRef with the Rollout\'s replicas', () => {
    const scaledDown = deployment('api', POD, { replicas: 0 });
    expect(check(workloadMinReplicas, [scaledDown, workloadRefRollout('api-rollout', 'api', { replicas: 3 })]).map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['Deployment/team/api', true, '3 replicas (Rollout/team/api-rollout, which runs its pods through spec.workloadRef: spec.replicas)'],
    ]);
    expect(messages(workloadMinReplicas, [scaledDown, workloadRefRollout('api-rollout', 'api')])).toEqual([
      'runs 1 replica (Rollout/team/api-rollout, which runs its pods through spec.workloadRef: spec.replicas is not set and defaults to 1); at least 2 are required',
    ]);
  });

  test('credits a Deployment exported under the older extensions group, the same object as apps/v1, with the Rollout\'s replicas', () => {
    const scaledDown = { ...deployment('api', POD, { replicas: 0 }), apiVersion: 'extensions/v1beta1' };
    expect(check(workloadMinReplicas, [scaledDown, workloadRefRollout('api-rollout', 'api', { replicas: 3 })]).map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['Deployment/team/api', true, '3 replicas (Rollout/team/api-rollout, which runs its pods through spec.workloadRef: spec.replicas)'],
    ]);
  });
  test('a ScaledObject beside an autoscaler counts too (KEDA\'s webhook may not refuse it): its scale to zero wins, unless it takes the autoscaler over (annotation "true" and the autoscaler\'s name)', () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'team' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 3, maxReplicas: 5 } };
    const api = deployment('api', { containers: [{ name: 'c', image: 'x' }] });
    const results = check(workloadMinReplicas, [api, hpa, scaledObject('api', { scaleTargetRef: { name: 'api' } })]);
    expect(results.map(r => [r.passed, r.message])).toEqual([[false, expect.stringMatching(/^runs 0 replicas \(ScaledObject\/team\/api minReplicaCount, which defaults to 0: KEDA scales the workload to zero while its triggers are inactive, beside HorizontalPodAutoscaler\/team\/h/)]]);
    const transfer = (value: string, hpaName?: string) => ({
      ...scaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 1, ...(hpaName ? { advanced: { horizontalPodAutoscalerConfig: { name: hpaName } } } : {}) }),
      metadata: { name: 'api', namespace: 'team', annotations: { 'scaledobject.keda.sh/transfer-hpa-ownership': value } },
    });
    // Taken over, the autoscaler's minReplicas 3 no longer holds: KEDA rewrites it to the ScaledObject's minReplicaCount 1.
    expect(check(workloadMinReplicas, [api, hpa, transfer('true', 'h')]).map(r => [r.passed, r.message])).toEqual([
      [false, 'runs 1 replica (ScaledObject/team/api minReplicaCount); at least 2 are required'],
    ]);
    // Not taken over (no name, another name, or an annotation that is not "true"), the autoscaler still counts beside it.
    for (const so of [transfer('true'), transfer('true', 'keda-hpa-api'), transfer('True', 'h')]) {
      expect(check(workloadMinReplicas, [api, hpa, so]).map(r => [r.passed, r.message])).toEqual([
        [false, 'runs 1 replica (ScaledObject/team/api minReplicaCount, beside HorizontalPodAutoscaler/team/h, which scale it together); at least 2 are required'],
      ]);
    }
  });

  test('fails a workload a paused ScaledObject holds at 0 or 1 replica, naming the annotation, its value and the fix; passes one held at 2', () => {
    const held = (value: string) => annotatedScaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 3 }, { 'autoscaling.keda.sh/paused-replicas': value });
    const d = deployment('api', POD);
    delete d.spec.replicas;
    for (const [value, runs] of [['0', '0 replicas'], ['1', '1 replica']]) {
      expect(check(workloadMinReplicas, [d, held(value)]).map(r => [r.object.ref, r.passed, r.message, r.path])).toEqual([
        ['Deployment/team/api', false, `runs ${runs} (ScaledObject/team/api annotation autoscaling.keda.sh/paused-replicas "${value}": KEDA scales the workload to ${value} and stops autoscaling it); `
          + 'at least 2 are required: set autoscaling.keda.sh/paused-replicas on ScaledObject/team/api to at least 2, or remove it to resume autoscaling', undefined],
      ]);
    }
    expect(check(workloadMinReplicas, [d, held('2')]).map(r => [r.passed, r.message])).toEqual([
      [true, '2 replicas (ScaledObject/team/api annotation autoscaling.keda.sh/paused-replicas "2": KEDA scales the workload to 2 and stops autoscaling it)'],
    ]);
    expect(check(workloadMinReplicas, [d, held('1')], { minReplicas: 1 }).map(r => r.passed)).toEqual([true]);
  });

  test('holds a workload a ScaledObject pauses at the count it has (autoscaling.keda.sh/paused) to the lower of its spec.replicas and the ScaledObject\'s lowest count', () => {
    const stopped = annotatedScaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 3 }, { 'autoscaling.keda.sh/paused': 'true' });
    const d = deployment('api', POD);
    delete d.spec.replicas;
    expect(check(workloadMinReplicas, [d, stopped]).map(r => [r.passed, r.message, r.path])).toEqual([[false,
      'runs 1 replica (ScaledObject/team/api, paused by annotation autoscaling.keda.sh/paused "true", keeps the count the workload has: 1 as applied (spec.replicas is not set and defaults to 1)); '
      + 'at least 2 are required: set autoscaling.keda.sh/paused-replicas on ScaledObject/team/api to at least 2 to hold a known count '
      + '(autoscaling.keda.sh/paused keeps whatever count the workload has, as low as the ScaledObject scales it), or remove autoscaling.keda.sh/paused to resume autoscaling', undefined]]);
    expect(outcome(workloadMinReplicas, [deployment('api', POD, { replicas: 3 }), stopped])).toEqual({ 'Deployment/team/api': 'pass' });
    const resumed = annotatedScaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 3 }, { 'autoscaling.keda.sh/paused': 'false' });
    expect(check(workloadMinReplicas, [d, resumed]).map(r => [r.passed, r.message])).toEqual([[true, '3 replicas (ScaledObject/team/api minReplicaCount)']]);
  });

  test('passes a workload at 3 replicas paused (autoscaling.keda.sh/paused) over a ScaledObject that keeps at least 2', () => {
    for (const [spec, source] of [
      [{ idleReplicaCount: 2, minReplicaCount: 3 }, 'ScaledObject/team/api idleReplicaCount, to which KEDA scales the workload while its triggers are inactive'],
      [{ minReplicaCount: 2 }, 'ScaledObject/team/api minReplicaCount'],
    ] as const) {
      const stopped = annotatedScaledObject('api', { scaleTargetRef: { name: 'api' }, ...spec }, { 'autoscaling.keda.sh/paused': 'true' });
      expect(check(workloadMinReplicas, [deployment('api', POD, { replicas: 3 }), stopped]).map(r => [r.passed, r.message])).toEqual([[true,
        '2 replicas (ScaledObject/team/api, paused by annotation autoscaling.keda.sh/paused "true", keeps the count the workload has: 3 as applied (spec.replicas), '
        + `or as few as 2 if KEDA scaled it before the pause (${source}))`]]);
    }
  });

  test('fails a workload applied with spec.replicas: 0 whose ScaledObject pauses scaling up (autoscaling.keda.sh/paused-scale-out), naming the annotation and the fix', () => {
    const outPaused = (value: string) => annotatedScaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 3 }, { 'autoscaling.keda.sh/paused-scale-out': value });
    expect(check(workloadMinReplicas, [deployment('api', POD, { replicas: 0 }), outPaused('true')]).map(r => [r.passed, r.message, r.path])).toEqual([[false,
      'runs 0 replicas (spec.replicas is 0, from which ScaledObject/team/api (annotation autoscaling.keda.sh/paused-scale-out "true") does not scale it up while its triggers are active); '
      + 'at least 2 are required: remove spec.replicas: 0 from the workload to leave its count to its autoscalers, '
      + 'or remove autoscaling.keda.sh/paused-scale-out from ScaledObject/team/api so that KEDA scales it up from 0 while its triggers are active', 'spec.replicas']]);
    // Without the pause, or with a false value, KEDA scales it up to minReplicaCount; above 0 the HPA raises it there whatever the pause.
    expect(check(workloadMinReplicas, [deployment('api', POD, { replicas: 0 }), outPaused('false')]).map(r => [r.passed, r.message])).toEqual([[true, '3 replicas (ScaledObject/team/api minReplicaCount)']]);
    expect(outcome(workloadMinReplicas, [deployment('api', POD, { replicas: 1 }), outPaused('true')])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails a workload applied with spec.replicas: 0 whose ScaledObject has an idleReplicaCount: KEDA leaves it at 0 while the triggers are inactive', () => {
    const so = scaledObject('api', { scaleTargetRef: { name: 'api' }, idleReplicaCount: 2, minReplicaCount: 3 });
    expect(check(workloadMinReplicas, [deployment('api', POD, { replicas: 0 }), so]).map(r => [r.passed, r.message, r.path])).toEqual([[false,
      'runs 0 replicas (spec.replicas is 0, where KEDA leaves it while the triggers are inactive: it scales a workload down to idleReplicaCount '
      + '(ScaledObject/team/api idleReplicaCount 2), never up to it, and up from 0 only while the triggers are active); at least 2 are required', 'spec.replicas']]);
    expect(check(workloadMinReplicas, [deployment('api', POD, { replicas: 3 }), so]).map(r => [r.passed, r.message])).toEqual([[true,
      '2 replicas (ScaledObject/team/api idleReplicaCount, to which KEDA scales the workload while its triggers are inactive)']]);
  });

  describe('a paused ScaledObject that may leave the workload at 0', () => {
    const IMAGE = 'x@sha256:0000000000000000000000000000000000000000000000000000000000000000';
    const api = () => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'app' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'c', image: IMAGE }] } } },
    });
    const hpa = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'app' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 3, maxReplicas: 5 },
    };
    const so = (annotations: Record<string, string>, spec: object = {}) => ({
      apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'api', namespace: 'app', annotations },
      spec: { scaleTargetRef: { name: 'api' }, triggers: [{ type: 'cpu', metadata: { value: '50' } }], ...spec },
    });
    const findings = (objects: unknown[]) => run(objects).findings
      .filter(f => f.controlId === 'workload-min-replicas').map(f => [f.controlId, f.object.ref, f.message]);

    test('autoscaling.keda.sh/paused-replicas "0" beside a HorizontalPodAutoscaler: KEDA scales the workload to 0 and the HPA does not scale it up', () => {
      expect(findings([api(), hpa, so({ 'autoscaling.keda.sh/paused-replicas': '0' })])).toEqual([['workload-min-replicas', 'Deployment/app/api',
        'runs 0 replicas (ScaledObject/app/api annotation autoscaling.keda.sh/paused-replicas "0": KEDA scales the workload to 0 and stops autoscaling it, '
        + 'whatever HorizontalPodAutoscaler/app/api keeps); at least 2 are required: '
        + 'set autoscaling.keda.sh/paused-replicas on ScaledObject/app/api to at least 2, or remove it to resume autoscaling']]);
    });

    test('autoscaling.keda.sh/paused-replicas of at least 2 beside a HorizontalPodAutoscaler passes', () => {
      for (const value of ['2', '3']) {
        expect(check(workloadMinReplicas, [api(), hpa, so({ 'autoscaling.keda.sh/paused-replicas': value })]).map(r => [r.object.ref, r.passed])).toEqual([['Deployment/app/api', true]]);
      }
      expect(check(workloadMinReplicas, [api(), hpa, so({ 'autoscaling.keda.sh/paused-replicas': '2' })])[0].message).toBe(
        '2 replicas (ScaledObject/app/api annotation autoscaling.keda.sh/paused-replicas "2": KEDA scales the workload to 2 and stops autoscaling it, whatever HorizontalPodAutoscaler/app/api keeps)');
    });

    test('autoscaling.keda.sh/paused over a ScaledObject that scales to zero: the workload may be paused at 0, whatever its spec.replicas', () => {
      expect(findings([api(), so({ 'autoscaling.keda.sh/paused': 'true' }, { minReplicaCount: 0 })])).toEqual([['workload-min-replicas', 'Deployment/app/api',
        'runs 0 replicas (ScaledObject/app/api, paused by annotation autoscaling.keda.sh/paused "true", keeps the count the workload has: 3 as applied (spec.replicas), '
        + 'or as few as 0 if KEDA scaled it before the pause (ScaledObject/app/api minReplicaCount 0: KEDA scales the workload to zero while its triggers are inactive)); '
        + 'at least 2 are required: set autoscaling.keda.sh/paused-replicas on ScaledObject/app/api to at least 2 to hold a known count '
        + '(autoscaling.keda.sh/paused keeps whatever count the workload has, as low as the ScaledObject scales it), or remove autoscaling.keda.sh/paused to resume autoscaling']]);
    });
  });
});
