import { networkPolicyTargetsPods } from '../../../../src/compliance/controls/network/network-policy-targets-pods';
import { check, messages, outcome } from '../../helpers';
import { app, appSelector, netpol } from './fixtures';

describe('network-policy-targets-pods', () => {
  test('passes a policy whose podSelector matches a pod template of its namespace', () => {
    expect(outcome(networkPolicyTargetsPods, [app('api'), netpol('api', { podSelector: appSelector('api') })])).toEqual({ 'NetworkPolicy/team/api': 'pass' });
  });

  test('fails a policy that selects only pods of another namespace', () => {
    expect(messages(networkPolicyTargetsPods, [app('api', 'other'), netpol('api', { podSelector: appSelector('api') })]))
      .toEqual(['spec.podSelector matches no pod template in namespace "team"']);
  });

  test('matches matchExpressions too', () => {
    const np = netpol('tiered', { podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['api', 'web'] }] } });
    expect(outcome(networkPolicyTargetsPods, [app('web'), np])).toEqual({ 'NetworkPolicy/team/tiered': 'pass' });
  });

  test('passes a namespace-wide policy in a namespace with pods', () => {
    expect(outcome(networkPolicyTargetsPods, [app('api'), netpol('deny', { podSelector: {} })])).toEqual({ 'NetworkPolicy/team/deny': 'pass' });
  });

  test('fails a namespace-wide policy in a namespace the input neither declares nor runs pods in, such as a misspelt one', () => {
    expect(messages(networkPolicyTargetsPods, [app('api', 'other'), netpol('deny', { podSelector: {} })]))
      .toEqual(['applies to every pod of namespace "team", which the input neither declares nor runs pods in (a misspelt namespace?)']);
  });

  test('passes a namespace-wide policy of a declared namespace without pods yet, saying so', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } };
    const result = check(networkPolicyTargetsPods, [ns, netpol('deny', { podSelector: {} })]);
    expect(result.map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['NetworkPolicy/team/deny', true, 'applies to every pod of namespace "team", declared in the input, which has no pod template yet'],
    ]);
  });

  test('fails a policy for the ACME HTTP-01 solver pods, which no manifest holds, and takes its suppression as by design, unlike any other', () => {
    const solver = netpol('acme', { podSelector: { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } } });
    expect(messages(networkPolicyTargetsPods, [solver])).toEqual(['spec.podSelector matches no pod template in namespace "team"']);
    const byDesign = (spec: object) => check(networkPolicyTargetsPods, [netpol('p', spec)]).map(r => networkPolicyTargetsPods.suppressionByDesign!(r.object));
    expect(byDesign({ podSelector: { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } } })).toEqual([true]);
    expect(byDesign({ podSelector: { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true', 'app': 'api' } } })).toEqual([false]);
    expect(byDesign({ podSelector: { matchLabels: { app: 'api' } } })).toEqual([false]);
  });
});
