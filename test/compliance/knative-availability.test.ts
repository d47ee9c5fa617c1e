import { workloadAutoscalerOwnsReplicas } from '../../src/compliance/controls/availability/workload-autoscaler-owns-replicas';
import { workloadDisruptionBudget } from '../../src/compliance/controls/availability/workload-disruption-budget';
import { workloadMinReplicas } from '../../src/compliance/controls/availability/workload-min-replicas';
import { workloadTopologySpread } from '../../src/compliance/controls/availability/workload-topology-spread';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { check, run } from './helpers';

const IMAGE = `ghcr.io/knative/helloworld-go@sha256:${'0'.repeat(64)}`;
const LABELS = { 'app.kubernetes.io/name': 'hello' };
/** The labels Knative puts on a Revision's Deployment and its pods, beside the template's. */
const REVISION_LABELS = { ...LABELS, 'serving.knative.dev/service': 'hello', 'serving.knative.dev/configuration': 'hello', 'serving.knative.dev/revision': 'hello-00001' };
const SPREAD = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'serving.knative.dev/service': 'hello' } } }];
const MIN_SCALE_3 = { 'autoscaling.knative.dev/min-scale': '3' };

/** A Knative Service whose template carries `annotations`, and `spec` beside its one container. */
function service(annotations: Record<string, string> = MIN_SCALE_3, spec: object = { topologySpreadConstraints: SPREAD }): any {
  return {
    apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello', namespace: 'apps' },
    spec: { template: { metadata: { labels: LABELS, annotations }, spec: { containers: [{ image: IMAGE }], ...spec } } },
  };
}

interface RevisionDeployment {
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly spec?: object;
  /** The controller's ownerReference; `null` for none. */
  readonly controller?: { apiVersion: string; kind: string; name: string } | null;
}

/** The Deployment Knative makes for the Service's first revision, at the 1 replica its autoscaler last set. */
function revisionDeployment(o: RevisionDeployment = {}): any {
  const labels = o.labels ?? REVISION_LABELS;
  const controller = o.controller === undefined ? { apiVersion: 'serving.knative.dev/v1', kind: 'Revision', name: 'hello-00001' } : o.controller;
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'hello-00001-deployment', namespace: 'apps', labels, ...(controller ? { ownerReferences: [{ ...controller, uid: 'u', controller: true }] } : {}) },
    spec: {
      replicas: 1, selector: { matchLabels: { 'serving.knative.dev/revision': 'hello-00001' } },
      template: {
        metadata: { labels, annotations: o.annotations ?? MIN_SCALE_3 },
        spec: { containers: [{ name: 'user-container', image: IMAGE }, { name: 'queue-proxy', image: IMAGE }], ...(o.spec ?? { topologySpreadConstraints: SPREAD }) },
      },
    },
  };
}

/** A PodDisruptionBudget of the Service's pods. */
const PDB = {
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'hello', namespace: 'apps' },
  spec: { maxUnavailable: 1, selector: { matchLabels: { 'serving.knative.dev/service': 'hello' } } },
};

/** The HorizontalPodAutoscaler Knative makes for a revision of the hpa.autoscaling.knative.dev class, as a cluster export shows it. */
const KNATIVE_HPA = {
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'hello-00001', namespace: 'apps', ownerReferences: [{ apiVersion: 'autoscaling.internal.knative.dev/v1alpha1', kind: 'PodAutoscaler', name: 'hello-00001', uid: 'u', controller: true }] },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello-00001-deployment' }, minReplicas: 3, maxReplicas: 10 },
};

const AVAILABILITY = [workloadMinReplicas, workloadDisruptionBudget, workloadTopologySpread, workloadAutoscalerOwnsReplicas];

/** Each availability control's results, as `control object passed: message`. */
function results(objects: unknown[]): string[] {
  return AVAILABILITY.flatMap(c => check(c, objects).map(r => `${c.id} ${r.object.ref} ${r.passed ? 'passed' : 'failed'}: ${r.message}`));
}

