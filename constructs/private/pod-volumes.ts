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
