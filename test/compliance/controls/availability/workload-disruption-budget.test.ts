import { workloadDisruptionBudget } from '../../../../src/compliance/controls/availability/workload-disruption-budget';
import { check, deployment, messages, outcome } from '../../helpers';
import { annotatedScaledObject, scaledObject, workloadRefRollout } from './fixtures';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const api = deployment('api', POD, { replicas: 2 });
const pdb = (name: string, spec: any, namespace = 'team') => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace },
  spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, ...spec },
});

describe('workload-disruption-budget', () => {
  test('passes a Deployment with a budget that allows one eviction', () => {
    expect(outcome(workloadDisruptionBudget, [api, pdb('api', { maxUnavailable: 1 })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails a Deployment without a budget', () => {
    expect(messages(workloadDisruptionBudget, [api, pdb('api', { maxUnavailable: 1 }, 'other')])).toEqual(['no PodDisruptionBudget selects its pods']);
  });

  test('fails a budget that sets neither minAvailable nor maxUnavailable: it blocks every eviction', () => {
    expect(messages(workloadDisruptionBudget, [api, pdb('api', {})])).toEqual([
      'PodDisruptionBudget/team/api (neither minAvailable nor maxUnavailable set) allows no voluntary eviction of its 2 replicas, so node drains block',
    ]);
  });

  test('passes a workload scaled to zero: there is no pod to evict', () => {
    const idle = deployment('api', POD, { replicas: 0 });
    expect(check(workloadDisruptionBudget, [idle, pdb('api', { maxUnavailable: 1 })]).map(r => [r.passed, r.message])).toEqual([
      [true, 'scaled to 0 (spec.replicas): no pod to evict'],
    ]);
  });

  test('judges a workload KEDA scales to zero while idle at the replicas it runs while active', () => {
    const keda = scaledObject('api', { scaleTargetRef: { name: 'api' } });
    expect(messages(workloadDisruptionBudget, [api, keda, pdb('api', { minAvailable: 1 })])).toEqual([
      'PodDisruptionBudget/team/api (minAvailable 1) allows no voluntary eviction of its 1 replica, so node drains block',
    ]);
    expect(outcome(workloadDisruptionBudget, [api, keda, pdb('api', { maxUnavailable: 1 })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('judges a workload a paused ScaledObject holds at its autoscaling.keda.sh/paused-replicas count', () => {
    const held = (value: string) => annotatedScaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 3 }, { 'autoscaling.keda.sh/paused-replicas': value });
    expect(check(workloadDisruptionBudget, [api, held('0'), pdb('api', { minAvailable: 1 })]).map(r => [r.passed, r.message])).toEqual([
      [true, 'scaled to 0 (ScaledObject/team/api annotation autoscaling.keda.sh/paused-replicas "0": KEDA scales the workload to 0 and stops autoscaling it): no pod to evict'],
    ]);
    expect(messages(workloadDisruptionBudget, [api, held('1'), pdb('api', { minAvailable: 1 })])).toEqual([
      'PodDisruptionBudget/team/api (minAvailable 1) allows no voluntary eviction of its 1 replica, so node drains block',
    ]);
    expect(messages(workloadDisruptionBudget, [api, held('3'), pdb('api', { maxUnavailable: 3 })])).toEqual([
      'PodDisruptionBudget/team/api (maxUnavailable 3) lets all 3 replicas be evicted at once, so it keeps nothing available',
    ]);
  });

  test('judges a workload applied at 0 replicas that a ScaledObject pausing scale-out leaves there as running no pod', () => {
    const outPaused = annotatedScaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 3 }, { 'autoscaling.keda.sh/paused-scale-out': 'true' });
    const atZero = deployment('api', POD, { replicas: 0 });
    expect(check(workloadDisruptionBudget, [atZero, outPaused, pdb('api', { maxUnavailable: 3 })]).map(r => [r.passed, r.message])).toEqual([
      [true, 'scaled to 0 (spec.replicas is 0, from which ScaledObject/team/api (annotation autoscaling.keda.sh/paused-scale-out "true") does not scale it up while its triggers are active): no pod to evict'],
    ]);
  });

  test('judges a Deployment an Argo Rollout runs through spec.workloadRef at the Rollout\'s replicas', () => {
    const objects = [deployment('api', POD, { replicas: 0 }), workloadRefRollout('api-rollout', 'api', { replicas: 3 }), pdb('api', { maxUnavailable: 3 })];
    expect(messages(workloadDisruptionBudget, objects)).toEqual([
      'PodDisruptionBudget/team/api (maxUnavailable 3) lets all 3 replicas be evicted at once, so it keeps nothing available',
    ]);
  });

  test('an empty selector of a policy/v1beta1 budget selects no pod (in v1 it selects them all)', () => {
    const beta = { ...pdb('all', { maxUnavailable: 1 }), apiVersion: 'policy/v1beta1' };
    beta.spec.selector = {};
    expect(messages(workloadDisruptionBudget, [api, beta])).toEqual(['no PodDisruptionBudget selects its pods']);
    const v1 = pdb('all', { maxUnavailable: 1 });
    v1.spec.selector = {};
    expect(outcome(workloadDisruptionBudget, [api, v1])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails percentages the API server refuses: above 100 %, or padded', () => {
    expect(messages(workloadDisruptionBudget, [api, pdb('api', { maxUnavailable: '150%' })])).toEqual(['PodDisruptionBudget/team/api maxUnavailable "150%" is neither a count nor a percentage']);
    expect(messages(workloadDisruptionBudget, [api, pdb('api', { maxUnavailable: ' 50%' })])).toEqual(['PodDisruptionBudget/team/api maxUnavailable " 50%" is neither a count nor a percentage']);
  });

  test('fails a budget that blocks every eviction', () => {
    expect(messages(workloadDisruptionBudget, [api, pdb('api', { minAvailable: '100%' })])).toEqual([
      'PodDisruptionBudget/team/api (minAvailable 100%) allows no voluntary eviction of its 2 replicas, so node drains block',
    ]);
  });

  test('fails a budget that keeps nothing available', () => {
    expect(messages(workloadDisruptionBudget, [api, pdb('api', { minAvailable: 0 })])).toEqual([
      'PodDisruptionBudget/team/api (minAvailable 0) lets all 2 replicas be evicted at once, so it keeps nothing available',
    ]);
  });

  test('fails pods covered by two budgets', () => {
    expect(messages(workloadDisruptionBudget, [api, pdb('a', { maxUnavailable: 1 }), pdb('b', { maxUnavailable: 1 })])).toEqual([
      '2 PodDisruptionBudgets select its pods (PodDisruptionBudget/team/a, PodDisruptionBudget/team/b); the eviction API refuses to evict a pod covered by more than one',
    ]);
  });

  test('does not apply to DaemonSets', () => {
    expect(outcome(workloadDisruptionBudget, [{ ...deployment('agent', POD), kind: 'DaemonSet' }])).toEqual({});
  });
});
