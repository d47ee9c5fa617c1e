import { isValidDigest, parseImageRef } from '../../common/image-ref';
import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** Why an image reference is not pinned, or `undefined` when it is. */
function pinProblem(image: unknown): string | undefined {
  if (typeof image !== 'string' || image.trim() === '') return 'has no image';
  const ref = parseImageRef(image);
  if (ref.digest !== undefined) return isValidDigest(ref.digest) ? undefined : `image "${image}" has a malformed digest`;
  if (ref.tag === undefined || ref.tag === '') return `image "${image}" has no tag or digest (it resolves to latest)`;
  if (ref.tag === 'latest') return `image "${image}" uses the mutable "latest" tag`;
  return undefined;
}

/** Every container image is pinned by digest, or at least by an explicit tag other than latest. */
export const imagePinned = defineControl({
  id: 'image-pinned',
  title: 'Images are pinned',
  condition: 'Every container image is referenced by a sha256/sha512 digest or by an explicit tag other than "latest".',
  severity: 'high',
  criteria: ['CC8.1', 'CC6.8'],
  references: {
    nsa: NSA.secureImages,
    polaris: ['tagNotSpecified'],
    kubeScore: ['container-image-tag'],
  },
  remediation: 'Reference the image by digest (registry.example.com/team/app@sha256:…) or by an immutable release tag, never by latest or no tag.',
  example: 'image: registry.example.com/team/api:1.4.2@sha256:<64 hex digits>',
  check: ctx => evaluatePods(ctx, {
    container: c => {
      const problem = pinProblem(c.container.image);
      return problem === undefined ? undefined : { message: problem, path: 'image' };
    },
  }),
});
