import { podNonRootGroup } from '../../../../src/compliance/controls/workload/pod-non-root-group';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

describe('pod-non-root-group', () => {
  test('passes with non-zero runAsGroup, fsGroup and supplemental groups', () => {
    expect(outcome(podNonRootGroup, [hardenedDeployment({ securityContext: { supplementalGroups: [10002] } })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for a root fsGroup, a root supplemental group and a container in GID 0', () => {
    const d = hardenedDeployment({
      securityContext: { fsGroup: 0, supplementalGroups: [0] },
      containers: [hardenedContainer('app', { securityContext: { runAsGroup: 0 } })],
    });
    expect(messages(podNonRootGroup, [d])).toEqual([
      'the pod sets fsGroup 0 (root)',
      'the pod adds supplemental group 0 (root)',
      'container "app": runs with GID 0 (root group)',
    ]);
  });

  test('fails when runAsGroup and fsGroup are not set', () => {
    const d = hardenedDeployment({ securityContext: { runAsGroup: undefined, fsGroup: undefined } });
    expect(messages(podNonRootGroup, [d])).toEqual(['the pod sets no fsGroup', 'container "app": runAsGroup is not set']);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podNonRootGroup, [CONFIG_MAP])).toEqual({});
  });
  test('does not apply to Windows pods, which cannot set the fields it checks', () => {
    const windows = hardenedDeployment({ os: { name: 'windows' }, containers: [{ name: 'app', image: 'x:1' }] });
    expect(outcome(podNonRootGroup, [windows, CONFIG_MAP])).toEqual({});
  });
});
