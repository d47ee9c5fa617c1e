import { ComplianceConfig } from '../../src/compliance/config';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { run } from './helpers';

const DIGEST = '@sha256:' + '0'.repeat(64);
const IMAGE = `ghcr.io/knative/helloworld-go${DIGEST}`;
const QUEUE_IMAGE = `gcr.io/knative-releases/knative.dev/serving/cmd/queue${DIGEST}`;
const PROBE = { httpGet: { path: '/healthz', port: 8080 } };
/** The Service's container as written: no name, none of the settings the container controls ask for. */
const USER = { image: IMAGE, imagePullPolicy: 'Always', livenessProbe: PROBE, readinessProbe: PROBE };
/** The container Knative adds to each Pod, as a cluster export shows it. */
const QUEUE = {
  name: 'queue-proxy', image: QUEUE_IMAGE, imagePullPolicy: 'Always', resources: { requests: { cpu: '25m' } }, livenessProbe: PROBE, readinessProbe: PROBE,
  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
};
const LABELS = { 'app.kubernetes.io/name': 'hello', 'app.kubernetes.io/instance': 'hello' };

function service(containers: unknown[]): unknown {
  return {
    apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello', namespace: 'apps', labels: LABELS },
    spec: { template: { metadata: { labels: LABELS }, spec: { containers } } },
  };
}

/** A Pod of the Service's first revision, whose ReplicaSet the export (`kubectl get ksvc,pods`) leaves out. */
function pod(containers: unknown[], labels: Record<string, string> = { 'serving.knative.dev/service': 'hello' }): unknown {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: 'hello-00001-deployment-5d8f7c9b4-abcde', namespace: 'apps',
      labels: { ...LABELS, ...labels, 'serving.knative.dev/revision': 'hello-00001', 'pod-template-hash': '5d8f7c9b4' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'hello-00001-deployment-5d8f7c9b4', uid: 'u', controller: true }],
    },
    spec: { serviceAccountName: 'default', enableServiceLinks: false, containers },
  };
}

/** The findings on the Pod, as `control: message`. */
function podFindings(objects: unknown[], config?: ComplianceConfig): string[] {
  return run(objects, config).findings.filter(f => f.object.kind === 'Pod').map(f => `${f.controlId}: ${f.message}`);
}

/** The containers of the Pod the controls judge. */
function judged(objects: unknown[]): string[] {
  const index = ManifestIndex.fromObjects(objects);
  const at = index.podTemplates.findIndex(t => t.owner.kind === 'Pod');
  return index.containers[at].map(c => String(c.container.name));
}

const named = (name: string, c: object = USER) => ({ ...c, name, env: [{ name: 'PORT', value: '8080' }] });