describe('the availability controls on a Knative Service', () => {
  test('hold it to the autoscaling.knative.dev/min-scale of its template, its disruption budget and its spread', () => {
    expect(results([service(), PDB])).toEqual([
      'workload-min-replicas Service/apps/hello passed: 3 replicas (spec.template annotation autoscaling.knative.dev/min-scale "3")',
      'workload-disruption-budget Service/apps/hello passed: PodDisruptionBudget/apps/hello allows 1 of 3 replicas to be evicted at once',
      'workload-topology-spread Service/apps/hello passed: spread by topologySpreadConstraints over topology.kubernetes.io/zone (best effort: ScheduleAnyway)',
    ]);
  });

  test('fail one without min-scale, which Knative\'s pod autoscaler scales to zero, at the annotation; while it runs, its budget is judged at 1 replica', () => {
    const r = check(workloadMinReplicas, [service({})]);
    expect(r.map(x => [x.passed, x.message, x.path])).toEqual([[false,
      'runs 0 replicas (spec.template sets no autoscaling.knative.dev/min-scale annotation: Knative\'s pod autoscaler (KPA) scales a revision without traffic to zero '
      + '(the cluster\'s config-autoscaler, whose min-scale applies then, is not in the manifests)); at least 2 are required',
      'spec.template.metadata.annotations["autoscaling.knative.dev/min-scale"]']]);
    expect(check(workloadDisruptionBudget, [service({}), PDB]).map(x => x.message)).toEqual(['PodDisruptionBudget/apps/hello allows 1 of 1 replicas to be evicted at once']);
    expect(check(workloadDisruptionBudget, [service({})]).map(x => [x.passed, x.message])).toEqual([[false, 'no PodDisruptionBudget selects its pods']]);
    expect(check(workloadTopologySpread, [service({}, {})]).map(x => [x.passed, x.path])).toEqual([[false, 'spec.template.spec']]);
  });

  test('read the older minScale spelling, the lower of both when both are set, and refuse a count Knative\'s webhook refuses', () => {
    const messages = (annotations: Record<string, string>, minReplicas = 2) =>
      check(workloadMinReplicas, [service(annotations)], { minReplicas }).map(x => [x.passed, x.message, x.path]);
    expect(messages({ 'autoscaling.knative.dev/minScale': '2' })).toEqual([[true, '2 replicas (spec.template annotation autoscaling.knative.dev/minScale "2")', undefined]]);
    expect(messages({ 'autoscaling.knative.dev/min-scale': '4', 'autoscaling.knative.dev/minScale': '1' })).toEqual([[false,
      'runs 1 replica (spec.template annotation autoscaling.knative.dev/minScale "1"); at least 2 are required', 'spec.template.metadata.annotations["autoscaling.knative.dev/minScale"]']]);
    expect(messages({ 'autoscaling.knative.dev/min-scale': '+2' })[0][0]).toBe(true);
    for (const bad of ['-1', 'two', '2.0', '2147483648']) {
      expect(messages({ 'autoscaling.knative.dev/min-scale': bad })).toEqual([[false,
        `annotation autoscaling.knative.dev/min-scale ${JSON.stringify(bad)} of spec.template is not a replica count (a non-negative base-10 integer), which Knative's webhook refuses`,
        'spec.template.metadata.annotations["autoscaling.knative.dev/min-scale"]']]);
    }
  });

  test('count at least 1 under the hpa.autoscaling.knative.dev class, and 0 under a class of another autoscaler', () => {
    const hpa = { 'autoscaling.knative.dev/class': 'hpa.autoscaling.knative.dev' };
    expect(check(workloadMinReplicas, [service(hpa)], { minReplicas: 1 }).map(x => [x.passed, x.message])).toEqual([[true,
      '1 replicas (spec.template sets no autoscaling.knative.dev/min-scale annotation, and the HorizontalPodAutoscaler Knative makes for class hpa.autoscaling.knative.dev keeps at least 1)']]);
    expect(check(workloadMinReplicas, [service({ ...hpa, 'autoscaling.knative.dev/min-scale': '2' })]).map(x => x.passed)).toEqual([true]);
    expect(check(workloadMinReplicas, [service({ 'autoscaling.knative.dev/class': 'keda.autoscaling.knative.dev' })], { minReplicas: 1 }).map(x => x.message)).toEqual([
      'runs 0 replicas (spec.template sets no autoscaling.knative.dev/min-scale annotation, and the autoscaler of class "keda.autoscaling.knative.dev" '
      + 'is taken to scale a revision without traffic to zero); at least 1 are required']);
  });

  test('leave out workload-autoscaler-owns-replicas: a Knative Service holds no replica count', () => {
    expect(check(workloadAutoscalerOwnsReplicas, [service()])).toEqual([]);
  });
});

