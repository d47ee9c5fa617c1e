import { workloadDisruptionBudget } from '../../../../src/compliance/controls/availability/workload-disruption-budget';
import { deployment, messages, outcome } from '../../helpers';

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
