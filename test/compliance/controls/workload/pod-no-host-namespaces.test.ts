import { podNoHostNamespaces } from '../../../../src/compliance/controls/workload/pod-no-host-namespaces';
import { check, messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedDeployment } from './fixtures';

describe('pod-no-host-namespaces', () => {
  test('passes when no host namespace is shared (false counts as unset)', () => {
    expect(outcome(podNoHostNamespaces, [hardenedDeployment({ hostNetwork: false })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails once per shared namespace, with its path', () => {
    const d = hardenedDeployment({ hostNetwork: true, hostPID: true, hostIPC: true });
    expect(messages(podNoHostNamespaces, [d])).toEqual(['hostNetwork is true', 'hostPID is true', 'hostIPC is true']);
    expect(check(podNoHostNamespaces, [d]).map(r => r.path)).toEqual([
      'spec.template.spec.hostNetwork', 'spec.template.spec.hostPID', 'spec.template.spec.hostIPC',
    ]);
  });

  test('cannot be suppressed', () => {
    expect(podNoHostNamespaces.suppressible).toBe(false);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podNoHostNamespaces, [CONFIG_MAP])).toEqual({});
  });
});
