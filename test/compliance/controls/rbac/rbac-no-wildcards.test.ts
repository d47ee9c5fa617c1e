import { rbacNoWildcards } from '../../../../src/compliance/controls/rbac/rbac-no-wildcards';
import { check, messages, outcome } from '../../helpers';
import { clusterRole, core, role, roleBinding } from './fixtures';

describe('rbac-no-wildcards', () => {
  test('passes a role that names its verbs, resources and groups', () => {
    expect(outcome(rbacNoWildcards, [role('reader', [core(['configmaps'], ['get', 'list'])])])).toEqual({ 'Role/team/reader': 'pass' });
  });

  test('fails a rule with * in verbs and apiGroups, naming the rule and the fields', () => {
    const r = clusterRole('ops', [core(['pods'], ['get']), { apiGroups: ['*'], resources: ['deployments'], verbs: ['*'] }]);
    expect(messages(rbacNoWildcards, [r])).toEqual(['rules[1] uses * in verbs and apiGroups']);
  });

  test('counts a */subresource resource as a wildcard', () => {
    expect(messages(rbacNoWildcards, [role('scaler', [{ apiGroups: ['apps'], resources: ['*/scale'], verbs: ['update'] }])]))
      .toEqual(['rules[0] uses * in resources']);
  });

  test('counts * or /* in nonResourceURLs (every URL the API server serves) as a wildcard, not a path prefix', () => {
    expect(messages(rbacNoWildcards, [clusterRole('urls', [{ nonResourceURLs: ['/metrics', '*'], verbs: ['get'] }])])).toEqual(['rules[0] uses * in nonResourceURLs']);
    expect(messages(rbacNoWildcards, [clusterRole('urls', [{ nonResourceURLs: ['/*'], verbs: ['get'] }])])).toEqual(['rules[0] uses * in nonResourceURLs']);
    expect(outcome(rbacNoWildcards, [clusterRole('health', [{ nonResourceURLs: ['/healthz', '/healthz/*', '/metrics'], verbs: ['get'] }])])).toEqual({ 'ClusterRole/health': 'pass' });
  });

  test('evaluates every copy of a role the input repeats, in either order', () => {
    const narrow = role('r1', [core(['configmaps'], ['get'])]);
    const wide = role('r1', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]);
    for (const objects of [[narrow, wide], [wide, narrow]]) {
      expect(check(rbacNoWildcards, objects).map(r => r.passed).sort()).toEqual([false, true]);
    }
  });

  test('does not apply to bindings or other objects', () => {
    expect(outcome(rbacNoWildcards, [roleBinding('b', { kind: 'ClusterRole', name: 'view' }, []), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }])).toEqual({});
  });
});
