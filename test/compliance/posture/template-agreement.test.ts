import { resolveConfig } from '../../../src/compliance/config';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { ExportCopies } from '../../../src/compliance/posture/private/template-agreement';
import { podFrom, webDeployment, webPods, webPodSpec, webReplicaSet } from './export-fixtures';

const V1 = 'registry.example.com/web:1.4.2';
const HASH = '5d9c8b7f4d';

/** The ref of the object a copy copies in the export, and whether the copy holds its template. */
function judge(objects: any[], ref: string): { cover?: string; agrees: boolean } {
  const index = ManifestIndex.fromObjects(objects);
  const copies = new ExportCopies(index, resolveConfig({}));
  const o = index.objects.find(x => x.ref === ref)!;
  const cover = copies.coverOf(o);
  return { cover: cover?.ref, agrees: cover !== undefined && copies.agrees(o, cover) };
}

/** Deployment `web`, its ReplicaSet and one Pod, with an edit of the Pod. */
function withPod(edit: (pod: any) => void): any[] {
  const [pod] = webPods(HASH, V1, ['x7k2p']);
  edit(pod);
  return [webDeployment(V1), webReplicaSet(HASH, V1, 1), pod];
}

const POD = `Pod/team/web-${HASH}-x7k2p`;

describe('whether a copy of a cluster export holds the template it copies', () => {
  test('a Pod does, with what the API server, the admission plugins and the scheduler add to it', () => {
    expect(judge(withPod(() => undefined), POD)).toEqual({ cover: `ReplicaSet/team/web-${HASH}`, agrees: true });
  });

  test.each([
    ['the resources a LimitRange set where the template has none', (p: any) => {
      p.spec.containers[0].resources = { limits: { cpu: '1' }, requests: { cpu: '100m' } };
    }, (t: any) => { delete t.containers[0].resources; }],
    ['an annotation the engine does not read (a CNI\'s)', (p: any) => { p.metadata.annotations = { 'cni.projectcalico.org/podIP': '10.244.1.7/32' }; }, undefined],
    ['the ServiceAccount `default` where the template names none', (p: any) => {
      p.spec.serviceAccount = p.spec.serviceAccountName = 'default';
    }, (t: any) => { delete t.serviceAccount; delete t.serviceAccountName; }],
  ])('a Pod does with %s', (_what, editPod, editTemplate) => {
    const objects = withPod(editPod);
    if (editTemplate) [objects[0].spec.template.spec, objects[1].spec.template.spec].forEach(editTemplate);
    expect(judge(objects, POD).agrees).toBe(true);
  });

  test.each([
    ['an image set by hand', (p: any) => { p.spec.containers[0].image = 'registry.example.com/web:1.4.3'; }],
    ['resources resized', (p: any) => { p.spec.containers[0].resources.limits.memory = '512Mi'; }],
    ['an active deadline set by hand', (p: any) => { p.spec.activeDeadlineSeconds = 60; }],
    ['a volume the template lacks', (p: any) => { p.spec.volumes.push({ name: 'host', hostPath: { path: '/var/run' } }); }],
    ['a mount of the token volume elsewhere', (p: any) => { p.spec.containers[0].volumeMounts[1].mountPath = '/token'; }],
    ['a mount of the template missing', (p: any) => { p.spec.containers[0].volumeMounts.shift(); }],
    ['an AppArmor profile annotated', (p: any) => { p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/web': 'unconfined' }; }],
    ['the sidecar opt-out annotated', (p: any) => { p.metadata.annotations = { 'sidecar.istio.io/inject': 'false' }; }],
    ['a container named like Istio\'s proxy that runs another image', (p: any) => {
      p.metadata.annotations = { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' };
      p.spec.containers.push({ name: 'istio-proxy', image: 'registry.example.com/tools:1' });
    }],
    ['another ServiceAccount', (p: any) => { p.spec.serviceAccount = p.spec.serviceAccountName = 'admin'; }],
  ])('a Pod does not with %s', (_what, edit) => {
    expect(judge(withPod(edit), POD).agrees).toBe(false);
  });

  test('a workload\'s copy does only with the template as it is: the same spec and annotations', () => {
    const rs = `ReplicaSet/team/web-${HASH}`;
    const objects = () => [webDeployment(V1), webReplicaSet(HASH, V1, 1)];
    expect(judge(objects(), rs)).toEqual({ cover: 'Deployment/team/web', agrees: true });
    const defaulted = objects();
    defaulted[1].spec.template.spec.enableServiceLinks = true;
    expect(judge(defaulted, rs).agrees).toBe(false);
    const annotated = objects();
    annotated[1].spec.template.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-11-02T09:14:03Z' };
    expect(judge(annotated, rs).agrees).toBe(false);
  });

  test('a DaemonSet\'s Pod does with the node affinity and node-condition tolerations its controller sets', () => {
    const labels = { 'app.kubernetes.io/name': 'agent' };
    const spec = webPodSpec('registry.example.com/agent:3.1.0');
    spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } };
    const ds = {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'team', uid: 'uid-daemonset-agent' },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } },
    };
    const pod = podFrom('agent-m4k8s', ['apps/v1', 'DaemonSet', 'agent'], { ...labels, 'controller-revision-hash': '7d9f8c6b5', 'pod-template-generation': '2' }, spec);
    pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a'] }] }],
    };
    for (const t of ['disk-pressure', 'memory-pressure', 'pid-pressure', 'unschedulable']) {
      pod.spec.tolerations.push({ effect: 'NoSchedule', key: `node.kubernetes.io/${t}`, operator: 'Exists' });
    }
    expect(judge([ds, pod], 'Pod/team/agent-m4k8s')).toEqual({ cover: 'DaemonSet/team/agent', agrees: true });
    pod.spec.affinity.podAntiAffinity = { requiredDuringSchedulingIgnoredDuringExecution: [] };
    expect(judge([ds, pod], 'Pod/team/agent-m4k8s').agrees).toBe(false);
  });

  test('a ControllerRevision does when it records its StatefulSet\'s template whole', () => {
    const labels = { 'app.kubernetes.io/name': 'db' };
    const sts = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'team' },
      spec: { serviceName: 'db', selector: { matchLabels: labels }, template: { metadata: { labels }, spec: webPodSpec(V1) } },
    };
    const revision = (image: string, controller = true) => ({
      apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 1,
      metadata: { name: 'db-6c8f7d9b5', namespace: 'team', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller }] },
      data: { spec: { template: { $patch: 'replace', metadata: { creationTimestamp: null, labels }, spec: webPodSpec(image) } } },
    });
    expect(judge([sts, revision(V1)], 'ControllerRevision/team/db-6c8f7d9b5')).toEqual({ cover: 'StatefulSet/team/db', agrees: true });
    expect(judge([sts, revision('registry.example.com/web:0.9')], 'ControllerRevision/team/db-6c8f7d9b5').agrees).toBe(false);
    expect(judge([sts, revision(V1, false)], 'ControllerRevision/team/db-6c8f7d9b5').cover).toBeUndefined();
  });
});
