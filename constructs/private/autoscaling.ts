import { parseQuantity } from '../../src/compliance/common/quantity';
import type { WorkloadAutoscaling } from '../compliant-workload';
import { PropProblem } from '../errors';
import { ResourceAmounts } from './pod-spec';
import { unknownKeys } from './validate';

/** The autoscaling of a workload with defaults applied, validated. */
export interface NormalisedAutoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuUtilization: number;
  readonly memoryUtilization?: number;
}

/** The target CPU utilisation when the props leave it unset: scale out before the pods saturate. */
export const DEFAULT_CPU_UTILIZATION = 70;
const AUTOSCALING_PROPS: readonly (keyof WorkloadAutoscaling)[] = ['minReplicas', 'maxReplicas', 'cpuUtilization', 'memoryUtilization'];

/**
 * Validates `autoscaling` against the workload's other props: at least 2 replicas at all times,
 * room to scale, and utilisation targets the container can reach (a target above its limit, as a
 * share of its request, would never trigger a scale-out).
 */
export function checkAutoscaling(a: WorkloadAutoscaling | undefined, replicasGiven: boolean, requests: ResourceAmounts, limits: ResourceAmounts,
  found: PropProblem[]): NormalisedAutoscaling | undefined {
  if (a === undefined) return undefined;
  if (a === null || typeof a !== 'object' || Array.isArray(a)) {
    found.push({ prop: 'autoscaling', value: a, problem: 'must be an object', fix: 'e.g. autoscaling: { minReplicas: 2, maxReplicas: 10 }' });
    return undefined;
  }
  found.push(...unknownKeys('autoscaling', a, AUTOSCALING_PROPS));
  if (replicasGiven) {
    found.push({ prop: 'replicas', value: 'set with autoscaling', problem: 'would be reset on every apply, undoing what the autoscaler chose',
      fix: 'remove replicas and give the lower bound as autoscaling.minReplicas' });
  }
  const minReplicas = a.minReplicas ?? 2;
  if (!Number.isInteger(minReplicas) || minReplicas < 2) {
    found.push({ prop: 'autoscaling.minReplicas', value: minReplicas, problem: 'must be an integer of at least 2 (one replica is lost with a node or an eviction)',
      fix: 'omit it (default 2) or raise it' });
  }
  const maxReplicas = a.maxReplicas;
  if (!Number.isInteger(maxReplicas) || maxReplicas <= minReplicas) {
    found.push({ prop: 'autoscaling.maxReplicas', value: maxReplicas, problem: `must be an integer above minReplicas (${minReplicas}), or the autoscaler has no room to scale`,
      fix: `set it to the most pods the service may run, e.g. ${Number.isInteger(minReplicas) ? minReplicas * 3 : 6}` });
  }
  const cpuUtilization = a.cpuUtilization ?? DEFAULT_CPU_UTILIZATION;
  checkUtilization('cpuUtilization', cpuUtilization, 'cpu', requests, limits, found);
  if (a.memoryUtilization !== undefined) checkUtilization('memoryUtilization', a.memoryUtilization, 'memory', requests, limits, found);
  return { minReplicas, maxReplicas, cpuUtilization, memoryUtilization: a.memoryUtilization };
}

function checkUtilization(prop: string, value: number, resource: 'cpu' | 'memory', requests: ResourceAmounts, limits: ResourceAmounts, found: PropProblem[]): void {
  const request = parseQuantity(requests[resource]);
  const limit = parseQuantity(limits[resource]);
  // The highest utilisation the container can reach: its limit as a percentage of its request.
  const ceiling = request !== undefined && limit !== undefined && request > 0n ? Number((limit * 100n) / request) : undefined;
  if (!Number.isInteger(value) || value < 1) {
    found.push({ prop: `autoscaling.${prop}`, value, problem: `must be a positive integer percentage of the ${resource} request`, fix: `e.g. ${resource === 'cpu' ? DEFAULT_CPU_UTILIZATION : 80}` });
  } else if (ceiling !== undefined && value > ceiling) {
    found.push({ prop: `autoscaling.${prop}`, value,
      problem: `can never be reached: the ${resource} limit ${limits[resource]} caps use at ${ceiling}% of the request ${requests[resource]}, so the autoscaler would never scale out`,
      fix: `use at most ${ceiling}, or raise resources.limits.${resource}` });
  }
}

/**
 * The HorizontalPodAutoscaler spec: the app container's utilisation (not the pod's, which the
 * sidecar's idle requests would dilute) against its requests.
 */
export function autoscalerSpec(kind: string, workload: string, container: string, a: NormalisedAutoscaling): Record<string, unknown> {
  const target = (name: string, averageUtilization: number) => ({
    type: 'ContainerResource',
    containerResource: { name, container, target: { type: 'Utilization', averageUtilization } },
  });
  const metrics = [target('cpu', a.cpuUtilization)];
  if (a.memoryUtilization !== undefined) metrics.push(target('memory', a.memoryUtilization));
  return {
    scaleTargetRef: { apiVersion: 'apps/v1', kind, name: workload },
    minReplicas: a.minReplicas,
    maxReplicas: a.maxReplicas,
    metrics,
  };
}