describe('the Pods of a Knative Service in a cluster export', () => {
  test('repeat none of the Service\'s findings: the Pod\'s user-container is the Service\'s unnamed container, queue-proxy is Knative\'s', () => {
    const objects = [service([USER]), pod([named('user-container'), QUEUE])];
    const findings = run(objects).findings;
    expect(findings.filter(f => f.object.kind === 'Pod')).toEqual([]);
    const onService = findings.filter(f => f.object.ref === 'Service/apps/hello').map(f => `${f.controlId}: ${f.message}`);
    expect(onService).toEqual(expect.arrayContaining([
      'pod-run-as-non-root: containers[0]: runAsNonRoot is not true',
      'container-resource-limits: containers[0]: has no valid limits.cpu or limits.memory',
      'container-ephemeral-storage: containers[0]: has no valid requests.ephemeral-storage or limits.ephemeral-storage',
    ]));
    expect(judged(objects)).toEqual(['user-container']);
  });

  test('report what the Pod\'s user-container does that the Service\'s container does not', () => {
    const findings = podFindings([service([USER]), pod([named('user-container', { ...USER, securityContext: { privileged: true } }), QUEUE])]);
    expect(findings).toContain('pod-no-privileged: container "user-container": runs privileged');
    // The same setting is reported once, on the Service, when only the label differs.
    expect(findings.filter(f => f.startsWith('pod-run-as-non-root'))).toEqual([]);
  });

  test('have each of several unnamed containers named user-container-<index>, and a named container keep its name', () => {
    const two = service([USER, { ...USER, name: 'side' }, USER]);
    expect(podFindings([two, pod([named('user-container-0'), named('side'), named('user-container-2'), QUEUE])])).toEqual([]);
    // With several containers, Knative names none of them `user-container`: such a container is the Pod's own.
    expect(podFindings([two, pod([named('user-container'), named('side'), named('user-container-2'), QUEUE])]))
      .toContain('pod-run-as-non-root: container "user-container": runAsNonRoot is not true');
    // A container the Service names is compared by that name only.
    expect(podFindings([service([{ ...USER, name: 'app' }]), pod([named('user-container'), QUEUE])]))
      .toContain('pod-run-as-non-root: container "user-container": runAsNonRoot is not true');
  });

  test('judge a queue-proxy of another image, or one the Service\'s template has', () => {
    const impostor = { ...QUEUE, image: `ghcr.io/someone/queue${DIGEST}`, securityContext: { privileged: true } };
    expect(podFindings([service([USER]), pod([named('user-container'), impostor])])).toContain('pod-no-privileged: container "queue-proxy": runs privileged');
    const mirrored = { ...QUEUE, image: `registry.example.com/mirror/queue-39be6f1d08a095bd076a71d288d295b6${DIGEST}` };
    expect(podFindings([service([USER]), pod([named('user-container'), mirrored])]).some(f => f.includes('container "queue-proxy"'))).toBe(true);
    // A queue-proxy of the Service's own template is the workload's: judged, and reported on the Service.
    const own = { ...QUEUE, securityContext: {} };
    const objects = [service([USER, own]), pod([named('user-container-0'), own])];
    expect(judged(objects)).toEqual(['user-container-0', 'queue-proxy']);
    expect(run(objects).findings.map(f => `${f.object.kind} ${f.controlId}: ${f.message}`))
      .toContain('Service pod-run-as-non-root: container "queue-proxy": runAsNonRoot is not true');
  });

  test('leave a queue-proxy that runs a mirror knativeQueueImages names to Knative, and not one istioProxyImages names', () => {
    const mirror = 'registry.corp.example/knative/queue';
    const objects = [service([USER]), pod([named('user-container'), { ...QUEUE, image: `${mirror}${DIGEST}` }])];
    expect(podFindings(objects).some(f => f.includes('container "queue-proxy"'))).toBe(true);
    expect(podFindings(objects, { knativeQueueImages: [mirror] })).toEqual([]);
    // Istio's proxy image under Knative's name is not Knative's queue, whatever the settings say of Istio.
    const proxy = [service([USER]), pod([named('user-container'), { ...QUEUE, image: `registry.corp.example/istio/proxyv2${DIGEST}`, securityContext: {} }])];
    expect(podFindings(proxy, { istioProxyImages: ['registry.corp.example/istio/proxyv2'] }))
      .toContain('pod-run-as-non-root: container "queue-proxy": runAsNonRoot is not true');
    expect(podFindings(objects, { istioProxyImages: [mirror] }).some(f => f.includes('container "queue-proxy"'))).toBe(true);
    // The mirror is held to what no container may do.
    const privileged = [service([USER]), pod([named('user-container'), { ...QUEUE, image: `${mirror}${DIGEST}`, securityContext: { ...QUEUE.securityContext, privileged: true } }])];
    expect(podFindings(privileged, { knativeQueueImages: [mirror] })).toEqual(['pod-no-privileged: container "queue-proxy": runs privileged']);
  });

  test('are judged whole when no Knative Service of the export covers them', () => {
    // A Pod standing alone, and one whose label names a Service the export does not hold.
    for (const objects of [[pod([named('user-container'), QUEUE])], [service([USER]), pod([named('user-container'), QUEUE], { 'serving.knative.dev/service': 'other' })]]) {
      const findings = podFindings(objects);
      expect(findings).toContain('container-resource-limits: container "queue-proxy": has no valid limits.cpu or limits.memory');
      expect(findings).toContain('pod-run-as-non-root: container "user-container": runAsNonRoot is not true');
    }
  });

  test('outside Knative, a Pod\'s user-container is not its template\'s unnamed container, nor is queue-proxy left out', () => {
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'hello', namespace: 'apps', labels: LABELS },
      spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec: { containers: [USER] } } },
    };
    const owned = {
      ...(pod([named('user-container'), QUEUE], {}) as any),
      metadata: { ...(pod([]) as any).metadata, name: 'hello-5d8f7c9b4-abcde', labels: { ...LABELS, 'pod-template-hash': '5d8f7c9b4' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'hello-5d8f7c9b4', uid: 'u', controller: true }] },
    };
    const findings = podFindings([deployment, owned]);
    expect(findings).toContain('pod-run-as-non-root: container "user-container": runAsNonRoot is not true');
    expect(findings).toContain('container-resource-limits: container "queue-proxy": has no valid limits.cpu or limits.memory');
  });
});

