import { PropProblem } from '../errors';
import { SECRETS_DIR } from './pod-spec';

/** Where the API credentials of a granted workload are mounted. */
const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io';

/**
 * A problem with a directory the container mounts a volume at, `undefined` when it is a
 * normalised absolute path other than `/`, outside the directories of secrets and API credentials.
 */
export function checkMountPath(prop: string, path: unknown): PropProblem | undefined {
  if (typeof path !== 'string' || !path.startsWith('/') || path.length < 2 || path.endsWith('/')
    || path.split('/').slice(1).some(seg => seg === '' || seg === '.' || seg === '..') || path.includes('\0')) {
    return { prop, value: path, problem: 'must be a normalised absolute directory path other than "/"', fix: 'e.g. "/tmp" or "/var/cache/app"' };
  }
  for (const reserved of [SECRETS_DIR, SERVICE_ACCOUNT_DIR]) {
    if (pathsOverlap(path, reserved)) {
      return { prop, value: path, problem: `overlaps ${reserved}, where secrets and API credentials are mounted read-only`, fix: 'choose a path outside /var/run/secrets' };
    }
  }
  return undefined;
}

/** Whether two normalised absolute paths are the same directory or one holds the other. */
export function pathsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}
