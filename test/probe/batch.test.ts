/**
 * Probe 2 (b): batch processing. A clustered queue on storage, two queue consumers without a
 * serving port that scale on CPU and memory, and a nightly clean-up. The library has no Job or
 * CronJob construct, so the clean-up is a CronJob written by hand next to the constructs, hardened
 * the way the README describes the workloads it emits; the synth checks it like any other object.
 */
import { readdirSync } from 'node:fs';
import { ApiObject, Chart } from 'cdk8s';
import { CompliantWorkload, DataClassification, HealthCheck, Peer, SensitiveNamespace } from '../../index';
import { synthFailure } from '../support/errors';
import { quotaRefusals } from '../support/quota';
import { expectCliClean, one, probeApp, synthProbe, verdict } from './helpers';
import { expectRefused, Mistake } from './mistake-helpers';

const S3 = { cidr: '198.51.100.0/24', host: 's3.eu-central-1.example.com' };
const CLEANUP_LABELS = { 'app.kubernetes.io/name': 'media-cleanup', 'app.kubernetes.io/instance': 'media-cleanup' };
const SIDECAR = { 'sidecar.istio.io/proxyCPU': '100m', 'sidecar.istio.io/proxyCPULimit': '500m', 'sidecar.istio.io/proxyMemory': '128Mi', 'sidecar.istio.io/proxyMemoryLimit': '256Mi' };

/** The hardened pod of the hand-written CronJob, as the README lists a CompliantWorkload's. */
function cleanupPod(securityContext: Record<string, unknown>) {
  return {
    metadata: { labels: CLEANUP_LABELS, annotations: SIDECAR },
    spec: {
      restartPolicy: 'OnFailure', serviceAccountName: 'media-cleanup', automountServiceAccountToken: false, priorityClassName: 'cdk8s-soc2-workload',
      securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{
        name: 'cleanup', image: 'registry.example.com/media/cleanup:1.0.3', imagePullPolicy: 'Always', args: ['--older-than', '30d', '--bucket', 'rendered'],
        securityContext,
        resources: { requests: { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '64Mi' }, limits: { 'cpu': '500m', 'memory': '256Mi', 'ephemeral-storage': '256Mi' } },
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      }],
      volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }],
    },
  };
}

const HARDENED = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } };

/** The CronJob, its ServiceAccount and its NetworkPolicy (one selector label, one ingress rule that admits nothing, DNS and the bucket). */
function cleanupJob(chart: Chart, securityContext: Record<string, unknown> = HARDENED): ApiObject {
  new ApiObject(chart, 'cleanup-sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'media-cleanup', namespace: 'media' }, automountServiceAccountToken: false } as any);
  new ApiObject(chart, 'cleanup-np', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
    metadata: { name: 'media-cleanup', namespace: 'media', annotations: { 'soc2.cdk8s.io/egress-reasons': `${S3.cidr} TCP/443 (${S3.host}): expire rendered media after 30 days (MED-13)` } },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'media-cleanup' } }, policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'DoesNotExist' }] } }] }],
      egress: [
        { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] },
        { to: [{ ipBlock: { cidr: S3.cidr } }], ports: [{ port: 443, protocol: 'TCP' }] },
      ],
    },
  });
  return new ApiObject(chart, 'cleanup', {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'media-cleanup', namespace: 'media', labels: CLEANUP_LABELS },
    spec: {
      schedule: '30 3 * * *', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 600, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3,
      jobTemplate: { spec: { backoffLimit: 2, activeDeadlineSeconds: 3600, template: cleanupPod(securityContext) } },
    },
  } as any);
}

