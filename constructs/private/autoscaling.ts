import { parseQuantity } from '../../src/compliance/common/quantity';
import { PropProblem } from '../errors';
import type { WorkloadAutoscaling } from '../workload-autoscaling';
import { KeyShape, settingsOf } from './validate';
import type { ResourceAmounts } from './workload-resources';

/** The autoscaling of a workload with defaults applied, validated. */
export interface NormalisedAutoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuUtilization: number;
  readonly memoryUtilization?: number;
}

/** The target CPU utilisation when the props leave it unset: scale out before the pods saturate. */
export const DEFAULT_CPU_UTILIZATION = 70;
const AUTOSCALING_PROPS = { minReplicas: false, maxReplicas: true, cpuUtilization: false, memoryUtilization: false } as const satisfies KeyShape<WorkloadAutoscaling>;

/**
 * Validates `autoscaling` against the workload's other props: at least `floor` replicas at all
 * times (2, or the app's minReplicas setting when higher), room to scale, counts and percentages
 * the API accepts (int32), and utilisation targets the container can exceed by the autoscaler's
 * tolerance (a target it cannot pass would never trigger a scale-out).
 */
export function checkAutoscaling(given: WorkloadAutoscaling | undefined, replicas: unknown, requests: ResourceAmounts, limits: ResourceAmounts,
  found: PropProblem[], floor = 2): NormalisedAutoscaling | undefined {
  const a = settingsOf('autoscaling', given, AUTOSCALING_PROPS, '{ minReplicas: 2, maxReplicas: 10 }', found);
  if (a === undefined) return undefined;
  if (replicas !== undefined && replicas !== null) {
    found.push({ prop: 'replicas', value: replicas, problem: 'is set together with autoscaling: every apply would reset the count the autoscaler chose',
      fix: 'remove replicas and give the lower bound as autoscaling.minReplicas' });
  }
  const minReplicas = a.minReplicas ?? floor;
  if (!isInt32(minReplicas) || minReplicas < floor) {
    const why = floor > 2 ? 'the app\'s minReplicas setting' : 'one replica is lost with a node or an eviction';
    found.push({ prop: 'autoscaling.minReplicas', value: minReplicas, problem: `must be an integer from ${floor} (${why}) to ${INT32_MAX}`,
      fix: `omit it (default ${floor}) or raise it` });
  }
  const maxReplicas = a.maxReplicas;
  if (!isInt32(maxReplicas) || maxReplicas <= minReplicas) {
    found.push({ prop: 'autoscaling.maxReplicas', value: maxReplicas, problem: `must be an integer above minReplicas (${minReplicas}) and at most ${INT32_MAX}, or the autoscaler has no room to scale`,
      fix: `set it to the most pods the service may run, e.g. ${isInt32(minReplicas) && minReplicas < 1000 ? minReplicas * 3 : 6}` });
  }
  const cpuUtilization = a.cpuUtilization ?? DEFAULT_CPU_UTILIZATION;
  checkUtilization('cpuUtilization', cpuUtilization, 'cpu', requests, limits, found);
  const memoryUtilization = a.memoryUtilization;
  if (memoryUtilization !== undefined) checkUtilization('memoryUtilization', memoryUtilization, 'memory', requests, limits, found);
  return { minReplicas, maxReplicas, cpuUtilization, memoryUtilization };
}

/** The largest count or percentage the API stores (int32). */
export const INT32_MAX = 2147483647;

/** Whether a value is an integer the API stores as int32. */
export function isInt32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= INT32_MAX;
}

/**
 * The HorizontalPodAutoscaler scales out only when use exceeds the target by more than its
 * tolerance (the controller's default, 10 %).
 */
const TOLERANCE_PERCENT = 10n;

function checkUtilization(prop: string, value: number, resource: 'cpu' | 'memory', requests: ResourceAmounts, limits: ResourceAmounts, found: PropProblem[]): void {
  if (!isInt32(value) || value < 1) {
    found.push({ prop: `autoscaling.${prop}`, value, problem: `must be a positive integer percentage of the ${resource} request, at most ${INT32_MAX}`, fix: `e.g. ${resource === 'cpu' ? DEFAULT_CPU_UTILIZATION : 80}` });
    return;
  }
  const request = parseQuantity(requests[resource]);
  const limit = parseQuantity(limits[resource]);
  if (request === undefined || limit === undefined || request <= 0n || limit <= 0n) return; // reported with the resources
  // Use cannot pass the limit (CPU is throttled there, memory is killed there), so a scale-out needs
  // target × (1 + tolerance) < limit ÷ request × 100, in exact integers.
  const reachable = (target: bigint) => target * (100n + TOLERANCE_PERCENT) * request < limit * 100n * 100n;
  if (reachable(BigInt(value))) return;
  const highest = (limit * 100n * 100n - 1n) / ((100n + TOLERANCE_PERCENT) * request);
  const limitShare = (limit * 100n) / request;
  found.push({ prop: `autoscaling.${prop}`, value,
    problem: `can never trigger a scale-out: the ${resource} limit ${limits[resource]} caps use at ${limitShare}% of the request ${requests[resource]}, `
      + `and the autoscaler scales out only once use passes the target by ${TOLERANCE_PERCENT}%`,
    fix: highest >= 1n ? `use at most ${highest}, or raise resources.limits.${resource}` : `raise resources.limits.${resource} above the request` });
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
