import { parseQuantity } from '../../common/quantity';
import { defineControl } from '../../control';
import { evaluatePods, RUNNING_LISTS } from './private/pod-checks';
import { NSA } from './private/references';

const RESOURCES = ['cpu', 'memory'] as const;

/** Why a container's requests are wrong, or `undefined`. */
function requestProblem(resources: any): { message: string; path: string } | undefined {
  const requests = resources?.requests;
  const missing = RESOURCES.filter(r => !((parseQuantity(requests?.[r]) ?? 0n) > 0n));
  if (missing.length > 0) return { message: `has no valid ${missing.map(r => `requests.${r}`).join(' or ')}`, path: 'resources.requests' };
  for (const r of RESOURCES) {
    const limit = parseQuantity(resources?.limits?.[r]);
    if (limit !== undefined && (parseQuantity(requests[r]) as bigint) > limit) {
      return { message: `requests.${r} (${String(requests[r])}) exceeds limits.${r} (${String(resources.limits[r])})`, path: `resources.requests.${r}` };
    }
  }
  return undefined;
}

/** Every container and init container requests CPU and memory, no more than its limits. */
export const containerResourceRequests = defineControl({
  id: 'container-resource-requests',
  title: 'Containers request CPU and memory within their limits',
  condition: 'Every container and init container sets resources.requests.cpu and resources.requests.memory to valid quantities above zero, each no greater than the matching limit when one is set.',
  severity: 'medium',
  criteria: ['A1.2'],
  references: {
    nsa: NSA.resourcePolicies,
    kubescape: ['C-0268', 'C-0269'],
    polaris: ['cpuRequestsMissing', 'memoryRequestsMissing'],
    kubeScore: ['container-resources'],
  },
  remediation: 'Set resources.requests.cpu and resources.requests.memory to what the container needs at steady state, no higher than its limits.',
  example: 'resources:\n  requests:\n    cpu: 100m\n    memory: 256Mi\n  limits:\n    cpu: 500m\n    memory: 512Mi',
  check: ctx => evaluatePods(ctx, {
    lists: RUNNING_LISTS,
    container: c => requestProblem(c.container.resources),
  }),
});