/** The batch app, not yet synthesized. */
function batch(options: { cleanupSecurityContext?: Record<string, unknown> } = {}) {
  const app = probeApp({ allowedRegistries: ['registry.example.com/'] });
  const chart = new Chart(app, 'batch');
  // The quota is set, with room for the CronJob's pod beside what the constructs book for theirs.
  const media = new SensitiveNamespace(chart, 'media', {
    dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-media', access: { editors: ['oidc:media-devs'] },
    quota: { cpu: '64', memory: '48Gi', pods: 40, storage: '100Gi' },
  });
  const queue = new CompliantWorkload(chart, 'queue', {
    namespace: media, image: 'registry.example.com/mq/rabbitmq:3.13.7', port: 5672, protocol: 'tcp', metricsPort: 15692, replicas: 3,
    readiness: HealthCheck.command(['rabbitmq-diagnostics', '-q', 'check_port_connectivity']),
    storage: { mountPath: '/var/lib/rabbitmq', size: '20Gi', podManagementPolicy: 'Parallel' },
    writablePaths: ['/tmp', '/var/log/rabbitmq'],
  });
  queue.allowFrom(queue, { port: 25672 });   // inter-node traffic
  queue.allowFrom(queue, { port: 4369 });    // epmd peer discovery
  const resize = new CompliantWorkload(chart, 'resize-worker', {
    namespace: media, image: 'registry.example.com/media/resize:5.1.0', metricsPort: 9100,
    liveness: HealthCheck.http('/live', 9100), readiness: HealthCheck.http('/ready', 9100),
    autoscaling: { minReplicas: 2, maxReplicas: 20, cpuUtilization: 60 },
    resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '1Gi', ephemeralStorage: '2Gi' } },
    writablePaths: ['/tmp', '/var/cache/resize'],
  });
  const exporter = new CompliantWorkload(chart, 'export-worker', {
    namespace: media, image: 'registry.example.com/media/export:1.2.0',
    liveness: HealthCheck.command(['/bin/healthcheck', 'live']), readiness: HealthCheck.command(['/bin/healthcheck', 'ready']),
    autoscaling: { maxReplicas: 4, memoryUtilization: 75 },
    secretFiles: { 's3-credentials': { secret: 'export-s3', key: 'credentials' } },
    args: ['--s3-credentials-file', '/var/run/secrets/app/s3-credentials'],
  });
  queue.allowFrom(resize);
  queue.allowFrom(exporter);
  exporter.allowEgressTo(Peer.cidr(S3.cidr, 443, { host: S3.host }), { reason: 'rendered media exported to object storage (MED-12)' });
  const cleanup = cleanupJob(chart, options.cleanupSecurityContext);
  return { app, chart, media, queue, resize, exporter, cleanup };
}
type Batch = ReturnType<typeof batch>;

/** The CronJob's pods as the quota judge counts workloads: one at a time (concurrencyPolicy Forbid, parallelism 1). */
function asDeployment(cronJob: Record<string, any>): Record<string, any> {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: cronJob.metadata, spec: { replicas: 1, strategy: { type: 'Recreate' }, template: cronJob.spec.jobTemplate.spec.template } };
}