describe('a Knative Revision\'s Deployment in a cluster export (kubectl get ksvc,deploy,hpa)', () => {
  test('is left to its Service: the availability controls judge the Service and not the Deployment', () => {
    expect(results([service(), revisionDeployment(), PDB, KNATIVE_HPA])).toEqual([
      'workload-min-replicas Service/apps/hello passed: 3 replicas (spec.template annotation autoscaling.knative.dev/min-scale "3")',
      'workload-disruption-budget Service/apps/hello passed: PodDisruptionBudget/apps/hello allows 1 of 3 replicas to be evicted at once',
      'workload-topology-spread Service/apps/hello passed: spread by topologySpreadConstraints over topology.kubernetes.io/zone (best effort: ScheduleAnyway)',
    ]);
  });

  test('reports the Service\'s failure once, on the Service, whose annotation is the fix', () => {
    const findings = run([service({}, {}), revisionDeployment({ annotations: {}, spec: {} }), KNATIVE_HPA]).findings
      .filter(f => AVAILABILITY.some(c => c.id === f.controlId)).map(f => `${f.controlId} ${f.object.ref}`);
    expect(findings).toEqual([
      'workload-min-replicas Service/apps/hello',
      'workload-disruption-budget Service/apps/hello',
      'workload-topology-spread Service/apps/hello',
    ]);
  });

  test('is judged as its own when the index does not confirm it as the Revision\'s copy of a Service of the export', () => {
    const own = 'workload-min-replicas Deployment/apps/hello-00001-deployment failed: runs 1 replica (spec.replicas); at least 2 are required';
    const without = (key: string) => Object.fromEntries(Object.entries(REVISION_LABELS).filter(([k]) => k !== key));
    for (const deployment of [
      // No controller, or one that is not a Revision: the Service itself, or a Deployment's.
      revisionDeployment({ controller: null }),
      revisionDeployment({ controller: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello' } }),
      revisionDeployment({ controller: { apiVersion: 'example.com/v1', kind: 'Revision', name: 'hello-00001' } }),
      // Labels naming a Service the export does not hold, or another Revision than its controller, or none.
      revisionDeployment({ labels: { ...REVISION_LABELS, 'serving.knative.dev/service': 'other' } }),
      revisionDeployment({ controller: { apiVersion: 'serving.knative.dev/v1', kind: 'Revision', name: 'hello-00002' } }),
      revisionDeployment({ labels: without('serving.knative.dev/revision') }),
    ]) {
      const objects = [service(), deployment, PDB];
      expect(results(objects)).toContain(own);
      const index = ManifestIndex.fromObjects(objects);
      expect(index.revisionServiceOf(index.objects[1])).toBe(undefined);
    }
    // The Service's labels missing from its template: a PodDisruptionBudget of the Service's pods does not select it.
    expect(results([service(), revisionDeployment({ labels: without('serving.knative.dev/service') }), PDB]))
      .toContain('workload-disruption-budget Deployment/apps/hello-00001-deployment failed: no PodDisruptionBudget selects its pods');
  });

  test('whose template differs from the Service\'s in its autoscaling annotations, spread or labels is judged as its own', () => {
    for (const deployment of [
      revisionDeployment({ annotations: { 'autoscaling.knative.dev/min-scale': '1' } }),
      revisionDeployment({ annotations: { ...MIN_SCALE_3, 'autoscaling.knative.dev/class': 'hpa.autoscaling.knative.dev' } }),
      revisionDeployment({ spec: {} }),
      revisionDeployment({ spec: { topologySpreadConstraints: SPREAD, affinity: { nodeAffinity: {} } } }),
      revisionDeployment({ labels: { ...REVISION_LABELS, 'app.kubernetes.io/name': 'other' } }),
    ]) {
      const objects = [service(), deployment, PDB];
      const index = ManifestIndex.fromObjects(objects);
      expect(index.revisionServiceOf(index.objects[1])?.ref).toBe('Service/apps/hello');
      expect(results(objects)).toContain('workload-min-replicas Deployment/apps/hello-00001-deployment failed: runs 1 replica (spec.replicas); at least 2 are required');
    }
    // What Knative writes otherwise (empty lists, annotations of other groups, labels of its own) is no difference.
    const alike = revisionDeployment({
      annotations: { ...MIN_SCALE_3, 'serving.knative.dev/creator': 'someone' }, spec: { topologySpreadConstraints: SPREAD, tolerations: [], affinity: {} },
      labels: { ...REVISION_LABELS, 'serving.knative.dev/revisionUID': 'u' },
    });
    expect(results([service(), alike, PDB]).filter(r => r.includes('Deployment/'))).toEqual([]);
  });

  test('is judged as its own when anything beside the Service decides its count or its budget', () => {
    const own = (objects: unknown[]) => results([service(), revisionDeployment(), PDB, ...objects]).filter(r => r.includes('Deployment/'));
    const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello-00001-deployment' };
    // A KEDA ScaledObject of its own, which scales it to zero while the Service's min-scale says 3.
    const scaledObject = {
      apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'hello', namespace: 'apps' },
      spec: { scaleTargetRef: target, minReplicaCount: 0, maxReplicaCount: 5, triggers: [{ type: 'cpu', metadata: { value: '50' } }] },
    };
    expect(own([scaledObject])).toContain('workload-min-replicas Deployment/apps/hello-00001-deployment failed: '
      + 'runs 0 replicas (ScaledObject/apps/hello minReplicaCount 0: KEDA scales the workload to zero while its triggers are inactive); at least 2 are required');
    // A HorizontalPodAutoscaler that Knative did not make, or one it made for another template (below min-scale).
    const hpa = { ...KNATIVE_HPA, metadata: { name: 'mine', namespace: 'apps' }, spec: { ...KNATIVE_HPA.spec, minReplicas: 1 } };
    expect(own([hpa])).toContain('workload-min-replicas Deployment/apps/hello-00001-deployment failed: runs 1 replica (HorizontalPodAutoscaler/apps/mine minReplicas); at least 2 are required');
    const stale = { ...KNATIVE_HPA, spec: { ...KNATIVE_HPA.spec, minReplicas: 1 } };
    expect(own([stale])).toContain('workload-min-replicas Deployment/apps/hello-00001-deployment failed: '
      + 'runs 1 replica (HorizontalPodAutoscaler/apps/hello-00001 minReplicas); at least 2 are required');
    // An Argo Rollout that runs its pods through spec.workloadRef, at its own count.
    const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'hello', namespace: 'apps' }, spec: { replicas: 1, workloadRef: target } };
    expect(own([rollout])).toContain('workload-min-replicas Deployment/apps/hello-00001-deployment failed: '
      + 'runs 1 replica (Rollout/apps/hello, which runs its pods through spec.workloadRef: spec.replicas); at least 2 are required');
    // A PodDisruptionBudget that selects its pods by a label the Service's lack: two budgets block evictions.
    const revisionPdb = { ...PDB, metadata: { name: 'revision', namespace: 'apps' }, spec: { maxUnavailable: 1, selector: { matchLabels: { 'serving.knative.dev/revision': 'hello-00001' } } } };
    expect(own([revisionPdb])).toContain('workload-disruption-budget Deployment/apps/hello-00001-deployment failed: '
      + '2 PodDisruptionBudgets select its pods (PodDisruptionBudget/apps/hello, PodDisruptionBudget/apps/revision); the eviction API refuses to evict a pod covered by more than one');
    // Knative's own HorizontalPodAutoscaler, or KEDA ScaledObject, at the Service's min-scale decides nothing else.
    expect(own([KNATIVE_HPA])).toEqual([]);
    const knativeScaledObject = { ...scaledObject, metadata: { ...scaledObject.metadata, ownerReferences: KNATIVE_HPA.metadata.ownerReferences }, spec: { ...scaledObject.spec, minReplicaCount: 3 } };
    expect(own([knativeScaledObject])).toEqual([]);
  });

  test('is judged as its own when its spread does not select its own pods, which carry labels the Service\'s lack', () => {
    // Equal constraints, but one that selects pods without the Revision's label selects none of the Revision's pods.
    const spread = [{ ...SPREAD[0], labelSelector: { matchExpressions: [{ key: 'serving.knative.dev/revision', operator: 'DoesNotExist' }] } }];
    const objects = [service(MIN_SCALE_3, { topologySpreadConstraints: spread }), revisionDeployment({ spec: { topologySpreadConstraints: spread } }), PDB];
    expect(results(objects).filter(r => r.includes('workload-topology-spread'))).toEqual([
      'workload-topology-spread Service/apps/hello passed: spread by topologySpreadConstraints over topology.kubernetes.io/zone (best effort: ScheduleAnyway)',
      'workload-topology-spread Deployment/apps/hello-00001-deployment failed: no topologySpreadConstraint\'s labelSelector selects the pod\'s own labels',
    ]);
  });

  test('a Deployment of its own beside a Knative Service is judged as before', () => {
    const own = { ...revisionDeployment({ controller: null, labels: LABELS }), metadata: { name: 'web', namespace: 'apps', labels: LABELS } };
    expect(results([service(), own]).filter(r => r.includes('Deployment/'))).toContain(
      'workload-min-replicas Deployment/apps/web failed: runs 1 replica (spec.replicas); at least 2 are required');
  });

  test('without a Knative Service in the set, no Deployment is looked up as a Revision\'s', () => {
    const spy = jest.spyOn(ManifestIndex.prototype, 'revisionServiceOf');
    try {
      const results0 = results([revisionDeployment(), PDB]);
      expect(results0).toContain('workload-min-replicas Deployment/apps/hello-00001-deployment failed: runs 1 replica (spec.replicas); at least 2 are required');
      expect(spy).not.toHaveBeenCalled();
      results([service(), revisionDeployment()]);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
