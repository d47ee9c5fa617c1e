import { runCompliance } from '../../src/compliance/engine';
import { containersOf, ManifestIndex } from '../../src/compliance/manifest-index';

describe('ManifestIndex', () => {
  const objects = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'c' }] } } } },
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c' }] } } } } } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop', labels: { app: 'p' } }, spec: { containers: [] } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader', namespace: 'ignored' } },
    { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'custom', namespace: 'shop' }, spec: { template: { spec: { containers: [] } } } },
  ];
  const index = ManifestIndex.fromObjects(objects);

  test('fromDocuments refuses bare Kubernetes objects, which it would otherwise reject one by one and check nothing', () => {
    const objects = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } }];
    expect(() => ManifestIndex.fromDocuments(objects as never)).toThrow('ManifestIndex.fromDocuments takes { doc, source } pairs, but entry 0 is a Kubernetes object itself: pass plain objects to ManifestIndex.fromObjects');
    expect(ManifestIndex.fromObjects(objects).objects.map(o => o.ref)).toEqual(['Service/default/a']);
    expect(ManifestIndex.fromDocuments([{ doc: undefined, source: { document: 1 } }]).rejected).toHaveLength(1);
  });

  test('namespaced objects without a namespace are in default; cluster-scoped ones have none', () => {
    expect(index.get('CronJob', 'default', 'nightly')?.ref).toBe('CronJob/default/nightly');
    expect(index.get('ClusterRole', undefined, 'reader')?.namespace).toBeUndefined();
  });

  test('finds pod templates of pods and workloads, not of other APIs\' objects whose template lists no container with an image', () => {
    expect(index.podTemplates.map(t => [t.owner.ref, t.specPath])).toEqual([
      ['Deployment/shop/web', 'spec.template.spec'],
      ['CronJob/default/nightly', 'spec.jobTemplate.spec.template.spec'],
      ['Pod/shop/p', 'spec'],
    ]);
    expect(index.podTemplatesIn('shop').map(t => t.owner.name)).toEqual(['web', 'p']);
    expect(index.podTemplates[0].labels).toEqual({ app: 'web' });
  });

  test('takes a template of another API when its spec lists containers that each name an image', () => {
    const c = { name: 'c', image: 'registry.example.com/app:1.0' };
    const foreign = ManifestIndex.fromObjects([
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'r', namespace: 'shop' }, spec: { template: { metadata: { labels: { a: 'r' } }, spec: { containers: [c] } } } },
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: { name: 's', namespace: 'shop' }, spec: { jobTargetRef: { template: { spec: { containers: [c] } } } } },
      { apiVersion: 'example.com/v1', kind: 'Scheduler', metadata: { name: 'j', namespace: 'shop' }, spec: { jobTemplate: { spec: { template: { spec: { containers: [c] } } } } } },
      { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello', namespace: 'shop' }, spec: { template: { spec: { containers: [{ image: 'gcr.io/knative-samples/helloworld-go' }] } } } },
      // Not pods: a template of something else, an overlay that patches what an operator builds, the core PodTemplate.
      { apiVersion: 'example.com/v1', kind: 'Report', metadata: { name: 'x', namespace: 'shop' }, spec: { template: { spec: { title: 'not a pod' } } } },
      { apiVersion: 'camel.apache.org/v1', kind: 'Integration', metadata: { name: 'i', namespace: 'shop' }, spec: { template: { spec: { containers: [{ name: 'integration', resources: {} }] } } } },
      { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't', namespace: 'shop' }, template: { spec: { containers: [c] } } },
    ]);
    expect(foreign.podTemplates.map(t => [t.owner.ref, t.specPath, t.labels])).toEqual([
      ['Rollout/shop/r', 'spec.template.spec', { a: 'r' }],
      ['ScaledJob/shop/s', 'spec.jobTargetRef.template.spec', {}],
      ['Scheduler/shop/j', 'spec.jobTemplate.spec.template.spec', {}],
      // Knative labels the pods of a Service with its name.
      ['Service/shop/hello', 'spec.template.spec', { 'serving.knative.dev/service': 'hello', 'serving.knative.dev/configuration': 'hello' }],
    ]);
  });

  test('lists init containers before containers, with JSON paths', () => {
    expect(containersOf(index.podTemplates[0]).map(c => c.path)).toEqual(['spec.template.spec.initContainers[0]', 'spec.template.spec.containers[0]']);
  });

  test('kinds are looked up with or without their API group', () => {
    expect(index.ofKind('Deployment').map(o => o.name)).toEqual(['web', 'custom']);
    expect(index.ofKind('Deployment', 'apps').map(o => o.name)).toEqual(['web']);
  });

  test('namespaces: declared and used, with the label the API server adds', () => {
    expect(index.namespaces).toEqual(['default', 'shop']);
    expect(index.namespaceLabels('shop')).toEqual({ 'team': 'a', 'kubernetes.io/metadata.name': 'shop' });
    expect(index.namespaceLabels('default')).toEqual({ 'kubernetes.io/metadata.name': 'default' });
  });

  test('lists the containers of every template once, aligned with the templates', () => {
    expect(index.containers.map(list => list.map(c => c.container.name))).toEqual([['i', 'c'], ['c'], []]);
    expect(index.containers).toBe(index.containers);
  });

  test('finds objects by kind and name, the first when the set repeats one', () => {
    const repeated = ManifestIndex.fromObjects([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'shop', labels: { n: '1' } } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api', namespace: 'shop', labels: { n: '2' } } },
    ]);
    expect(repeated.get('ServiceAccount', 'shop', 'api')?.labels).toEqual({ n: '1' });
    expect(repeated.get('ServiceAccount', 'other', 'api')).toBeUndefined();
    expect(repeated.get('Secret', 'shop', 'api')).toBeUndefined();
    expect(repeated.ofKind('Secret', '')).toEqual([]);
    expect(repeated.inNamespace('shop').map(o => o.labels.n)).toEqual(['1', '2']);
  });

  test('reads labels and annotations as strings, dropping null values, mappings and sequences', () => {
    const odd = ManifestIndex.fromObjects([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { version: 2, gone: null, kept: 'yes', on: true, map: { a: 1 }, list: ['x'] }, annotations: ['not', 'a', 'map'] } },
    ]);
    expect(odd.objects[0].labels).toEqual({ version: '2', kept: 'yes', on: 'true' });
    expect(odd.objects[0].annotations).toEqual({});
  });

  test('a suppression written as a mapping silences nothing', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'team', annotations: { 'soc2.cdk8s.io/suppress.pod-read-only-root-fs': { a: 1 } } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    const report = runCompliance(ManifestIndex.fromObjects([pod]), { only: ['pod-read-only-root-fs'], config: { today: '2026-11-27' } });
    expect(report.findings.map(f => f.controlId)).toEqual(['pod-read-only-root-fs']);
  });
  test('lists every template, and the one each copy of a cluster export (its ReplicaSets and Pods) was made from', () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    const owner = (kind: string, name: string) => [{ apiVersion: 'apps/v1', kind, name, uid: 'u', controller: true }];
    const index = ManifestIndex.fromObjects([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } }, template } },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-5d9c', namespace: 'shop', ownerReferences: owner('Deployment', 'web') }, spec: { template } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-5d9c-x1', namespace: 'shop', labels: { app: 'web' }, ownerReferences: owner('ReplicaSet', 'web-5d9c') }, spec: template.spec },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', namespace: 'shop', ownerReferences: owner('ReplicaSet', 'gone') }, spec: template.spec },
    ]);
    expect(index.podTemplates.map(t => [t.owner.ref, index.coveringObject(t.owner)?.ref])).toEqual([
      ['Deployment/shop/web', undefined],
      ['ReplicaSet/shop/web-5d9c', 'Deployment/shop/web'],
      ['Pod/shop/web-5d9c-x1', 'ReplicaSet/shop/web-5d9c'],
      ['Pod/shop/orphan', undefined],
    ]);
    // An object that holds no pod template covers nothing and is covered by nothing.
    expect(index.coveringObject(index.objects[0])).toBe(undefined);
    const findings = runCompliance(index, { only: ['pod-read-only-root-fs'], config: { today: '2026-11-27' } }).findings;
    expect(findings.map(f => f.object.ref)).toEqual(['Deployment/shop/web', 'Pod/shop/orphan']);
  });

  describe('in an export of workloads and their Pods without the ReplicaSets or Jobs between them, covers the Pods by the workload', () => {
    const spec = { containers: [{ name: 'c', image: 'registry.example.com/app:1.0' }] };
    const controlledBy = (apiVersion: string, kind: string, name: string) => [{ apiVersion, kind, name, uid: 'u', controller: true }];
    const pod = (name: string, namespace: string, labels: Record<string, string>, owner: ReturnType<typeof controlledBy>) =>
      ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels, ownerReferences: owner }, spec });
    /** The templates no other template of the set covers. */
    const uncoveredRefs = (objects: unknown[]) => {
      const index = ManifestIndex.fromObjects(objects);
      return index.podTemplates.filter(t => index.coveringObject(t.owner) === undefined).map(t => t.owner.ref);
    };
    const findingRefs = (objects: unknown[]) => runCompliance(ManifestIndex.fromObjects(objects), { only: ['pod-read-only-root-fs'], config: { today: '2026-11-27' } })
      .findings.map(f => f.object.ref);
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec } } };
    const cronJob = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'shop' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec } } } } };

    test('a Deployment\'s Pods have the findings of its template reported once, on the Deployment (kubectl get deploy,pods)', () => {
      const objects = [
        deployment,
        pod('web-5d9c8f7b6-x1', 'shop', { 'app': 'web', 'pod-template-hash': '5d9c8f7b6' }, controlledBy('apps/v1', 'ReplicaSet', 'web-5d9c8f7b6')),
        pod('web-5d9c8f7b6-x2', 'shop', { 'app': 'web', 'pod-template-hash': '5d9c8f7b6' }, controlledBy('apps/v1', 'ReplicaSet', 'web-5d9c8f7b6')),
      ];
      expect(uncoveredRefs(objects)).toEqual(['Deployment/shop/web']);
      expect(findingRefs(objects)).toEqual(['Deployment/shop/web']);
    });

    test('a CronJob\'s Pods have the findings of its template reported once, on the CronJob (kubectl get cronjobs,pods)', () => {
      const objects = [cronJob, pod('nightly-29473920-abcde', 'shop', { 'job-name': 'nightly-29473920' }, controlledBy('batch/v1', 'Job', 'nightly-29473920'))];
      expect(uncoveredRefs(objects)).toEqual(['CronJob/shop/nightly']);
      expect(findingRefs(objects)).toEqual(['CronJob/shop/nightly']);
    });

    test('an Argo Rollout\'s Pods are covered by the Rollout when it holds its pod template', () => {
      const rollout = (name: string, rolloutSpec: object) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name, namespace: 'shop' }, spec: rolloutSpec });
      const hashed = (name: string, hash: string) => pod(`${name}-${hash}-x1`, 'shop', { 'rollouts-pod-template-hash': hash }, controlledBy('apps/v1', 'ReplicaSet', `${name}-${hash}`));
      expect(uncoveredRefs([
        rollout('canary', { template: { spec } }), hashed('canary', '6b7f9c'),
        // A Rollout that takes its template from a Deployment (workloadRef) has none of its own: its Pods are covered by nothing.
        rollout('ref', { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'absent' } }), hashed('ref', '77c4d'),
      ])).toEqual(['Rollout/shop/canary', 'Pod/shop/ref-77c4d-x1']);
    });

    describe('a Knative Service', () => {
      const knative = 'serving.knative.dev/v1';
      const ksvc = (name: string, namespace = 'shop', template: object | null = { spec }) =>
        ({ apiVersion: knative, kind: 'Service', metadata: { name, namespace }, spec: template ? { template } : {} });
      // Knative labels the pods of a Service's revisions with its name; their controller is a ReplicaSet of the Revision's Deployment.
      const revisionPod = (name: string, service: string | undefined, namespace = 'shop', owner = controlledBy('apps/v1', 'ReplicaSet', 'hello-00001-deployment-5d9c8f7b6')) =>
        pod(name, namespace, {
          ...(service === undefined ? {} : { 'serving.knative.dev/service': service }),
          'serving.knative.dev/revision': 'hello-00001', 'pod-template-hash': '5d9c8f7b6',
        }, owner);

      test('has its Pods checked once, as the Service (kubectl get ksvc,pods)', () => {
        const objects = [ksvc('hello'), revisionPod('hello-00001-deployment-5d9c8f7b6-x1', 'hello'), revisionPod('hello-00001-deployment-5d9c8f7b6-x2', 'hello')];
        expect(uncoveredRefs(objects)).toEqual(['Service/shop/hello']);
        expect(findingRefs(objects)).toEqual(['Service/shop/hello']);
      });

      test('does not stand for Pods its label does not name, nor for those whose controller is not an absent apps ReplicaSet', () => {
        const objects = [
          ksvc('hello'),
          ksvc('bare', 'shop', null),
          // Another Service named, none, or a Service of the set without a pod template.
          revisionPod('other-x1', 'other'),
          revisionPod('unlabelled-x1', undefined),
          revisionPod('bare-x1', 'bare'),
          // Another namespace.
          revisionPod('elsewhere-x1', 'hello', 'other'),
          // The Pod's ReplicaSet is in the set: it stands for its Pods, and is checked itself.
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'kept-5d9c8f7b6', namespace: 'shop' }, spec: { template: { spec } } },
          revisionPod('kept-x1', 'hello', 'shop', controlledBy('apps/v1', 'ReplicaSet', 'kept-5d9c8f7b6')),
          // Controllers of another kind or API group, or no controller at all.
          revisionPod('job-x1', 'hello', 'shop', controlledBy('batch/v1', 'Job', 'hello-00001')),
          revisionPod('foreign-x1', 'hello', 'shop', controlledBy('example.com/v1', 'ReplicaSet', 'hello-00001-deployment-5d9c8f7b6')),
          revisionPod('free-x1', 'hello', 'shop', [] as never),
        ];
        const refs = ['Service/shop/hello', 'Pod/shop/other-x1', 'Pod/shop/unlabelled-x1', 'Pod/shop/bare-x1', 'Pod/other/elsewhere-x1',
          'ReplicaSet/shop/kept-5d9c8f7b6', 'Pod/shop/job-x1', 'Pod/shop/foreign-x1', 'Pod/shop/free-x1'];
        expect(uncoveredRefs(objects)).toEqual(refs);
        expect(findingRefs(objects)).toEqual(refs);
      });

      test('a Deployment of the set that the Pod\'s ReplicaSet is named after comes first (kubectl get ksvc,deploy,pods), covered by the Service when it is the Revision\'s', () => {
        const revisionLabels = { 'serving.knative.dev/service': 'hello', 'serving.knative.dev/revision': 'hello-00001' };
        const revisionDeployment = (labels: Record<string, string>) => ({ ...deployment, metadata: {
          name: 'hello-00001-deployment', namespace: 'shop', labels, ownerReferences: controlledBy(knative, 'Revision', 'hello-00001'),
        } });
        const pods = [revisionPod('hello-00001-deployment-5d9c8f7b6-x1', 'hello')];
        const index = ManifestIndex.fromObjects([ksvc('hello'), revisionDeployment(revisionLabels), ...pods]);
        expect(index.podTemplates.map(t => index.coveringObject(t.owner)?.ref)).toEqual([undefined, 'Service/shop/hello', 'Deployment/shop/hello-00001-deployment']);
        // Without the labels that name the Revision and the Service, the Deployment is judged as its own.
        expect(uncoveredRefs([ksvc('hello'), revisionDeployment({}), ...pods])).toEqual(['Service/shop/hello', 'Deployment/shop/hello-00001-deployment']);
      });
    });

    test('Pods that no workload of the set made are covered by nothing', () => {
      const objects = [
        deployment, cronJob,
        // The ReplicaSet's name does not end in the Pod's hash, or the hash is missing.
        pod('web-other', 'shop', { 'pod-template-hash': '7f8e9a' }, controlledBy('apps/v1', 'ReplicaSet', 'web-5d9c8f7b6')),
        pod('web-unlabelled', 'shop', {}, controlledBy('apps/v1', 'ReplicaSet', 'web-5d9c8f7b6')),
        // The hash is a Rollout's, and no Rollout is in the set.
        pod('web-rollout', 'shop', { 'rollouts-pod-template-hash': '5d9c8f7b6' }, controlledBy('apps/v1', 'ReplicaSet', 'web-5d9c8f7b6')),
        // Another namespace.
        pod('web-elsewhere', 'other', { 'pod-template-hash': '5d9c8f7b6' }, controlledBy('apps/v1', 'ReplicaSet', 'web-5d9c8f7b6')),
        pod('nightly-elsewhere', 'other', {}, controlledBy('batch/v1', 'Job', 'nightly-29473920')),
        // Controllers of other API groups, or of no API group at all.
        pod('web-foreign', 'shop', { 'pod-template-hash': '5d9c8f7b6' }, controlledBy('example.com/v1', 'ReplicaSet', 'web-5d9c8f7b6')),
        pod('nightly-foreign', 'shop', {}, controlledBy('example.com/v1', 'Job', 'nightly-29473920')),
        pod('web-no-version', 'shop', { 'pod-template-hash': '5d9c8f7b6' }, [{ kind: 'ReplicaSet', name: 'web-5d9c8f7b6', uid: 'u', controller: true }] as never),
        // A Job named otherwise than the CronJob controller names them.
        pod('nightly-manual', 'shop', {}, controlledBy('batch/v1', 'Job', 'nightly-manual')),
        pod('nightly-suffix', 'shop', {}, controlledBy('batch/v1', 'Job', 'nightly-2947x3920')),
        pod('nightly-bare', 'shop', {}, controlledBy('batch/v1', 'Job', 'nightly-')),
        // Owned, but not controlled.
        pod('web-owned', 'shop', { 'pod-template-hash': '5d9c8f7b6' }, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d9c8f7b6', uid: 'u' }] as never),
      ];
      const pods = ['web-other', 'web-unlabelled', 'web-rollout', 'web-elsewhere', 'nightly-elsewhere', 'web-foreign', 'nightly-foreign',
        'web-no-version', 'nightly-manual', 'nightly-suffix', 'nightly-bare', 'web-owned'];
      const refs = ['Deployment/shop/web', 'CronJob/shop/nightly', ...pods.map(name => `Pod/${name.endsWith('elsewhere') ? 'other' : 'shop'}/${name}`)];
      expect(uncoveredRefs(objects)).toEqual(refs);
      expect(findingRefs(objects)).toEqual(refs);
    });
  });

  describe('covers a template by its controller within the set when that controller holds the template it was made from', () => {
    const spec = { containers: [{ name: 'c', image: 'registry.example.com/app:1.0' }] };
    const meta = (name: string, owner?: [apiVersion: string, kind: string, name: string], labels: Record<string, string> = {}) => ({
      name, namespace: 'shop', labels,
      ...(owner ? { ownerReferences: [{ apiVersion: owner[0], kind: owner[1], name: owner[2], uid: 'u', controller: true }] } : {}),
    });
    const pod = (name: string, owner?: [string, string, string], labels?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta(name, owner, labels), spec });
    const withTemplate = (apiVersion: string, kind: string, name: string, owner?: [string, string, string], extra: object = {}) =>
      ({ apiVersion, kind, metadata: meta(name, owner), spec: { ...extra, template: { spec } } });
    /** The templates no other template of the set covers. */
    const uncoveredRefs = (objects: unknown[]) => {
      const index = ManifestIndex.fromObjects(objects);
      return index.podTemplates.filter(t => index.coveringObject(t.owner) === undefined).map(t => t.owner.ref);
    };
    const findingRefs = (objects: unknown[]) => runCompliance(ManifestIndex.fromObjects(objects), { only: ['pod-read-only-root-fs'], config: { today: '2026-11-27' } })
      .findings.map(f => f.object.ref);

    test('the Pods of an Argo Workflow, which holds no pod template, are covered by nothing', () => {
      const objects = [
        { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: meta('build'), spec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'registry.example.com/build:1.0' } }] } },
        pod('build-main-1', ['argoproj.io/v1alpha1', 'Workflow', 'build']),
        pod('build-main-2', ['argoproj.io/v1alpha1', 'Workflow', 'build']),
      ];
      expect(uncoveredRefs(objects)).toEqual(['Pod/shop/build-main-1', 'Pod/shop/build-main-2']);
      expect(findingRefs(objects)).toEqual(['Pod/shop/build-main-1', 'Pod/shop/build-main-2']);
    });

    test('the Pod of a Tekton TaskRun, which holds no pod template, is covered by nothing', () => {
      const objects = [
        { apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: meta('unit-tests'), spec: { taskRef: { name: 'go-test' } } },
        pod('unit-tests-pod', ['tekton.dev/v1', 'TaskRun', 'unit-tests']),
      ];
      expect(uncoveredRefs(objects)).toEqual(['Pod/shop/unit-tests-pod']);
      expect(findingRefs(objects)).toEqual(['Pod/shop/unit-tests-pod']);
    });

    test('a Knative Service covers its Configuration and, past the Revision, which holds no pod template, the Revision\'s Deployment, ReplicaSet and Pods', () => {
      const knative = 'serving.knative.dev/v1';
      const revisionDeployment = (labels: Record<string, string>) => ({
        ...withTemplate('apps/v1', 'Deployment', 'hello-00001-deployment', [knative, 'Revision', 'hello-00001']),
        metadata: meta('hello-00001-deployment', [knative, 'Revision', 'hello-00001'], labels),
      });
      const objects = (deploymentLabels: Record<string, string>) => [
        withTemplate(knative, 'Service', 'hello'),
        withTemplate(knative, 'Configuration', 'hello', [knative, 'Service', 'hello']),
        // A Revision keeps its containers in its spec, not in a pod template.
        { apiVersion: knative, kind: 'Revision', metadata: meta('hello-00001', [knative, 'Configuration', 'hello']), spec },
        revisionDeployment(deploymentLabels),
        withTemplate('apps/v1', 'ReplicaSet', 'hello-00001-deployment-5d9c8f7b6', ['apps/v1', 'Deployment', 'hello-00001-deployment']),
        pod('hello-00001-deployment-5d9c8f7b6-x1', ['apps/v1', 'ReplicaSet', 'hello-00001-deployment-5d9c8f7b6']),
      ];
      // Knative labels the Revision's Deployment with the Revision and the Service it was made from.
      const labelled = objects({ 'serving.knative.dev/service': 'hello', 'serving.knative.dev/revision': 'hello-00001' });
      expect(uncoveredRefs(labelled)).toEqual(['Service/shop/hello']);
      expect(findingRefs(labelled)).toEqual(['Service/shop/hello']);
      // A Deployment the Revision controls that does not name them both is judged as its own, its ReplicaSet and Pods as copies of it.
      for (const labels of [{}, { 'serving.knative.dev/service': 'hello' }, { 'serving.knative.dev/service': 'hello', 'serving.knative.dev/revision': 'hello-00002' }] as Record<string, string>[]) {
        expect(uncoveredRefs(objects(labels))).toEqual(['Service/shop/hello', 'Deployment/shop/hello-00001-deployment']);
        expect(findingRefs(objects(labels))).toEqual(['Service/shop/hello', 'Deployment/shop/hello-00001-deployment']);
      }
    });

    test('a controller is matched by API group: an object of another group with its kind and name covers nothing', () => {
      const objects = [
        // A core Service named like the Knative Service that the set leaves out.
        { apiVersion: 'v1', kind: 'Service', metadata: meta('hello'), spec: { ports: [{ port: 80 }] } },
        withTemplate('serving.knative.dev/v1', 'Configuration', 'hello', ['serving.knative.dev/v1', 'Service', 'hello']),
        // A ReplicaSet of another API named like the apps one a Pod names, and one a Pod names without an API version.
        withTemplate('example.com/v1', 'ReplicaSet', 'web-5d9c8f7b6'),
        pod('web-5d9c8f7b6-x1', ['apps/v1', 'ReplicaSet', 'web-5d9c8f7b6']),
        { ...pod('web-5d9c8f7b6-x2'), metadata: { ...meta('web-5d9c8f7b6-x2'), ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d9c8f7b6', uid: 'u', controller: true }] } },
      ];
      expect(uncoveredRefs(objects)).toEqual(['Configuration/shop/hello', 'ReplicaSet/shop/web-5d9c8f7b6', 'Pod/shop/web-5d9c8f7b6-x1', 'Pod/shop/web-5d9c8f7b6-x2']);
      expect(findingRefs(objects)).toEqual(['Configuration/shop/hello', 'ReplicaSet/shop/web-5d9c8f7b6', 'Pod/shop/web-5d9c8f7b6-x1', 'Pod/shop/web-5d9c8f7b6-x2']);
    });

    test('extensions Deployments and ReplicaSets of an old export are the apps ones their dependents name, and the other way round', () => {
      const objects = [
        withTemplate('extensions/v1beta1', 'Deployment', 'web'),
        withTemplate('extensions/v1beta1', 'ReplicaSet', 'web-5d9c8f7b6', ['apps/v1', 'Deployment', 'web']),
        pod('web-5d9c8f7b6-x1', ['extensions/v1beta1', 'ReplicaSet', 'web-5d9c8f7b6']),
        // Its ReplicaSet left out: named after the Deployment and the Pod's hash.
        pod('web-7f8e9a-x1', ['extensions/v1beta1', 'ReplicaSet', 'web-7f8e9a'], { 'pod-template-hash': '7f8e9a' }),
      ];
      expect(uncoveredRefs(objects)).toEqual(['Deployment/shop/web']);
    });

    test('the objects on a cycle of controllers are covered by nothing, and each reports its findings', () => {
      const objects = [
        pod('a', ['v1', 'Pod', 'b']),
        pod('b', ['v1', 'Pod', 'a']),
        pod('self', ['v1', 'Pod', 'self']),
        // An object that hangs from the cycle copies a template the cycle holds.
        pod('c', ['v1', 'Pod', 'a']),
        { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: meta('w1', ['argoproj.io/v1alpha1', 'Workflow', 'w2']), spec: {} },
        { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: meta('w2', ['argoproj.io/v1alpha1', 'Workflow', 'w1']), spec: {} },
        pod('d', ['argoproj.io/v1alpha1', 'Workflow', 'w1']),
      ];
      expect(uncoveredRefs(objects)).toEqual(['Pod/shop/a', 'Pod/shop/b', 'Pod/shop/self', 'Pod/shop/d']);
      expect(findingRefs(objects)).toEqual(['Pod/shop/a', 'Pod/shop/b', 'Pod/shop/self', 'Pod/shop/d']);
    });

    test('a long chain is walked once, without recursion', () => {
      const objects: unknown[] = [withTemplate('apps/v1', 'Deployment', 'top')];
      for (let i = 0; i < 20000; i++) objects.push(pod(`p${i}`, i === 0 ? ['apps/v1', 'Deployment', 'top'] : ['v1', 'Pod', `p${i - 1}`]));
      expect(uncoveredRefs(objects.reverse())).toEqual(['Deployment/shop/top']);
    });

    describe('an Argo Rollout that takes its pod template from a Deployment (workloadRef)', () => {
      const argo = 'argoproj.io/v1alpha1';
      const rollout = { apiVersion: argo, kind: 'Rollout', metadata: meta('web'), spec: { replicas: 3, workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web-deploy' } } };
      const deployment = withTemplate('apps/v1', 'Deployment', 'web-deploy', undefined, { replicas: 0 });
      const replicaSet = withTemplate('apps/v1', 'ReplicaSet', 'web-6b7f9c', [argo, 'Rollout', 'web']);
      const pods = [
        pod('web-6b7f9c-x1', ['apps/v1', 'ReplicaSet', 'web-6b7f9c'], { 'rollouts-pod-template-hash': '6b7f9c' }),
        // Its ReplicaSet left out: named after the Rollout and the Pod's hash.
        pod('web-77c4d-x1', ['apps/v1', 'ReplicaSet', 'web-77c4d'], { 'rollouts-pod-template-hash': '77c4d' }),
      ];

      test('has its ReplicaSets and Pods covered by the Deployment when the set holds it: they copy the Deployment\'s template', () => {
        const objects = [rollout, deployment, replicaSet, ...pods];
        expect(uncoveredRefs(objects)).toEqual(['Deployment/shop/web-deploy']);
        expect(findingRefs(objects)).toEqual(['Deployment/shop/web-deploy']);
      });

      test('has its ReplicaSets (or their Pods) covered by nothing when the set leaves the Deployment out', () => {
        expect(uncoveredRefs([rollout, replicaSet, ...pods])).toEqual(['ReplicaSet/shop/web-6b7f9c', 'Pod/shop/web-77c4d-x1']);
      });

      test('has its ReplicaSets covered by nothing when the Deployment is itself controlled within the set', () => {
        const controlled = withTemplate('apps/v1', 'Deployment', 'web-deploy', [argo, 'Rollout', 'web']);
        expect(uncoveredRefs([rollout, controlled, replicaSet, ...pods])).toEqual(['Deployment/shop/web-deploy', 'ReplicaSet/shop/web-6b7f9c', 'Pod/shop/web-77c4d-x1']);
      });
    });
  });
});