describe('probe 2 (b): a queue, two autoscaled consumers without a port, and a hand-written CronJob', () => {
  const built = batch();
  const out = synthProbe(built.app);
  const objects = out.objects;

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror, the CronJob included', () => {
    expect(verdict(out)).toEqual([]);
    expect(out.report.evaluations.filter(e => e.object.ref === 'CronJob/media/media-cleanup' && e.status === 'passed').length).toBeGreaterThan(20);
  });

  test('the quota admits the CronJob\'s pod beside the workloads at their autoscalers\' maximum', () => {
    const cronJob = one(objects, 'CronJob', 'media-cleanup', 'media');
    expect(quotaRefusals([...objects, asDeployment(cronJob)])).toEqual([]);
    // Without the room left for it, the same pod is refused: the judge can tell.
    const quota = one(objects, 'ResourceQuota', 'quota', 'media');
    const tight = { ...quota, spec: { hard: { ...quota.spec.hard, 'limits.cpu': '60500m' } } };
    expect(quotaRefusals([...objects.filter(o => o !== quota), tight])).toEqual([]);
    expect(quotaRefusals([...objects.filter(o => o !== quota), tight, asDeployment(cronJob)])).toEqual(['ResourceQuota/media/quota: limits.cpu needs 61.5, holds 60500m']);
  });

  test('the consumers serve nothing: no Service but for metrics, probes on their own port or a command, and an autoscaler each', () => {
    expect(objects.filter(o => o.kind === 'Service' && o.metadata.name === 'export-worker')).toEqual([]);
    expect(one(objects, 'Service', 'resize-worker', 'media').spec.ports.map((p: any) => `${p.name}:${p.port}`)).toEqual(['metrics:9100']);
    const resize = one(objects, 'Deployment', 'resize-worker', 'media');
    expect(resize.spec.replicas).toBeUndefined();
    const c = resize.spec.template.spec.containers[0];
    expect([c.livenessProbe.httpGet, c.readinessProbe.httpGet]).toEqual([{ path: '/live', port: 9100 }, { path: '/ready', port: 9100 }]);
    expect(c.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/var/cache/resize']);
    expect(resize.spec.template.spec.volumes.map((v: any) => v.emptyDir?.sizeLimit)).toEqual(['2Gi', '2Gi']);
    const hpa = (name: string) => one(objects, 'HorizontalPodAutoscaler', name, 'media').spec;
    expect(hpa('resize-worker')).toMatchObject({ minReplicas: 2, maxReplicas: 20, scaleTargetRef: { kind: 'Deployment', name: 'resize-worker' } });
    expect(hpa('export-worker').metrics.map((m: any) => `${m.containerResource.container}/${m.containerResource.name}=${m.containerResource.target.averageUtilization}`))
      .toEqual(['export-worker/cpu=70', 'export-worker/memory=75']);
    expect(one(objects, 'Deployment', 'export-worker', 'media').spec.template.spec.containers[0].exec).toBeUndefined();
  });

  test('the queue admits its consumers on 5672, its own replicas on the clustering ports, and monitoring on 15692', () => {
    const ingress = one(objects, 'NetworkPolicy', 'queue', 'media').spec.ingress.map((r: any) => {
      const from = r.from[0];
      return `${from.podSelector?.matchLabels['app.kubernetes.io/name'] ?? `ns:${from.namespaceSelector.matchLabels['kubernetes.io/metadata.name']}`}:${r.ports.map((p: any) => p.port).join(',')}`;
    });
    expect(ingress.sort()).toEqual(['export-worker:5672', 'ns:monitoring:15692', 'queue:25672', 'queue:4369', 'resize-worker:5672']);
    expect(one(objects, 'Service', 'queue-headless', 'media').spec.ports.map((p: any) => p.port)).toEqual([5672, 4369, 25672]);
    expect(one(objects, 'StatefulSet', 'queue', 'media').spec.podManagementPolicy).toBe('Parallel');
  });

  test('only the exporter and the hand-written clean-up reach the bucket, each with its reason', () => {
    const reasons = objects.filter(o => o.kind === 'NetworkPolicy' && o.metadata.annotations?.['soc2.cdk8s.io/egress-reasons'])
      .map(o => `${o.metadata.name}: ${o.metadata.annotations['soc2.cdk8s.io/egress-reasons']}`);
    expect(reasons.sort()).toEqual([
      `export-worker: ${S3.cidr} TCP/443 (${S3.host}): rendered media exported to object storage (MED-12)`,
      `media-cleanup: ${S3.cidr} TCP/443 (${S3.host}): expire rendered media after 30 days (MED-13)`,
    ]);
  });

  test('the CLI finds nothing in the YAML, with the app\'s settings', async () => {
    await expectCliClean(out);
  });
});

const W = (b: Batch) => ({ namespace: b.media, image: 'registry.example.com/media/thumbs:2.0.0', liveness: HealthCheck.command(['/bin/hc', 'live']), readiness: HealthCheck.command(['/bin/hc', 'ready']) });

