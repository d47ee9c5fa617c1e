import { networkPolicyTargetsPods } from '../../../../src/compliance/controls/network/network-policy-targets-pods';
import { messages, outcome } from '../../helpers';
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

  test('fails a namespace-wide policy in a namespace without pods, such as a misspelt one', () => {
    expect(messages(networkPolicyTargetsPods, [app('api', 'other'), netpol('deny', { podSelector: {} })]))
      .toEqual(['spec.podSelector selects every pod of namespace "team", which has no pod template in the input']);
  });
});
