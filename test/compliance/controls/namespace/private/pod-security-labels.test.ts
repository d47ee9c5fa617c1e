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
});
