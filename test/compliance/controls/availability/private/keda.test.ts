import { hpaTakeoverGap, kedaReadings, kedaRefusal, takesOver } from '../../../../../src/compliance/controls/availability/private/keda';
import { scaledObjectsOf } from '../../../../../src/compliance/controls/availability/private/scalers';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { deployment } from '../../../helpers';
import { annotatedScaledObject, scaledObject } from '../fixtures';

const POD = { containers: [{ name: 'c', image: 'x' }] };

describe('kedaReadings', () => {
  const index = ManifestIndex.fromObjects([
    deployment('api', POD),
    scaledObject('good', { scaleTargetRef: { name: 'api' }, minReplicaCount: 2, maxReplicaCount: 6, idleReplicaCount: 1 }),
    scaledObject('bad', { scaleTargetRef: { name: 'api' }, minReplicaCount: 7, maxReplicaCount: 3 }),
  ]);
  const [good, bad] = index.ofKind('ScaledObject', 'keda.sh');
  const api = index.ofKind('Deployment')[0];

  test('reads every ScaledObject of the set once, in input order: its counts, or why KEDA refuses it', () => {
    const readings = kedaReadings(index);
    expect(kedaReadings(index)).toBe(readings);
    expect([...readings.keys()]).toEqual([good, bad]);
    expect(readings.get(good)).toEqual({ min: 2, max: 6, idle: 1 });
    expect(readings.get(bad)).toEqual({ message: expect.stringMatching(/^minReplicaCount 7 is above maxReplicaCount 3: KEDA refuses/), path: 'spec.minReplicaCount' });
  });

  test('gives the refusal and the autoscalers of a workload from that one reading', () => {
    expect(kedaRefusal(index, bad)).toBe(kedaReadings(index).get(bad));
    expect(kedaRefusal(index, good)).toBeUndefined();
    expect(scaledObjectsOf(index, api).map(k => [k.object.ref, k.min, k.activeMin, k.max])).toEqual([['ScaledObject/team/good', 1, 2, 6]]);
  });
});

describe('takesOver', () => {
  const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'team' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 2, maxReplicas: 5 } };
  const naming = (name: unknown) => ({ scaleTargetRef: { name: 'api' }, advanced: { horizontalPodAutoscalerConfig: { name } } });
  const cases: [string, any][] = [
    ['annotation "true" and the HPA named', annotatedScaledObject('a', naming('api'), { 'scaledobject.keda.sh/transfer-hpa-ownership': 'true' })],
    ['annotation "True"', annotatedScaledObject('b', naming('api'), { 'scaledobject.keda.sh/transfer-hpa-ownership': 'True' })],
    ['annotation "true", another HPA named', annotatedScaledObject('c', naming('other'), { 'scaledobject.keda.sh/transfer-hpa-ownership': 'true' })],
    ['the HPA named without the annotation', scaledObject('d', naming('api'))],
    ['neither', scaledObject('e', { scaleTargetRef: { name: 'api' } })],
  ];
  const index = ManifestIndex.fromObjects([hpa, ...cases.map(c => c[1])]);
  const [h, ...sos] = index.objects;

  test('is true only with annotation "true" and the HPA named, where hpaTakeoverGap finds nothing missing', () => {
    expect(sos.map(so => takesOver(so, h))).toEqual([true, false, false, false, false]);
    expect(sos.map(so => hpaTakeoverGap(so, h) === undefined)).toEqual([true, false, false, false, false]);
    expect(hpaTakeoverGap(sos[1], h)).toMatchObject({ attempted: true, path: 'metadata.annotations["scaledobject.keda.sh/transfer-hpa-ownership"]' });
  });
});
