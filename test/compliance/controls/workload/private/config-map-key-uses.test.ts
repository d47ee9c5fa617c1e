import { configMapKeyUses, describeUse, usesOfKey } from '../../../../../src/compliance/controls/workload/private/config-map-key-uses';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';

const configMap = (name: string, namespace = 'team') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: {} });
const pod = (name: string, spec: Record<string, unknown>, namespace = 'team') => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec });

/** The uses of `key` of ConfigMap `team/<name>`, in words. */
function usesIn(objects: unknown[], name: string, key: string): string[] {
  const index = ManifestIndex.fromObjects([configMap(name), ...objects]);
  const cm = index.get('ConfigMap', 'team', name)!;
  return usesOfKey(configMapKeyUses(index), cm, key).map(describeUse);
}

describe('configMapKeyUses', () => {
  test('reads the env of init and ephemeral containers too, and names envFrom\'s uses last', () => {
    const p = pod('p', {
      initContainers: [{ name: 'init', image: 'i', envFrom: [{ configMapRef: { name: 'c', optional: true } }] }],
      containers: [{ name: 'app', image: 'i' }],
      ephemeralContainers: [{ name: 'debug', image: 'i', env: [{ name: 'CFG', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }] }],
    });
    expect(usesIn([p], 'c', 'k')).toEqual(['Pod/team/p passes it in variable CFG', 'Pod/team/p passes it in variable k']);
  });

  test('finds a key mounted by a subPath through a volume item\'s path, and each projected source by its own items', () => {
    const p = pod('p', {
      volumes: [
        { name: 'v', configMap: { name: 'c', items: [{ key: 'k', path: 'docs/k.md' }] } },
        { name: 'p', projected: { sources: [{ secret: { name: 's' } }, { configMap: { name: 'other', items: [{ key: 'k', path: 'x.env' }] } }, { configMap: { name: 'c', items: [{ key: 'k', path: 'y.env' }] } }] } },
      ],
      containers: [{ name: 'app', image: 'i', volumeMounts: [{ name: 'v', mountPath: '/etc/app.env', subPath: 'docs/k.md' }, { name: 'v', mountPath: '/docs', subPath: 'docs' }] }],
    });
    expect(usesIn([p], 'c', 'k')).toEqual(['Pod/team/p mounts it as docs/k.md', 'Pod/team/p mounts it as y.env', 'Pod/team/p mounts it as /etc/app.env']);
  });

  test('finds a key mounted by a subPath through the directory the kubelet writes the files in (..data, or the timestamped one)', () => {
    const p = pod('p', {
      volumes: [{ name: 'all', configMap: { name: 'c' } }, { name: 'one', configMap: { name: 'c', items: [{ key: 'k', path: 'docs/k.md' }] } }],
      containers: [{ name: 'app', image: 'i', volumeMounts: [
        { name: 'all', mountPath: '/etc/a.env', subPath: '..data/k' },
        { name: 'all', mountPath: '/etc/b.env', subPath: '..2024_01_01_00_00_00.000000001/k' },
        { name: 'one', mountPath: '/etc/c.env', subPath: '..data/docs/k.md' },
        // The directory itself holds every key under its own name.
        { name: 'all', mountPath: '/etc/d', subPath: '..data' },
      ] }],
    });
    expect(usesIn([p], 'c', 'k')).toEqual(['Pod/team/p mounts it as docs/k.md', 'Pod/team/p mounts it as /etc/a.env', 'Pod/team/p mounts it as /etc/b.env', 'Pod/team/p mounts it as /etc/c.env']);
  });

  test('a volume mounted whole names no use, nor do items and references it cannot read', () => {
    const p = pod('p', {
      volumes: [{ name: 'v', configMap: { name: 'c' } }, { name: 'bad', configMap: { name: 'c', items: [{ key: 'k' }, null, { path: 'p' }] } }],
      containers: [{ name: 'app', image: 'i', volumeMounts: [{ name: 'v', mountPath: '/etc/app' }, { name: 'v', mountPath: '/x', subPath: '.' }],
        env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c' } } }, { name: 'B', value: 'k' }], envFrom: [{ secretRef: { name: 'c' } }] }],
    });
    expect(usesIn([p], 'c', 'k')).toEqual([]);
  });

  test('a subPathExpr, whose file is known only at run time, may mount any key of the volume', () => {
    const p = pod('p', {
      volumes: [{ name: 'all', configMap: { name: 'c' } }, { name: 'one', configMap: { name: 'c', items: [{ key: 'k', path: 'k.md' }, { key: 'j', path: 'j.md' }] } }],
      containers: [{ name: 'app', image: 'i', volumeMounts: [
        { name: 'all', mountPath: '/etc/app.env', subPathExpr: '$(FILE)' },
        { name: 'one', mountPath: '/etc/other.env', subPathExpr: '$(FILE)' },
      ] }],
    });
    expect(usesIn([p], 'c', 'k')).toEqual(['Pod/team/p mounts it as k.md', 'Pod/team/p mounts it as /etc/other.env', 'Pod/team/p mounts it as /etc/app.env']);
    expect(usesIn([p], 'c', 'j')).toEqual(['Pod/team/p mounts it as j.md', 'Pod/team/p mounts it as /etc/other.env', 'Pod/team/p mounts it as /etc/app.env']);
  });

  test('keys ConfigMaps by namespace: a pod of another namespace uses its own ConfigMap of the name', () => {
    const p = pod('p', { containers: [{ name: 'app', image: 'i', envFrom: [{ configMapRef: { name: 'c' } }] }] }, 'other');
    expect(usesIn([p], 'c', 'k')).toEqual([]);
  });
});
