import { podSelinuxRestricted } from '../../../../src/compliance/controls/workload/pod-selinux-restricted';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

describe('pod-selinux-restricted', () => {
  test('passes with an allowed type and a level', () => {
    const d = hardenedDeployment({ securityContext: { seLinuxOptions: { type: 'container_t', level: 's0:c1,c2' } } });
    expect(outcome(podSelinuxRestricted, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes container_engine_t, allowed since Pod Security v1.31', () => {
    const d = hardenedDeployment({ securityContext: { seLinuxOptions: { type: 'container_engine_t' } } });
    expect(outcome(podSelinuxRestricted, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails when a container sets a custom type, user and role', () => {
    const d = hardenedDeployment({ containers: [hardenedContainer('app', { securityContext: { seLinuxOptions: { type: 'spc_t', user: 'system_u', role: 'system_r' } } })] });
    expect(messages(podSelinuxRestricted, [d])).toEqual(['container "app": sets forbidden SELinux options: type "spc_t", user "system_u", role "system_r"']);
  });

  test('fails when the pod sets a user', () => {
    const d = hardenedDeployment({ securityContext: { seLinuxOptions: { user: 'unconfined_u' } } });
    expect(messages(podSelinuxRestricted, [d])).toEqual(['the pod sets forbidden SELinux options: user "unconfined_u"']);
  });

  test('the remediation names every type the control allows, container_engine_t included', () => {
    for (const type of ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']) {
      expect(podSelinuxRestricted.remediation).toContain(type);
      expect(podSelinuxRestricted.condition).toContain(type);
    }
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podSelinuxRestricted, [CONFIG_MAP])).toEqual({});
  });
});