const MISTAKES: Mistake<Batch>[] = [
  ['an autoscaler whose maximum is its minimum', b => new CompliantWorkload(b.chart, 'thumbs', { ...W(b), autoscaling: { minReplicas: 3, maxReplicas: 3 } }),
    { code: 'INVALID_PROP', path: 'batch/thumbs', prop: 'autoscaling.maxReplicas', value: '3', problem: /above minReplicas \(3\)/, fix: /e\.g\. 9/ }],
  ['a CPU target the limit can never reach', b => new CompliantWorkload(b.chart, 'thumbs', { ...W(b), autoscaling: { maxReplicas: 5, cpuUtilization: 500 } }),
    { code: 'INVALID_PROP', path: 'batch/thumbs', prop: 'autoscaling.cpuUtilization', value: '500', problem: /can never trigger a scale-out/, fix: /at most 454, or raise resources\.limits\.cpu/ }],
  ['a CPU target written as a percentage string', b => new CompliantWorkload(b.chart, 'thumbs', { ...W(b), autoscaling: { maxReplicas: 5, cpuUtilization: '70%' as any } }),
    { code: 'INVALID_PROP', path: 'batch/thumbs', prop: 'autoscaling.cpuUtilization', value: '"70%"', problem: /positive integer percentage/, fix: /e\.g\. 70/ }],
  ['an autoscaler down to one replica', b => new CompliantWorkload(b.chart, 'thumbs', { ...W(b), autoscaling: { minReplicas: 1, maxReplicas: 5 } }),
    { code: 'INVALID_PROP', path: 'batch/thumbs', prop: 'autoscaling.minReplicas', value: '1', problem: /from 2/, fix: /omit it \(default 2\)/ }],
  ['a worker without a liveness check', b => new CompliantWorkload(b.chart, 'thumbs', { ...W(b), liveness: undefined }),
    { code: 'INVALID_PROP', path: 'batch/thumbs', prop: 'liveness', value: 'undefined', problem: /required for a workload without port/, fix: /HealthCheck\.command/ }],
  ['a worker\'s HTTP check on the port it does not have', b => new CompliantWorkload(b.chart, 'thumbs', { ...W(b), readiness: HealthCheck.http('/ready') }),
    { code: 'INVALID_PROP', path: 'batch/thumbs', prop: 'readiness', value: '{"httpGet":{"path":"/ready"}}', problem: /the workload has none/, fix: /HealthCheck\.http\("\/healthz", 9090\)/ }],
  ['a protocol for a worker without a port', b => new CompliantWorkload(b.chart, 'thumbs', { ...W(b), protocol: 'grpc' }),
    { code: 'INVALID_PROP', path: 'batch/thumbs', prop: 'protocol', value: '"grpc"', problem: /the workload has no port/, fix: /set port, or omit protocol/ }],
  ['a consumer called like a service', b => b.resize.allowFrom(b.exporter),
    { code: 'INVALID_PORT', path: 'batch/resize-worker', prop: 'allowFrom(options.port)', value: 'undefined', problem: /serves on no port/, fix: /\{ port: 9100 \}/ }],
  ['a writable path with a trailing slash', b => new CompliantWorkload(b.chart, 'thumbs', { ...W(b), writablePaths: ['/var/cache/thumbs/'] }),
    { code: 'INVALID_PROP', path: 'batch/thumbs', prop: 'writablePaths[0]', value: '"/var/cache/thumbs/"', problem: /normalised absolute directory path/, fix: /"\/var\/cache\/thumbs"/ }],
  ['memory in thousandths of a byte', b => new CompliantWorkload(b.chart, 'thumbs', { ...W(b), resources: { requests: { memory: '64Mi' }, limits: { memory: '512m' } } }),
    { code: 'INVALID_PROP', path: 'batch/thumbs', prop: 'resources.limits.memory', value: '"512m"', problem: /not a whole number/, fix: /did you mean "512Mi"\?/ }],
  ['a CPU request above the default limit', b => new CompliantWorkload(b.chart, 'thumbs', { ...W(b), resources: { requests: { cpu: '1' } } }),
    { code: 'INVALID_PROP', path: 'batch/thumbs', prop: 'resources.limits.cpu', value: '"500m"', problem: /below the request 1/, fix: /raise the limit to at least 1/ }],
  ['more consumers than the namespace quota holds', b => new CompliantWorkload(b.chart, 'thumbs', { ...W(b), autoscaling: { maxReplicas: 30 } }),
    { code: 'INVALID_PROP', path: 'batch/thumbs', prop: 'autoscaling.maxReplicas', value: '30', problem: /above its quota\.pods of 40/, fix: /raise quota\.pods of namespace "media"/ }],
  ['a lower-case pod management policy', b => new CompliantWorkload(b.chart, 'events', { ...W(b), port: 9000, storage: { mountPath: '/data', size: '1Gi', podManagementPolicy: 'parallel' as any } }),
    { code: 'INVALID_PROP', path: 'batch/events', prop: 'storage.podManagementPolicy', value: '"parallel"', problem: /not a pod management policy/, fix: /OrderedReady, Parallel/ }],
  ['the hand-written CronJob named as a caller of the queue, which only CompliantWorkloads can be', b => b.queue.allowFrom(b.cleanup as any),
    { code: 'INVALID_PEER', path: 'batch/queue', prop: 'allowFrom(peer)', value: '"batch/cleanup"', problem: /is not a CompliantWorkload, so its pods are not hardened or isolated/, fix: /wire only CompliantWorkloads/ }],
  ['an ephemeral-storage quota in a mesh namespace', b => new SensitiveNamespace(b.chart, 'media-archive', { dataClassification: DataClassification.INTERNAL, owner: 'team-media', quota: { ephemeralStorage: '10Gi' } }),
    { code: 'INVALID_PROP', path: 'batch/media-archive', prop: 'quota.ephemeralStorage', value: '"10Gi"', problem: /would refuse every pod/, fix: /remove it/ }],
];

