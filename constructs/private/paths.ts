import { PropProblem } from '../errors';
import { SECRETS_DIR, SERVICE_ACCOUNT_DIR } from './pod-volumes';

/** The longest path Linux resolves (PATH_MAX, with its terminating NUL). */
const MAX_PATH = 4095;
/** Kernel filesystems the container runtime mounts; only /dev/shm takes a volume (shared memory). */
const KERNEL_DIRS = ['/proc', '/sys', '/dev'];
/** The pod's shared memory, where a scratch volume may replace the runtime's small default. */
export const DEV_SHM = '/dev/shm';
/** The directory that holds the secrets and API credentials the pod mounts. */
const SECRETS_ROOT = '/var/run/secrets';
/** Top-level directories of the image that a volume must not replace as a whole. */
const SYSTEM_DIRS = ['/bin', '/boot', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/sbin', '/usr', '/var'];

/** A directory the pod mounts read-only, which no writable volume may hold or lie inside. */
export interface ReadOnlyDir {
  /** The directory, a normalised absolute path. */
  readonly path: string;
  /** What is mounted there, for messages: the prop that puts it there (`configFiles`). */
  readonly holds: string;
}

/**
 * A problem with a directory the container mounts a volume at, `undefined` when it is a
 * normalised absolute path other than `/`, outside the kernel's filesystems (but /dev/shm), not a
 * whole system directory, outside the directories of secrets and API credentials, and apart from
 * each of `readOnly`, the directories the workload itself mounts read-only.
 */
export function checkMountPath(prop: string, path: unknown, example = '"/var/cache/app"', readOnly: readonly ReadOnlyDir[] = []): PropProblem | undefined {
  if (typeof path !== 'string' || !path.startsWith('/') || path.length < 2 || path.endsWith('/')
    || path.split('/').slice(1).some(seg => seg === '' || seg === '.' || seg === '..') || path.includes('\0')) {
    const normal = normalisedPath(path);
    const fix = normal !== undefined && checkMountPath(prop, normal, example, readOnly) === undefined ? `use "${normal}"` : `e.g. ${example}`;
    return { prop, value: path, problem: 'must be a normalised absolute directory path other than "/"', fix };
  }
  if (path.length > MAX_PATH) {
    return { prop, value: `${path.slice(0, 40)}…`, problem: `is longer than ${MAX_PATH} characters, the longest path Linux resolves`, fix: 'use a shorter directory path' };
  }
  const kernel = KERNEL_DIRS.find(dir => path === dir || path.startsWith(`${dir}/`));
  if (kernel !== undefined && !(path === DEV_SHM || path.startsWith(`${DEV_SHM}/`))) {
    return { prop, value: path, problem: `is inside ${kernel}, which the container runtime provides (a volume there is refused or hides the kernel's files)`, fix: 'choose an application directory, e.g. "/var/lib/app"' };
  }
  if (SYSTEM_DIRS.includes(path)) {
    return { prop, value: path, problem: `would hide the image's whole ${path} directory behind an empty volume`, fix: `name the subdirectory the application writes, e.g. "${path}/app"` };
  }
  for (const reserved of [SECRETS_DIR, SERVICE_ACCOUNT_DIR]) {
    if (pathsOverlap(path, reserved)) {
      // A directory above /var/run/secrets (`/var/run`) is outside it already: name a subdirectory instead.
      const fix = SECRETS_ROOT.startsWith(`${path}/`) ? `name the subdirectory the application writes, e.g. "${path}/app", which holds no /var/run/secrets` : 'choose a path outside /var/run/secrets';
      return { prop, value: path, problem: `overlaps ${reserved}, where secrets and API credentials are mounted read-only`, fix };
    }
  }
  const covered = readOnly.find(dir => pathsOverlap(path, dir.path));
  if (covered !== undefined) {
    return { prop, value: path, problem: `overlaps ${covered.path}, where ${covered.holds} are mounted read-only`, fix: `choose a directory outside ${covered.path}, e.g. "/var/lib/app"` };
  }
  return undefined;
}

/**
 * The normalised form of an absolute path, as the container resolves it (`/tmp/` → `/tmp`,
 * `/var//cache/./app` → `/var/cache/app`), or `undefined` when there is none to suggest (not an
 * absolute path, a NUL in it, or `/`).
 */
function normalisedPath(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/') || path.includes('\0')) return undefined;
  const segments: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  return segments.length === 0 ? undefined : `/${segments.join('/')}`;
}

/** Whether two normalised absolute paths are the same directory or one holds the other. */
export function pathsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}
