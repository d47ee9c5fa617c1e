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

  describe('a projected token counts only when its audience is the API server', () => {
    const tokenVolume = (audience?: string) => ({
      name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600, ...(audience === undefined ? {} : { audience }) } }] },
    });
    const projecting = (...volumes: unknown[]) => hardenedDeployment({ automountServiceAccountToken: false, volumes });
    const istioToken = { name: 'istio-token', projected: { sources: [{ serviceAccountToken: { audience: 'istio-ca', expirationSeconds: 43200, path: 'istio-token' } }] } };

    test('passes with the token Istio injects for its CA (audience istio-ca)', () => {
      expect(outcome(podServiceAccountToken, [projecting(istioToken), account(false)])).toEqual({ 'Deployment/team/api': 'pass' });
    });

    test.each(['vault', 'https://vault.example.com', 'sts.amazonaws.com', 'api://AzureADTokenExchange'])('passes with a token for audience %s', audience => {
      expect(outcome(podServiceAccountToken, [projecting(tokenVolume(audience)), account(false)])).toEqual({ 'Deployment/team/api': 'pass' });
    });

    test('fails with a token without an audience, which defaults to the API server', () => {
      expect(check(podServiceAccountToken, [projecting(tokenVolume()), account(false)]).map(r => [r.passed, r.message, r.path])).toEqual([[false,
        'mounts an API token it has no binding for: volume "token" projects a token of ServiceAccount "api"', 'spec.template.spec.volumes[0]']]);
      expect(messages(podServiceAccountToken, [projecting(tokenVolume('  ')), account(false)]))
        .toEqual(['mounts an API token it has no binding for: volume "token" projects a token of ServiceAccount "api"']);
    });

    test('fails with a token for audience https://kubernetes.default.svc, naming the audience', () => {
      expect(check(podServiceAccountToken, [projecting(tokenVolume('https://kubernetes.default.svc')), account(false)]).map(r => [r.passed, r.message, r.path])).toEqual([[false,
        'mounts an API token it has no binding for: volume "token" projects a token of ServiceAccount "api" for audience "https://kubernetes.default.svc"', 'spec.template.spec.volumes[0]']]);
    });

    test.each([
      'kubernetes.default.svc', 'https://kubernetes.default.svc.cluster.local', 'api', 'kube-apiserver', 'https://k8s.example.com',
      'https://api.internal.prod.example.com', 'https://10.0.0.1:6443', 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123',
      'https://container.googleapis.com/v1/projects/p/locations/europe-west1/clusters/c', 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/',
    ])('fails with a token for audience %s, which may be the API server\'s', audience => {
      expect(outcome(podServiceAccountToken, [projecting(tokenVolume(audience)), account(false)])).toEqual({ 'Deployment/team/api': 'fail' });
    });

    test('names the volume of the API token, past an Istio token and within a volume of several tokens', () => {
      const both = { name: 'tokens', projected: { sources: [istioToken.projected.sources[0], { serviceAccountToken: { path: 'api-token', audience: 'kubernetes.default.svc' } }] } };
      expect(check(podServiceAccountToken, [projecting(istioToken, both), account(false)]).map(r => [r.message, r.path])).toEqual([[
        'mounts an API token it has no binding for: volume "tokens" projects a token of ServiceAccount "api" for audience "kubernetes.default.svc"', 'spec.template.spec.volumes[1]']]);
    });

    describe('with the apiServerAudiences setting', () => {
      const oidc = { apiServerAudiences: ['https://oidc.example.com'] };

      test('fails with a token for an audience the setting lists, which it passes without the setting', () => {
        const d = projecting(istioToken, tokenVolume('https://oidc.example.com'));
        expect(outcome(podServiceAccountToken, [d, account(false)])).toEqual({ 'Deployment/team/api': 'pass' });
        expect(check(podServiceAccountToken, [d, account(false)], oidc).map(r => [r.passed, r.message, r.path])).toEqual([[false,
          'mounts an API token it has no binding for: volume "token" projects a token of ServiceAccount "api" for audience "https://oidc.example.com"', 'spec.template.spec.volumes[1]']]);
      });

      test('compares after trimming both sides, and passes a token the API server would refuse', () => {
        expect(outcome(podServiceAccountToken, [projecting(tokenVolume(' https://oidc.example.com ')), account(false)], { apiServerAudiences: ['  https://oidc.example.com\t'] }))
          .toEqual({ 'Deployment/team/api': 'fail' });
        for (const audience of ['https://oidc.example.com/', 'https://OIDC.example.com', 'https://oidc.example.com/extra', 'oidc.example.com']) {
          expect(outcome(podServiceAccountToken, [projecting(tokenVolume(audience)), account(false)], oidc)).toEqual({ 'Deployment/team/api': 'pass' });
        }
      });

      test('keeps the built-in rule: tokens without an audience or for the API server still fail, others still pass', () => {
        for (const audience of [undefined, '', 'https://kubernetes.default.svc', 'https://10.0.0.1:6443', 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123']) {
          expect(outcome(podServiceAccountToken, [projecting(tokenVolume(audience)), account(false)], oidc)).toEqual({ 'Deployment/team/api': 'fail' });
        }
        expect(outcome(podServiceAccountToken, [projecting(istioToken, tokenVolume('vault')), account(false)], oidc)).toEqual({ 'Deployment/team/api': 'pass' });
      });

      test('a binding still grants the token', () => {
        expect(outcome(podServiceAccountToken, [projecting(tokenVolume('https://oidc.example.com')), account(false), roleBinding({ kind: 'ServiceAccount', name: 'api' })], oidc))
          .toEqual({ 'Deployment/team/api': 'pass' });
      });
    });

    test('still fails on automount when the only projected token is Istio\'s', () => {
      expect(messages(podServiceAccountToken, [hardenedDeployment({ automountServiceAccountToken: undefined, volumes: [istioToken] }), account()]))
        .toEqual(['mounts an API token it has no binding for: neither the pod nor ServiceAccount "api" sets automountServiceAccountToken: false']);
    });
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
