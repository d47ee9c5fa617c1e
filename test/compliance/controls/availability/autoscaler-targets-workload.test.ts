import { autoscalerTargetsWorkload } from '../../../../src/compliance/controls/availability/autoscaler-targets-workload';
import { check, deployment, outcome } from '../../helpers';
import { annotatedScaledObject, scaledObject } from './fixtures';

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
    expect(results.map(r => [r.object.ref, r.passed, r.message, r.path])).toEqual([
      ['HorizontalPodAutoscaler/team/h', false, 'ScaledObject/team/api also scales Deployment/team/api: KEDA\'s admission webhook, when it runs, refuses a ScaledObject for a workload that another autoscaler already scales; otherwise they fight over its replica count', 'spec.scaleTargetRef'],
      ['ScaledObject/team/api', false, 'HorizontalPodAutoscaler/team/h also scales Deployment/team/api: KEDA\'s admission webhook, when it runs, refuses a ScaledObject for a workload that another autoscaler already scales; otherwise they fight over its replica count', 'spec.scaleTargetRef'],
    ]);
  });

  test('takes the autoscaler KEDA makes for a ScaledObject (controlled by it, as a cluster export shows) for the ScaledObject itself', () => {
    const kedaHpa = { ...hpa(REF), metadata: { name: 'keda-hpa-api', namespace: 'team', ownerReferences: [{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: 'api', controller: true }] } };
    const so = scaledObject('api', { scaleTargetRef: { name: 'api' }, minReplicaCount: 2 });
    expect(check(autoscalerTargetsWorkload, [deployment('api', POD), kedaHpa, so]).map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['ScaledObject/team/api', true, 'scales Deployment/team/api'],
    ]);
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

  describe('KEDA ScaledObjects', () => {
    const TARGET = { scaleTargetRef: { name: 'api' } };
    const named = (name: string, spec: any) => scaledObject(name, { ...TARGET, ...spec });
    const verdicts = (objects: unknown[]) => check(autoscalerTargetsWorkload, objects).map(r => [r.object.ref, r.passed, r.message, r.path]);

    test('passes a ScaledObject whose target is declared, as KEDA defaults its kind and apiVersion (apps/v1 Deployment), and one naming them', () => {
      const statefulSet = { ...deployment('db', POD), kind: 'StatefulSet' };
      expect(verdicts([deployment('api', POD), statefulSet, named('api', { minReplicaCount: 2, maxReplicaCount: 10 }),
        scaledObject('db', { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' }, idleReplicaCount: 0, minReplicaCount: 1 })])).toEqual([
        ['ScaledObject/team/api', true, 'scales Deployment/team/api', undefined],
        ['ScaledObject/team/db', true, 'scales StatefulSet/team/db', undefined],
      ]);
    });

    test('fails counts KEDA refuses at the refused count, naming the value and the fix', () => {
      const fix = ': KEDA refuses the ScaledObject (its admission webhook, else its controller) and scales nothing; '
        + 'give it non-negative integer counts with idleReplicaCount below minReplicaCount and minReplicaCount at most maxReplicaCount (default 100)';
      const cases: [string, any, string, string][] = [
        ['inverted', { minReplicaCount: 5, maxReplicaCount: 2 }, 'minReplicaCount 5 is above maxReplicaCount 2', 'spec.minReplicaCount'],
        ['above-default', { minReplicaCount: 101 }, 'minReplicaCount 101 is above maxReplicaCount 100 (its default)', 'spec.minReplicaCount'],
        ['zero-max', { minReplicaCount: 0, maxReplicaCount: 0 }, 'minReplicaCount 0 (which KEDA reads as 1) is above maxReplicaCount 0', 'spec.minReplicaCount'],
        ['idle-at-min', { minReplicaCount: 2, idleReplicaCount: 2 }, 'idleReplicaCount 2 is not below minReplicaCount 2', 'spec.idleReplicaCount'],
        ['idle-alone', { idleReplicaCount: 0 }, 'idleReplicaCount 0 is set without a minReplicaCount above it', 'spec.idleReplicaCount'],
        ['text', { minReplicaCount: '2' }, 'minReplicaCount "2" is not a replica count (a non-negative integer)', 'spec.minReplicaCount'],
        ['fraction', { maxReplicaCount: 2.5 }, 'maxReplicaCount 2.5 is not a replica count (a non-negative integer)', 'spec.maxReplicaCount'],
        ['negative', { idleReplicaCount: -1, minReplicaCount: 2 }, 'idleReplicaCount -1 is not a replica count (a non-negative integer)', 'spec.idleReplicaCount'],
      ];
      const objects = [deployment('api', POD), ...cases.map(([name, spec]) => named(name, spec))];
      expect(verdicts(objects)).toEqual(cases.map(([name, , problem, path]) => [`ScaledObject/team/${name}`, false, problem + fix, path]));
    });

    test('fails an autoscaling.keda.sh/paused-replicas that KEDA does not read as a count, at the annotation, whatever autoscaling.keda.sh/paused says', () => {
      const values = ['two', '1.5', ' 3', '-1', '', '0x3', '2147483648'];
      const objects = [deployment('api', POD), ...values.map((v, i) => annotatedScaledObject(`so${i}`, { ...TARGET, minReplicaCount: 2 }, {
        'autoscaling.keda.sh/paused-replicas': v, 'autoscaling.keda.sh/paused': 'true',
      }))];
      expect(verdicts(objects)).toEqual(values.map((v, i) => [`ScaledObject/team/so${i}`, false,
        `annotation autoscaling.keda.sh/paused-replicas ${JSON.stringify(v)} is not a replica count KEDA reads (a non-negative base-10 integer), `
        + 'so KEDA makes no HorizontalPodAutoscaler for the ScaledObject and neither holds nor scales the workload; '
        + 'set it to the count to hold the workload at, or remove it to resume autoscaling',
        'metadata.annotations["autoscaling.keda.sh/paused-replicas"]']));
    });

    test('passes a paused ScaledObject, saying how it is paused', () => {
      const held = (value: string, name = 'api') => annotatedScaledObject(name, { scaleTargetRef: { name } }, { 'autoscaling.keda.sh/paused-replicas': value });
      const stopped = annotatedScaledObject('web', { scaleTargetRef: { name: 'web' } }, { 'autoscaling.keda.sh/paused': 'true' });
      expect(verdicts([deployment('api', POD), deployment('db', POD), deployment('web', POD), held('0'), held('+3', 'db'), stopped]).map(v => v[2])).toEqual([
        'scales Deployment/team/api, paused by annotation autoscaling.keda.sh/paused-replicas "0" at 0 replicas',
        'scales Deployment/team/db, paused by annotation autoscaling.keda.sh/paused-replicas "+3" at 3 replicas',
        'scales Deployment/team/web, paused by annotation autoscaling.keda.sh/paused "true" at the count it has',
      ]);
    });

    test('fails a ScaledObject without a usable target: no name, a kind without a scale subresource, or a workload not in its namespace', () => {
      expect(verdicts([deployment('api', POD, { namespace: 'other' }), scaledObject('nameless', { scaleTargetRef: { kind: 'Deployment' } }),
        scaledObject('job', { scaleTargetRef: { apiVersion: 'batch/v1', kind: 'Job', name: 'x' } }), named('elsewhere', {})])).toEqual([
        ['ScaledObject/team/nameless', false, 'spec.scaleTargetRef does not name a workload: it needs a name, and string kind and apiVersion when set (they default to Deployment and apps/v1)', 'spec.scaleTargetRef'],
        ['ScaledObject/team/job', false, 'spec.scaleTargetRef names Job of API group "batch", which has no scale subresource', 'spec.scaleTargetRef.kind'],
        ['ScaledObject/team/elsewhere', false, 'spec.scaleTargetRef names Deployment "api" of API group "apps", which is not in namespace "team" of the manifest set', 'spec.scaleTargetRef'],
      ]);
    });

    test('fails both ScaledObjects of one workload; a refused ScaledObject is no second autoscaler, of an HPA or of another ScaledObject', () => {
      const conflict = (other: string) => `${other} also scales Deployment/team/api: KEDA's admission webhook, when it runs, refuses a ScaledObject `
        + 'for a workload that another autoscaler already scales; otherwise they fight over its replica count';
      expect(verdicts([deployment('api', POD), named('a', {}), named('b', { minReplicaCount: 2 })]).map(v => v.slice(0, 3))).toEqual([
        ['ScaledObject/team/a', false, conflict('ScaledObject/team/b')],
        ['ScaledObject/team/b', false, conflict('ScaledObject/team/a')],
      ]);
      const refused = named('refused', { minReplicaCount: 4, maxReplicaCount: 2 });
      expect(verdicts([deployment('api', POD), hpa(REF), refused, named('ok', {})]).map(v => [v[0], v[1]])).toEqual([
        ['HorizontalPodAutoscaler/team/h', false], ['ScaledObject/team/refused', false], ['ScaledObject/team/ok', false],
      ]);
      expect(verdicts([deployment('api', POD), hpa(REF), refused]).map(v => [v[0], v[1], v[2]])).toEqual([
        ['HorizontalPodAutoscaler/team/h', true, 'scales Deployment/team/api'],
        ['ScaledObject/team/refused', false, expect.stringMatching(/^minReplicaCount 4 is above maxReplicaCount 2: KEDA refuses the ScaledObject/)],
      ]);
    });

    describe('taking a HorizontalPodAutoscaler over (scaledobject.keda.sh/transfer-hpa-ownership)', () => {
      const TRANSFER = 'scaledobject.keda.sh/transfer-hpa-ownership';
      const taking = (annotations: Record<string, string>, hpaName?: string) => annotatedScaledObject('api', {
        ...TARGET, minReplicaCount: 2, ...(hpaName === undefined ? {} : { advanced: { horizontalPodAutoscalerConfig: { name: hpaName } } }),
      }, annotations);
      const WANTED = `KEDA takes HorizontalPodAutoscaler/team/h over only with annotation ${TRANSFER} "true" and spec.advanced.horizontalPodAutoscalerConfig.name "h"`;
      const hpaConflict = (missing: string) => `ScaledObject/team/api also scales Deployment/team/api without taking this autoscaler over (${missing}): `
        + 'KEDA\'s admission webhook, when it runs, refuses a ScaledObject for a workload that another autoscaler already scales; otherwise they fight over its replica count';
      const soConflict = (missing: string) => `HorizontalPodAutoscaler/team/h also scales Deployment/team/api and this ScaledObject does not take it over (${missing}): `
        + 'KEDA\'s admission webhook, when it runs, refuses a ScaledObject for a workload that another autoscaler already scales; otherwise they fight over its replica count';

      test('passes both when the ScaledObject has the annotation "true" and names the autoscaler: the autoscaler is KEDA\'s', () => {
        expect(verdicts([deployment('api', POD), hpa(REF), taking({ [TRANSFER]: 'true' }, 'h')])).toEqual([
          ['HorizontalPodAutoscaler/team/h', true, `scales Deployment/team/api for ScaledObject/team/api, which takes it over (annotation ${TRANSFER} "true" and `
            + 'spec.advanced.horizontalPodAutoscalerConfig.name "h"): KEDA rewrites it from the ScaledObject', undefined],
          ['ScaledObject/team/api', true, `scales Deployment/team/api, taking HorizontalPodAutoscaler/team/h over (annotation ${TRANSFER} "true" and `
            + 'spec.advanced.horizontalPodAutoscalerConfig.name "h")', undefined],
        ]);
      });

      test('fails both when the annotation is "true" but spec.advanced.horizontalPodAutoscalerConfig.name is missing or names another autoscaler, at that field', () => {
        for (const [name, text] of [[undefined, 'is not set'], ['keda-hpa-api', 'is "keda-hpa-api"']]) {
          const missing = `spec.advanced.horizontalPodAutoscalerConfig.name ${text}: ${WANTED}`;
          expect(verdicts([deployment('api', POD), hpa(REF), taking({ [TRANSFER]: 'true' }, name)])).toEqual([
            ['HorizontalPodAutoscaler/team/h', false, hpaConflict(missing), 'spec.scaleTargetRef'],
            ['ScaledObject/team/api', false, soConflict(missing), 'spec.advanced.horizontalPodAutoscalerConfig.name'],
          ]);
        }
      });

      test('fails both when the autoscaler is named but the annotation is not exactly "true" (KEDA compares the string), at the annotation', () => {
        for (const value of ['True', 'TRUE', '1', 'yes', 'false', '']) {
          const missing = `annotation ${TRANSFER} is ${JSON.stringify(value)}, not "true": ${WANTED}`;
          expect(verdicts([deployment('api', POD), hpa(REF), taking({ [TRANSFER]: value }, 'h')])).toEqual([
            ['HorizontalPodAutoscaler/team/h', false, hpaConflict(missing), 'spec.scaleTargetRef'],
            ['ScaledObject/team/api', false, soConflict(missing), `metadata.annotations["${TRANSFER}"]`],
          ]);
        }
        const unset = `annotation ${TRANSFER} is not set: ${WANTED}`;
        expect(verdicts([deployment('api', POD), hpa(REF), taking({}, 'h')]).map(v => [v[2], v[3]])).toEqual([
          [hpaConflict(unset), 'spec.scaleTargetRef'], [soConflict(unset), `metadata.annotations["${TRANSFER}"]`],
        ]);
        const neither = `annotation ${TRANSFER} is "false", not "true", and spec.advanced.horizontalPodAutoscalerConfig.name is not set: ${WANTED}`;
        expect(verdicts([deployment('api', POD), hpa(REF), taking({ [TRANSFER]: 'false' })]).map(v => [v[2], v[3]])).toEqual([
          [hpaConflict(neither), 'spec.scaleTargetRef'], [soConflict(neither), 'spec.scaleTargetRef'],
        ]);
      });

      test('takes over one autoscaler only: another of the same workload still fails both', () => {
        const h2 = { ...hpa(REF), metadata: { name: 'h2', namespace: 'team' } };
        const results = verdicts([deployment('api', POD), hpa(REF), h2, taking({ [TRANSFER]: 'true' }, 'h')]);
        expect(results.map(v => [v[0], v[1]])).toEqual([
          ['HorizontalPodAutoscaler/team/h', false], ['HorizontalPodAutoscaler/team/h2', false], ['ScaledObject/team/api', false],
        ]);
        expect(results[2][2]).toBe('HorizontalPodAutoscaler/team/h2 also scales Deployment/team/api and this ScaledObject does not take it over '
          + `(spec.advanced.horizontalPodAutoscalerConfig.name is "h": KEDA takes HorizontalPodAutoscaler/team/h2 over only with annotation ${TRANSFER} "true" `
          + 'and spec.advanced.horizontalPodAutoscalerConfig.name "h2"): KEDA\'s admission webhook, when it runs, refuses a ScaledObject for a workload that '
          + 'another autoscaler already scales; otherwise they fight over its replica count');
      });

      test('an autoscaler a ScaledObject controls (a cluster export after the takeover) is not a second autoscaler, whatever the annotation says now', () => {
        const owned = { ...hpa(REF), metadata: { name: 'h', namespace: 'team', ownerReferences: [{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: 'api', controller: true }] } };
        for (const so of [taking({ [TRANSFER]: 'true' }, 'h'), taking({}, 'h')]) {
          expect(verdicts([deployment('api', POD), owned, so])).toEqual([['ScaledObject/team/api', true, 'scales Deployment/team/api', undefined]]);
        }
      });
    });
  });
});
