import { formatDiffMarkdown } from '../../../src/compliance/posture/diff-markdown';
import { diffOf } from './fixtures';

/** A cluster export: a Deployment, its ReplicaSet and the ReplicaSet's two Pods, all running `image`. */
function exportOf(image: string, edit: { rs?: (o: any) => void; pod?: (o: any) => void; pods?: (o: any) => void; version?: string } = {}): unknown[] {
  const labels = { 'app': 'web', 'pod-template-hash': '5d9c' };
  const container = () => ({ name: 'app', image, env: [{ name: 'LOG_LEVEL', value: 'info' }] });
  const meta = (name: string, owner?: [string, string, string], own: Record<string, string> = { app: 'web' }) => ({
    name, namespace: 'team', labels: own, resourceVersion: edit.version ?? '100', uid: `uid-${name}`,
    ...(owner ? { ownerReferences: [{ apiVersion: owner[0], kind: owner[1], name: owner[2], uid: `uid-${owner[2]}`, controller: true }] } : {}),
  });
  const deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'),
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container()] } } },
  };
  const rs = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('web-5d9c', ['apps/v1', 'Deployment', 'web'], labels),
    spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container()] } } },
    status: { replicas: 2, observedGeneration: edit.version === undefined ? 1 : 2 },
  };
  const pod = (name: string) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: meta(name, ['apps/v1', 'ReplicaSet', 'web-5d9c'], labels),
    spec: { nodeName: 'node-1', containers: [container()] }, status: { phase: 'Running', containerStatuses: [{ name: 'app', image }] },
  });
  const pods = [pod('web-5d9c-x1'), pod('web-5d9c-x2')];
  edit.rs?.(rs);
  edit.pod?.(pods[1]);
  if (edit.pods) pods.forEach(edit.pods);
  return [deployment, rs, ...pods];
}

const V1 = 'registry.example.com/web:1';
const V2 = 'registry.example.com/web:2';
const COPIES = ['Pod/team/web-5d9c-x1', 'Pod/team/web-5d9c-x2', 'ReplicaSet/team/web-5d9c'];

describe('the changed objects of a cluster export', () => {
  test('fold the ReplicaSet and Pods whose template changed as the Deployment\'s did into its entry, whatever the cluster wrote beside it', () => {
    const diff = diffOf(exportOf(V1), exportOf(V2, { version: '200' }));
    expect(diff.objects.changed).toEqual(['Deployment/team/web']);
    expect(diff.objects.copies).toEqual([{ ref: 'Deployment/team/web', copies: COPIES }]);
    expect(diff.objects.fields).toEqual([{ ref: 'Deployment/team/web', omitted: 0, fields: [
      { path: 'metadata.resourceVersion', change: 'changed', before: '100', after: '200' },
      { path: 'spec.template.spec.containers[0].image', change: 'changed', before: V1, after: V2 },
    ] }]);
  });

  test('keep a copy listed, with its fields, when its change differs: its Pods then fold into it when they agree with it', () => {
    const otherPod = diffOf(exportOf(V1), exportOf(V2, { pod: p => { p.spec.containers[0].image = 'registry.example.com/web:3'; } }));
    expect(otherPod.objects.changed).toEqual(['Deployment/team/web', 'Pod/team/web-5d9c-x2']);
    expect(otherPod.objects.copies).toEqual([{ ref: 'Deployment/team/web', copies: ['Pod/team/web-5d9c-x1', 'ReplicaSet/team/web-5d9c'] }]);
    expect(otherPod.objects.fields?.map(f => f.ref)).toEqual(otherPod.objects.changed);
    expect(otherPod.objects.fields?.[1].fields).toContainEqual({ path: 'spec.containers[0].image', change: 'changed', before: V1, after: 'registry.example.com/web:3' });

    // The ReplicaSet and its Pods log at another level than the Deployment asks, and the ReplicaSet was scaled.
    const debug = (spec: any) => { spec.containers[0].env[0].value = 'debug'; };
    const scaled = diffOf(exportOf(V1), exportOf(V2, { rs: r => { r.spec.replicas = 3; debug(r.spec.template.spec); }, pods: p => debug(p.spec) }));
    expect(scaled.objects.changed).toEqual(['Deployment/team/web', 'ReplicaSet/team/web-5d9c']);
    expect(scaled.objects.copies).toEqual([{ ref: 'ReplicaSet/team/web-5d9c', copies: ['Pod/team/web-5d9c-x1', 'Pod/team/web-5d9c-x2'] }]);
    expect(scaled.objects.templateCopies).toEqual([]);
  });

  test('keep a copy listed when its change holds a value that is not shown, which could hide a difference', () => {
    const secretEnv = (value: string) => (o: any) => { o.spec.template.spec.containers[0].env.push({ name: 'API_TOKEN', value }); };
    const before = exportOf(V1);
    const after = exportOf(V1);
    secretEnv('one')(after[0]);
    secretEnv('two')(after[1]);
    const diff = diffOf(before, after);
    expect(diff.objects.changed).toEqual(['Deployment/team/web', 'ReplicaSet/team/web-5d9c']);
    expect(diff.objects.copies).toEqual([]);
  });

  test('fold nothing in manifests that name no controller', () => {
    const withoutOwners = (objects: unknown[]) => objects.map((o: any) => {
      delete o.metadata.ownerReferences;
      return o;
    });
    const diff = diffOf(withoutOwners(exportOf(V1)), withoutOwners(exportOf(V2)));
    expect(diff.objects.changed).toEqual(['Deployment/team/web', ...COPIES].sort());
    expect(diff.objects.copies).toEqual([]);
  });

  test('read as one entry with its copies named in the pull-request comment', () => {
    const md = formatDiffMarkdown(diffOf(exportOf(V1), exportOf(V2)));
    expect(md).toContain('<summary>0 added, 0 removed, 1 changed (and 3 copies changed the same way)</summary>\n\n'
      + '- changed `Deployment/team/web` and 3 copies the same way: `Pod/team/web-5d9c-x1`, `Pod/team/web-5d9c-x2`, `ReplicaSet/team/web-5d9c`\n'
      + '  - `spec.template.spec.containers[0].image`: `registry.example.com/web:1` → `registry.example.com/web:2`\n');
    expect(md).toContain('1 changed object.');
    const many = diffOf(exportOf(V1), exportOf(V2));
    const pods = Array.from({ length: 7 }, (_, i) => `Pod/team/web-5d9c-p${i}`);
    const text = formatDiffMarkdown({ ...many, objects: { ...many.objects, copies: [{ ref: 'Deployment/team/web', copies: pods }] } });
    expect(text).toContain('- changed `Deployment/team/web` and 7 copies the same way: `Pod/team/web-5d9c-p0`, `Pod/team/web-5d9c-p1`, '
      + '`Pod/team/web-5d9c-p2`, `Pod/team/web-5d9c-p3`, `Pod/team/web-5d9c-p4` and 2 more\n');
  });
});
