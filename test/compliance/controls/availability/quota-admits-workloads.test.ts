import { namespaceUsage } from '../../../../src/compliance/controls/availability/private/quota-usage';
import { quotaAdmitsWorkloads } from '../../../../src/compliance/controls/availability/quota-admits-workloads';
import { ManifestIndex } from '../../../../src/compliance/manifest-index';
import { check, deployment, messages, outcome } from '../../helpers';

/** A pod of one container with the given limits (and requests equal to them, as the API server defaults them). */
function pod(limits: Record<string, string> = { cpu: '500m', memory: '256Mi' }, extra: Record<string, unknown> = {}): any {
  return { containers: [{ name: 'app', image: 'x', resources: { limits } }], ...extra };
}

function quota(hard: Record<string, unknown>, spec: Record<string, unknown> = {}, namespace = 'team'): any {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota', namespace }, spec: { hard, ...spec } };
}

function limitRange(item: Record<string, unknown>, name = 'limits'): any {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace: 'team' }, spec: { limits: [{ type: 'Container', ...item }] } };
}

/** A Deployment that rolls out by Recreate, so that no surge pod counts. */
function recreate(name: string, podSpec: any, replicas: number): any {
  const d = deployment(name, podSpec, { replicas });
  d.spec.strategy = { type: 'Recreate' };
  return d;
}

function failures(objects: unknown[]): [string, string | undefined, string | undefined][] {
  return check(quotaAdmitsWorkloads, objects).filter(r => !r.passed).map(r => [r.object.ref, r.path, r.message]);
}

/** The messages of the control's results, failures and passes. */
function messagesOf(objects: unknown[]): (string | undefined)[] {
  return check(quotaAdmitsWorkloads, objects).map(r => r.message);
}

function failedPaths(objects: unknown[]): (string | undefined)[] {
  return check(quotaAdmitsWorkloads, objects).filter(r => !r.passed).map(r => r.path);
}

