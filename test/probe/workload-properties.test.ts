/**
 * Probe 4 (c): CompliantWorkload props explored by property. Each run makes one workload from a
 * random combination of its props — a service, a worker without a port or a stateful workload;
 * fixed replicas, an autoscaler or a single replica; ports below 1024; health checks of every kind,
 * on ports of their own; amounts in every spelling Kubernetes takes; scratch paths, a slow start,
 * the recorded exceptions — with now and then a value a stranger gets wrong (a port as a string, a
 * fraction, a CPU in bytes, a reserved port, a placeholder reason). Every run ends one of two ways:
 * the app synthesizes with nothing for any judge (the engine, the schemas, quota admission, every
 * scanner mirror) and no weaker than its props say; or the construct refuses it with a Soc2Error
 * whose every problem names a prop that was given, the value, what is wrong and a fix that is
 * itself valid. Never a crash, a failed synth or an error about something else.
 */
import { Chart, Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { CompliantWorkload, DataClassification, HealthCheck, PodField, SensitiveNamespace, Soc2Error } from '../../index';
import { parseQuantity } from '../../src/compliance/common/quantity';
import { expectSoc2Error } from '../support/errors';
import { acceptedSingleReplica, acceptedWritableRoot, one, probeApp, synthProbe, verdict } from './helpers';

/** Runs of the property; raise for a soak: SOC2_PROPERTY_RUNS=2000 npx jest test/probe/workload-properties */
const RUNS = Number(process.env.SOC2_PROPERTY_RUNS ?? 120);
const IMAGE = 'registry.example.com/team/app:1.4.2';

/** Mostly a valid value, now and then one a stranger gets wrong (one run in `1 + odds`). */
function mostly<T>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<unknown>, odds = 14): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid as fc.Arbitrary<unknown>, weight: odds }, { arbitrary: wrong, weight: 1 });
}
/** Absent most of the time. */
const sometimes = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

const WRONG_PORT = fc.constantFrom<unknown>('8080', '', 0, -1, 1.5, 65536, NaN, 15006, 15020, 15090, null);
const port = mostly(fc.oneof(fc.constantFrom(80, 443, 1023, 1024, 3000, 8080, 8443, 9000), fc.integer({ min: 1025, max: 14999 })), WRONG_PORT);
const ownPort = mostly(fc.integer({ min: 8081, max: 8099 }), WRONG_PORT);
const check = fc.oneof(
  fc.record({ kind: fc.constant('http' as const), path: mostly(fc.constantFrom('/healthz', '/ready', '/live', '/status/ready'), fc.constantFrom('ready', '')), port: sometimes(ownPort) }),
  fc.record({ kind: fc.constant('tcp' as const), port: sometimes(ownPort) }),
  fc.record({ kind: fc.constant('grpc' as const), port: sometimes(ownPort), service: sometimes(fc.constantFrom('', 'grpc.health.v1.Health', 'app.Ready')) }),
  fc.record({ kind: fc.constant('command' as const), command: mostly(fc.constantFrom(['/bin/alive'], ['/bin/ready'], ['/app/check', '--ready']), fc.constantFrom([], [''])) }),
);
const WRONG_CPU = fc.constantFrom('1Gi', '512Mi', '2G', '0', 'two', 1);
const WRONG_BYTES = fc.constantFrom('512m', '1.1Gi', '0', 'lots', '1GB');
/** Requests at most the default limits, limits at least the default requests, so that most pairs hold. */
const requests = fc.record({
  cpu: mostly(fc.constantFrom('50m', '100m', '250m', '0.5', '+0.25'), WRONG_CPU),
  memory: mostly(fc.constantFrom('64Mi', '128Mi', '256Mi', '2e8', '100M'), WRONG_BYTES),
  ephemeralStorage: mostly(fc.constantFrom('32Mi', '64Mi', '256Mi', '1e8'), WRONG_BYTES),
}, { requiredKeys: [] });
const limits = fc.record({
  cpu: mostly(fc.constantFrom('500m', '1', '1500m', '+1', '2', '2.5'), WRONG_CPU),
  memory: mostly(fc.constantFrom('256Mi', '512Mi', '1Gi', '1.5Gi', '2e9', '3G', '4096Mi'), WRONG_BYTES),
  ephemeralStorage: mostly(fc.constantFrom('256Mi', '1Gi', '20Gi', '5e10'), WRONG_BYTES),
}, { requiredKeys: [] });
const sidecarLimits = fc.record({
  cpu: mostly(fc.constantFrom('500m', '1', '2'), WRONG_CPU),
  memory: mostly(fc.constantFrom('256Mi', '512Mi', '1G'), WRONG_BYTES),
}, { requiredKeys: [] });
const REASON = { reason: 'vendor licence allows one pod (VEND-4)' };

