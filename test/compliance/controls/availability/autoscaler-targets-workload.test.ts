import { autoscalerTargetsWorkload } from '../../../../src/compliance/controls/availability/autoscaler-targets-workload';
import { check, deployment, outcome } from '../../helpers';
import { scaledObject } from './fixtures';

const POD = { containers: [{ name: 'c', image: 'x' }] };
const hpa = (scaleTargetRef: unknown, namespace = 'team') => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace },
  spec: { scaleTargetRef, minReplicas: 2, maxReplicas: 5 },
});
const REF = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' };
const API_LABELS = { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api' };

describe('autoscaler-targets-workload', () => {
  test('passes an autoscaler whose target is declared in its namespace, naming it', () => {
    const results = check(autoscalerTargetsWorkload, [deployment('api', POD), hpa(REF)]);
    expect(results.map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['HorizontalPodAutoscaler/team/h', true, 'scales Deployment/team/api'],
    ]);
  });

  test('fails an autoscaler whose target a KEDA ScaledObject also scales: refused by KEDA\'s webhook at best, a fight over the replica count otherwise', () => {
    const so = scaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 3 });
    const results = check(autoscalerTargetsWorkload, [deployment('api', POD), hpa(REF), so]);
    expect(results.map(r => [r.passed, r.message])).toEqual([[false,
      'ScaledObject/team/api also scales Deployment/team/api: KEDA\'s admission webhook refuses such a ScaledObject when it runs and the HorizontalPodAutoscaler came first; otherwise both scale the workload and fight over its replica count']]);
  });

  test('takes the autoscaler KEDA makes for a ScaledObject (controlled by it, as a cluster export shows) for the ScaledObject itself', () => {
    const kedaHpa = { ...hpa(REF), metadata: { name: 'keda-hpa-api', namespace: 'team', ownerReferences: [{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: 'api', controller: true }] } };
    const so = scaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 2 });
    expect(check(autoscalerTargetsWorkload, [deployment('api', POD), kedaHpa, so])).toEqual([]);
  });

  test('passes autoscaling/v1 autoscalers and custom scalable kinds alike', () => {
    const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web', namespace: 'team' }, spec: {} };
    const v1 = { ...hpa({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'web' }), apiVersion: 'autoscaling/v1' };
    expect(outcome(autoscalerTargetsWorkload, [rollout, v1])).toEqual({ 'HorizontalPodAutoscaler/team/h': 'pass' });
  });

  test('fails a target that is missing, in another namespace, or of another API group, at spec.scaleTargetRef', () => {
    const results = check(autoscalerTargetsWorkload, [
      deployment('api', POD, { namespace: 'other' }), hpa(REF),
      deployment('web', POD), hpa({ apiVersion: 'extensions/v1beta1', kind: 'Deployment', name: 'web' }, 'team'),
    ]);
    expect(results.map(r => [r.passed, r.message, r.path])).toEqual([
      [false, 'spec.scaleTargetRef names Deployment "api" of API group "apps", which is not in namespace "team" of the manifest set', 'spec.scaleTargetRef'],
      [false, 'spec.scaleTargetRef names Deployment "web" of API group "extensions", which is not in namespace "team" of the manifest set', 'spec.scaleTargetRef'],
    ]);
  });

  test('finds the target of the named API group when another group has a kind of the same name, in any input order', () => {
    const lookalike = { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'team' }, spec: {} };
    for (const objects of [[lookalike, deployment('api', POD), hpa(REF)], [deployment('api', POD), lookalike, hpa(REF)]]) {
      expect(check(autoscalerTargetsWorkload, objects).map(r => [r.passed, r.message])).toEqual([[true, 'scales Deployment/team/api']]);
    }
  });

  test('fails a built-in kind without a scale subresource, at spec.scaleTargetRef.kind', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api', namespace: 'team' }, data: {} };
    const results = check(autoscalerTargetsWorkload, [cm, hpa({ apiVersion: 'v1', kind: 'ConfigMap', name: 'api' }), hpa({ apiVersion: 'batch/v1', kind: 'Job', name: 'x' })]);
    expect(results.map(r => [r.passed, r.message, r.path])).toEqual([
      [false, 'spec.scaleTargetRef names ConfigMap of the core API group, which has no scale subresource', 'spec.scaleTargetRef.kind'],
      [false, 'spec.scaleTargetRef names Job of API group "batch", which has no scale subresource', 'spec.scaleTargetRef.kind'],
    ]);
  });

  test('fails every autoscaler of a workload that several scale: none scales it on metrics', () => {
    const second = { ...hpa(REF), metadata: { name: 'h2', namespace: 'team' } };
    const results = check(autoscalerTargetsWorkload, [deployment('api', POD), hpa(REF), second]);
    expect(results.map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['HorizontalPodAutoscaler/team/h', false, 'HorizontalPodAutoscaler/team/h2 also scales pods that Deployment/team/api selects: the autoscaler controller then scales them on metrics through none of the autoscalers (AmbiguousSelector)'],
      ['HorizontalPodAutoscaler/team/h2', false, 'HorizontalPodAutoscaler/team/h also scales pods that Deployment/team/api selects: the autoscaler controller then scales them on metrics through none of the autoscalers (AmbiguousSelector)'],
    ]);
  });

  test('fails a reference without a kind or a name, and a reference that is not a mapping', () => {
    const results = check(autoscalerTargetsWorkload, [deployment('api', POD), hpa({ apiVersion: 'apps/v1', kind: 'Deployment' }), hpa('api'), hpa(undefined)]);
    expect(results.map(r => [r.passed, r.message])).toEqual(Array(3).fill([false, 'spec.scaleTargetRef does not name a kind and a name']));
  });

  test('fails autoscalers of two workloads whose selectors select the same pods, and passes those of disjoint ones', () => {
    const wide = deployment('wide', POD);
    wide.spec.selector = { matchLabels: { tier: 'web' } };
    wide.spec.template.metadata.labels = { ...wide.spec.template.metadata.labels, tier: 'web' };
    const narrow = deployment('narrow', POD);
    narrow.spec.template.metadata.labels = { ...narrow.spec.template.metadata.labels, tier: 'web' };
    const apart = deployment('apart', POD);
    const named = (name: string) => ({ ...hpa({ apiVersion: 'apps/v1', kind: 'Deployment', name }), metadata: { name: `${name}-hpa`, namespace: 'team' } });
    const results = check(autoscalerTargetsWorkload, [wide, narrow, apart, named('wide'), named('narrow'), named('apart')]);
    expect(results.map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['HorizontalPodAutoscaler/team/wide-hpa', false, 'HorizontalPodAutoscaler/team/narrow-hpa also scales pods that Deployment/team/wide selects: the autoscaler controller then scales them on metrics through none of the autoscalers (AmbiguousSelector)'],
      ['HorizontalPodAutoscaler/team/narrow-hpa', false, 'HorizontalPodAutoscaler/team/wide-hpa also scales pods that Deployment/team/narrow selects: the autoscaler controller then scales them on metrics through none of the autoscalers (AmbiguousSelector)'],
      ['HorizontalPodAutoscaler/team/apart-hpa', true, 'scales Deployment/team/apart'],
    ]);
  });

  test('counts only the selectors the autoscaler controller registers: a ReplicationController\'s label map, no unscalable, idle or refused target', () => {
    const named = (name: string, kind = 'Deployment', apiVersion = 'apps/v1') => ({ ...hpa({ apiVersion, kind, name }), metadata: { name: `${name}-hpa`, namespace: 'team' } });
    const rc = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'legacy', namespace: 'team' },
      spec: { replicas: 2, selector: { app: 'legacy' }, template: { metadata: { labels: { app: 'legacy' } }, spec: POD } } };
    const daemons = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'team' },
      spec: { selector: { matchLabels: API_LABELS }, template: { metadata: { labels: API_LABELS }, spec: POD } } };
    const idle = deployment('idle', POD, { replicas: 0, labels: API_LABELS });
    const everything = deployment('everything', POD);
    everything.spec.selector = {};
    const objects = [deployment('api', POD), named('api'), rc, named('legacy', 'ReplicationController', 'v1'), daemons, named('agent', 'DaemonSet'),
      idle, named('idle'), everything, named('everything')];
    const verdicts = Object.fromEntries(check(autoscalerTargetsWorkload, objects).map(r => [r.object.name, r.passed]));
    expect(verdicts).toEqual({ 'api-hpa': true, 'legacy-hpa': true, 'agent-hpa': false, 'idle-hpa': true, 'everything-hpa': true });
  });

  test('names at most three other autoscalers, however many share the pods', () => {
    const objects: any[] = [deployment('api', POD)];
    for (let i = 0; i < 50; i++) objects.push({ ...hpa(REF), metadata: { name: `h${i}`, namespace: 'team' } });
    const results = check(autoscalerTargetsWorkload, objects);
    expect(results).toHaveLength(50);
    expect(results[0].message).toBe('HorizontalPodAutoscaler/team/h1, HorizontalPodAutoscaler/team/h2, HorizontalPodAutoscaler/team/h3 and others also scale pods that Deployment/team/api selects: '
      + 'the autoscaler controller then scales them on metrics through none of the autoscalers (AmbiguousSelector)');
  });

  test('fails bounds the API server refuses, at the refused bound; a refused autoscaler is no second one', () => {
    const inverted = { ...hpa(REF), metadata: { name: 'refused', namespace: 'team' }, spec: { scaleTargetRef: REF, minReplicas: 4, maxReplicas: 2 } };
    const zero = { ...hpa(REF), metadata: { name: 'zero', namespace: 'team' }, spec: { scaleTargetRef: REF, minReplicas: 0, maxReplicas: 5 } };
    expect(check(autoscalerTargetsWorkload, [deployment('api', POD), inverted, zero, hpa(REF)]).map(r => [r.object.ref, r.passed, r.message, r.path])).toEqual([
      ['HorizontalPodAutoscaler/team/refused', false, 'minReplicas 4 and maxReplicas 2 are not bounds the API server accepts (minReplicas at least 1, maxReplicas at least minReplicas), so the autoscaler is refused', 'spec.maxReplicas'],
      ['HorizontalPodAutoscaler/team/zero', false, 'minReplicas 0 and maxReplicas 5 are not bounds the API server accepts (minReplicas at least 1, maxReplicas at least minReplicas), so the autoscaler is refused', 'spec.minReplicas'],
      ['HorizontalPodAutoscaler/team/h', true, 'scales Deployment/team/api', undefined],
    ]);
  });

  test('a custom resource of a *.k8s.io group served by a CRD may be scaled; a built-in one without a scale subresource may not', () => {
    const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Scaled', metadata: { name: 'x', namespace: 'team' }, spec: {} };
    expect(outcome(autoscalerTargetsWorkload, [route, hpa({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Scaled', name: 'x' })])).toEqual({ 'HorizontalPodAutoscaler/team/h': 'pass' });
    const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'x', namespace: 'team' }, spec: {} };
    expect(check(autoscalerTargetsWorkload, [ingress, hpa({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'x' })]).map(r => [r.passed, r.path]))
      .toEqual([[false, 'spec.scaleTargetRef.kind']]);
  });

  test('evaluates only autoscalers of the autoscaling API group', () => {
    const foreign = { ...hpa({ kind: 'Deployment', name: 'missing' }), apiVersion: 'example.com/v1' };
    expect(check(autoscalerTargetsWorkload, [foreign])).toEqual([]);
  });
});
