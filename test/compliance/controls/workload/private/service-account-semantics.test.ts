/** How the workload controls read which ServiceAccount a pod runs as, and which bindings grant it API access. */
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

describe('pod-service-account-token: a ServiceAccount granted API access through its user name', () => {
  // The RBAC authorizer matches a User subject against the request's user name, which for a
  // ServiceAccount token is system:serviceaccount:<namespace>:<name>
  // (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects).
  test('passes when a binding names it as User system:serviceaccount:<namespace>:<name>', () => {
    const objects = [mounting, account, binding({ kind: 'User', name: 'system:serviceaccount:team:api', apiGroup: RBAC })];
    expect(outcome(podServiceAccountToken, objects)).toEqual({ 'Deployment/team/api': 'pass' });
  });
});

describe('pod-service-account-token: subjects that do not name it show no need of its token', () => {
  test.each([
    ['User system:serviceaccount:team:other', { kind: 'User', name: 'system:serviceaccount:team:other', apiGroup: RBAC }],
    ['User system:serviceaccount:other:api', { kind: 'User', name: 'system:serviceaccount:other:api', apiGroup: RBAC }],
    ['Group system:serviceaccounts:other', { kind: 'Group', name: 'system:serviceaccounts:other', apiGroup: RBAC }],
    ['User api (a person)', { kind: 'User', name: 'api', apiGroup: RBAC }],
  ])('fails when the only binding names %s', (_, subject) => {
    expect(outcome(podServiceAccountToken, [mounting, account, binding(subject)])).toEqual({ 'Deployment/team/api': 'fail' });
  });

  test.each(['system:serviceaccounts:team', 'system:serviceaccounts', 'system:authenticated'])('fails when the only binding names the group %s: a grant to every ServiceAccount alike says nothing of what this workload needs', group => {
    expect(outcome(podServiceAccountToken, [mounting, account, binding({ kind: 'Group', name: group, apiGroup: RBAC })])).toEqual({ 'Deployment/team/api': 'fail' });
  });
});

describe('pod-dedicated-service-account: the deprecated serviceAccount field', () => {
  // The API server reads serviceAccount when serviceAccountName is empty (pkg/apis/core/v1
  // conversion: "If both are specified, ServiceAccountName (the new field) wins", and an empty one
  // takes DeprecatedServiceAccount), so this pod runs as "api".
  test('passes serviceAccountName "" beside serviceAccount "api"', () => {
    expect(outcome(podDedicatedServiceAccount, [hardenedDeployment({ serviceAccountName: '', serviceAccount: 'api' })]))
      .toEqual({ 'Deployment/team/api': 'pass' });
  });
});
