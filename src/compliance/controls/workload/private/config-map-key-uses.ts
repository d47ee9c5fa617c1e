import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject, PodTemplate } from '../../../types';

/**
 * How a pod template hands a ConfigMap key to its program under a name it gives the key: as a
 * file a volume item or a mount names (its own name included), or as an environment variable.
 */
export interface KeyUse {
  /** The object whose pod template uses the key. */
  readonly by: IndexedObject;
  /**
   * The path the key is mounted at: a volume item's `path`, or the `mountPath` of a mount whose
   * `subPath` names the key's file, or whose `subPathExpr` may name it at run time.
   * @default - not mounted
   */
  readonly mountedAs?: string;
  /** The environment variable that holds the key's value. @default - not in a variable */
  readonly variable?: string;
}

/** A use of every key of a ConfigMap: `envFrom` (with the variables' prefix), or a mount whose file the kubelet picks at run time. */
type EveryKeyUse = { readonly by: IndexedObject; readonly prefix: string } | { readonly by: IndexedObject; readonly mountedAs: string };

/** The uses of one ConfigMap's keys: by key, and of every key. */
interface ConfigMapUses {
  readonly keys: Map<string, KeyUse[]>;
  readonly everyKey: EveryKeyUse[];
}

/** The uses of the keys of the ConfigMaps the pod templates refer to, by `namespace/name` of the ConfigMap. */
export type ConfigMapKeyUses = ReadonlyMap<string, ConfigMapUses>;

/**
 * Every use of a ConfigMap key by the pod templates of the set, optional references included:
 * - a `configMap` volume's or a projected volume's `items` entry mounts the key at its `path`;
 * - a volume mount with a `subPath` naming one file of such a volume (directly, or through the
 *   kubelet's `..data` directory) mounts that key at its `mountPath` (without `items`, the files
 *   are named by their keys); one with a `subPathExpr`,
 *   whose file is known only at run time, may mount any of its keys there;
 * - `env[].valueFrom.configMapKeyRef` puts the key in a variable;
 * - `envFrom[].configMapRef` puts every key in a variable named by it (after the `prefix`). The
 *   kubelet skips the keys that are not valid variable names, but names with dots
 *   (`README.md`) are valid, and since Kubernetes 1.32 every ConfigMap key is one
 *   (RelaxedEnvironmentVariableValidation): every key counts.
 *
 * A volume without `items`, mounted whole, is no use here: each file is named by its key.
 */
export function configMapKeyUses(index: ManifestIndex): ConfigMapKeyUses {
  const uses = new Map<string, ConfigMapUses>();
  const templates = index.podTemplates;
  const containers = index.allContainers;
  for (let t = 0; t < templates.length; t++) {
    const pod = templates[t];
    const volumes: unknown[] = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
    for (const volume of volumes) {
      for (const source of configMapSources(volume)) {
        for (const item of source.items ?? []) addKeyUse(uses, pod, source.name, item.key, { by: pod.owner, mountedAs: item.path });
      }
    }
    for (const { container } of containers[t]) {
      for (const e of arrayOf(container.env)) {
        const ref = e?.valueFrom?.configMapKeyRef;
        if (isString(ref?.name) && isString(ref.key) && isString(e.name)) addKeyUse(uses, pod, ref.name, ref.key, { by: pod.owner, variable: e.name });
      }
      for (const e of arrayOf(container.envFrom)) {
        const ref = e?.configMapRef;
        if (isString(ref?.name)) usesOf(uses, pod, ref.name).everyKey.push({ by: pod.owner, prefix: typeof e.prefix === 'string' ? e.prefix : '' });
      }
      for (const m of arrayOf(container.volumeMounts)) {
        if (!isString(m?.mountPath)) continue;
        const byExpr = isString(m.subPathExpr);
        if (!byExpr && !isString(m.subPath)) continue;
        const sources = configMapSources(volumes.find(v => (v as any)?.name === m.name));
        if (byExpr) {
          for (const source of sources) {
            if (source.items === undefined) usesOf(uses, pod, source.name).everyKey.push({ by: pod.owner, mountedAs: m.mountPath });
            else for (const item of source.items) addKeyUse(uses, pod, source.name, item.key, { by: pod.owner, mountedAs: m.mountPath });
          }
          continue;
        }
        const subPath = volumePath(m.subPath);
        if (subPath === '') continue;
        for (const source of sources) {
          const key = source.items === undefined ? (subPath.includes('/') ? undefined : subPath) : source.items.find(i => volumePath(i.path) === subPath)?.key;
          if (key !== undefined) addKeyUse(uses, pod, source.name, key, { by: pod.owner, mountedAs: m.mountPath });
        }
      }
    }
  }
  return uses;
}

/** The uses of one key of a ConfigMap, in the order of the pod templates: named uses first, then `envFrom`'s. */
export function usesOfKey(uses: ConfigMapKeyUses, configMap: IndexedObject, key: string): KeyUse[] {
  const found = uses.get(`${configMap.namespace}/${configMap.name}`);
  if (found === undefined) return [];
  return [...found.keys.get(key) ?? [], ...found.everyKey.map(u => ('mountedAs' in u ? u : { by: u.by, variable: u.prefix + key }))];
}

/** A use in words, for findings: `Deployment/team/api mounts it as app.env`. */
export function describeUse(use: KeyUse): string {
  return use.mountedAs !== undefined ? `${use.by.ref} mounts it as ${use.mountedAs}` : `${use.by.ref} passes it in variable ${use.variable}`;
}

/** A ConfigMap a volume reads, and its `items` (`undefined`: every key, named by itself). */
export interface ConfigMapSource {
  readonly name: string;
  readonly items?: readonly { readonly key: string; readonly path: string }[];
}

/** The ConfigMaps a volume reads: its `configMap`, or the `configMap` sources of a projected volume. */
export function configMapSources(volume: any): ConfigMapSource[] {
  if (volume === null || typeof volume !== 'object') return [];
  const refs = volume.configMap !== undefined ? [volume.configMap] : arrayOf(volume.projected?.sources).map(s => s?.configMap);
  const out: ConfigMapSource[] = [];
  for (const ref of refs) {
    if (!isString(ref?.name)) continue;
    const items = Array.isArray(ref.items) ? ref.items.filter((i: any) => isString(i?.key) && isString(i.path)) : undefined;
    out.push({ name: ref.name, items });
  }
  return out;
}

function addKeyUse(uses: Map<string, ConfigMapUses>, pod: PodTemplate, configMap: string, key: string, use: KeyUse): void {
  const keys = usesOf(uses, pod, configMap).keys;
  const list = keys.get(key);
  if (list === undefined) keys.set(key, [use]);
  else list.push(use);
}

function usesOf(uses: Map<string, ConfigMapUses>, pod: PodTemplate, configMap: string): ConfigMapUses {
  const id = `${pod.namespace}/${configMap}`;
  let found = uses.get(id);
  if (found === undefined) uses.set(id, found = { keys: new Map(), everyKey: [] });
  return found;
}

/**
 * A relative path in a ConfigMap volume as the kubelet resolves it: without empty and `.`
 * segments, nor a first segment starting with `..` (`..data`, or the timestamped directory it
 * links to), the directory the kubelet writes the files in and links each one from. The API server
 * refuses such a first segment in an item's `path` but not in a `subPath`, which reaches a file
 * through it (`..data/app.env` is `app.env`).
 */
export function volumePath(path: string): string {
  const segments = path.split('/').filter(s => s !== '' && s !== '.');
  return (segments.length > 1 && segments[0].startsWith('..') ? segments.slice(1) : segments).join('/');
}

function arrayOf(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

function isString(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}
