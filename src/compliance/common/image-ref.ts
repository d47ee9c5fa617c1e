/**
 * Container image references (`registry.example.com:5000/team/app:1.2@sha256:…`), split into
 * registry, repository, tag and digest the way the container runtime resolves them.
 */

/** The parts of an image reference. */
export interface ImageRef {
  /** The registry host (and port); `docker.io` when the reference names none or names `index.docker.io`. */
  readonly registry: string;
  /** The repository path inside the registry (`library/nginx` for `nginx` and `docker.io/nginx`). */
  readonly repository: string;
  /** The tag, if any. */
  readonly tag?: string;
  /** The digest (`sha256:…`), if any. */
  readonly digest?: string;
  /** The fully qualified reference, e.g. `docker.io/library/nginx:1.27`. */
  readonly normalized: string;
}

/** Docker Hub's registry, and its legacy name ("the Docker Index"), which the runtime reads as it. */
const DOCKER_HUB = 'docker.io';
const LEGACY_DOCKER_HUB = 'index.docker.io';

const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

/**
 * Splits an image reference as the container runtime normalises it: a first part that is not a
 * host (no `.` or `:`, not `localhost`, all lower-case) is a Docker Hub repository; `index.docker.io`
 * is `docker.io`; a one-part Docker Hub repository is an official image under `library/`.
 * @see https://github.com/distribution/reference/blob/main/normalize.go
 */
export function parseImageRef(image: string): ImageRef {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const named = at >= 0 ? image.slice(0, at) : image;
  const colon = named.lastIndexOf(':');
  const tag = colon > named.lastIndexOf('/') ? named.slice(colon + 1) : undefined;
  const name = tag === undefined ? named : named.slice(0, colon);
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  // Repositories are lower-case, so a first part with an upper-case letter can only be a host.
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  const registry = !hasRegistry || first === LEGACY_DOCKER_HUB ? DOCKER_HUB : first;
  const path = hasRegistry ? name.slice(slash + 1) : name;
  // Docker Hub keeps its official images under library/, whether or not its host is written.
  const repository = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
  const suffix = (tag === undefined ? '' : `:${tag}`) + (digest === undefined ? '' : `@${digest}`);
  return { registry, repository, tag, digest, normalized: `${registry}/${repository}${suffix}` };
}

/** Whether a digest is a well-formed sha256 or sha512 content digest. */
export function isValidDigest(digest: string): boolean {
  return DIGEST.test(digest);
}

/**
 * Whether an image comes from one of the allowed prefixes. A prefix ending in `/` matches by
 * prefix; any other prefix must end at a path, tag or digest boundary, so `registry.example.com`
 * does not admit `registry.example.com.evil.io/app`. Both the reference as written and its
 * normalized form (`docker.io/library/…`) are tried.
 */
export function isFromAllowedRegistry(image: string, allowed: readonly string[]): boolean {
  const normalized = parseImageRef(image).normalized;
  return allowed.some(prefix => startsWithPrefix(image, prefix) || startsWithPrefix(normalized, prefix));
}

function startsWithPrefix(image: string, prefix: string): boolean {
  if (prefix === '' || !image.startsWith(prefix)) return false;
  if (prefix.endsWith('/') || image.length === prefix.length) return true;
  const next = image[prefix.length];
  return next === '/' || next === ':' || next === '@';
}
