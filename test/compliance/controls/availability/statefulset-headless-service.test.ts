import { statefulsetHeadlessService } from '../../../../src/compliance/controls/availability/statefulset-headless-service';
import { check, deployment, outcome } from '../../helpers';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const LABELS = { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/instance': 'db' };
const set = (serviceName?: unknown) => {
  const s = { ...deployment('db', POD), kind: 'StatefulSet' };
  if (serviceName !== undefined) s.spec.serviceName = serviceName;
  return s;
};
const service = (spec: any, name = 'db-headless', namespace = 'team') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec });

describe('statefulset-headless-service', () => {
  test('passes a StatefulSet whose serviceName is a headless Service selecting its pods', () => {
    const results = check(statefulsetHeadlessService, [set('db-headless'), service({ clusterIP: 'None', selector: LABELS })]);
    expect(results.map(r => [r.object.ref, r.passed, r.message])).toEqual([['StatefulSet/team/db', true, 'named by Service/team/db-headless']]);
  });

  test('fails a missing serviceName, a missing or foreign Service, one with a cluster IP, one that selects other pods', () => {
    const cases: [unknown[], string][] = [
      [[set()], 'spec.serviceName names no Service, so its replicas have no stable network names'],
      [[set('db-headless'), service({ clusterIP: 'None', selector: LABELS }, 'db-headless', 'other')], 'spec.serviceName names Service "db-headless", which is not in namespace "team" of the manifest set'],
      [[set('db-headless'), service({ selector: LABELS })], 'Service "db-headless" is not headless (clusterIP: None), so it gives the replicas no names of their own'],
      [[set('db-headless'), service({ clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'api' } })], 'Service "db-headless" does not select the StatefulSet\'s pods'],
      [[set('db-headless'), service({ clusterIP: 'None' })], 'Service "db-headless" does not select the StatefulSet\'s pods'],
    ];
    for (const [objects, message] of cases) {
      expect(check(statefulsetHeadlessService, objects).map(r => [r.passed, r.message, r.path])).toEqual([[false, message, 'spec.serviceName']]);
    }
  });

  test('does not apply to Deployments', () => {
    expect(outcome(statefulsetHeadlessService, [deployment('api', POD)])).toEqual({});
  });
});
