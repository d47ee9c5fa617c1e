import { podSeccompRuntimeDefault } from '../../../../src/compliance/controls/workload/pod-seccomp-runtime-default';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

const NO_POD_PROFILE = { securityContext: { seccompProfile: undefined } };

describe('pod-seccomp-runtime-default', () => {
  test('passes with RuntimeDefault on the pod', () => {
    expect(outcome(podSeccompRuntimeDefault, [hardenedDeployment()])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes with a Localhost profile on every container and none on the pod', () => {
    const d = hardenedDeployment({ ...NO_POD_PROFILE, containers: [hardenedContainer('app', { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'app.json' } } })] });
    expect(outcome(podSeccompRuntimeDefault, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails when neither the pod nor a container sets a profile', () => {
    expect(messages(podSeccompRuntimeDefault, [hardenedDeployment(NO_POD_PROFILE)]))
      .toEqual(['container "app": has no seccomp profile and the pod sets no RuntimeDefault or Localhost profile']);
  });

  test('fails when a container opts out with Unconfined even though the pod sets RuntimeDefault', () => {
    const d = hardenedDeployment({ containers: [hardenedContainer('app', { securityContext: { seccompProfile: { type: 'Unconfined' } } })] });
    expect(messages(podSeccompRuntimeDefault, [d])).toEqual(['container "app": sets seccompProfile.type "Unconfined"']);
  });

  test('fails when the pod sets Unconfined', () => {
    const d = hardenedDeployment({ securityContext: { seccompProfile: { type: 'Unconfined' } } });
    expect(messages(podSeccompRuntimeDefault, [d])).toEqual([
      'the pod sets seccompProfile.type "Unconfined"',
      'container "app": has no seccomp profile and the pod sets no RuntimeDefault or Localhost profile',
    ]);
  });

  test('does not apply to Windows pods or objects without pods', () => {
    const windows = hardenedDeployment({ ...NO_POD_PROFILE, os: { name: 'windows' } });
    expect(outcome(podSeccompRuntimeDefault, [windows, CONFIG_MAP])).toEqual({});
  });
});
