import { workloadPodSpecReadable } from '../../../../src/compliance/controls/manifest/workload-pod-spec-readable';
import { check, deployment, messages, outcome } from '../../helpers';

const C = { name: 'app', image: 'registry.example.com/app:1' };
const results = (objects: unknown[]) => check(workloadPodSpecReadable, objects).map(r => [r.object.ref, r.passed, r.message, r.path]);

describe('workload-pod-spec-readable', () => {
  test('passes workloads and pods whose containers can be read, and ignores other kinds and groups', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team' }, spec: { containers: [C], initContainers: [{ ...C, name: 'init' }] } };
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'team' }, spec: { jobTemplate: { spec: { template: { spec: { containers: [C] } } } } } };
    const crd = { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'x', namespace: 'team' }, spec: {} };
    expect(outcome(workloadPodSpecReadable, [deployment('api', { containers: [C] }), pod, cron, crd])).toEqual({
      'Deployment/team/api': 'pass', 'Pod/team/p': 'pass', 'CronJob/team/c': 'pass',
    });
  });

  test('fails a missing or non-mapping pod spec at its path', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team' } };
    const text = { ...deployment('api', {}), spec: { template: 'x' } };
    const list = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'team' }, spec: { template: { spec: [C] } } };
    expect(results([pod, text, list])).toEqual([
      ['Pod/team/p', false, 'the pod spec is missing', 'spec'],
      ['Deployment/team/api', false, 'the pod spec is missing', 'spec.template.spec'],
      ['Job/team/j', false, 'the pod spec is a sequence, not a mapping', 'spec.template.spec'],
    ]);
  });

  test('fails containers written as a mapping, empty, or unnamed, and init containers that are not a list', () => {
    const privileged = { app: { image: 'x', securityContext: { privileged: true } } };
    expect(results([
      deployment('map', { containers: privileged }),
      deployment('empty', { containers: [] }),
      deployment('unnamed', { containers: [{ image: 'x' }] }),
      deployment('scalar', { containers: [C, 'sidecar'] }),
      deployment('init', { containers: [C], initContainers: { migrate: C } }),
      deployment('none', { volumes: [] }),
    ])).toEqual([
      ['Deployment/team/map', false, 'containers is a mapping, not a list of containers', 'spec.template.spec.containers'],
      ['Deployment/team/empty', false, 'containers is empty', 'spec.template.spec.containers'],
      ['Deployment/team/unnamed', false, 'containers[0] has no name', 'spec.template.spec.containers[0].name'],
      ['Deployment/team/scalar', false, 'containers[1] is not a container (a mapping)', 'spec.template.spec.containers[1]'],
      ['Deployment/team/init', false, 'initContainers is a mapping, not a list of containers', 'spec.template.spec.initContainers'],
      ['Deployment/team/none', false, 'containers is missing', 'spec.template.spec.containers'],
    ]);
  });

  test('holds the pod templates of other APIs to a list of containers: a privileged container written as a mapping fails', () => {
    const rollout = (containers: unknown) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r', namespace: 'team' }, spec: { template: { spec: { containers } } } });
    expect(messages(workloadPodSpecReadable, [rollout({ app: { image: 'x:1', securityContext: { privileged: true } } })])).toEqual(['containers is a mapping, not a list of containers']);
    expect(messages(workloadPodSpecReadable, [rollout(['x:1'])])).toEqual(['containers[0] is not a container (a mapping)']);
    expect(outcome(workloadPodSpecReadable, [rollout([{ name: 'app', image: 'x:1' }])])).toEqual({ 'Rollout/team/r': 'pass' });
    // An overlay that patches an operator's pods (no image) is not a pod template: not evaluated.
    expect(outcome(workloadPodSpecReadable, [rollout([{ name: 'integration', resources: {} }])])).toEqual({});
  });
});
