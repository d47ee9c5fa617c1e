import { workloadMinReplicas } from '../../../../src/compliance/controls/availability/workload-min-replicas';
import { check, deployment, messages, outcome } from '../../helpers';

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
});
