import { containerOf, find, hardened, hardenedWith, ids, idsFor, knownBad } from './fixtures';
import { check } from './kube-score';

const API = 'Deployment/payments/api';

describe('kube-score mirror', () => {
  test('passes the hardened manifest set', () => {
    expect(check(hardened())).toEqual([]);
  });

  test('flags the naive manifest set', () => {
    expect(ids(check(knownBad()))).toEqual(expect.arrayContaining([
      'kube-score/container-ephemeral-storage-request-and-limit', 'kube-score/container-image-tag', 'kube-score/container-resources',
      'kube-score/container-security-context-privileged', 'kube-score/container-security-context-readonlyrootfilesystem',
      'kube-score/container-security-context-user-group-id', 'kube-score/ingress-targets-service', 'kube-score/pod-networkpolicy',
      'kube-score/pod-probes', 'kube-score/service-type',
    ]));
  });

  test('wants user and group ids of 10000 or more, inherited from the pod when unset', () => {
    const low = hardenedWith(o => { containerOf(o, 'api').securityContext.runAsUser = 9999; });
    expect(check(low).map(f => f.message)).toEqual(['[CRITICAL] api -> The container is running with a low user ID']);
    const boundary = hardenedWith(o => { containerOf(o, 'api').securityContext.runAsGroup = 10000; });
    expect(check(boundary)).toEqual([]);
    const inherited = hardenedWith(o => { delete containerOf(o, 'api').securityContext.runAsGroup; });
    expect(check(inherited)).toEqual([]);
  });

  test('wants readOnlyRootFilesystem on the container security context of init containers too', () => {
    const objects = hardenedWith(o => { delete find(o, 'Deployment', 'ledger').spec.template.spec.initContainers[0].securityContext; });
    expect(idsFor(check(objects), 'Deployment/payments/ledger')).toEqual(['kube-score/container-security-context-readonlyrootfilesystem']);
  });

  test('wants ephemeral-storage limits (critical) and requests (warning)', () => {
    const noLimit = hardenedWith(o => { delete containerOf(o, 'api').resources.limits['ephemeral-storage']; });
    expect(check(noLimit).map(f => f.message)).toEqual(['[CRITICAL] api -> Ephemeral Storage limit is not set']);
    const noRequest = hardenedWith(o => { delete containerOf(o, 'api').resources.requests['ephemeral-storage']; });
    expect(check(noRequest).map(f => f.message)).toEqual(['[WARNING] api -> Ephemeral Storage request is not set']);
  });

  test('wants imagePullPolicy Always for a tagged image', () => {
    const objects = hardenedWith(o => { containerOf(o, 'api').imagePullPolicy = 'IfNotPresent'; });
    expect(ids(check(objects))).toEqual(['kube-score/container-image-pull-policy']);
  });

  test('treats readiness and liveness probes on the same path and port as identical', () => {
    const objects = hardenedWith(o => { containerOf(o, 'api').livenessProbe.httpGet.path = '/readyz'; });
    expect(ids(check(objects))).toEqual(['kube-score/pod-probes-identical']);
    const namedPorts = hardenedWith(o => {
      const c = containerOf(o, 'api');
      c.readinessProbe.httpGet = { path: '/healthz', port: 'http' };
      c.livenessProbe.httpGet = { path: '/healthz', port: 'admin' };
    });
    expect(ids(check(namedPorts))).toEqual(['kube-score/pod-probes-identical']);
  });

  test('needs a readinessProbe only on pods a Service selects', () => {
    const objects = hardenedWith(o => { delete containerOf(o, 'api').readinessProbe; });
    expect(ids(check(objects))).toEqual(['kube-score/pod-probes']);
  });

  test('wants the RollingUpdate strategy written out on a Deployment a Service selects', () => {
    // score/deployment/deployment.go deploymentRolloutStrategy: released versions compare the type with RollingUpdate only
    const unset = hardenedWith(o => { delete find(o, 'Deployment', 'api').spec.strategy; });
    expect(check(unset).map(f => `${f.check} ${f.object}`)).toEqual([`kube-score/deployment-strategy ${API}`]);
    const recreate = hardenedWith(o => { find(o, 'Deployment', 'api').spec.strategy = { type: 'Recreate' }; });
    expect(ids(check(recreate))).toEqual(['kube-score/deployment-strategy']);
    const unselected = hardenedWith(o => {
      delete find(o, 'Deployment', 'api').spec.strategy;
      find(o, 'Service', 'api').spec.selector = { 'app.kubernetes.io/name': 'nothing' };
    });
    expect(ids(check(unselected))).toEqual(['kube-score/service-targets-pod']);
  });

  test('needs a readinessProbe on a pod with a named ServiceAccount even when no Service selects it', () => {
    // score/probes/probes.go containerProbes: some releases count serviceAccountName as being targeted by a Service
    const unselected = (o: Record<string, any>[]) => { find(o, 'Service', 'api').spec.selector = { 'app.kubernetes.io/name': 'nothing' }; };
    const named = hardenedWith(o => { unselected(o); delete containerOf(o, 'api').readinessProbe; });
    expect(idsFor(check(named), API)).toEqual(['kube-score/pod-probes']);
    const anonymous = hardenedWith(o => {
      unselected(o);
      delete containerOf(o, 'api').readinessProbe;
      delete find(o, 'Deployment', 'api').spec.template.spec.serviceAccountName;
    });
    expect(idsFor(check(anonymous), API)).toEqual([]);
  });

  test('wants a host podAntiAffinity matching the pod for two or more replicas', () => {
    const objects = hardenedWith(o => { delete find(o, 'Deployment', 'api').spec.template.spec.affinity; });
    expect(check(objects).map(f => f.message)).toEqual(['[WARNING] Deployment does not have a host podAntiAffinity set']);
    const overKey = (key: string) => hardenedWith(o => {
      find(o, 'Deployment', 'api').spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey = key;
    });
    // Zones and regions count as well as hosts (zegl/kube-score#399); another key does not.
    expect(ids(check(overKey('topology.kubernetes.io/zone')))).toEqual([]);
    expect(ids(check(overKey('example.com/rack')))).toEqual(['kube-score/deployment-has-host-podantiaffinity']);
    const single = hardenedWith(o => {
      const d = find(o, 'Deployment', 'api');
      delete d.spec.template.spec.affinity;
      d.spec.replicas = 1;
    });
    expect(ids(check(single))).toEqual(['kube-score/deployment-replicas']);
  });

  test('wants a PodDisruptionBudget whose selector matches the pods', () => {
    const objects = hardenedWith(o => { find(o, 'PodDisruptionBudget', 'api').spec.selector.matchLabels['app.kubernetes.io/instance'] = 'other'; });
    expect(idsFor(check(objects), API)).toEqual(['kube-score/deployment-has-poddisruptionbudget']);
  });

  test('counts only the directions a selecting policy lists in policyTypes', () => {
    // podHasNetworkPolicy: earlier releases read policyTypes only, later ones default Ingress without it
    const noTypes = hardenedWith(o => { for (const np of o.filter(x => x.kind === 'NetworkPolicy')) delete np.spec.policyTypes; });
    expect(check(noTypes).filter(f => f.object === API).map(f => f.message)).toEqual(['[CRITICAL] The pod does not have a matching NetworkPolicy']);
    const ingressOnly = hardenedWith(o => { for (const np of o.filter(x => x.kind === 'NetworkPolicy')) np.spec.policyTypes = ['Ingress']; });
    expect(check(ingressOnly).filter(f => f.object === API).map(f => f.message)).toEqual(['[WARNING] The pod does not have a matching egress NetworkPolicy']);
  });

  test('does not count a podSelector without a matching matchLabels pair', () => {
    // podHasNetworkPolicy: earlier releases match through matchLabels pairs only, so {} covers no pod
    const objects = hardenedWith(o => {
      for (const np of o.filter(x => x.kind === 'NetworkPolicy')) np.spec.podSelector = {};
    });
    expect(check(objects).filter(f => f.object === API).map(f => f.message)).toEqual(['[CRITICAL] The pod does not have a matching NetworkPolicy']);
  });

  test('flags a NetworkPolicy in a namespace without any workload', () => {
    const objects = hardenedWith(o => o.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'empty' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } }));
    expect(ids(check(objects))).toEqual(['kube-score/networkpolicy-targets-pod']);
  });

  test('flags an HPA target combined with a static replica count', () => {
    const objects = hardenedWith(o => o.push({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'payments' },
      spec: { minReplicas: 2, maxReplicas: 4, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } } }));
    expect(ids(check(objects))).toEqual(['kube-score/deployment-targeted-by-hpa-does-not-have-replicas-configured']);
  });

  test('warns on an HPA whose minReplicas is below two, counting an unset one as one', () => {
    // score/hpa/hpa.go hpaHasMultipleReplicas (--min-replicas-hpa 2)
    const hpa = (minReplicas?: number) => hardenedWith(o => {
      delete find(o, 'Deployment', 'api').spec.replicas;
      o.push({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'payments' },
        spec: { ...(minReplicas === undefined ? {} : { minReplicas }), maxReplicas: 4, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } } });
    });
    expect(check(hpa(2))).toEqual([]);
    expect(check(hpa(1)).map(f => `${f.check} ${f.object}`)).toEqual(['kube-score/horizontalpodautoscaler-replicas HorizontalPodAutoscaler/payments/api']);
    expect(ids(check(hpa()))).toEqual(['kube-score/horizontalpodautoscaler-replicas']);
  });

  test('wants a CronJob to restart its pods Never or OnFailure, and a starting deadline', () => {
    // score/cronjob/cronjob.go cronJobHasRestartPolicy and cronJobHasDeadline
    const cronJob = (restartPolicy?: string): Record<string, any>[] => [{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'jobs' },
      spec: { schedule: '0 * * * *', startingDeadlineSeconds: 60, jobTemplate: { spec: { template: { spec: {
        ...(restartPolicy === undefined ? {} : { restartPolicy }), containers: [{ name: 'report', image: 'registry.example.com/report:1.0' }] } } } } } }];
    const cronIds = (objects: Record<string, any>[]) => ids(check(objects)).filter(id => id.startsWith('kube-score/cronjob-'));
    expect(cronIds(cronJob('OnFailure'))).toEqual([]);
    expect(cronIds(cronJob('Never'))).toEqual([]);
    expect(cronIds(cronJob('Always'))).toEqual(['kube-score/cronjob-restartpolicy']);
    expect(check(cronJob()).filter(f => f.check === 'kube-score/cronjob-restartpolicy').map(f => f.message)).toEqual(['[CRITICAL] The CronJob is missing a valid RestartPolicy']);
    const noDeadline = cronJob('Never');
    delete noDeadline[0].spec.startingDeadlineSeconds;
    expect(cronIds(noDeadline)).toEqual(['kube-score/cronjob-has-deadline']);
  });

  test('validates label values on every object, custom resources included', () => {
    const objects = hardenedWith(o => { find(o, 'PeerAuthentication', 'default').metadata.labels = { owner: 'team payments' }; });
    expect(ids(check(objects))).toEqual(['kube-score/label-values']);
  });

  test('flags duplicated environment variable names', () => {
    const objects = hardenedWith(o => { containerOf(o, 'api').env.push({ name: 'LOG_LEVEL', value: 'debug' }); });
    expect(ids(check(objects))).toEqual(['kube-score/environment-variable-key-duplication']);
  });

  test('validates topology spread constraints when present', () => {
    const objects = hardenedWith(o => { find(o, 'Deployment', 'api').spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable = 'Sometimes'; });
    expect(ids(check(objects))).toEqual(['kube-score/pod-topology-spread-constraints']);
  });
});

test('the kube-score/ignore annotation skips the named checks on that object only', () => {
  const np = (name: string, annotations?: Record<string, string>) => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
    metadata: { name, namespace: 'team', ...(annotations ? { annotations } : {}) },
    spec: { podSelector: { matchLabels: { app: 'nothing' } }, policyTypes: ['Ingress'] },
  });
  const findings = check([np('ignored', { 'kube-score/ignore': 'networkpolicy-targets-pod' }), np('flagged')])
    .filter(f => f.check === 'kube-score/networkpolicy-targets-pod');
  expect(findings.map(f => f.object)).toEqual(['NetworkPolicy/team/flagged']);
});
