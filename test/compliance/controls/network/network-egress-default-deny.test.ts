import { networkEgressDefaultDeny } from '../../../../src/compliance/controls/network/network-egress-default-deny';
import { check, messages, outcome } from '../../helpers';
import { app, appSelector, netpol } from './fixtures';

describe('network-egress-default-deny', () => {
  test('passes a pod selected by a policy with policyTypes Egress', () => {
    expect(outcome(networkEgressDefaultDeny, [app('api'), netpol('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })]))
      .toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes a pod selected by a policy without policyTypes that has egress rules', () => {
    const objects = [app('api'), netpol('dns', { podSelector: appSelector('api'), egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] })];
    expect(outcome(networkEgressDefaultDeny, objects)).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails a pod whose only policy has no policyTypes and an empty egress list (it defaults to Ingress only)', () => {
    const objects = [app('api'), netpol('deny', { podSelector: {}, egress: [] })];
    expect(messages(networkEgressDefaultDeny, objects)).toEqual(['the NetworkPolicies selecting this pod template ("deny") do not have policyType Egress']);
  });

  test('reports the pod template labels as the place to fix', () => {
    expect(check(networkEgressDefaultDeny, [app('api')])[0].path).toBe('spec.template.metadata.labels');
  });

  test('fails a pod on the host network, whatever selects it, at its hostNetwork field', () => {
    const host = app('agent');
    host.spec.template.spec.hostNetwork = true;
    const results = check(networkEgressDefaultDeny, [host, netpol('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })]);
    expect(results.map(r => [r.passed, r.message, r.path])).toEqual([
      [false, 'runs on the host network (hostNetwork: true), where NetworkPolicy behaviour is undefined: most network plugins do not isolate such pods', 'spec.template.spec.hostNetwork'],
    ]);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(networkEgressDefaultDeny, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }])).toEqual({});
  });
});
