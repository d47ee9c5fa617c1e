import { workloadTopologySpread } from '../../../../src/compliance/controls/availability/workload-topology-spread';
import { deployment, messages, outcome } from '../../helpers';

const labelSelector = { matchLabels: { 'app.kubernetes.io/name': 'api' } };

describe('workload-topology-spread', () => {
  test('passes a Deployment spread over hosts', () => {
    const d = deployment('api', { containers: [], topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector }] });
    expect(outcome(workloadTopologySpread, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails a Deployment with no spread', () => {
    expect(messages(workloadTopologySpread, [deployment('api', { containers: [] })])).toEqual([
      'neither topologySpreadConstraints nor a podAntiAffinity over kubernetes.io/hostname or topology.kubernetes.io/zone that selects the pod\'s own labels',
    ]);
  });

  test('does not apply to Jobs', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'team' }, spec: { template: { spec: { containers: [] } } } };
    expect(outcome(workloadTopologySpread, [job])).toEqual({});
  });
});
