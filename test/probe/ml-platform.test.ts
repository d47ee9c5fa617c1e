/**
 * Probe 4 (a): an internal machine-learning platform. Training workers without a serving port
 * (metrics and health on ports of their own, a two-hour start while they load a model, tens of
 * CPUs and gigabytes each, hundreds of gigabytes of scratch space, autoscaled on CPU), a clustered
 * feature store on storage, an inference service that scales on CPU and memory, many variables
 * from the environment and the downward API, and credentials and configuration from several
 * Secrets and ConfigMaps, in a namespace whose quota the team sets; a GPU per trainer and a grace
 * period of 15 minutes for its last checkpoint, through cdk8s's escape hatch. A stranger's mistakes with
 * such amounts (a CPU written in bytes, a variable named like a credential) are refused with the
 * construct path, the prop, the value and the fix.
 */
import { Chart, Duration, JsonPatch } from 'cdk8s';
import { CompliantWorkload, DataClassification, HealthCheck, Peer, PodField, SensitiveNamespace } from '../../index';
import { quotaRefusals } from '../support/quota';
import { expectCliClean, one, probeApp, synthProbe, verdict } from './helpers';
import { expectRefused, Mistake } from './mistake-helpers';

const S3 = { cidr: '198.51.100.0/24', host: 's3.eu-central-1.example.com' };
const TRACKING = { cidr: '203.0.113.64/26', host: 'api.tracking.example.com' };

/** The variables a training job reads, none named for a credential. */
const TRAINING_ENV = {
  HF_HOME: '/scratch/huggingface', HF_HUB_OFFLINE: '1', OMP_NUM_THREADS: '8', MKL_NUM_THREADS: '8', NCCL_DEBUG: 'WARN',
  NCCL_SOCKET_IFNAME: 'eth0', PYTHONUNBUFFERED: '1', MODEL_NAME: 'ranker-v7', DATASET_URI: 's3://training-data/ranker/v7/',
  CHECKPOINT_DIR: '/scratch/checkpoints', EPOCHS: '12', BATCH_SIZE: '512', LEARNING_RATE: '0.0003', RUN_ID: '$(POD_NAME)-ranker-v7',
  TRACKING_URI: 'https://api.tracking.example.com', LOG_FORMAT: 'json',
};

