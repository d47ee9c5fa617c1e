import { meshDefaultDenyAuthz } from '../../../../src/compliance/controls/mesh/mesh-default-deny-authz';
import { check, deployment, messages, outcome } from '../../helpers';
import { namespace } from '../namespace/fixtures';
import { istio, POD } from './fixtures';

const api = deployment('api', POD);

describe('mesh-default-deny-authz', () => {
  test('passes a namespace with its own allow-nothing policy', () => {
    expect(outcome(meshDefaultDenyAuthz, [namespace('team'), istio('AuthorizationPolicy', 'allow-nothing', 'team', {}), api]))
      .toEqual({ 'Namespace/team': 'pass' });
  });

  test('passes every namespace under a mesh-wide allow-nothing policy', () => {
    expect(outcome(meshDefaultDenyAuthz, [istio('AuthorizationPolicy', 'allow-nothing', 'istio-system', {}, { version: 'v1beta1' }), api]))
      .toEqual({ 'Namespace/team': 'pass' });
  });

  test('passes a namespace whose namespace-wide ALLOW policy names its callers: Istio denies every request no ALLOW policy matches', () => {
    const ingress = istio('AuthorizationPolicy', 'ingress', 'team', { rules: [{ from: [{ source: { namespaces: ['ingress-nginx'] } }] }] });
    expect(check(meshDefaultDenyAuthz, [ingress, api]).map(r => [r.passed, r.message])).toEqual([[true, 'denied by default by AuthorizationPolicy/team/ingress']]);
  });

  test('fails a namespace whose only policies select workloads, or admit callers they do not name', () => {
    const objects = [
      istio('AuthorizationPolicy', 'api', 'team', { selector: { matchLabels: { app: 'api' } } }),
      istio('AuthorizationPolicy', 'open', 'team', { rules: [{ to: [{ operation: { ports: ['8080'] } }] }] }),
      istio('AuthorizationPolicy', 'deny', 'team', { action: 'DENY', rules: [{ from: [{ source: { namespaces: ['dev'] } }] }] }),
      api,
    ];
    expect(messages(meshDefaultDenyAuthz, objects)).toEqual([
      'namespace "team" has no AuthorizationPolicy that denies by default (ALLOW, no selector, and rules that admit only callers they name, '
        + 'or none as in the allow-nothing policy spec: {}), neither in the namespace nor in the mesh root namespace "istio-system"',
    ]);
  });

  test('does not count a policy in dry-run', () => {
    const objects = [istio('AuthorizationPolicy', 'allow-nothing', 'team', {}, { annotations: { 'istio.io/dry-run': 'true' } }), api];
    expect(outcome(meshDefaultDenyAuthz, objects)).toEqual({ 'Namespace/team': 'fail' });
  });

  test('does not apply to namespaces without workloads or when the mesh is not required', () => {
    expect(outcome(meshDefaultDenyAuthz, [namespace('empty')])).toEqual({});
    expect(outcome(meshDefaultDenyAuthz, [api], { requireMesh: false })).toEqual({});
  });
});
