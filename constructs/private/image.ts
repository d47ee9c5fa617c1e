import { PropProblem } from '../errors';

const DIGEST = /@sha256:[a-f0-9]{64}$/;
const REFERENCE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:(?::[0-9]+)?\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Splits an image reference into repository, tag and digest. */
export function parseImage(image: string): { repository: string; tag?: string; digest?: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { repository: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { repository: rest, digest };
}

/**
 * A problem with an image reference, `undefined` when it is pinned: by digest
 * (`repo@sha256:<64 hex>`), or by an explicit tag other than `latest`.
 */
export function checkImage(prop: string, value: unknown): PropProblem | undefined {
  const fix = 'pin the image by digest (registry.example.com/team/app@sha256:<digest>) or an explicit version tag (…/app:1.4.2)';
  if (typeof value !== 'string' || value.trim() !== value || value === '') {
    return { prop, value, problem: 'must be a non-empty image reference', fix };
  }
  const { repository, tag, digest } = parseImage(value);
  if (!REFERENCE.test(repository.replace(/^([^/]+\.[^/]+|localhost)(:[0-9]+)?\//, 'host/'))) {
    return { prop, value, problem: 'is not a valid image reference', fix };
  }
  if (digest !== undefined) {
    return DIGEST.test(`@${digest}`) ? undefined : { prop, value, problem: 'has a malformed digest (expected sha256 and 64 hex digits)', fix };
  }
  if (tag === undefined) return { prop, value, problem: 'has no tag, so it means :latest and can change under you', fix };
  if (tag === 'latest') return { prop, value, problem: 'uses the mutable :latest tag', fix };
  if (!TAG.test(tag)) return { prop, value, problem: `has an invalid tag "${tag}"`, fix };
  return undefined;
}
