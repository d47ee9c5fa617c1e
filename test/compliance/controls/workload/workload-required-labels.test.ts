import { workloadRequiredLabels } from '../../../../src/compliance/controls/workload/workload-required-labels';
import { check, deployment, messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedPodSpec } from './fixtures';

describe('workload-required-labels', () => {
  test('passes when the pod template carries the default required labels', () => {
    expect(outcome(workloadRequiredLabels, [deployment('api', hardenedPodSpec())])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for missing or empty labels, naming them', () => {
    const d = deployment('api', hardenedPodSpec(), { labels: { 'app.kubernetes.io/name': '' } });
    expect(messages(workloadRequiredLabels, [d])).toEqual([
      'lacks labels "app.kubernetes.io/name", "app.kubernetes.io/instance"',
      'the Deployment itself lacks labels "app.kubernetes.io/name", "app.kubernetes.io/instance"',
    ]);
  });

  test('fails a workload whose own metadata lacks them though its pod template has them (Kubescape C-0077 reads both)', () => {
    const d = deployment('api', hardenedPodSpec());
    d.metadata.labels = { 'app.kubernetes.io/name': 'api' };
    expect(messages(workloadRequiredLabels, [d])).toEqual(['the Deployment itself lacks labels "app.kubernetes.io/instance"']);
    expect(check(workloadRequiredLabels, [d]).map(r => r.path)).toEqual(['metadata.labels']);
  });

  test('leaves the labels of a workload a controller made to that controller (a CronJob\'s Job), and still reads its template', () => {
    const job = {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: 'nightly-29000000', namespace: 'team', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'u', controller: true }] },
      spec: { template: { metadata: { labels: { 'app.kubernetes.io/name': 'nightly' } }, spec: { ...hardenedPodSpec(), restartPolicy: 'Never' } } },
    };
    expect(messages(workloadRequiredLabels, [job])).toEqual(['lacks labels "app.kubernetes.io/instance"']);
  });

  test('reads a Pod\'s labels once, as its own and its template\'s', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team' }, spec: hardenedPodSpec() };
    expect(messages(workloadRequiredLabels, [pod])).toEqual(['lacks labels "app.kubernetes.io/name", "app.kubernetes.io/instance"']);
    expect(check(workloadRequiredLabels, [pod]).map(r => r.path)).toEqual(['metadata.labels']);
  });

  test('checks the configured labels instead of the defaults', () => {
    const d = deployment('api', hardenedPodSpec());
    expect(messages(workloadRequiredLabels, [d], { requiredWorkloadLabels: ['team'] })).toEqual(['lacks labels "team"', 'the Deployment itself lacks labels "team"']);
  });

  test('does not apply when no labels are required, nor to objects without pods', () => {
    expect(outcome(workloadRequiredLabels, [deployment('api', hardenedPodSpec())], { requiredWorkloadLabels: [] })).toEqual({});
    expect(outcome(workloadRequiredLabels, [CONFIG_MAP])).toEqual({});
  });
});