/** How many replicas: the default, a fixed count, an autoscaler or one replica by exception. */
interface Scaling {
  readonly replicas?: unknown;
  readonly autoscaling?: Record<string, unknown>;
  readonly singleReplica?: unknown;
}

const spec = fc.record({
  shape: fc.constantFrom('service', 'worker', 'stateful'),
  port,
  protocol: sometimes(mostly(fc.constantFrom('http', 'http2', 'grpc', 'tcp'), fc.constantFrom('HTTP', 'udp'))),
  metricsPort: sometimes(mostly(fc.constantFrom(80, 9090, 9100, 9400, 15100), WRONG_PORT)),
  scaling: fc.oneof<fc.Arbitrary<Scaling>[]>(
    fc.constant({}),
    fc.record({ replicas: mostly(fc.integer({ min: 2, max: 6 }), fc.constantFrom(1, 0, 2.5, '3')) }),
    fc.record({ autoscaling: fc.record({
      minReplicas: sometimes(mostly(fc.integer({ min: 2, max: 4 }), fc.constantFrom(1, 0))),
      maxReplicas: mostly(fc.integer({ min: 5, max: 12 }), fc.constantFrom(2, '8', undefined)),
      cpuUtilization: sometimes(mostly(fc.integer({ min: 30, max: 90 }), fc.constantFrom(0, 70.5, 1000))),
      memoryUtilization: sometimes(mostly(fc.integer({ min: 40, max: 90 }), fc.constantFrom(0, 500))),
    }, { requiredKeys: ['maxReplicas'] }) }),
    fc.record({ singleReplica: mostly(fc.constantFrom(REASON, { ...REASON, expires: '2027-03-31' }), fc.constantFrom({ reason: 'TODO' }, { ...REASON, expires: '2020-01-01' })) }),
  ),
  storage: fc.record({
    mountPath: mostly(fc.constantFrom('/data', '/var/lib/app'), fc.constantFrom('/tmp', 'data', '/data/')),
    size: mostly(fc.constantFrom('1Gi', '20Gi', '100G', '1.5Gi', '5e10'), fc.constantFrom('1.1Gi', '0', 'big')),
    storageClassName: sometimes(mostly(fc.constantFrom('fast-ssd', 'standard'), fc.constant('Fast SSD'))),
    podManagementPolicy: sometimes(mostly(fc.constantFrom('OrderedReady', 'Parallel'), fc.constant('parallel'))),
  }),
  peerPort: sometimes(mostly(fc.constantFrom(7000, 7946, 4369, 25672), fc.constantFrom(15008, 70000))),
  liveness: sometimes(check),
  readiness: sometimes(check),
  startupTimeout: sometimes(mostly(fc.constantFrom(Duration.seconds(10), Duration.seconds(95), Duration.minutes(10), Duration.hours(2)), fc.constantFrom(Duration.seconds(5), Duration.millis(1500), Duration.days(2)))),
  resources: fc.record({ requests, limits, sidecar: fc.record({ limits: sidecarLimits }) }, { requiredKeys: [] }),
  writablePaths: sometimes(mostly(fc.subarray(['/tmp', '/var/cache/app', '/run/app', '/dev/shm']), fc.constantFrom(['/tmp/'], ['relative'], ['/etc/app'], ['/']))),
  writableRootFilesystem: sometimes(mostly(fc.constant({ reason: 'vendor image writes /var/cache (SEC-142)' }), fc.constant({ reason: '' }))),
  user: sometimes(mostly(fc.constantFrom(10001, 20000, 65534), fc.constantFrom(0, 999))),
  podInfoEnv: sometimes(mostly(fc.constantFrom({ POD_NAME: PodField.POD_NAME }, { 'node.name': PodField.NODE_NAME, 'POD_IP': PodField.POD_IP }), fc.constantFrom({ '1X': PodField.POD_IP }, { X: 'metadata.name' }))),
  env: sometimes(mostly(fc.constantFrom({ LOG_LEVEL: 'info' }, { A: '$(B)-x', B: 'b' }, { LOG_LEVEL: 'debug', CACHE_DIR: '/var/cache/app' }), fc.constantFrom({ A: '$(A)' }, { A: 1 }, { CACHE_KEY_PREFIX: 'a' }))),
});
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

