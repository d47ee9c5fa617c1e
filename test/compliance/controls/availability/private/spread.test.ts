import { spreadVerdict } from '../../../../../src/compliance/controls/availability/private/spread';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { deployment } from '../../../helpers';

const own = { matchLabels: { 'app.kubernetes.io/name': 'api' } };
const verdict = (extra: any) => spreadVerdict(ManifestIndex.fromObjects([deployment('api', { containers: [], ...extra })]).podTemplates[0]);

describe('spreadVerdict', () => {
  test('accepts a zone spread that selects the pod itself', () => {
    expect(verdict({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', labelSelector: own }] }))
      .toEqual({ spreadBy: 'topologySpreadConstraints over topology.kubernetes.io/zone (enforced: DoNotSchedule)', problems: [] });
  });

  test('names every spread that selects the pod, and says when the scheduler may break them all', () => {
    const spread = (topologyKey: string) => ({ maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: own });
    expect(verdict({ topologySpreadConstraints: [spread('kubernetes.io/hostname'), spread('topology.kubernetes.io/zone')] }).spreadBy)
      .toBe('topologySpreadConstraints over kubernetes.io/hostname and topology.kubernetes.io/zone (best effort: ScheduleAnyway)');
  });

  test('accepts a preferred anti-affinity on hostname that selects the pod itself', () => {
    const affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: own } }] } };
    expect(verdict({ affinity }).spreadBy).toBe('podAntiAffinity on kubernetes.io/hostname');
  });

  test('rejects a constraint over another topology key, as Polaris does', () => {
    const v = verdict({ topologySpreadConstraints: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: own }, { topologyKey: 'rack', labelSelector: own }] });
    expect(v.problems).toEqual([{ message: 'topologySpreadConstraints[1] spreads over "rack", not kubernetes.io/hostname or topology.kubernetes.io/zone', path: 'spec.template.spec.topologySpreadConstraints[1].topologyKey' }]);
  });

  test('rejects spread and anti-affinity that select other pods, as kube-score does', () => {
    const other = { matchLabels: { app: 'other' } };
    expect(verdict({ topologySpreadConstraints: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: other }] }).problems[0].message)
      .toBe('no topologySpreadConstraint\'s labelSelector selects the pod\'s own labels');
    const affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: other }] } };
    expect(verdict({ affinity }).problems).toHaveLength(1);
  });

  test('accepts a required anti-affinity over zones that selects the pod itself: the scheduler puts each replica in its own zone', () => {
    const affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: own }] } };
    expect(verdict({ affinity })).toEqual({ spreadBy: 'podAntiAffinity on topology.kubernetes.io/zone', problems: [] });
  });

  test('rejects anti-affinity over another topology key', () => {
    const affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'rack', labelSelector: own }] } };
    expect(verdict({ affinity }).problems.map(p => p.message)).toEqual([
      'neither topologySpreadConstraints nor a podAntiAffinity over kubernetes.io/hostname or topology.kubernetes.io/zone that selects the pod\'s own labels',
    ]);
  });
});
