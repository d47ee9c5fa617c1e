import { isPositiveQuantity } from '../../common/quantity';
import { defineControl } from '../../control';
import { evaluatePods, RUNNING_LISTS } from './private/pod-checks';
import { NSA } from './private/references';

/** Every container and init container requests and limits its ephemeral (node-local) storage. */
export const containerEphemeralStorage = defineControl({
  id: 'container-ephemeral-storage',
  title: 'Containers bound their ephemeral storage',
  condition: 'Every container and init container sets resources.requests and resources.limits for ephemeral-storage to valid quantities above zero.',
  severity: 'low',
  criteria: ['A1.2'],
  references: {
    nsa: NSA.resourcePolicies,
    kubeScore: ['container-ephemeral-storage-request-and-limit'],
  },
  remediation: 'Set resources.requests["ephemeral-storage"] and resources.limits["ephemeral-storage"] so logs and emptyDir writes cannot fill the node\'s disk.',
  example: 'resources:\n  requests:\n    ephemeral-storage: 64Mi\n  limits:\n    ephemeral-storage: 256Mi',
  check: ctx => evaluatePods(ctx, {
    lists: RUNNING_LISTS,
    container: c => {
      const resources = c.container.resources;
      const missing = (['requests', 'limits'] as const).filter(kind => !isPositiveQuantity(resources?.[kind]?.['ephemeral-storage']));
      return missing.length === 0 ? undefined
        : { message: `has no valid ${missing.map(k => `${k}.ephemeral-storage`).join(' or ')}`, path: 'resources' };
    },
  }),
});
