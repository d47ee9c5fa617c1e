import { isPositiveQuantity } from '../../common/quantity';
import { defineControl } from '../../control';
import { evaluatePods, RUNNING_LISTS } from './private/pod-checks';
import { NSA } from './private/references';

const RESOURCES = ['cpu', 'memory'] as const;

/** Every container and init container has CPU and memory limits. */
export const containerResourceLimits = defineControl({
  id: 'container-resource-limits',
  title: 'Containers have CPU and memory limits',
  condition: 'Every container and init container sets resources.limits.cpu and resources.limits.memory to valid quantities above zero.',
  severity: 'medium',
  criteria: ['A1.2'],
  references: {
    nsa: NSA.resourcePolicies,
    kubescape: ['C-0009', 'C-0270', 'C-0271'],
    polaris: ['cpuLimitsMissing', 'memoryLimitsMissing'],
    kubeScore: ['container-resources'],
  },
  remediation: 'Set resources.limits.cpu and resources.limits.memory on every container so one workload cannot exhaust its node.',
  example: 'resources:\n  limits:\n    cpu: 500m\n    memory: 512Mi',
  check: ctx => evaluatePods(ctx, {
    lists: RUNNING_LISTS,
    container: c => {
      const limits = c.container.resources?.limits;
      const missing = RESOURCES.filter(r => !isPositiveQuantity(limits?.[r]));
      return missing.length === 0 ? undefined
        : { message: `has no valid ${missing.map(r => `limits.${r}`).join(' or ')}`, path: 'resources.limits' };
    },
  }),
});
