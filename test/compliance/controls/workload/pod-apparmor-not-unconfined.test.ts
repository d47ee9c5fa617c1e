import { podAppArmorNotUnconfined } from '../../../../src/compliance/controls/workload/pod-apparmor-not-unconfined';
import { check, messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedPodSpec } from './fixtures';

const ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/app';

function pod(spec: unknown, annotations: Record<string, string> = {}) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team', annotations }, spec };
}

describe('pod-apparmor-not-unconfined', () => {
  test('passes with RuntimeDefault and localhost profiles', () => {
    const p = pod(hardenedPodSpec({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }), { [ANNOTATION]: 'localhost/app' });
    expect(outcome(podAppArmorNotUnconfined, [p])).toEqual({ 'Pod/team/p': 'pass' });
  });

  test('fails for an Unconfined container profile', () => {
    const p = pod(hardenedPodSpec({ containers: [hardenedContainer('app', { securityContext: { appArmorProfile: { type: 'Unconfined' } } })] }));
    expect(messages(podAppArmorNotUnconfined, [p])).toEqual(['container "app": sets appArmorProfile.type "Unconfined"']);
  });

  test('fails for an unconfined annotation, pointing at the annotation', () => {
    const p = pod(hardenedPodSpec(), { [ANNOTATION]: 'unconfined' });
    expect(messages(podAppArmorNotUnconfined, [p])).toEqual([`annotation ${ANNOTATION} is "unconfined"`]);
    expect(check(podAppArmorNotUnconfined, [p])[0].path).toBe(`metadata.annotations['${ANNOTATION}']`);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podAppArmorNotUnconfined, [CONFIG_MAP])).toEqual({});
  });
});
