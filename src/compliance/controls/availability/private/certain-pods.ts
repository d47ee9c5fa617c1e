import { KNATIVE_SERVING_GROUP } from '../../../common/knative';
import { ManifestIndex } from '../../../manifest-index';
import { controllerOf } from '../../../private/derived-templates';
import { IndexedObject, PodTemplate } from '../../../types';
import { expectedReplicas } from './replicas';
import { rolloutReferencing } from './rollout-referencing';

/** The pods a template certainly runs at once. */
export interface CertainPods {
  /** Pods it keeps running. */
  readonly pods: number;
  /** Extra pods a rollout of it starts beside them (a Deployment's surge). */
  readonly surge: number;
  /** Where the count comes from, for messages. */
  readonly source: string;
}

const REPLICATED = new Set(['apps/Deployment', 'extensions/Deployment', 'apps/StatefulSet', 'apps/ReplicaSet', 'extensions/ReplicaSet', '/ReplicationController']);
const KUBERNETES_GROUPS = new Set(['', 'apps', 'batch', 'extensions']);
const TERMINAL_POD_PHASES = new Set(['Succeeded', 'Failed']);

/**
 * The pods a template certainly runs at once, or `undefined` for those not modelled: a
 * Deployment's, StatefulSet's, ReplicaSet's or ReplicationController's fewest replicas (an
 * autoscaler's minimum where one scales it: see `expectedReplicas`), plus the surge pods of a
 * RollingUpdate Deployment; a Job's `min(parallelism, completions)` (none when suspended or
 * finished); a bare Pod's one (none once it has terminated). A DaemonSet's (its pods per node are
 * not known), a CronJob's (its schedule decides), those of other APIs, and copies of another
 * template of the set (a Deployment's ReplicaSets and Pods in a cluster export, or the Deployments
 * of a Knative Revision, which Knative scales) are not modelled.
 */
export function certainPods(index: ManifestIndex, t: PodTemplate): CertainPods | undefined {
  const o = t.owner;
  if (!admittedAsWritten(index, o)) return undefined;
  const raw = o.raw as any;
  if (o.kind === 'Pod' && o.group === '') {
    return TERMINAL_POD_PHASES.has(raw.status?.phase) ? undefined : { pods: 1, surge: 0, source: 'a bare Pod' };
  }
  if (o.kind === 'Job' && o.group === 'batch') return jobPods(raw);
  if (!REPLICATED.has(`${o.group}/${o.kind}`)) return undefined;
  const expected = expectedReplicas(index, o);
  if ('problem' in expected) return undefined;
  const surge = o.kind === 'Deployment' && rolloutReferencing(index, o) === undefined ? surgePods(o, expected.count) : 0;
  return { pods: expected.count, surge, source: expected.source };
}

/**
 * Whether the pods an object makes reach the quota admission with the containers its template
 * holds, and are its own: an object of Kubernetes' workload APIs that is no copy of another
 * template of the set (a Deployment's ReplicaSets and Pods in a cluster export) nor a Knative
 * Revision's (whose containers Knative completes).
 */
export function admittedAsWritten(index: ManifestIndex, o: IndexedObject): boolean {
  return KUBERNETES_GROUPS.has(o.group) && index.coveringObject(o) === undefined && controllerOf(o)?.group !== KNATIVE_SERVING_GROUP;
}

/**
 * The extra pods a RollingUpdate of a Deployment of `replicas` starts before it stops old ones:
 * `maxSurge`, by default 25 % (1 under `extensions`), a percentage of the replicas rounded up as
 * the Deployment controller rounds it. None with `Recreate`, while paused, or at 0 replicas.
 */
export function surgePods(o: IndexedObject, replicas: number): number {
  const spec = (o.raw as any).spec;
  const strategy = spec?.strategy;
  if (replicas === 0 || spec?.paused === true || (strategy?.type !== undefined && strategy.type !== 'RollingUpdate')) return 0;
  const surge = strategy?.rollingUpdate?.maxSurge ?? (o.group === 'extensions' ? 1 : '25%');
  if (typeof surge === 'number') return Number.isSafeInteger(surge) && surge >= 0 ? surge : 0;
  const percent = typeof surge === 'string' ? /^(\d{1,6})%$/.exec(surge) : null;
  return percent ? Math.ceil((replicas * Number(percent[1])) / 100) : 0;
}

/** A Job's pods at once: `min(parallelism, completions)` (1 and `parallelism` by default); none when suspended or finished. */
function jobPods(raw: any): CertainPods | undefined {
  const spec = raw.spec ?? {};
  const finished = Array.isArray(raw.status?.conditions)
    && raw.status.conditions.some((c: any) => (c?.type === 'Complete' || c?.type === 'Failed') && c?.status === 'True');
  if (spec.suspend === true || finished) return undefined;
  const parallelism = spec.parallelism ?? 1;
  const completions = spec.completions ?? parallelism;
  if (!isCount(parallelism) || !isCount(completions)) return undefined;
  return { pods: Math.min(parallelism, completions), surge: 0, source: 'min(parallelism, completions) of the Job' };
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