describe('probe 2 (b): batch mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(batch, make, expected));

  test('a hand-written CronJob left unhardened fails the synth, naming its construct path, each field and the fix', () => {
    const b = batch({ cleanupSecurityContext: {} });
    const thrown = synthFailure(b.app);
    const findings = thrown.findings.map(f => `${f.controlId} ${f.object.ref}`);
    expect(findings.sort()).toEqual([
      'pod-drop-all-capabilities CronJob/media/media-cleanup', 'pod-no-privilege-escalation CronJob/media/media-cleanup', 'pod-read-only-root-fs CronJob/media/media-cleanup',
    ]);
    const message = thrown.message;
    expect(message).toContain('[high] pod-no-privilege-escalation on CronJob/media/media-cleanup (batch/cleanup): container "cleanup": allowPrivilegeEscalation is not set to false. Fix: Set securityContext.allowPrivilegeEscalation: false');
    expect(message).toMatch(/pod-read-only-root-fs on CronJob\/media\/media-cleanup \(batch\/cleanup\): container "cleanup": has a writable root filesystem\. Fix: Set securityContext\.readOnlyRootFilesystem: true/);
    // Nothing was written: the manifests and the evidence wait for a clean check.
    expect(readdirSync(b.app.outdir)).toEqual([]);
  });

  // A script that reads a mounted Secret file into a program's arguments wrote no credential in the
  // manifest: its fix starts with handing the file over, not with rotating a credential.
  it('a Secret file read into a program\'s arguments is told how to hand the file over, not to rotate a credential in the manifest', () => {
    const b = batch();
    new CompliantWorkload(b.chart, 'thumbs', {
      ...W(b), secretFiles: { 's3-key': { secret: 'thumbs-s3', key: 'key' } },
      command: ['sh', '-c', 'exec thumbs --s3-key "$(cat /var/run/secrets/app/s3-key)"'],
    });
    let message = '';
    try {
      b.app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/command-no-credentials on Deployment\/media\/thumbs \(batch\/thumbs\/Resource\): container "thumbs": reads mounted Secret files into its command line/);
    expect(message).not.toMatch(/Fix: Rotate a credential written in the manifest/);
  });
});