describe('quota-admits-workloads', () => {
  test('passes a quota that holds the pods of its namespace, and says what it holds', () => {
    const results = check(quotaAdmitsWorkloads, [quota({ 'pods': '4', 'limits.cpu': '2', 'limits.memory': '1Gi' }), recreate('api', pod(), 4)]);
    expect(results.map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['ResourceQuota/team/quota', true, 'holds pods 4 of 4, limits.cpu 2 of 2, limits.memory 1Gi of 1Gi'],
    ]);
  });

  test('fails a quota the pods exceed, at the key, naming each workload, what it needs, and the fix', () => {
    expect(failures([quota({ 'limits.cpu': '2' }), recreate('api', pod(), 3), recreate('worker', pod({ cpu: '1', memory: '1Gi' }), 1)])).toEqual([[
      'ResourceQuota/team/quota', 'spec.hard["limits.cpu"]',
      'limits.cpu: the objects of namespace "team" certainly use 2500m at once, above the 2 this quota holds '
      + '(Deployment/team/api 3 pods × 500m, Deployment/team/worker 1 pod × 1), so the API server refuses what goes beyond it; '
      + 'raise spec.hard["limits.cpu"] to at least 2500m, or lower the replicas or the limits.cpu of those workloads',
    ]]);
  });

  test('does not apply without a quota, and counts only the namespace of the quota', () => {
    expect(outcome(quotaAdmitsWorkloads, [recreate('api', pod(), 30)])).toEqual({});
    expect(outcome(quotaAdmitsWorkloads, [quota({ pods: '1' }, {}, 'other'), recreate('api', pod(), 30)])).toEqual({ 'ResourceQuota/other/quota': 'pass' });
  });

  test('reads the objects of the namespaces with a quota only', () => {
    const index = ManifestIndex.fromObjects([quota({ pods: '1' }, {}, 'other'), recreate('api', pod(), 30), { ...recreate('web', pod(), 2), metadata: { name: 'web', namespace: 'other' } }]);
    expect(namespaceUsage(index, 'team')).toBeUndefined();
    expect(namespaceUsage(index, 'other')?.shares.get('pods')?.map(s => [s.object.ref, s.count])).toEqual([['Deployment/other/web', 2]]);
  });

  test('skips a scoped quota (scopes or scopeSelector): which pods it matches is not checked', () => {
    const pods = recreate('api', pod(), 30);
    expect(outcome(quotaAdmitsWorkloads, [quota({ pods: '1' }, { scopes: ['NotBestEffort'] }), pods])).toEqual({});
    expect(outcome(quotaAdmitsWorkloads, [quota({ pods: '1' }, { scopeSelector: { matchExpressions: [{ operator: 'Exists', scopeName: 'PriorityClass' }] } }), pods])).toEqual({});
  });

  test('counts nothing for DaemonSets, CronJobs and the pods of other APIs', () => {
    const ds = { ...deployment('agent', pod()), kind: 'DaemonSet' };
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'team' }, spec: { schedule: '@daily', jobTemplate: { spec: { parallelism: 50, template: { spec: pod() } } } } };
    const rollout = { ...deployment('canary', pod(), { replicas: 50 }), apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' };
    expect(outcome(quotaAdmitsWorkloads, [quota({ pods: '0' }), ds, cron, rollout])).toEqual({ 'ResourceQuota/team/quota': 'pass' });
  });

  test('counts a bare Pod, but not one that has terminated', () => {
    const bare = (name: string, phase?: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'team' }, spec: pod(), ...phase ? { status: { phase } } : {} });
    expect(failedPaths([quota({ pods: '1' }), bare('a'), bare('b')])).toEqual(['spec.hard["pods"]']);
    expect(failedPaths([quota({ pods: '1' }), bare('a'), bare('b', 'Succeeded')])).toEqual([]);
  });

  test('counts one pod of a running Job (further pods the quota refuses only slow it), none of a suspended, finished or otherwise managed one', () => {
    const job = (spec: Record<string, unknown>, status?: unknown) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'team' }, spec: { ...spec, template: { spec: pod() } }, ...status ? { status } : {} });
    expect(failures([quota({ pods: '0' }), job({ parallelism: 5, completions: 3 })])[0][2]).toMatch(/^pods: the objects of namespace "team" certainly use 1 at once, above the 0 this quota holds \(Job\/team\/j 1 pod\)/);
    expect(failedPaths([quota({ pods: '1' }), job({ parallelism: 5, completions: 10 })])).toEqual([]);
    expect(failedPaths([quota({ pods: '0' }), job({ parallelism: 4, suspend: true })])).toEqual([]);
    expect(failedPaths([quota({ pods: '0' }), job({ parallelism: 0 })])).toEqual([]);
    expect(failedPaths([quota({ pods: '0' }), job({ completions: 10 }, { succeeded: 10 })])).toEqual([]);
    expect(failedPaths([quota({ pods: '0' }), job({ completions: 10 }, { succeeded: 9 })])).toEqual(['spec.hard["pods"]']);
    for (const type of ['Complete', 'Failed', 'FailureTarget', 'SuccessCriteriaMet']) {
      expect(failedPaths([quota({ pods: '0' }), job({ parallelism: 4 }, { conditions: [{ type, status: 'True' }] })])).toEqual([]);
    }
    expect(failedPaths([quota({ pods: '0' }), job({ parallelism: 4 }, { conditions: [{ type: 'Complete', status: 'False' }] })])).toEqual(['spec.hard["pods"]']);
    expect(failedPaths([quota({ pods: '0' }), job({ managedBy: 'kueue.x-k8s.io/multikueue' })])).toEqual([]);
    expect(failedPaths([quota({ pods: '0' }), job({ managedBy: 'kubernetes.io/job-controller' })])).toEqual(['spec.hard["pods"]']);
  });

  test('counts the surge pods of a rollout that may not stop an old pod first: maxSurge (25 % rounded up) when maxUnavailable resolves to 0', () => {
    const d = (replicas: number, strategy?: unknown) => {
      const made = deployment('api', pod(), { replicas });
      if (strategy) made.spec.strategy = strategy;
      return made;
    };
    const rolling = (rollingUpdate: Record<string, unknown>) => ({ type: 'RollingUpdate', rollingUpdate });
    // 10 replicas + ceil(2.5) = 13 when no pod may be unavailable
    expect(failedPaths([quota({ pods: '12' }), d(10, rolling({ maxUnavailable: 0 }))])).toEqual(['spec.hard["pods"]']);
    expect(failedPaths([quota({ pods: '13' }), d(10, rolling({ maxUnavailable: 0 }))])).toEqual([]);
    expect(failedPaths([quota({ pods: '11' }), d(10, rolling({ maxSurge: 2, maxUnavailable: '0%' }))])).toEqual(['spec.hard["pods"]']);
    // by default 25 % may be unavailable (rounded down): 10 replicas may stop 2 old pods first
    expect(failedPaths([quota({ pods: '10' }), d(10)])).toEqual([]);
    // … but 3 replicas none, so the rollout needs its surge pod (ceil(0.75) = 1)
    expect(failedPaths([quota({ pods: '3' }), d(3)])).toEqual(['spec.hard["pods"]']);
    expect(failedPaths([quota({ pods: '4' }), d(3)])).toEqual([]);
    expect(failedPaths([quota({ pods: '10' }), d(10, rolling({ maxSurge: 0, maxUnavailable: 1 }))])).toEqual([]);
    expect(failedPaths([quota({ pods: '10' }), d(10, { type: 'Recreate' })])).toEqual([]);
  });

  test('counts the surge of one rollout only, the largest: rollouts of several Deployments at once are not certain', () => {
    const noUnavailable = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } };
    const a = deployment('a', pod(), { replicas: 4 });
    const b = deployment('b', pod(), { replicas: 8 });
    a.spec.strategy = noUnavailable;
    b.spec.strategy = noUnavailable;
    // 12 pods + the 2 surge pods of b's rollout (a's is 1)
    expect(failures([quota({ pods: '13' }), a, b])[0][2]).toContain('(Deployment/team/b 8 pods, Deployment/team/a 4 pods, 2 surge pods of Deployment/team/b\'s rollout (maxSurge))');
    expect(failedPaths([quota({ pods: '14' }), a, b])).toEqual([]);
  });

  test('a pod that one quota of the namespace refuses is charged to none of them', () => {
    const quotaNamed = (name: string, hard: Record<string, unknown>) => ({ ...quota(hard), metadata: { name, namespace: 'team' } });
    const bare = { name: 'app', image: 'x' };
    expect(failures([quotaNamed('a', { pods: '1' }), quotaNamed('b', { 'limits.cpu': '10' }), recreate('api', { containers: [bare] }, 5)]).map(f => f[0]))
      .toEqual(['Deployment/team/api']);
  });

  test('counts an object declared twice once, as the later declaration', () => {
    expect(failedPaths([quota({ pods: '2' }), recreate('api', pod(), 2), recreate('api', pod(), 2)])).toEqual([]);
    expect(failedPaths([quota({ pods: '2' }), recreate('api', pod(), 1), recreate('api', pod(), 3)])).toEqual(['spec.hard["pods"]']);
  });

  test('refuses no pod a cluster export shows admitted already, nor those of a finished Job', () => {
    const unlimited = { containers: [{ name: 'app', image: 'x' }] };
    const running = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team' }, spec: unlimited, status: { phase: 'Running' } };
    const done = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'team' }, spec: { template: { spec: unlimited } }, status: { conditions: [{ type: 'Complete', status: 'True' }] } };
    expect(failures([quota({ 'limits.cpu': '10' }), running, done])).toEqual([]);
    const pending = { ...running, status: undefined };
    expect(failures([quota({ 'limits.cpu': '10' }), pending]).map(f => f[0])).toEqual(['Pod/team/p']);
  });

  test('counts the minReplicas of a HorizontalPodAutoscaler that scales a workload, not its replicas or maxReplicas', () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'team' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 3, maxReplicas: 50 } };
    expect(failedPaths([quota({ pods: '3' }), recreate('api', pod(), 10), hpa])).toEqual([]);
    expect(failures([quota({ pods: '2' }), recreate('api', pod(), 10), hpa])[0][2]).toContain('Deployment/team/api 3 pods');
  });

  test('counts a LimitRange default (or max) where a container sets no limit, and the default request (or the limit) where it sets no request', () => {
    const bare = { containers: [{ name: 'app', image: 'x' }] };
    expect(failedPaths([quota({ 'limits.cpu': '1', 'requests.cpu': '1' }), recreate('api', bare, 4), limitRange({ default: { cpu: '300m' }, defaultRequest: { cpu: '100m' } })])).toEqual(['spec.hard["limits.cpu"]']);
    expect(failedPaths([quota({ 'limits.cpu': '1' }), recreate('api', bare, 3), limitRange({ max: { cpu: '400m' } })])).toEqual(['spec.hard["limits.cpu"]']);
    expect(failedPaths([quota({ 'requests.cpu': '1' }), recreate('api', bare, 3), limitRange({ default: { cpu: '400m' } })])).toEqual(['spec.hard["requests.cpu"]']);
    // Own limits count before any default, and a request defaults to the container's own limit.
    expect(failedPaths([quota({ 'limits.cpu': '1', 'requests.cpu': '1' }), recreate('api', pod({ cpu: '300m' }), 3), limitRange({ default: { cpu: '2' } })])).toEqual([]);
    // Several LimitRanges: which applies first is not known, so the lowest default counts.
    expect(failedPaths([quota({ 'limits.cpu': '1' }), recreate('api', bare, 3), limitRange({ default: { cpu: '1' } }), limitRange({ default: { cpu: '300m' } }, 'other')])).toEqual([]);
  });

  test('counts a pod as the larger of the sum of its containers and its largest init container', () => {
    const withInit = (init: string) => ({
      initContainers: [{ name: 'migrate', image: 'x', resources: { limits: { cpu: init } } }, { name: 'seed', image: 'x', resources: { limits: { cpu: '100m' } } }],
      containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '200m' } } }, { name: 'b', image: 'x', resources: { limits: { cpu: '200m' } } }],
    });
    expect(failures([quota({ 'limits.cpu': '1' }), recreate('api', withInit('300m'), 3)])[0][2]).toContain('certainly use 1200m at once');
    expect(failures([quota({ 'limits.cpu': '1' }), recreate('api', withInit('2'), 1)])[0][2]).toContain('certainly use 2 at once');
  });

  test('fails, on the workload, a container without a limit the quota tracks and no LimitRange default: its pods are refused outright', () => {
    const bare = recreate('api', { containers: [{ name: 'app', image: 'x', resources: { requests: { cpu: '100m' } } }] }, 2);
    expect(failures([quota({ 'limits.cpu': '8', 'requests.cpu': '8' }), bare])).toEqual([[
      'Deployment/team/api', 'spec.template.spec.containers[0].resources',
      'container "app" sets no limits.cpu, and no LimitRange of namespace "team" gives it a default, but ResourceQuota/team/quota tracks it: '
      + 'the API server refuses every pod of Deployment/team/api; set resources.limits.cpu, or give the namespace a LimitRange with a Container default',
    ]]);
    // Neither amount set: the limit alone gives both, since the request defaults to it.
    expect(failures([quota({ 'limits.cpu': '8', 'requests.cpu': '8' }), recreate('api', { containers: [{ name: 'app', image: 'x' }] }, 2)])[0][2])
      .toContain('sets no limits.cpu, requests.cpu, and no LimitRange of namespace "team" gives them a default, but ResourceQuota/team/quota tracks them: '
        + 'the API server refuses every pod of Deployment/team/api; set resources.limits.cpu (a request defaults to the limit)');
    expect(failures([quota({ 'limits.cpu': '8' }), bare, limitRange({ default: { cpu: '500m' } })])).toEqual([]);
    // A refused workload's pods use nothing: they do not count against the quota.
    expect(failedPaths([quota({ 'limits.cpu': '8', 'pods': '1' }), recreate('big', { containers: [{ name: 'app', image: 'x' }] }, 50)])).toEqual(['spec.template.spec.containers[0].resources']);
    // A DaemonSet's pods are refused too, though none is counted.
    const ds = { ...deployment('agent', { containers: [{ name: 'agent', image: 'x' }] }), kind: 'DaemonSet' };
    expect(failedPaths([quota({ memory: '8Gi' }), ds])).toEqual(['spec.template.spec.containers[0].resources']);
  });

  test('reads every Kubernetes quantity: decimal and binary suffixes, exponents, bare numbers', () => {
    // A pass names what it read: an unread amount would be left out of the message.
    expect(messagesOf([quota({ 'limits.cpu': '1.5' }), recreate('api', pod({ cpu: '500m', memory: '1Mi' }), 3)])).toEqual(['holds limits.cpu 1500m of 1500m']);
    expect(failedPaths([quota({ 'limits.cpu': 1 }), recreate('api', pod({ cpu: '0.5', memory: '1Mi' }), 3)])).toEqual(['spec.hard["limits.cpu"]']);
    expect(messagesOf([quota({ 'limits.memory': '1Gi' }), recreate('api', pod({ cpu: '1m', memory: '512Mi' }), 2)])).toEqual(['holds limits.memory 1Gi of 1Gi']);
    expect(failedPaths([quota({ 'limits.memory': '1G' }), recreate('api', pod({ cpu: '1m', memory: '512Mi' }), 2)])).toEqual(['spec.hard["limits.memory"]']);
    expect(messagesOf([quota({ 'limits.cpu': '15e2' }), recreate('api', pod({ cpu: '5e-1', memory: '1Mi' }), 3)])).toEqual(['holds limits.cpu 1500m of 1500']);
    expect(failures([quota({ 'limits.memory': '1Gi' }), recreate('api', pod({ cpu: '1m', memory: '600Mi' }), 2)])[0][2]).toContain('certainly use 1200Mi at once, above the 1Gi this quota holds (Deployment/team/api 2 pods × 600Mi)');
  });

  test('an amount that is not a quantity is no finding of this control', () => {
    expect(failedPaths([quota({ 'limits.cpu': 'lots' }), recreate('api', pod(), 30)])).toEqual([]);
    expect(failedPaths([quota({ 'limits.cpu': '1' }), recreate('api', pod({ cpu: 'lots', memory: '1Mi' }), 30)])).toEqual([]);
  });

  test('reads cpu and memory in spec.hard as requests.cpu and requests.memory', () => {
    expect(failedPaths([quota({ cpu: '1', memory: '1Gi' }), recreate('api', pod({ cpu: '500m', memory: '1Gi' }), 3)])).toEqual(['spec.hard["cpu"]', 'spec.hard["memory"]']);
  });

  test('counts the Istio proxy\'s annotated limits only where the namespace the set declares injects it', () => {
    const annotated = recreate('api', pod({ cpu: '500m', memory: '256Mi' }), 2);
    annotated.spec.template.metadata.annotations = { 'sidecar.istio.io/proxyCPULimit': '500m' };
    const ns = (labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', labels } });
    expect(failedPaths([quota({ 'limits.cpu': '1' }), annotated, ns({ 'istio-injection': 'enabled' })])).toEqual(['spec.hard["limits.cpu"]']);
    expect(failedPaths([quota({ 'limits.cpu': '1' }), annotated, ns({})])).toEqual([]);
    expect(failedPaths([quota({ 'limits.cpu': '1' }), annotated])).toEqual([]);
    // Without the annotation, the proxy's limit is the mesh's setting, not known: it counts nothing.
    expect(failedPaths([quota({ 'limits.cpu': '1' }), recreate('api', pod(), 2), ns({ 'istio-injection': 'enabled' })])).toEqual([]);
  });

  test('counts a StatefulSet\'s claims per template and replica, and the claims of the set, once each', () => {
    const sts = { ...deployment('db', pod(), { replicas: 3 }), kind: 'StatefulSet' };
    sts.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }];
    const pvc = (name: string, storage = '10Gi') => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'team' }, spec: { resources: { requests: { storage } } } });
    expect(failures([quota({ 'requests.storage': '25Gi' }), sts])[0][2]).toContain('certainly use 30Gi at once, above the 25Gi this quota holds (StatefulSet/team/db 3 claims × 10Gi)');
    expect(failedPaths([quota({ 'requests.storage': '30Gi', 'persistentvolumeclaims': '3' }), sts])).toEqual([]);
    expect(failedPaths([quota({ 'persistentvolumeclaims': '3' }), sts, pvc('scratch')])).toEqual(['spec.hard["persistentvolumeclaims"]']);
    // A cluster export holds the StatefulSet's own claims: each counts once.
    expect(failedPaths([quota({ 'requests.storage': '30Gi', 'persistentvolumeclaims': '3' }), sts, pvc('data-db-0'), pvc('data-db-1')])).toEqual([]);
    // … numbered from spec.ordinals.start
    const fromFive = { ...sts, spec: { ...sts.spec, replicas: 2, ordinals: { start: 5 } } };
    expect(failedPaths([quota({ 'requests.storage': '20Gi', 'persistentvolumeclaims': '2' }), fromFive, pvc('data-db-5'), pvc('data-db-6')])).toEqual([]);
    expect(failedPaths([quota({ 'persistentvolumeclaims': '2' }), fromFive, pvc('data-db-0')])).toEqual(['spec.hard["persistentvolumeclaims"]']);
  });

  test('counts the node ports and load balancers of Services', () => {
    const svc = (type: string, ports: unknown[], extra = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: type.toLowerCase(), namespace: 'team' }, spec: { type, ports, ...extra } });
    const two = [{ port: 80 }, { port: 443 }];
    expect(failedPaths([quota({ 'services.nodeports': '0', 'services.loadbalancers': '0' }), svc('ClusterIP', two)])).toEqual([]);
    expect(failures([quota({ 'services.nodeports': '1' }), svc('NodePort', two)])[0][2]).toContain('(Service/team/nodeport 2 ports)');
    expect(failedPaths([quota({ 'services.nodeports': '2', 'services.loadbalancers': '0' }), svc('LoadBalancer', two)])).toEqual(['spec.hard["services.loadbalancers"]']);
    expect(failedPaths([quota({ 'services.nodeports': '0' }), svc('LoadBalancer', two, { allocateLoadBalancerNodePorts: false })])).toEqual([]);
  });

  test('counts a Deployment once in a cluster export that also holds its ReplicaSet and Pods', () => {
    const d = recreate('api', pod(), 2);
    const rs = { ...deployment('api-5d9f', pod(), { replicas: 2 }), kind: 'ReplicaSet' };
    rs.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', controller: true, uid: 'u' }];
    const p = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'team', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-5d9f', controller: true, uid: 'v' }] }, spec: pod() });
    expect(failedPaths([quota({ pods: '2' }), d, rs, p('api-5d9f-a'), p('api-5d9f-b')])).toEqual([]);
    expect(messages(quotaAdmitsWorkloads, [quota({ pods: '1' }), d, rs, p('api-5d9f-a'), p('api-5d9f-b')])[0]).toContain('(Deployment/team/api 2 pods)');
  });
});
