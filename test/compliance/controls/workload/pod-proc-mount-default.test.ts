import { podProcMountDefault } from '../../../../src/compliance/controls/workload/pod-proc-mount-default';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

describe('pod-proc-mount-default', () => {
  test('passes when procMount is Default or unset', () => {
    const d = hardenedDeployment({ containers: [hardenedContainer('app', { securityContext: { procMount: 'Default' } }), hardenedContainer('side')] });
    expect(outcome(podProcMountDefault, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for an Unmasked /proc', () => {
    const d = hardenedDeployment({ containers: [hardenedContainer('app', { securityContext: { procMount: 'Unmasked' } })] });
    expect(messages(podProcMountDefault, [d])).toEqual(['container "app": sets procMount "Unmasked"']);
  });

  test('fails Unmasked in a pod with hostUsers: false too, as Pod Security restricted does (baseline v1.35+ allows it)', () => {
    const d = hardenedDeployment({ hostUsers: false, containers: [hardenedContainer('app', { securityContext: { procMount: 'Unmasked' } })] });
    expect(messages(podProcMountDefault, [d])).toEqual(['container "app": sets procMount "Unmasked"']);
    expect(podProcMountDefault.references.pss).toContain('restricted');
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podProcMountDefault, [CONFIG_MAP])).toEqual({});
  });
});
