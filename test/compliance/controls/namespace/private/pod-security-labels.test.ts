import { podSecurityProblems } from '../../../../../src/compliance/controls/namespace/private/pod-security-labels';
import { COMPLIANT_NAMESPACE_LABELS } from '../fixtures';

describe('podSecurityProblems', () => {
  test('accepts restricted everywhere with a pinned version', () => {
    expect(podSecurityProblems(COMPLIANT_NAMESPACE_LABELS)).toEqual([]);
  });

  test('reports each missing or weaker label with its path', () => {
    expect(podSecurityProblems({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' })).toEqual([
      { message: 'pod-security.kubernetes.io/enforce is "baseline", not "restricted"', path: 'metadata.labels["pod-security.kubernetes.io/enforce"]' },
      { message: 'pod-security.kubernetes.io/enforce-version is not set (it defaults to latest)', path: 'metadata.labels["pod-security.kubernetes.io/enforce-version"]' },
    ]);
  });

  test('rejects latest as the enforced version', () => {
    expect(podSecurityProblems({ ...COMPLIANT_NAMESPACE_LABELS, 'pod-security.kubernetes.io/enforce-version': 'latest' }).map(p => p.message))
      .toEqual(['pod-security.kubernetes.io/enforce-version is "latest", not a pinned version such as v1.27']);
  });

  test('rejects a version Pod Security admission does not read, which makes it refuse the Namespace', () => {
    expect(podSecurityProblems({ ...COMPLIANT_NAMESPACE_LABELS, 'pod-security.kubernetes.io/enforce-version': 'v1.027' }).map(p => p.message))
      .toEqual(['pod-security.kubernetes.io/enforce-version is "v1.027", not a pinned version such as v1.27']);
    expect(podSecurityProblems({ ...COMPLIANT_NAMESPACE_LABELS, 'pod-security.kubernetes.io/audit-version': '1.27', 'pod-security.kubernetes.io/warn-version': 'v1.28' })).toEqual([
      {
        message: 'pod-security.kubernetes.io/audit-version is "1.27", neither latest nor a version such as v1.27, so Pod Security admission refuses the Namespace',
        path: 'metadata.labels["pod-security.kubernetes.io/audit-version"]',
      },
    ]);
  });
});