/** The ML platform, not yet synthesized. */
function platform() {
  const app = probeApp({ allowedRegistries: ['registry.example.com/'] });
  const chart = new Chart(app, 'ml');
  const training = new SensitiveNamespace(chart, 'training', {
    dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-ml', access: { editors: ['oidc:ml-engineers'], viewers: ['oidc:ml-analysts'] },
    quota: { cpu: '200', memory: '640Gi', pods: 60, storage: '2Ti' },
  });
  const trainer = new CompliantWorkload(chart, 'trainer', {
    namespace: training, image: 'registry.example.com/ml/trainer:7.2.0', metricsPort: 9400,
    liveness: HealthCheck.http('/live', 8081), readiness: HealthCheck.http('/ready', 8081), startupTimeout: Duration.hours(2),
    resources: {
      requests: { cpu: '7', memory: '30Gi', ephemeralStorage: '100Gi' },
      limits: { cpu: '8', memory: '32Gi', ephemeralStorage: '200Gi' },
      sidecar: { limits: { cpu: '1', memory: '512Mi' } },
    },
    autoscaling: { minReplicas: 2, maxReplicas: 8, cpuUtilization: 85 },
    writablePaths: ['/tmp', '/scratch', '/dev/shm'],
    podInfoEnv: { POD_NAME: PodField.POD_NAME, NODE_NAME: PodField.NODE_NAME, POD_IP: PodField.POD_IP },
    env: TRAINING_ENV,
    secretFiles: {
      's3-credentials': { secret: 'training-s3', key: 'credentials' },
      'tracking-api': { secret: 'training-tracking', key: 'api-key' },
      'registry-auth.json': { secret: 'training-registry', key: 'auth.json' },
    },
    configFiles: {
      'train.yaml': { configMap: 'ranker-v7', key: 'train.yaml' },
      'features.yaml': { configMap: 'ranker-v7', key: 'features.yaml' },
      'logging.yaml': { configMap: 'ml-common', key: 'logging.yaml' },
    },
    args: ['--config', '/etc/app/train.yaml', '--s3-credentials-file', '/var/run/secrets/app/s3-credentials'],
  });
  // No prop sets a GPU or the grace period (a trainer writes a checkpoint on SIGTERM): they go through cdk8s's escape hatch.
  trainer.resource.addJsonPatch(
    JsonPatch.add('/spec/template/spec/terminationGracePeriodSeconds', 900),
    JsonPatch.add('/spec/template/spec/containers/0/resources/requests/nvidia.com~1gpu', '1'),
    JsonPatch.add('/spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu', '1'),
    JsonPatch.add('/spec/template/spec/tolerations', [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]),
    JsonPatch.add('/spec/template/spec/nodeSelector', { 'nvidia.com/gpu.present': 'true' }),
  );
  const features = new CompliantWorkload(chart, 'feature-store', {
    namespace: training, image: 'registry.example.com/ml/feature-store:3.4.1', port: 6379, protocol: 'tcp', metricsPort: 9121, replicas: 3,
    readiness: HealthCheck.command(['/usr/local/bin/fs-ready']),
    resources: { requests: { cpu: '2', memory: '16Gi' }, limits: { cpu: '4', memory: '16Gi', ephemeralStorage: '1Gi' } },
    storage: { mountPath: '/data', size: '500Gi', storageClassName: 'fast-ssd', podManagementPolicy: 'Parallel' },
  });
  features.allowFrom(features, { port: 16379 });   // the cluster bus
  const inference = new CompliantWorkload(chart, 'inference', {
    namespace: training, image: 'registry.example.com/ml/inference:7.2.0', port: 8080, protocol: 'http2', metricsPort: 9090,
    startupTimeout: Duration.minutes(10), readiness: HealthCheck.http('/v2/health/ready'), liveness: HealthCheck.http('/v2/health/live'),
    resources: { requests: { cpu: '2', memory: '8Gi', ephemeralStorage: '20Gi' }, limits: { cpu: '4', memory: '12Gi', ephemeralStorage: '40Gi' } },
    autoscaling: { minReplicas: 3, maxReplicas: 12, cpuUtilization: 60, memoryUtilization: 80 },
    writablePaths: ['/tmp', '/models'],
    env: { MODEL_REPOSITORY: '/models', MODEL_NAME: 'ranker-v7' },
  });
  features.allowFrom(trainer);
  features.allowFrom(inference);
  trainer.allowEgressTo(Peer.cidr(S3.cidr, 443, { host: S3.host }), { reason: 'training data and checkpoints in object storage (ML-3)' });
  trainer.allowEgressTo(Peer.cidr(TRACKING.cidr, 443, { host: TRACKING.host }), { reason: 'experiment tracking (contract ML-9)' });
  inference.allowEgressTo(Peer.cidr(S3.cidr, 443, { host: S3.host }), { reason: 'model artefacts from object storage (ML-3)' });
  return { app, chart, training, trainer, features, inference };
}
type Platform = ReturnType<typeof platform>;

