import { podRunAsNonRoot } from '../../../../src/compliance/controls/workload/pod-run-as-non-root';
import { deployment, messages, outcome } from '../../helpers';

describe('pod-run-as-non-root', () => {
  test('passes when the pod sets runAsNonRoot and a non-zero UID', () => {
    const d = deployment('api', { securityContext: { runAsNonRoot: true, runAsUser: 10001 }, containers: [{ name: 'c', image: 'x' }] });
    expect(outcome(podRunAsNonRoot, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails when a container overrides the UID to 0', () => {
    const d = deployment('api', { securityContext: { runAsNonRoot: true }, containers: [{ name: 'c', image: 'x', securityContext: { runAsUser: 0 } }] });
    expect(messages(podRunAsNonRoot, [d])).toEqual(['container "c": runs as UID 0 (root)']);
  });

  test('fails a pod-level UID 0 even when every container overrides it', () => {
    const d = deployment('api', { securityContext: { runAsNonRoot: true, runAsUser: 0 }, containers: [{ name: 'c', image: 'x', securityContext: { runAsUser: 10001 } }] });
    expect(messages(podRunAsNonRoot, [d])).toEqual(['the pod sets runAsUser 0 (root)']);
  });

  test('reports a pod-level UID 0 that the containers inherit once, for the pod', () => {
    const d = deployment('api', { securityContext: { runAsNonRoot: true, runAsUser: 0 }, containers: [{ name: 'c', image: 'x' }, { name: 'd', image: 'y' }] });
    expect(messages(podRunAsNonRoot, [d])).toEqual(['the pod sets runAsUser 0 (root)']);
  });

  test('fails when runAsNonRoot is not set anywhere', () => {
    const d = deployment('api', { containers: [{ name: 'c', image: 'x' }] });
    expect(messages(podRunAsNonRoot, [d])).toEqual(['container "c": runAsNonRoot is not true']);
  });

  test('fails when a container turns runAsNonRoot off', () => {
    const d = deployment('api', { securityContext: { runAsNonRoot: true }, initContainers: [{ name: 'i', image: 'x', securityContext: { runAsNonRoot: false } }], containers: [{ name: 'c', image: 'x' }] });
    expect(messages(podRunAsNonRoot, [d])).toEqual(['initContainer "i": runAsNonRoot is not true']);
  });

  test('fails a pod-level runAsNonRoot: false even when every container sets true', () => {
    const d = deployment('api', { securityContext: { runAsNonRoot: false }, containers: [{ name: 'c', image: 'x', securityContext: { runAsNonRoot: true, runAsUser: 10001 } }] });
    expect(messages(podRunAsNonRoot, [d])).toEqual(['the pod sets runAsNonRoot: false']);
  });

  test('covers ephemeral containers, which the pod-level runAsNonRoot: true also covers', () => {
    const bare = deployment('api', { containers: [{ name: 'c', image: 'x', securityContext: { runAsNonRoot: true } }], ephemeralContainers: [{ name: 'debug', image: 'busybox' }] });
    expect(messages(podRunAsNonRoot, [bare])).toEqual(['ephemeralContainer "debug": runAsNonRoot is not true']);
    const pod = deployment('api', { securityContext: { runAsNonRoot: true }, containers: [{ name: 'c', image: 'x' }], ephemeralContainers: [{ name: 'debug', image: 'busybox' }] });
    expect(outcome(podRunAsNonRoot, [pod])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('holds a pod in a user namespace (hostUsers: false) to the rule, stricter than Pod Security v1.35+ as the condition says', () => {
    const d = deployment('api', { hostUsers: false, containers: [{ name: 'c', image: 'x', securityContext: { runAsUser: 0 } }] });
    expect(messages(podRunAsNonRoot, [d])).toEqual(['container "c": runs as UID 0 (root)']);
    expect(podRunAsNonRoot.condition).toContain('hostUsers: false');
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(podRunAsNonRoot, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }])).toEqual({});
  });
});
