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
  test('leaves out the templates of objects whose controller is in the set (a cluster export\'s ReplicaSets and Pods), keeping the controller\'s', () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    const owner = (kind: string, name: string) => [{ apiVersion: 'apps/v1', kind, name, uid: 'u', controller: true }];
    const index = ManifestIndex.fromObjects([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } }, template } },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-5d9c', namespace: 'shop', ownerReferences: owner('Deployment', 'web') }, spec: { template } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-5d9c-x1', namespace: 'shop', labels: { app: 'web' }, ownerReferences: owner('ReplicaSet', 'web-5d9c') }, spec: template.spec },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', namespace: 'shop', ownerReferences: owner('ReplicaSet', 'gone') }, spec: template.spec },
    ]);
    expect(index.podTemplates.map(t => t.owner.ref)).toEqual(['Deployment/shop/web', 'Pod/shop/orphan']);
    expect(index.objects).toHaveLength(4);
  });

  describe('in an export of workloads and their Pods without the ReplicaSets or Jobs between them', () => {
    const spec = { containers: [{ name: 'c', image: 'registry.example.com/app:1.0' }] };
    const controlledBy = (apiVersion: string, kind: string, name: string) => [{ apiVersion, kind, name, uid: 'u', controller: true }];
    const pod = (name: string, namespace: string, labels: Record<string, string>, owner: ReturnType<typeof controlledBy>) =>
      ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels, ownerReferences: owner }, spec });
    const checkedRefs = (objects: unknown[]) => ManifestIndex.fromObjects(objects).podTemplates.map(t => t.owner.ref);
    const findingRefs = (objects: unknown[]) => runCompliance(ManifestIndex.fromObjects(objects), { only: ['pod-read-only-root-fs'], config: { today: '2026-11-27' } })
      .findings.map(f => f.object.ref);
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec } } };
    const cronJob = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'shop' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec } } } } };

    test('a Deployment\'s Pods are checked once, as the Deployment (kubectl get deploy,pods)', () => {
      const objects = [
        deployment,
        pod('web-5d9c8f7b6-x1', 'shop', { 'app': 'web', 'pod-template-hash': '5d9c8f7b6' }, controlledBy('apps/v1', 'ReplicaSet', 'web-5d9c8f7b6')),
        pod('web-5d9c8f7b6-x2', 'shop', { 'app': 'web', 'pod-template-hash': '5d9c8f7b6' }, controlledBy('apps/v1', 'ReplicaSet', 'web-5d9c8f7b6')),
      ];
      expect(checkedRefs(objects)).toEqual(['Deployment/shop/web']);
      expect(findingRefs(objects)).toEqual(['Deployment/shop/web']);
    });

    test('a CronJob\'s Pods are checked once, as the CronJob (kubectl get cronjobs,pods)', () => {
      const objects = [cronJob, pod('nightly-29473920-abcde', 'shop', { 'job-name': 'nightly-29473920' }, controlledBy('batch/v1', 'Job', 'nightly-29473920'))];
      expect(checkedRefs(objects)).toEqual(['CronJob/shop/nightly']);
      expect(findingRefs(objects)).toEqual(['CronJob/shop/nightly']);
    });

    test('an Argo Rollout\'s Pods are checked once, as the Rollout, when it holds its pod template', () => {
      const rollout = (name: string, rolloutSpec: object) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name, namespace: 'shop' }, spec: rolloutSpec });
      const hashed = (name: string, hash: string) => pod(`${name}-${hash}-x1`, 'shop', { 'rollouts-pod-template-hash': hash }, controlledBy('apps/v1', 'ReplicaSet', `${name}-${hash}`));
      expect(checkedRefs([
        rollout('canary', { template: { spec } }), hashed('canary', '6b7f9c'),
        // A Rollout that takes its template from a Deployment (workloadRef) has none of its own: its Pods are checked.
        rollout('ref', { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'absent' } }), hashed('ref', '77c4d'),
      ])).toEqual(['Rollout/shop/canary', 'Pod/shop/ref-77c4d-x1']);
    });

    test('Pods that no workload of the set made are still checked', () => {
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
      expect(checkedRefs(objects)).toEqual(refs);
      expect(findingRefs(objects)).toEqual(refs);
    });
  });
});
