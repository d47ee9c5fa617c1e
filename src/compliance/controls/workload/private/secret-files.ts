/**
 * The files of a container that hold a Secret's data (its Secret volumes' mounts), and the mount
 * paths of its volumes.
 */

/** The files of a container that hold a Secret's data: those at or under the mount path of a Secret volume. */
export interface SecretFiles {
  /** Whether the absolute path lies at or under a Secret volume's mount path. */
  has(path: string): boolean;
  /** Whether the container mounts any Secret volume. */
  readonly any: boolean;
}

export const NO_SECRET_FILES: SecretFiles = { has: () => false, any: false };

/** An absolute path with `.`, `..` and repeated `/` resolved (`/etc/secret/../pw` is `/etc/pw`), without a trailing `/`. */
export function normalPath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '' && segment !== '.') out.push(segment);
  }
  return `/${out.join('/')}`;
}

/**
 * Where a volume holds a Secret's data, relative to the volume's root: `''` (all of it) for a
 * Secret volume or a projected Secret source without `items` (its keys are not in the manifest),
 * else the paths its `items` name (`db-password`); none for a volume of another kind, or for the
 * ConfigMap, downward API and token sources of a projected volume.
 */
function secretPathsOf(volume: any): string[] {
  const sources: any[] = volume?.secret !== undefined && volume?.secret !== null ? [volume.secret]
    : Array.isArray(volume?.projected?.sources) ? volume.projected.sources.map((s: any) => s?.secret).filter((s: any) => s !== undefined && s !== null) : [];
  return sources.flatMap(source => {
    const items: unknown[] = Array.isArray(source?.items) ? source.items : [];
    const paths = (items as any[]).map(item => item?.path).filter((p): p is string => typeof p === 'string');
    return paths.length > 0 ? paths : [''];
  });
}

/**
 * The files of a container that hold a Secret's data: those the pod's Secret volumes, and the
 * Secret sources of its projected volumes, put at or under a mount path of the container (only
 * the files their `items` name, when they name them; all of a mount of one file by `subPath`).
 * Not ConfigMap, emptyDir, downward API or service account token volumes.
 */
export function secretFiles(podSpec: any, container: any): SecretFiles {
  const volumes: unknown[] = Array.isArray(podSpec?.volumes) ? podSpec.volumes : [];
  const byVolume = new Map<string, string[]>();
  for (const v of volumes as any[]) {
    const paths = typeof v?.name === 'string' ? secretPathsOf(v) : [];
    if (paths.length > 0 && !byVolume.has(v.name)) byVolume.set(v.name, paths);
  }
  const mounts: unknown[] = Array.isArray(container?.volumeMounts) ? container.volumeMounts : [];
  const paths: string[] = [];
  for (const m of mounts as any[]) {
    const inVolume = byVolume.get(m?.name);
    if (inVolume === undefined || typeof m.mountPath !== 'string' || !m.mountPath.startsWith('/')) continue;
    const sub = typeof m.subPath === 'string' && m.subPath !== '';
    for (const p of sub ? [''] : inVolume) paths.push(normalPath(`${m.mountPath}/${p}`));
  }
  const roots = paths.filter(p => p !== '/');
  return {
    has: path => {
      const p = normalPath(path);
      return roots.some(m => p === m || p.startsWith(`${m}/`));
    },
    any: roots.length > 0,
  };
}

/** The mount paths of a container's volumes, where a path argument may point at a mounted secret file. */
export function mountPaths(container: any): string[] {
  const mounts: unknown[] = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
  return mounts.map((m: any) => m?.mountPath).filter((p): p is string => typeof p === 'string');
}
