import { workloadAutoscalerOwnsReplicas } from '../../../../src/compliance/controls/availability/workload-autoscaler-owns-replicas';
import { check, deployment, outcome } from '../../helpers';
import { annotatedScaledObject, scaledObject, workloadRefRollout } from './fixtures';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const hpa = (target: string, kind = 'Deployment', namespace = 'team') => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: `${target}-hpa`, namespace },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind, name: target }, minReplicas: 2, maxReplicas: 5 },
});
const unscaled = (name: string, kind = 'Deployment') => {
  const d = { ...deployment(name, POD), kind };
  delete d.spec.replicas;
  return d;
};

describe('workload-autoscaler-owns-replicas', () => {
  test('passes an autoscaled Deployment or StatefulSet without spec.replicas, naming the autoscaler', () => {
    const results = check(workloadAutoscalerOwnsReplicas, [unscaled('api'), hpa('api'), unscaled('db', 'StatefulSet'), hpa('db', 'StatefulSet')]);
    expect(results.map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['Deployment/team/api', true, 'replicas decided by HorizontalPodAutoscaler/team/api-hpa'],
      ['StatefulSet/team/db', true, 'replicas decided by HorizontalPodAutoscaler/team/db-hpa'],
    ]);
  });

  test('fails an autoscaled workload that sets spec.replicas, at spec.replicas', () => {
    const results = check(workloadAutoscalerOwnsReplicas, [deployment('api', POD, { replicas: 3 }), hpa('api')]);
    expect(results.map(r => [r.passed, r.message, r.path])).toEqual([
      [false, 'sets spec.replicas (3) although HorizontalPodAutoscaler/team/api-hpa scales it: each apply resets the count the autoscaler chose', 'spec.replicas'],
    ]);
  });

  test('an autoscaler the API server refuses does not scale anything', () => {
    const refused = { ...hpa('api'), spec: { ...hpa('api').spec, minReplicas: 4, maxReplicas: 2 } };
    expect(outcome(workloadAutoscalerOwnsReplicas, [deployment('api', POD, { replicas: 2 }), refused])).toEqual({});
  });

  test('does not evaluate workloads no autoscaler of their namespace, kind and name scales', () => {
    const objects = [deployment('api', POD), hpa('api', 'Deployment', 'other'), hpa('api', 'StatefulSet'), deployment('web', POD)];
    expect(outcome(workloadAutoscalerOwnsReplicas, objects)).toEqual({});
  });

  test('holds a workload a KEDA ScaledObject scales to the same rule', () => {
    const so = scaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 2 });
    expect(check(workloadAutoscalerOwnsReplicas, [deployment('api', POD, { replicas: 3 }), so]).map(r => [r.passed, r.message, r.path])).toEqual([
      [false, 'sets spec.replicas (3) although ScaledObject/team/api scales it: each apply resets the count the autoscaler chose', 'spec.replicas'],
    ]);
    expect(check(workloadAutoscalerOwnsReplicas, [unscaled('api'), so]).map(r => [r.passed, r.message])).toEqual([[true, 'replicas decided by ScaledObject/team/api']]);
    const refused = scaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 4, maxReplicaCount: 2 });
    expect(outcome(workloadAutoscalerOwnsReplicas, [deployment('api', POD, { replicas: 3 }), refused])).toEqual({});
  });

  test('holds a workload a paused ScaledObject scales to the same rule: it is still the workload\'s autoscaler; one whose pause KEDA cannot read is not', () => {
    for (const annotations of [{ 'autoscaling.keda.sh/paused-replicas': '3' }, { 'autoscaling.keda.sh/paused': 'true' }] as Record<string, string>[]) {
      const so = annotatedScaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 2 }, annotations);
      expect(check(workloadAutoscalerOwnsReplicas, [deployment('api', POD, { replicas: 3 }), so]).map(r => [r.passed, r.message])).toEqual([
        [false, 'sets spec.replicas (3) although ScaledObject/team/api scales it: each apply resets the count the autoscaler chose'],
      ]);
    }
    const unreadable = annotatedScaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 2 }, { 'autoscaling.keda.sh/paused-replicas': 'three' });
    expect(outcome(workloadAutoscalerOwnsReplicas, [deployment('api', POD, { replicas: 3 }), unreadable])).toEqual({});
  });

  test('holds an Argo Rollout that runs a Deployment\'s pods through spec.workloadRef, which has no pod template of its own', () => {
    const rolloutHpa = { ...hpa('api-rollout', 'Rollout'), spec: { ...hpa('api-rollout').spec, scaleTargetRef: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'api-rollout' } } };
    const objects = [deployment('api', POD, { replicas: 0 }), workloadRefRollout('api-rollout', 'api', { replicas: 3 }), rolloutHpa];
    expect(check(workloadAutoscalerOwnsReplicas, objects).map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['Rollout/team/api-rollout', false, 'sets spec.replicas (3) although HorizontalPodAutoscaler/team/api-rollout-hpa scales it: each apply resets the count the autoscaler chose'],
    ]);
  });

  test('holds an Argo Rollout that runs a ReplicaSet\'s pods through spec.workloadRef, as one that runs a Deployment\'s', () => {
    const rolloutHpa = { ...hpa('api-rollout', 'Rollout'), spec: { ...hpa('api-rollout').spec, scaleTargetRef: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'api-rollout' } } };
    const replicaSet = { ...deployment('api-6b7f', POD, { replicas: 0 }), kind: 'ReplicaSet' };
    const rollout = workloadRefRollout('api-rollout', 'api', { replicas: 3, workloadRef: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-6b7f' } });
    expect(check(workloadAutoscalerOwnsReplicas, [replicaSet, rollout, rolloutHpa]).map(r => [r.object.ref, r.passed])).toEqual([['Rollout/team/api-rollout', false]]);
  });
});
