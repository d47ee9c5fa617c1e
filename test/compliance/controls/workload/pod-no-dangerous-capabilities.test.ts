import { podNoDangerousCapabilities } from '../../../../src/compliance/controls/workload/pod-no-dangerous-capabilities';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

const adding = (add: string[]) =>
  hardenedDeployment({ containers: [hardenedContainer('app', { securityContext: { capabilities: { add } } })] });

describe('pod-no-dangerous-capabilities', () => {
  test('passes when added capabilities are all in the baseline set', () => {
    expect(outcome(podNoDangerousCapabilities, [adding(['CHOWN', 'NET_BIND_SERVICE', 'SYS_CHROOT'])])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for SYS_ADMIN and NET_RAW, naming both', () => {
    expect(messages(podNoDangerousCapabilities, [adding(['SYS_ADMIN', 'CHOWN', 'NET_RAW'])]))
      .toEqual(['container "app": adds capabilities beyond the baseline set: SYS_ADMIN, NET_RAW']);
  });

  test('cannot be suppressed', () => {
    expect(podNoDangerousCapabilities.suppressible).toBe(false);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podNoDangerousCapabilities, [CONFIG_MAP])).toEqual({});
  });
});
