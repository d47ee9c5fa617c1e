import { workloadRequiredLabels } from '../../../../src/compliance/controls/workload/workload-required-labels';
import { deployment, messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedPodSpec } from './fixtures';

describe('workload-required-labels', () => {
  test('passes when the pod template carries the default required labels', () => {
    expect(outcome(workloadRequiredLabels, [deployment('api', hardenedPodSpec())])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for missing or empty labels, naming them', () => {
    const d = deployment('api', hardenedPodSpec(), { labels: { 'app.kubernetes.io/name': '' } });
    expect(messages(workloadRequiredLabels, [d])).toEqual(['lacks labels "app.kubernetes.io/name", "app.kubernetes.io/instance"']);
  });

  test('checks the configured labels instead of the defaults', () => {
    const d = deployment('api', hardenedPodSpec());
    expect(messages(workloadRequiredLabels, [d], { requiredWorkloadLabels: ['team'] })).toEqual(['lacks labels "team"']);
  });

  test('does not apply when no labels are required, nor to objects without pods', () => {
    expect(outcome(workloadRequiredLabels, [deployment('api', hardenedPodSpec())], { requiredWorkloadLabels: [] })).toEqual({});
    expect(outcome(workloadRequiredLabels, [CONFIG_MAP])).toEqual({});
  });
});