/** The labels Knative puts on a Revision's Deployment and its pod template. */
const REVISION_LABELS = { ...LABELS, 'serving.knative.dev/service': 'hello', 'serving.knative.dev/configuration': 'hello', 'serving.knative.dev/revision': 'hello-00001' };

/** The Deployment Knative makes for the Service's first revision: controlled by the Revision, labelled with it and the Service. */
function revisionDeployment(containers: unknown[], labels: Record<string, string> = REVISION_LABELS, revision: string | null = 'hello-00001'): unknown {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: {
      name: 'hello-00001-deployment', namespace: 'apps', labels,
      ...(revision === null ? {} : { ownerReferences: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Revision', name: revision, uid: 'u', controller: true }] }),
    },
    spec: { replicas: 1, selector: { matchLabels: { 'serving.knative.dev/revision': 'hello-00001' } }, template: { metadata: { labels }, spec: { enableServiceLinks: false, containers } } },
  };
}

/** A Pod of the Revision's Deployment, whose ReplicaSet the export leaves out. */
const deployedPod = (containers: unknown[]) => pod(containers, REVISION_LABELS);

/**
 * The availability controls, which leave a Revision's Deployment to its Service or judge one that
 * is not confirmed as its copy by its own replica count, spread and disruption budget
 * (knative-availability.test.ts): left out here.
 */
const AVAILABILITY: ReadonlySet<string> = new Set(['workload-min-replicas', 'workload-disruption-budget', 'workload-topology-spread']);

/** The findings on the objects of a kind, as `control: message`, the availability controls' aside. */
function findingsOn(kind: string, objects: unknown[]): string[] {
  return run(objects).findings.filter(f => f.object.kind === kind && !AVAILABILITY.has(f.controlId)).map(f => `${f.controlId}: ${f.message}`);
}

/** The containers of the Deployment the controls judge. */
function judgedInDeployment(objects: unknown[]): string[] {
  const index = ManifestIndex.fromObjects(objects);
  return index.containers[index.podTemplates.findIndex(t => t.owner.kind === 'Deployment')].map(c => String(c.container.name));
}

describe('the Deployment of a Knative Revision in a cluster export (kubectl get ksvc,deploy,pods)', () => {
  test('is covered by the Service: it repeats none of the Service\'s findings, nor do its Pods, and its queue-proxy is Knative\'s', () => {
    const objects = [service([USER]), revisionDeployment([named('user-container'), QUEUE]), deployedPod([named('user-container'), QUEUE])];
    const index = ManifestIndex.fromObjects(objects);
    expect(index.podTemplates.map(t => [t.owner.ref, index.coveringObject(t.owner)?.ref])).toEqual([
      ['Service/apps/hello', undefined],
      ['Deployment/apps/hello-00001-deployment', 'Service/apps/hello'],
      ['Pod/apps/hello-00001-deployment-5d8f7c9b4-abcde', 'Deployment/apps/hello-00001-deployment'],
    ]);
    expect(findingsOn('Deployment', objects)).toEqual([]);
    expect(findingsOn('Pod', objects)).toEqual([]);
    expect(findingsOn('Service', objects)).toContain('pod-run-as-non-root: containers[0]: runAsNonRoot is not true');
    expect(judgedInDeployment(objects)).toEqual(['user-container']);
  });

  test('is covered with its Revision and ReplicaSet in the export too', () => {
    const revision = { apiVersion: 'serving.knative.dev/v1', kind: 'Revision', metadata: { name: 'hello-00001', namespace: 'apps', labels: REVISION_LABELS }, spec: { containers: [USER] } };
    const replicaSet = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: 'hello-00001-deployment-5d8f7c9b4', namespace: 'apps', labels: REVISION_LABELS,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello-00001-deployment', uid: 'u', controller: true }] },
      spec: { template: { metadata: { labels: REVISION_LABELS }, spec: { enableServiceLinks: false, containers: [named('user-container'), QUEUE] } } },
    };
    const objects = [service([USER]), revision, revisionDeployment([named('user-container'), QUEUE]), replicaSet, deployedPod([named('user-container'), QUEUE])];
    for (const kind of ['Deployment', 'ReplicaSet', 'Pod']) expect(findingsOn(kind, objects)).toEqual([]);
  });

  test('whose template differs from the Service\'s keeps its own failures, reported once along the chain', () => {
    const privileged = named('user-container', { ...USER, securityContext: { privileged: true } });
    const objects = [service([USER]), revisionDeployment([privileged, QUEUE]), deployedPod([privileged, QUEUE])];
    expect(findingsOn('Deployment', objects)).toEqual([
      'pod-no-privileged: container "user-container": runs privileged',
      'pod-no-privilege-escalation: container "user-container": allowPrivilegeEscalation is not set to false, and runs privileged, which escalates anyway: remove privileged: true first',
    ]);
    expect(findingsOn('Pod', objects)).toEqual([]);
  });

  test('has a queue-proxy of another image, or one the Service\'s template has, judged', () => {
    const impostor = { ...QUEUE, image: `ghcr.io/someone/queue${DIGEST}`, securityContext: { privileged: true } };
    const objects = [service([USER]), revisionDeployment([named('user-container'), impostor])];
    expect(findingsOn('Deployment', objects)).toContain('pod-no-privileged: container "queue-proxy": runs privileged');
    expect(judgedInDeployment(objects)).toEqual(['user-container', 'queue-proxy']);
    const own = { ...QUEUE, securityContext: {} };
    expect(judgedInDeployment([service([USER, own]), revisionDeployment([named('user-container-0'), own])])).toEqual(['user-container-0', 'queue-proxy']);
  });

  test('is judged whole when its labels or its controller do not show it to be the Revision\'s of a Service of the export', () => {
    const without = (key: string) => Object.fromEntries(Object.entries(REVISION_LABELS).filter(([k]) => k !== key));
    const withoutRevision = without('serving.knative.dev/revision');
    const withoutService = without('serving.knative.dev/service');
    for (const deployment of [
      revisionDeployment([named('user-container'), QUEUE], withoutRevision),
      revisionDeployment([named('user-container'), QUEUE], withoutService),
      revisionDeployment([named('user-container'), QUEUE], { ...REVISION_LABELS, 'serving.knative.dev/service': 'other' }),
      revisionDeployment([named('user-container'), QUEUE], REVISION_LABELS, 'hello-00002'),
      revisionDeployment([named('user-container'), QUEUE], REVISION_LABELS, null),
    ]) {
      const objects = [service([USER]), deployment];
      const index = ManifestIndex.fromObjects(objects);
      expect(index.coveringObject(index.objects[1])).toBe(undefined);
      expect(judgedInDeployment(objects)).toEqual(['user-container', 'queue-proxy']);
      const findings = findingsOn('Deployment', objects);
      expect(findings).toContain('pod-run-as-non-root: container "user-container": runAsNonRoot is not true');
      expect(findings).toContain('container-resource-limits: container "queue-proxy": has no valid limits.cpu or limits.memory');
    }
    // Another kind controlled by the Revision is not its Deployment.
    const statefulSet = { ...(revisionDeployment([named('user-container'), QUEUE]) as any), kind: 'StatefulSet' };
    expect(findingsOn('StatefulSet', [service([USER]), statefulSet])).toContain('pod-run-as-non-root: container "user-container": runAsNonRoot is not true');
  });
});