function healthCheck(c: Spec['liveness']): HealthCheck | undefined {
  if (c === undefined) return undefined;
  switch (c.kind) {
    case 'http': return HealthCheck.http(c.path as string, c.port as number | undefined);
    case 'tcp': return HealthCheck.tcp(c.port as number | undefined);
    case 'grpc': return HealthCheck.grpc(c.port as number | undefined, c.service);
    default: return HealthCheck.command(c.command as string[]);
  }
}

/** The props the spec gives, as a stranger writes them (undefined props left out). */
function propsOf(s: Spec): Record<string, unknown> {
  const props: Record<string, unknown> = {
    port: s.shape === 'worker' ? undefined : s.port,
    protocol: s.shape === 'worker' ? undefined : s.protocol,
    metricsPort: s.metricsPort, ...s.scaling,
    storage: s.shape === 'stateful' ? s.storage : undefined,
    liveness: healthCheck(s.liveness), readiness: healthCheck(s.readiness),
    startupTimeout: s.startupTimeout, resources: s.resources, writablePaths: s.writablePaths,
    writableRootFilesystem: s.writableRootFilesystem, user: s.user, podInfoEnv: s.podInfoEnv, env: s.env,
  };
  // A worker needs checks of its own; give it commands when the spec has none, so that most workers build.
  if (s.shape === 'worker') {
    props.liveness ??= HealthCheck.command(['/bin/alive']);
    props.readiness ??= HealthCheck.command(['/bin/ready']);
  }
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}

/** A fix must itself be valid: no example built from the invalid value it is about. */
const INVALID_EXAMPLE = /HealthCheck\.\w+\([^)]*(?:, ?(?:-\d|NaN|Infinity|""|\)))|\bundefined\b|\bNaN\b/;

const outcomes = { built: 0, refused: 0 };
afterAll(() => {
  if (process.env.SHOW_OUTCOMES) process.stderr.write(JSON.stringify(outcomes) + '\n');
  // The property explores both outcomes, not one of them only.
  expect(outcomes.built).toBeGreaterThan(RUNS / 5);
  expect(outcomes.refused).toBeGreaterThan(RUNS / 10);
});

