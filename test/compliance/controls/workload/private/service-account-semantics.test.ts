/**
 * Service-account semantics the workload controls get wrong, found in the RBAC review. Each case
 * is `test.failing`: it passes while the control is wrong and fails once the control is fixed,
 * when it should become a plain `test` in the control's own test file.
 */
import { podDedicatedServiceAccount } from '../../../../../src/compliance/controls/workload/pod-dedicated-service-account';
import { podServiceAccountToken } from '../../../../../src/compliance/controls/workload/pod-service-account-token';
import { outcome } from '../../../helpers';
import { hardenedDeployment } from '../fixtures';

const RBAC = 'rbac.authorization.k8s.io';
const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'team' } };
const binding = (subject: Record<string, unknown>) => ({
  apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: { name: 'api-reader', namespace: 'team' },
  roleRef: { apiGroup: RBAC, kind: 'Role', name: 'reader' }, subjects: [subject],
});
const mounting = hardenedDeployment({ automountServiceAccountToken: undefined });

describe('pod-service-account-token: a ServiceAccount granted API access through its user or group name', () => {
  // The RBAC authorizer matches a User subject against the request's user name, which for a
  // ServiceAccount token is system:serviceaccount:<namespace>:<name>, and a Group subject against
  // its groups, system:serviceaccounts and system:serviceaccounts:<namespace>
  // (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects).
  test.failing('passes when a binding names it as User system:serviceaccount:<namespace>:<name>', () => {
    const objects = [mounting, account, binding({ kind: 'User', name: 'system:serviceaccount:team:api', apiGroup: RBAC })];
    expect(outcome(podServiceAccountToken, objects)).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test.failing('passes when a binding names its namespace group system:serviceaccounts:<namespace>', () => {
    const objects = [mounting, account, binding({ kind: 'Group', name: 'system:serviceaccounts:team', apiGroup: RBAC })];
    expect(outcome(podServiceAccountToken, objects)).toEqual({ 'Deployment/team/api': 'pass' });
  });
});

describe('pod-dedicated-service-account: the deprecated serviceAccount field', () => {
  // The API server reads serviceAccount when serviceAccountName is empty (pkg/apis/core/v1
  // conversion: "If both are specified, ServiceAccountName (the new field) wins", and an empty one
  // takes DeprecatedServiceAccount), so this pod runs as "api".
  test.failing('passes serviceAccountName "" beside serviceAccount "api"', () => {
    expect(outcome(podDedicatedServiceAccount, [hardenedDeployment({ serviceAccountName: '', serviceAccount: 'api' })]))
      .toEqual({ 'Deployment/team/api': 'pass' });
  });
});
