import { kedaReadings, kedaRefusal } from '../../../../../src/compliance/controls/availability/private/keda';
import { scaledObjectsOf } from '../../../../../src/compliance/controls/availability/private/scalers';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { deployment } from '../../../helpers';
import { scaledObject } from '../fixtures';

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
