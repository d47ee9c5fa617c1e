import { isFromAllowedRegistry } from '../../common/image-ref';
import { ResolvedComplianceConfig } from '../../config';
import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** Why the control checks nothing under a configuration (its `inactive`): no allowedRegistries set. */
function turnedOff(config: ResolvedComplianceConfig): string | undefined {
  return config.allowedRegistries.length === 0 ? 'no allowed registries are configured (allowedRegistries)' : undefined;
}

/** Every container image comes from one of the organisation's allowed registries. */
export const imageRegistryAllowed = defineControl({
  id: 'image-registry-allowed',
  title: 'Images come from allowed registries',
  condition: 'Every container image starts with one of config.allowedRegistries, as written or as the container runtime names it (nginx and docker.io/nginx are docker.io/library/nginx; index.docker.io is docker.io), '
    + 'at a path, tag or digest boundary unless the entry ends in "/"; not applicable when that list is empty.',
  severity: 'high',
  criteria: ['CC6.8', 'CC8.1'],
  references: {
    nsa: NSA.secureImages,
    kubescape: ['C-0078', 'C-0001'],
  },
  remediation: 'Mirror the image into an allowed registry (after scanning it) and reference it from there, or add the registry to allowedRegistries after review.',
  example: 'image: registry.example.com/team/api:1.4.2',
  inactive: turnedOff,
  check: ctx => {
    if (turnedOff(ctx.config)) return [];
    const allowed = ctx.config.allowedRegistries;
    return evaluatePods(ctx, {
      container: c => {
        const image = c.container.image;
        if (typeof image === 'string' && isFromAllowedRegistry(image, allowed)) return undefined;
        return { message: `image "${String(image ?? '')}" is not from an allowed registry (${allowed.join(', ')})`, path: 'image' };
      },
    });
  },
});
