import { networkIngressDefaultDeny } from '../../../../src/compliance/controls/network/network-ingress-default-deny';
import { check, messages, outcome } from '../../helpers';
import { app, appSelector, netpol } from './fixtures';

describe('network-ingress-default-deny', () => {
  test('passes a pod selected by a namespace-wide policy without policyTypes (Ingress by default)', () => {
    expect(outcome(networkIngressDefaultDeny, [app('api'), netpol('deny', { podSelector: {} })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes a pod selected by a policy without podSelector, which selects every pod as {} does', () => {
    expect(outcome(networkIngressDefaultDeny, [app('api'), netpol('deny', { policyTypes: ['Ingress'] })])).toEqual({ 'Deployment/team/api': 'pass' });
    expect(outcome(networkIngressDefaultDeny, [app('api'), netpol('deny', { podSelector: null, policyTypes: ['Ingress'] })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('names the isolating policies sorted, whatever the input order', () => {
    const policies = [netpol('zeta', { podSelector: {} }), netpol('alpha', { podSelector: appSelector('api') })];
    for (const objects of [[app('api'), ...policies], [app('api'), ...[...policies].reverse()]]) {
      expect(check(networkIngressDefaultDeny, objects).map(r => r.message)).toEqual(['isolated by NetworkPolicy "alpha", "zeta"']);
    }
  });

  test('sorts any number of names as Array.prototype.sort does, and names only the policies with Ingress', () => {
    const names = ['b', 'a-b', 'ab', 'a', 'Z', 'a0', 'b1', 'aa', 'a-', 'c', 'ba', 'a.b'];
    for (let n = 2; n <= names.length; n++) {
      for (let shift = 0; shift < n; shift++) {
        const chosen = names.slice(0, n);
        const order = [...chosen.slice(shift), ...chosen.slice(0, shift)];
        const objects = [app('api'), ...order.map(name => netpol(name, { podSelector: {} })), netpol('egress-only', { podSelector: {}, policyTypes: ['Egress'] })];
        const expected = `isolated by NetworkPolicy ${[...chosen].sort().map(x => `"${x}"`).join(', ')}`;
        expect(check(networkIngressDefaultDeny, objects).map(r => r.message)).toEqual([expected]);
      }
    }
  });

  test('fails a pod that no policy of its namespace selects', () => {
    const objects = [app('api'), netpol('elsewhere', { podSelector: {} }, 'other'), netpol('web-only', { podSelector: appSelector('web') })];
    expect(messages(networkIngressDefaultDeny, objects)).toEqual(['no NetworkPolicy in namespace "team" selects this pod template']);
  });

  test('fails a pod selected only by an egress policy', () => {
    const objects = [app('api'), netpol('egress', { podSelector: appSelector('api'), policyTypes: ['Egress'] })];
    expect(messages(networkIngressDefaultDeny, objects)).toEqual(['the NetworkPolicies selecting this pod template ("egress") do not have policyType Ingress']);
  });

  test('evaluates bare Pods like workloads', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team', labels: { 'app.kubernetes.io/name': 'api' } }, spec: { containers: [] } };
    expect(outcome(networkIngressDefaultDeny, [pod, netpol('api', { podSelector: appSelector('api') })])).toEqual({ 'Pod/team/p': 'pass' });
  });

  test('fails a pod on the host network, whatever selects it, at its hostNetwork field', () => {
    const host = app('agent');
    host.spec.template.spec.hostNetwork = true;
    const results = check(networkIngressDefaultDeny, [host, netpol('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })]);
    expect(results.map(r => [r.passed, r.message, r.path])).toEqual([
      [false, 'runs on the host network (hostNetwork: true), where NetworkPolicy behaviour is undefined: most network plugins do not isolate such pods', 'spec.template.spec.hostNetwork'],
    ]);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(networkIngressDefaultDeny, [netpol('deny', { podSelector: {} })])).toEqual({});
  });
});