describe('probe 4 (a): an ML platform of large training workers, a feature store and an inference service', () => {
  const out = synthProbe(platform().app);
  const objects = out.objects;
  const trainer = one(objects, 'Deployment', 'trainer', 'training');
  const container = trainer.spec.template.spec.containers[0];

  test('an independent judge finds nothing: engine, schemas, quota admission and every scanner mirror', () => {
    expect(verdict(out)).toEqual([]);
  });

  test('the quota the team set holds every pod at its autoscaler\'s maximum with a surge pod, and a tighter one would not', () => {
    const quota = one(objects, 'ResourceQuota', 'quota', 'training');
    expect(quota.spec.hard).toMatchObject({ 'limits.cpu': '200', 'limits.memory': '640Gi', 'pods': '60', 'requests.storage': '2Ti' });
    // with their sidecars: trainer 9 pods × 9 CPUs, inference 13 × 4.5, feature store 3 × 4.5: 153 CPUs
    const tight = { ...quota, spec: { hard: { ...quota.spec.hard, 'limits.cpu': '150' } } };
    expect(quotaRefusals([...objects.filter(o => o !== quota), tight])).toEqual(['ResourceQuota/training/quota: limits.cpu needs 153, holds 150']);
  });

  test('the trainer serves nothing: metrics alone in its Service, health on its own port, a two-hour start', () => {
    expect(one(objects, 'Service', 'trainer', 'training').spec.ports.map((p: any) => `${p.name}:${p.port}`)).toEqual(['metrics:9400']);
    expect(container.ports).toEqual([{ containerPort: 9400, name: 'metrics', protocol: 'TCP' }]);
    expect([container.livenessProbe.httpGet, container.readinessProbe.httpGet]).toEqual([{ path: '/live', port: 8081 }, { path: '/ready', port: 8081 }]);
    // checked every 10 seconds for two hours, the last check at 7,200 seconds
    expect(container.startupProbe).toMatchObject({ httpGet: { path: '/live', port: 8081 }, periodSeconds: 10, failureThreshold: 721 });
    expect(trainer.spec.template.spec.securityContext.sysctls).toBeUndefined();
    expect(trainer.spec.template.spec.terminationGracePeriodSeconds).toBe(900);
    expect(trainer.spec.replicas).toBeUndefined();
    expect(one(objects, 'HorizontalPodAutoscaler', 'trainer', 'training').spec).toMatchObject({
      minReplicas: 2, maxReplicas: 8,
      metrics: [{ type: 'ContainerResource', containerResource: { container: 'trainer', name: 'cpu', target: { type: 'Utilization', averageUtilization: 85 } } }],
    });
  });

  test('the trainer\'s amounts are written as given, its GPU from the escape hatch, scratch space bounded by its ephemeral-storage limit, shared memory by its memory limit', () => {
    expect(container.resources).toEqual({
      requests: { 'cpu': '7', 'memory': '30Gi', 'ephemeral-storage': '100Gi', 'nvidia.com/gpu': '1' },
      limits: { 'cpu': '8', 'memory': '32Gi', 'ephemeral-storage': '200Gi', 'nvidia.com/gpu': '1' },
    });
    expect(trainer.spec.template.spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(trainer.spec.template.metadata.annotations).toMatchObject({ 'sidecar.istio.io/proxyCPULimit': '1', 'sidecar.istio.io/proxyMemoryLimit': '512Mi' });
    const scratch = trainer.spec.template.spec.volumes.filter((v: any) => v.emptyDir).map((v: any) => `${v.name}:${v.emptyDir.medium ?? 'disk'}:${v.emptyDir.sizeLimit}`);
    expect(scratch).toEqual(['tmp:disk:200Gi', 'scratch:disk:200Gi', 'dev-shm:Memory:32Gi']);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
  });

  test('the downward-API variables come first, then the rest in declaration order; no variable carries a Secret', () => {
    const names = container.env.map((e: any) => e.name);
    expect(names).toEqual(['POD_NAME', 'NODE_NAME', 'POD_IP', ...Object.keys(TRAINING_ENV)]);
    expect(container.env.find((e: any) => e.name === 'RUN_ID').value).toBe('$(POD_NAME)-ranker-v7');
    expect(container.env.filter((e: any) => e.valueFrom && !e.valueFrom.fieldRef)).toEqual([]);
    expect(container.envFrom).toBeUndefined();
  });

  test('three Secrets and two ConfigMaps, each key a read-only file of its own', () => {
    const mounts = Object.fromEntries(container.volumeMounts.map((m: any) => [m.mountPath, m.readOnly === true]));
    expect(mounts).toEqual({ '/tmp': false, '/scratch': false, '/dev/shm': false, '/var/run/secrets/app': true, '/etc/app': true });
    const projected = (name: string) => trainer.spec.template.spec.volumes.find((v: any) => v.name === name).projected;
    const files = (name: string) => projected(name).sources.flatMap((s: any) => Object.values(s)
      .flatMap((src: any) => src.items.map((i: any) => `${src.name}/${i.key}->${i.path}`))).sort();
    expect(files('secrets')).toEqual(['training-registry/auth.json->registry-auth.json', 'training-s3/credentials->s3-credentials', 'training-tracking/api-key->tracking-api']);
    expect(files('config-files')).toEqual(['ml-common/logging.yaml->logging.yaml', 'ranker-v7/features.yaml->features.yaml', 'ranker-v7/train.yaml->train.yaml']);
    expect([projected('secrets').defaultMode, projected('config-files').defaultMode]).toEqual([0o440, 0o440]);
  });

  test('the feature store admits the trainer and the inference service on 6379, its own replicas on the bus only, monitoring on 9121', () => {
    const ingress = one(objects, 'NetworkPolicy', 'feature-store', 'training').spec.ingress.map((r: any) => {
      const from = r.from[0];
      return `${from.podSelector?.matchLabels['app.kubernetes.io/name'] ?? `ns:${from.namespaceSelector.matchLabels['kubernetes.io/metadata.name']}`}:${r.ports.map((p: any) => p.port).join(',')}`;
    });
    expect(ingress.sort()).toEqual(['feature-store:16379', 'inference:6379', 'ns:monitoring:9121', 'trainer:6379']);
    const sts = one(objects, 'StatefulSet', 'feature-store', 'training');
    expect(sts.spec.volumeClaimTemplates.map((c: any) => `${c.spec.storageClassName}:${c.spec.resources.requests.storage}`)).toEqual(['fast-ssd:500Gi']);
    expect(sts.spec).toMatchObject({ replicas: 3, podManagementPolicy: 'Parallel' });
  });

  test('the inference service scales on CPU and memory, and the egress of each workload is its own, with its reason, by range', () => {
    expect(one(objects, 'HorizontalPodAutoscaler', 'inference', 'training').spec.metrics.map((m: any) => `${m.containerResource.name}=${m.containerResource.target.averageUtilization}`))
      .toEqual(['cpu=60', 'memory=80']);
    const reasons = objects.filter(o => o.kind === 'NetworkPolicy' && o.metadata.annotations?.['soc2.cdk8s.io/egress-reasons'])
      .map(o => `${o.metadata.name}: ${o.metadata.annotations['soc2.cdk8s.io/egress-reasons']}`);
    expect(reasons).toEqual([
      `trainer: ${S3.cidr} TCP/443 (${S3.host}): training data and checkpoints in object storage (ML-3)\n${TRACKING.cidr} TCP/443 (${TRACKING.host}): experiment tracking (contract ML-9)`,
      `inference: ${S3.cidr} TCP/443 (${S3.host}): model artefacts from object storage (ML-3)`,
    ]);
  });

  test('the CLI finds nothing in the YAML, with the app\'s settings', async () => {
    await expectCliClean(out);
  });
});

const worker = (p: Platform) => ({
  namespace: p.training, image: 'registry.example.com/ml/eval:1.0.0', metricsPort: 9400,
  liveness: HealthCheck.http('/live', 8081), readiness: HealthCheck.http('/ready', 8081),
});

const MISTAKES: Mistake<Platform>[] = [
  // A CPU in bytes is a valid quantity to Kubernetes: 1073741824 CPUs, a limit that bounds nothing
  // and a quota that, sized to hold it, budgets nothing.
  ['a CPU limit written in bytes', p => new CompliantWorkload(p.chart, 'eval', { ...worker(p), resources: { limits: { cpu: '1Gi' } } }),
    { code: 'INVALID_PROP', path: 'ml/eval', prop: 'resources.limits.cpu', value: '"1Gi"', problem: /unit of bytes \("Gi"\).*1073741824 CPUs/, fix: /"500m" \(half a CPU\) or "2"/ }],
  ['a CPU request written in bytes, with memory\'s amount', p => new CompliantWorkload(p.chart, 'eval', { ...worker(p), resources: { requests: { cpu: '512Mi', memory: '4' } } }),
    { code: 'INVALID_PROP', path: 'ml/eval', prop: 'resources.requests.cpu', value: '"512Mi"', problem: /unit of bytes \("Mi"\).*536870912 CPUs.*never schedules/, fix: /bytes belong in memory/ }],
  ['a sidecar CPU limit written in decimal bytes', p => new CompliantWorkload(p.chart, 'eval', { ...worker(p), resources: { sidecar: { limits: { cpu: '2G' } } } }),
    { code: 'INVALID_PROP', path: 'ml/eval', prop: 'resources.sidecar.limits.cpu', value: '"2G"', problem: /unit of bytes \("G"\).*2000000000 CPUs/, fix: /"500m"/ }],
  ['a namespace CPU quota written in bytes', p => new SensitiveNamespace(p.chart, 'research', { dataClassification: DataClassification.INTERNAL, owner: 'team-ml', quota: { cpu: '64Gi' } }),
    { code: 'INVALID_PROP', path: 'ml/research', prop: 'quota.cpu', value: '"64Gi"', problem: /unit of bytes \("Gi"\).*no bound at all for a limit or a quota/, fix: /"2"/ }],
  ['a start longer than a day', p => new CompliantWorkload(p.chart, 'eval', { ...worker(p), startupTimeout: Duration.hours(30) }),
    { code: 'INVALID_PROP', path: 'ml/eval', prop: 'startupTimeout', value: '"1 day 6 hours"', problem: /from 10 seconds to a day/, fix: /Duration\.minutes\(5\)/ }],
  ['scratch space in a fraction of a byte', p => new CompliantWorkload(p.chart, 'eval', { ...worker(p), resources: { limits: { ephemeralStorage: '1.1Gi' } } }),
    { code: 'INVALID_PROP', path: 'ml/eval', prop: 'resources.limits.ephemeralStorage', value: '"1.1Gi"', problem: /not a whole number.*sizeLimit of every writable path/, fix: /give whole bytes, e.g. "1127Mi"/ }],
  // The tokenizer library reads exactly this name; scanners read it as a credential whatever its value.
  ['a library\'s setting named like a credential', p => new CompliantWorkload(p.chart, 'eval', { ...worker(p), env: { TOKENIZERS_PARALLELISM: 'false' } }),
    { code: 'INVALID_PROP', path: 'ml/eval', prop: 'env.TOKENIZERS_PARALLELISM', value: '"<redacted>"', problem: /has "TOKEN" in its name.*Kubescape C-0012/, fix: /rename the variable/ }],
  ['a memory target the limit lets the container reach only just', p => new CompliantWorkload(p.chart, 'eval', {
    ...worker(p), resources: { requests: { memory: '30G' }, limits: { memory: '32Gi' } }, autoscaling: { maxReplicas: 4, memoryUtilization: 105 },
  }), { code: 'INVALID_PROP', path: 'ml/eval', prop: 'autoscaling.memoryUtilization', value: '105', problem: /memory limit 32Gi caps use at 114% of the request 30G/, fix: /use at most 104/ }],
];

describe('probe 4 (a): an ML engineer\'s mistakes with large amounts, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(platform, make, expected));

  test('the same amounts in CPUs and bytes, as Kubernetes writes them, are accepted and written as given', () => {
    const p = platform();
    new CompliantWorkload(p.chart, 'eval', { ...worker(p), resources: { requests: { cpu: '1500m', memory: '2e9' }, limits: { cpu: '2.5', memory: '4G', ephemeralStorage: '1.5Gi' } } });
    const out = synthProbe(p.app);
    expect(verdict(out)).toEqual([]);
    expect(one(out.objects, 'Deployment', 'eval', 'training').spec.template.spec.containers[0].resources).toEqual({
      requests: { 'cpu': '1500m', 'memory': '2e9', 'ephemeral-storage': '64Mi' },
      limits: { 'cpu': '2.5', 'memory': '4G', 'ephemeral-storage': '1.5Gi' },
    });
  });
});
