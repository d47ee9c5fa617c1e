import { autoscalerTargetsWorkload } from '../../../../src/compliance/controls/availability/autoscaler-targets-workload';
import { check, deployment, outcome } from '../../helpers';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const hpa = (scaleTargetRef: unknown, namespace = 'team') => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace },
  spec: { scaleTargetRef, minReplicas: 2, maxReplicas: 5 },
});
const REF = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' };

describe('autoscaler-targets-workload', () => {
  test('passes an autoscaler whose target is declared in its namespace, naming it', () => {
    const results = check(autoscalerTargetsWorkload, [deployment('api', POD), hpa(REF)]);
    expect(results.map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['HorizontalPodAutoscaler/team/h', true, 'scales Deployment/team/api'],
    ]);
  });

  test('passes autoscaling/v1 autoscalers and custom scalable kinds alike', () => {
    const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web', namespace: 'team' }, spec: {} };
    const v1 = { ...hpa({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'web' }), apiVersion: 'autoscaling/v1' };
    expect(outcome(autoscalerTargetsWorkload, [rollout, v1])).toEqual({ 'HorizontalPodAutoscaler/team/h': 'pass' });
  });

  test('fails a target that is missing, in another namespace, or of another API group, at spec.scaleTargetRef', () => {
    const results = check(autoscalerTargetsWorkload, [
      deployment('api', POD, { namespace: 'other' }), hpa(REF),
      deployment('web', POD), hpa({ apiVersion: 'extensions/v1beta1', kind: 'Deployment', name: 'web' }, 'team'),
    ]);
    expect(results.map(r => [r.passed, r.message, r.path])).toEqual([
      [false, 'spec.scaleTargetRef names Deployment "api" of API group "apps", which is not in namespace "team" of the manifest set', 'spec.scaleTargetRef'],
      [false, 'spec.scaleTargetRef names Deployment "web" of API group "extensions", which is not in namespace "team" of the manifest set (a Deployment of that name has apiVersion apps/v1)', 'spec.scaleTargetRef'],
    ]);
  });

  test('fails a reference without a kind or a name, and a reference that is not a mapping', () => {
    const results = check(autoscalerTargetsWorkload, [deployment('api', POD), hpa({ apiVersion: 'apps/v1', kind: 'Deployment' }), hpa('api'), hpa(undefined)]);
    expect(results.map(r => [r.passed, r.message])).toEqual(Array(3).fill([false, 'spec.scaleTargetRef does not name a kind and a name']));
  });

  test('evaluates only autoscalers of the autoscaling API group', () => {
    const foreign = { ...hpa({ kind: 'Deployment', name: 'missing' }), apiVersion: 'example.com/v1' };
    expect(check(autoscalerTargetsWorkload, [foreign])).toEqual([]);
  });
});
