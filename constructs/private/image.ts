import { isValidDigest, parseImageRef } from '../../src/compliance/common/image-ref';
import { PropProblem } from '../errors';

const PATH = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * A problem with an image reference, `undefined` when it is pinned: by digest
 * (`repo@sha256:<64 hex>`), or by an explicit tag other than `latest` (SOC 2 CC8.1).
 */
export function checkImage(prop: string, value: unknown): PropProblem | undefined {
  const fix = 'pin the image by digest (registry.example.com/team/app@sha256:<digest>) or an explicit version tag (…/app:1.4.2)';
  if (typeof value !== 'string' || value.trim() !== value || value === '') {
    return { prop, value, problem: 'must be a non-empty image reference', fix };
  }
  const { registry, repository, tag, digest } = parseImageRef(value);
  if (!HOST.test(registry) || !PATH.test(repository)) return { prop, value, problem: 'is not a valid image reference', fix };
  if (digest !== undefined) {
    return isValidDigest(digest) ? undefined : { prop, value, problem: 'has a malformed digest (expected sha256 or sha512 and its hex digits)', fix };
  }
  if (tag === undefined) return { prop, value, problem: 'has no tag, so it means :latest and can change under you', fix };
  if (tag === 'latest') return { prop, value, problem: 'uses the mutable :latest tag', fix };
  if (!TAG.test(tag)) return { prop, value, problem: `has an invalid tag "${tag}"`, fix };
  return undefined;
}
