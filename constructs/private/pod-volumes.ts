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
 * The volumes Istio's sidecar injector adds to every pod of the mesh (its injection template,
 * and the SPIRE and older first-party-token variants). The injector merges the template into the
 * pod by volume name, so a writable path's emptyDir of one of these names would be merged with the
 * sidecar's own: an invalid volume of two sources (`istio-token`, `istio-podinfo`,
 * `istiod-ca-cert`), which the API server refuses, or a directory the application shares with
 * the proxy's bootstrap configuration, data or certificate sockets.
 */
export const ISTIO_INJECTED_VOLUMES: ReadonlySet<string> = new Set([
  'istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert', 'istio-certs', 'workload-socket', 'credential-socket', 'workload-certs',
]);

/**
 * The volume names of a pod's writable paths, in order: {@link volumeName}, unless an earlier path,
 * one of the pod's own volumes (`taken`) or one the mesh injects ({@link ISTIO_INJECTED_VOLUMES})
 * has it, as distinct directories can (`/secrets`, `/istio-data`,
 * `/var/cache` and `/var-cache`, `/Data` and `/data`, long paths alike in their first 63
 * characters): then it ends in 8 hex digits of the path's SHA-256 instead. A user names
 * directories, never volumes, so a distinct directory always gets a volume of its own.
 */
export function writableVolumeNames(paths: readonly string[], taken: Iterable<string>): string[] {
  const used = new Set([...taken, ...ISTIO_INJECTED_VOLUMES]);
  return paths.map(path => {
    let name = volumeName(path);
    for (let digits = 8; used.has(name) && digits <= 32; digits += 8) {
      name = `${volumeName(path).slice(0, 62 - digits).replace(/-+$/, '')}-${createHash('sha256').update(path).digest('hex').slice(0, digits)}`;
    }
    used.add(name);
    return name;
  });
}
