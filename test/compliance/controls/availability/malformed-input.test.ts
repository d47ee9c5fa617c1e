import { AVAILABILITY_CONTROLS } from '../../../../src/compliance/controls/availability';
import { check } from '../../helpers';
import { malformedObjects } from '../namespace/malformed';

describe('the availability controls on malformed objects', () => {
  test.each(AVAILABILITY_CONTROLS.map(c => [c.id, c] as const))('%s evaluates without throwing', (_id, control) => {
    expect(() => check(control, malformedObjects())).not.toThrow();
  });

  test.each(AVAILABILITY_CONTROLS.map(c => [c.id, c] as const))('%s evaluates malformed KEDA ScaledObjects and Argo workloadRefs without throwing', (_id, control) => {
    const odd = [undefined, null, 'text', 42, [], {}];
    const objects = odd.flatMap((value, i) => [
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: `so-${i}`, namespace: 'team' }, spec: value },
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: `so-nested-${i}`, namespace: 'team' },
        spec: { scaleTargetRef: { name: 'd-undefined', kind: value, apiVersion: value }, minReplicaCount: value, maxReplicaCount: value, idleReplicaCount: value } },
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: `r-${i}`, namespace: 'team' }, spec: { replicas: value, workloadRef: value } },
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: `r-nested-${i}`, namespace: 'team' },
        spec: { replicas: value, workloadRef: { apiVersion: value, kind: 'Deployment', name: 'd-undefined' } } },
    ]);
    expect(() => check(control, [...malformedObjects(), ...objects])).not.toThrow();
  });
});