describe('probe 4 (c): every combination of CompliantWorkload props is built clean, or refused naming the prop, the value and a valid fix', () => {
  test(`${RUNS} random workloads`, () => {
    fc.assert(fc.property(spec, s => {
      const app = probeApp();
      const chart = new Chart(app, 'c');
      const namespace = new SensitiveNamespace(chart, 'team', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-a' });
      const props = propsOf(s);
      let w: CompliantWorkload;
      try {
        w = new CompliantWorkload(chart, 'w', { namespace, image: IMAGE, ...props } as any);
        if (s.shape === 'stateful' && s.peerPort !== undefined) w.allowFrom(w, { port: s.peerPort as number });
      } catch (e) {
        expect(e).toBeInstanceOf(Soc2Error);
        const err = e as Soc2Error;
        expect(err.constructPath).toBe('c/w');
        // The props given, and the checks a workload must be given when its protocol has no default.
        const given = new Set([...Object.keys(props), 'liveness', 'readiness', 'allowFrom(options.port)']);
        for (const p of err.problems) {
          expect([p.prop, [...given].some(g => p.prop === g || p.prop.startsWith(`${g}.`) || p.prop.startsWith(`${g}[`))]).toEqual([p.prop, true]);
          expect(err.message).toContain(`- ${p.prop} = `);
          expect(p.problem.length).toBeGreaterThan(10);
          expect([p.prop, p.problem]).not.toEqual([p.prop, expect.stringMatching(/ port , /)]);
          expect([p.prop, p.fix]).not.toEqual([p.prop, expect.stringMatching(INVALID_EXAMPLE)]);
        }
        outcomes.refused++;
        return;
      }
      const out = synthProbe(app);
      const ref = `${w.resource.kind}/team/w`;
      const single = s.scaling.singleReplica !== undefined;
      const accepted = [...props.writableRootFilesystem ? acceptedWritableRoot(ref) : [], ...single ? acceptedSingleReplica(ref, true) : []];
      expect(verdict(out, accepted)).toEqual([]);
      // No weaker than the props say: a read-only root unless excepted, the replicas asked for, a quota that still budgets.
      const workload = one(out.objects, w.resource.kind, 'w', 'team');
      expect(workload.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(props.writableRootFilesystem === undefined);
      expect(workload.spec.replicas).toBe(s.scaling.autoscaling ? undefined : single ? 1 : (s.scaling.replicas ?? 2));
      const quota = one(out.objects, 'ResourceQuota', 'quota', 'team').spec.hard;
      expect([quota['limits.cpu'], parseQuantity(quota['limits.cpu'])! <= parseQuantity('1000')!]).toEqual([quota['limits.cpu'], true]);
      outcomes.built++;
    }), { numRuns: RUNS });
  });
});

describe('probe 4 (c): what the property found, one case each', () => {
  const fresh = () => {
    const chart = new Chart(probeApp(), 'c');
    return { chart, namespace: new SensitiveNamespace(chart, 'team', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-a' }) };
  };

  test('a worker\'s check on the port it lacks is told to use its metrics port only when that is a port', () => {
    const { chart, namespace } = fresh();
    for (const metricsPort of [-1, Infinity, '' as never, 15020]) {
      expectSoc2Error(() => new CompliantWorkload(chart, `w${String(metricsPort).length}`, { namespace, image: IMAGE, metricsPort, liveness: HealthCheck.tcp(), readiness: HealthCheck.command(['/bin/ready']) }), {
        code: 'INVALID_PROP', path: `c/w${String(metricsPort).length}`, prop: 'liveness', value: '{"tcpSocket":{}}', problem: /the workload has none/,
        fix: metricsPort === 15020 ? /HealthCheck\.http\("\/healthz", 15020\)/ : /HealthCheck\.http\("\/healthz", 9090\)/,
      });
    }
  });

  test('a check\'s port given as a string or a list is shown as given', () => {
    const { chart, namespace } = fresh();
    expectSoc2Error(() => new CompliantWorkload(chart, 'w', { namespace, image: IMAGE, port: 8080, readiness: HealthCheck.http('/ready', '8081' as never) }), {
      code: 'INVALID_PROP', path: 'c/w', prop: 'readiness', value: '{"httpGet":{"path":"/ready","port":"8081"}}', problem: /has port "8081" \(a string\), not an integer from 1 to 65535/, fix: /HealthCheck\.http/,
    });
    expectSoc2Error(() => new CompliantWorkload(chart, 'x', { namespace, image: IMAGE, port: 8080, liveness: HealthCheck.tcp('' as never) }), {
      code: 'INVALID_PROP', path: 'c/x', prop: 'liveness', value: '{"tcpSocket":{"port":""}}', problem: /has port "" \(a string\), not an integer/, fix: /HealthCheck\.http/,
    });
  });
});
