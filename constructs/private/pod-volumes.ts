import { createHash } from 'node:crypto';

/** Where the API credentials of a granted workload are mounted (below `<dir>/serviceaccount`). */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io';

/** Where secret files are mounted: `<dir>/<file name>`. */
export const SECRETS_DIR = '/var/run/secrets/app';

/** Volume names for the writable paths: `tmp` for `/tmp`, `var-cache` for `/var/cache`. */
export function volumeName(path: string): string {
  const s = path.replace(/^\/+|\/+$/g, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase().replace(/^-+/, '');
  return (s === '' ? 'root' : s).slice(0, 63).replace(/-+$/, '');
}

/** The name of a workload's persistent volume: of its claim template and of the mount. */
export const STORAGE_VOLUME = 'data';

/** Volume names the pod spec uses for its own mounts. */
export const RESERVED_VOLUMES: ReadonlySet<string> = new Set(['secrets', 'kube-api-access']);

/**
 * The volume names of a pod's writable paths, in order: {@link volumeName}, unless an earlier path
 * or one of the pod's own volumes (`taken`) has it, as distinct directories can (`/secrets`,
 * `/var/cache` and `/var-cache`, `/Data` and `/data`, long paths alike in their first 63
 * characters): then it ends in 8 hex digits of the path's SHA-256 instead. A user names
 * directories, never volumes, so a distinct directory always gets a volume of its own.
 */
export function writableVolumeNames(paths: readonly string[], taken: Iterable<string>): string[] {
  const used = new Set(taken);
  return paths.map(path => {
    let name = volumeName(path);
    for (let digits = 8; used.has(name) && digits <= 64; digits += 8) {
      name = `${volumeName(path).slice(0, 62 - digits).replace(/-+$/, '')}-${createHash('sha256').update(path).digest('hex').slice(0, digits)}`;
    }
    used.add(name);
    return name;
  });
}
