import { cpuByteUnit, isPositiveQuantity, NANO, parseQuantity } from '../../common/quantity';
import { defineControl } from '../../control';
import { evaluatePods, RUNNING_LISTS } from './private/pod-checks';
import { NSA } from './private/references';

const RESOURCES = ['cpu', 'memory'] as const;

/** Every container and init container has CPU and memory limits. */
export const containerResourceLimits = defineControl({
  id: 'container-resource-limits',
  title: 'Containers have CPU and memory limits',
  condition: 'Every container and init container sets resources.limits.cpu and resources.limits.memory to valid quantities above zero, the CPU limit in CPUs: one written in a unit of bytes (1Gi) is a billion CPUs, which bounds nothing.',
  severity: 'medium',
  criteria: ['A1.2'],
  references: {
    nsa: NSA.resourcePolicies,
    kubescape: ['C-0009', 'C-0270', 'C-0271'],
    polaris: ['cpuLimitsMissing', 'memoryLimitsMissing'],
    kubeScore: ['container-resources'],
  },
  remediation: 'Set resources.limits.cpu (in CPUs: 500m, 2) and resources.limits.memory on every container so one workload cannot exhaust its node.',
  example: 'resources:\n  limits:\n    cpu: 500m\n    memory: 512Mi',
  check: ctx => evaluatePods(ctx, {
    lists: RUNNING_LISTS,
    container: c => {
      const limits = c.container.resources?.limits;
      const missing = RESOURCES.filter(r => !isPositiveQuantity(limits?.[r]));
      if (missing.length > 0) return { message: `has no valid ${missing.map(r => `limits.${r}`).join(' or ')}`, path: 'resources.limits' };
      const cpu = limits?.cpu;
      const bytes = cpuByteUnit(cpu);
      const cpus = parseQuantity(cpu);
      return bytes === undefined || cpus === undefined ? undefined : {
        message: `has limits.cpu ${cpu} in a unit of bytes ("${bytes}"), which Kubernetes reads as ${cpus / NANO} CPUs: no limit on any node`,
        path: 'resources.limits.cpu',
      };
    },
  }),
});
