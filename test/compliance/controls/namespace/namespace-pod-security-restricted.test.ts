import { namespacePodSecurityRestricted } from '../../../../src/compliance/controls/namespace/namespace-pod-security-restricted';
import { check, deployment, messages, outcome } from '../../helpers';
import { COMPLIANT_NAMESPACE_LABELS, namespace } from './fixtures';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const api = deployment('api', POD);

describe('namespace-pod-security-restricted', () => {
  test('passes a namespace that enforces restricted at a pinned version', () => {
    expect(outcome(namespacePodSecurityRestricted, [namespace('team', COMPLIANT_NAMESPACE_LABELS), api])).toEqual({ 'Namespace/team': 'pass' });
  });

  test('fails a namespace that only warns, pointing at the enforce label', () => {
    const results = check(namespacePodSecurityRestricted, [namespace('team', { 'pod-security.kubernetes.io/warn': 'restricted' }), api]);
    expect(results.map(r => [r.message, r.path])).toEqual([[
      'pod-security.kubernetes.io/enforce is not set; pod-security.kubernetes.io/audit is not set; pod-security.kubernetes.io/enforce-version is not set (it defaults to latest)',
      'metadata.labels["pod-security.kubernetes.io/enforce"]',
    ]]);
  });

  test('fails a version older than v1.23, whose restricted profile lacks container checks of today\'s; passes v1.23 and later', () => {
    const at = (version: string) => check(namespacePodSecurityRestricted, [namespace('team', { ...COMPLIANT_NAMESPACE_LABELS, 'pod-security.kubernetes.io/enforce-version': version }), api]);
    expect(at('v1.22').map(r => [r.passed, r.message, r.path])).toEqual([[false,
      'pod-security.kubernetes.io/enforce-version is "v1.22", whose restricted profile predates v1.23 and leaves out checks it gained since (dropping every capability, refusing runAsUser 0)',
      'metadata.labels["pod-security.kubernetes.io/enforce-version"]']]);
    expect(at('v1.0')[0].passed).toBe(false);
    for (const ok of ['v1.23', 'v1.27', 'v1.36']) expect([ok, at(ok)[0].passed]).toEqual([ok, true]);
  });

  test('fails a namespace that is not declared', () => {
    expect(messages(namespacePodSecurityRestricted, [api])).toEqual(['namespace "team" is not declared, so nothing sets its Pod Security labels']);
  });

  test('does not apply to namespaces without workloads or to system namespaces', () => {
    expect(outcome(namespacePodSecurityRestricted, [namespace('empty'), deployment('dns', POD, { namespace: 'kube-system' })])).toEqual({});
  });
});
