import { podServiceAccountToken } from '../../../../src/compliance/controls/workload/pod-service-account-token';
import { check, messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedDeployment } from './fixtures';

const account = (automount?: boolean) => ({
  apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'team' },
  ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
});
const roleBinding = (subject: Record<string, unknown>) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'api-reader', namespace: 'team' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [subject],
});
const mounting = hardenedDeployment({ automountServiceAccountToken: undefined });

describe('pod-service-account-token', () => {
  test('passes when the pod turns automount off', () => {
    expect(outcome(podServiceAccountToken, [hardenedDeployment()])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes when the pod leaves it unset and its ServiceAccount turns automount off', () => {
    expect(outcome(podServiceAccountToken, [mounting, account(false)])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes, saying why, when a RoleBinding grants the ServiceAccount API access', () => {
    const results = check(podServiceAccountToken, [mounting, account(), roleBinding({ kind: 'ServiceAccount', name: 'api' })]);
    expect(results.map(r => [r.passed, r.message])).toEqual([
      [true, 'the token is mounted for ServiceAccount "api", which RoleBinding/team/api-reader grants API access'],
    ]);
  });

  test('fails when the token is mounted without any binding', () => {
    expect(messages(podServiceAccountToken, [mounting, account()]))
      .toEqual(['mounts an API token it has no binding for: neither the pod nor ServiceAccount "api" sets automountServiceAccountToken: false']);
  });

  test('fails when the pod forces automount on over its ServiceAccount, and a binding in another namespace does not count', () => {
    const d = hardenedDeployment({ automountServiceAccountToken: true });
    expect(messages(podServiceAccountToken, [d, account(false), roleBinding({ kind: 'ServiceAccount', name: 'api', namespace: 'other' })]))
      .toEqual(['mounts an API token it has no binding for: the pod sets automountServiceAccountToken: true']);
  });

  test('counts a token projected into a volume as mounted, whatever automount says', () => {
    const projected = hardenedDeployment({
      automountServiceAccountToken: false,
      volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } }],
    });
    const results = check(podServiceAccountToken, [projected, account(false)]);
    expect(results.map(r => [r.passed, r.message, r.path])).toEqual([[false,
      'mounts an API token it has no binding for: volume "kube-api-access" projects a token of ServiceAccount "api"', 'spec.template.spec.volumes[1]']]);
    expect(outcome(podServiceAccountToken, [projected, account(false), roleBinding({ kind: 'ServiceAccount', name: 'api' })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('names the automount setting before the token volume the API server makes of it in each Pod', () => {
    const filledIn = hardenedDeployment({
      automountServiceAccountToken: undefined,
      volumes: [{ name: 'kube-api-access-abcde', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }] } }],
    });
    expect(check(podServiceAccountToken, [filledIn, account()]).map(r => [r.message, r.path])).toEqual([[
      'mounts an API token it has no binding for: neither the pod nor ServiceAccount "api" sets automountServiceAccountToken: false',
      'spec.template.spec.automountServiceAccountToken']]);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podServiceAccountToken, [CONFIG_MAP, account()])).toEqual({});
  });
});
