import { containerProbes } from '../../../../src/compliance/controls/workload/container-probes';
import { messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment, hardenedPodSpec } from './fixtures';

describe('container-probes', () => {
  test('passes with different readiness and liveness checks; init containers need none', () => {
    const d = hardenedDeployment({ initContainers: [{ name: 'migrate', image: 'x:1' }] });
    expect(outcome(containerProbes, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails when a container has no probes', () => {
    const d = hardenedDeployment({ containers: [hardenedContainer('app', { readinessProbe: undefined, livenessProbe: undefined })] });
    expect(messages(containerProbes, [d])).toEqual(['container "app": has no readinessProbe and no livenessProbe']);
  });

  test('fails when both probes call the same endpoint, even through a named port', () => {
    const d = hardenedDeployment({
      containers: [hardenedContainer('app', {
        readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 20 },
      })],
    });
    expect(messages(containerProbes, [d])).toEqual(['container "app": has identical readiness and liveness probes']);
  });

  test('fails a native sidecar (init container that always restarts) with identical probes, and passes one without probes', () => {
    const probe = { httpGet: { path: '/healthz', port: 15021 } };
    const sidecar = (extra: any) => ({ name: 'proxy', image: 'x:1', restartPolicy: 'Always', ...extra });
    expect(messages(containerProbes, [hardenedDeployment({ initContainers: [sidecar({ readinessProbe: probe, livenessProbe: probe })] })]))
      .toEqual(['initContainer "proxy": has identical readiness and liveness probes']);
    expect(outcome(containerProbes, [hardenedDeployment({ initContainers: [sidecar({})] })])).toEqual({ 'Deployment/team/api': 'pass' });
    expect(outcome(containerProbes, [hardenedDeployment({ initContainers: [{ name: 'migrate', image: 'x:1', readinessProbe: probe, livenessProbe: probe }] })]))
      .toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('does not apply to Jobs, CronJobs or objects without pods', () => {
    const spec = hardenedPodSpec({ restartPolicy: 'Never', containers: [{ name: 'task', image: 'x:1' }] });
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'team' }, spec: { template: { spec } } };
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'team' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec } } } } };
    expect(outcome(containerProbes, [job, cron, CONFIG_MAP])).toEqual({});
  });

  test('does not apply to pods that run to completion: restartPolicy Never or OnFailure, or under a job template of another API', () => {
    const task = hardenedPodSpec({ restartPolicy: 'Never', containers: [{ name: 'test', image: 'x:1' }] });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'helm-test', namespace: 'team' }, spec: task };
    const scaledJob = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: { name: 'worker', namespace: 'team' },
      spec: { jobTemplate: { spec: { template: { spec: hardenedPodSpec({ containers: [{ name: 'w', image: 'x:1' }] }) } } } } };
    expect(outcome(containerProbes, [pod, scaledJob])).toEqual({});
  });

  test('holds the pods of other APIs\' long-running workloads to it (an Argo Rollout)', () => {
    const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web', namespace: 'team' },
      spec: { template: { metadata: { labels: { app: 'web' } }, spec: hardenedPodSpec({ containers: [{ name: 'web', image: 'x:1' }] }) } } };
    expect(messages(containerProbes, [rollout])).toEqual([expect.stringMatching(/^container "web": /)]);
  });

  test('names a container without a name by its place in the list (a Knative Service may leave it out)', () => {
    const knative = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello', namespace: 'team' },
      spec: { template: { spec: hardenedPodSpec({ containers: [{ image: 'x:1' }] }) } } };
    expect(messages(containerProbes, [knative])).toEqual([expect.stringMatching(/^containers\[0\]: /)]);
  });

  test('lets a Knative Serving container leave out its readinessProbe (Knative probes its port), not its livenessProbe', () => {
    const knative = (container: object) => ({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello', namespace: 'team' },
      spec: { template: { spec: hardenedPodSpec({ containers: [{ image: 'x:1', ...container }] }) } } });
    const liveness = { livenessProbe: { httpGet: { path: '/healthz', port: 8080 } } };
    expect(messages(containerProbes, [knative(liveness)])).toEqual([]);
    expect(messages(containerProbes, [knative({})])).toEqual(['containers[0]: has no livenessProbe']);
    // A readinessProbe of its own is held to the rule like any other.
    expect(messages(containerProbes, [knative({ ...liveness, readinessProbe: liveness.livenessProbe })])).toEqual(['containers[0]: has identical readiness and liveness probes']);
    // Knative's check is TCP on the traffic port (8080 when none is declared): a liveness probe doing the same is identical to it.
    expect(messages(containerProbes, [knative({ ports: [{ containerPort: 9000 }], livenessProbe: { tcpSocket: { port: 9000 } } })]))
      .toEqual(['containers[0]: has a livenessProbe identical to the readiness check Knative gives it (TCP on port 9000)']);
    expect(messages(containerProbes, [knative({ livenessProbe: { tcpSocket: { port: 8080 } } })])).toHaveLength(1);
    expect(messages(containerProbes, [knative({ livenessProbe: { tcpSocket: { port: 9000 } } })])).toEqual([]);
    // Knative probes the serving container only: a sidecar without a port gets no default.
    const sidecar = knative(liveness);
    sidecar.spec.template.spec.containers = [{ image: 'x:1', ports: [{ containerPort: 8080 }], ...liveness }, { name: 'proxy', image: 'y:1', ...liveness }];
    expect(messages(containerProbes, [sidecar])).toEqual(['container "proxy": has no readinessProbe']);
    // Another API's Service is no Knative one.
    const other = { ...knative(liveness), apiVersion: 'example.com/v1' };
    expect(messages(containerProbes, [other])).toEqual(['containers[0]: has no readinessProbe']);
  });
});
