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
 * RollingUpdate Deployment that may not stop an old pod first; a running Job's one (none when suspended or
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
 * The extra pods a RollingUpdate of a Deployment of `replicas` needs before it can stop an old
 * one: `maxSurge` (by default 25 %, 1 under `extensions`, a percentage rounded up), but only
 * when `maxUnavailable` resolves to 0 (by default 25 % rounded down, 1 under `extensions`): a
 * rollout that may stop old pods first completes within the quota, if more slowly. None with
 * `Recreate`, while paused, or at 0 replicas.
 */
export function surgePods(o: IndexedObject, replicas: number): number {
  const spec = (o.raw as any).spec;
  const strategy = spec?.strategy;
  if (replicas === 0 || spec?.paused === true || (strategy?.type !== undefined && strategy.type !== 'RollingUpdate')) return 0;
  const legacy = o.group === 'extensions';
  const surge = resolved(strategy?.rollingUpdate?.maxSurge ?? (legacy ? 1 : '25%'), replicas, true);
  const unavailable = resolved(strategy?.rollingUpdate?.maxUnavailable ?? (legacy ? 1 : '25%'), replicas, false);
  // The Deployment controller stops one old pod first when both resolve to 0.
  return unavailable === 0 && surge !== undefined && surge > 0 ? surge : 0;
}

/** An int-or-percent of a rolling update resolved against the replicas (rounded up or down); `undefined` when unreadable. */
function resolved(value: unknown, replicas: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  const percent = typeof value === 'string' ? /^(\d{1,6})%$/.exec(value) : null;
  if (!percent) return undefined;
  const exact = (replicas * Number(percent[1])) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * A Job's pods certainly run at once: one while it has completions left, none when suspended,
 * finished (or about to be: `FailureTarget`, `SuccessCriteriaMet`) or managed by another
 * controller (`spec.managedBy`). More run when the quota holds them (`parallelism`), but a Job
 * whose further pods the quota refuses still completes, one pod at a time.
 */
function jobPods(raw: any): CertainPods | undefined {
  const spec = raw.spec ?? {};
  if (spec.suspend === true || isFinishedJob(raw) || (spec.managedBy !== undefined && spec.managedBy !== null && spec.managedBy !== 'kubernetes.io/job-controller')) return undefined;
  const parallelism = spec.parallelism ?? 1;
  const completions = spec.completions ?? parallelism;
  const succeeded = raw.status?.succeeded ?? 0;
  if (!isCount(parallelism) || !isCount(completions) || !isCount(succeeded)) return undefined;
  return parallelism > 0 && completions > succeeded ? { pods: 1, surge: 0, source: 'the Job' } : undefined;
}

const JOB_ENDING_CONDITIONS = new Set(['Complete', 'Failed', 'FailureTarget', 'SuccessCriteriaMet']);

/** Whether a Job (of a cluster export) has finished, or is about to: its pods are admitted already or never again. */
function isFinishedJob(raw: any): boolean {
  return Array.isArray(raw.status?.conditions) && raw.status.conditions.some((c: any) => JOB_ENDING_CONDITIONS.has(c?.type) && c?.status === 'True');
}

/**
 * Whether the quota admission is yet to admit the pods of an object: not a Pod that the export
 * shows already admitted (it has a `status.phase`), nor a finished Job. A container without the
 * amounts a quota tracks refuses only those.
 */
export function admitsPodsLater(o: IndexedObject): boolean {
  const raw = o.raw as any;
  if (o.kind === 'Pod' && o.group === '') return raw.status?.phase === undefined || raw.status?.phase === null;
  return !(o.kind === 'Job' && o.group === 'batch' && isFinishedJob(raw));
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