describe('ManifestIndex.hasKnativeServices', () => {
  const knative = { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello', namespace: 'team' }, spec: { template: { spec: { containers: [] } } } };
  const core = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'hello', namespace: 'team' }, spec: { ports: [{ port: 80 }] } };

  test('is true only when the set holds a Service of serving.knative.dev, not a core one', () => {
    expect(ManifestIndex.fromObjects([knative]).hasKnativeServices).toBe(true);
    expect(ManifestIndex.fromObjects([core]).hasKnativeServices).toBe(false);
    expect(ManifestIndex.fromObjects([]).hasKnativeServices).toBe(false);
  });

  test('looks the Services up once per index', () => {
    const index = ManifestIndex.fromObjects([core, knative]);
    const spy = jest.spyOn(index, 'ofKind');
    try {
      expect([index.hasKnativeServices, index.hasKnativeServices]).toEqual([true, true]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('ManifestIndex.repeatsARef', () => {
  const sa = (name: string, namespace: string, apiVersion = 'v1'): object => ({ apiVersion, kind: 'ServiceAccount', metadata: { name, namespace } });

  test('is true when two objects share kind, namespace and name, whatever their API group', () => {
    expect(ManifestIndex.fromObjects([sa('api', 'shop'), sa('web', 'shop'), sa('api', 'shop')]).repeatsARef).toBe(true);
    expect(ManifestIndex.fromObjects([sa('api', 'shop'), sa('api', 'shop', 'example.com/v1')]).repeatsARef).toBe(true);
  });

  test('is false when every ref is unique: another namespace or name is another object', () => {
    expect(ManifestIndex.fromObjects([sa('api', 'shop'), sa('api', 'bank'), sa('web', 'shop')]).repeatsARef).toBe(false);
    expect(ManifestIndex.fromObjects([]).repeatsARef).toBe(false);
  });
});
