/**
 * Which pod templates of a cluster export are copies of another one of the set: the templates of
 * the ReplicaSets, Jobs and Pods that a Deployment, a CronJob, a KEDA ScaledJob, a Knative Service
 * or another controller of the set made from a template the set holds. Every template is checked;
 * the engine reports a failure of a copy once, on the template it copies, when that template fails
 * the same way.
 */

import type { ArgoWorkloadRefs } from '../common/argo-workload-ref';
import { KEDA_GROUP, SCALED_JOB_LABEL } from '../common/keda';
import { KNATIVE_REVISION_LABEL, KNATIVE_SERVICE_LABEL, KNATIVE_SERVING_GROUP } from '../common/knative';
import { groupOf } from '../manifest';
import { IndexedObject, PodTemplate } from '../types';

/** The controller an object names in its ownerReferences (`controller: true`). */
export interface ControllerRef {
  /** The API group of the reference's `apiVersion`; `undefined` when it names none. */
  readonly group?: string;
  readonly kind: string;
  readonly name: string;
}

/** The label the Deployment controller puts on its ReplicaSets' templates, so on their pods. */
export const POD_TEMPLATE_HASH = 'pod-template-hash';
/** The label Argo Rollouts puts on its ReplicaSets' templates, so on their pods. */
export const ROLLOUTS_POD_TEMPLATE_HASH = 'rollouts-pod-template-hash';

/**
 * The controllers that name the ReplicaSets they make `<name>-<hash>`, with the hash as a label of
 * every pod of the ReplicaSet: the Deployment controller (`pod-template-hash`) and Argo Rollouts
 * (`rollouts-pod-template-hash`).
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/deployment/sync.go
 * @see https://github.com/argoproj/argo-rollouts/blob/master/rollout/sync.go
 */
const REPLICA_SET_MAKERS: readonly { readonly group: string; readonly kind: string; readonly hashLabel: string }[] = [
  { group: 'apps', kind: 'Deployment', hashLabel: POD_TEMPLATE_HASH },
  { group: 'argoproj.io', kind: 'Rollout', hashLabel: ROLLOUTS_POD_TEMPLATE_HASH },
];

/**
 * The name the API server makes from a `generateName`: the prefix, cut to 58 characters, then 5
 * characters of `utilrand.String` (consonants and the digits 2, 4–9).
 * @see https://github.com/kubernetes/apiserver/blob/master/pkg/storage/names/generate.go
 */
const MAX_GENERATED_PREFIX = 58;
const GENERATED_SUFFIX = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/**
 * A Job's name as the CronJob controller makes it: `<cronjob>-<scheduled time in minutes since the epoch>`.
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/cronjob/cronjob_controllerv2.go
 */
const SCHEDULED_JOB_NAME = /^(.+)-\d+$/;

/**
 * The workload kinds the `extensions` API group served before `apps` did: one object, whichever
 * group an export or an ownerReference names it by (the engine reads both as pod templates).
 */
const EXTENSIONS_WORKLOADS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'DaemonSet']);

/** The controller an object names in its ownerReferences: the first reference with `controller: true`, a kind and a name. */
export function controllerOf(o: IndexedObject): ControllerRef | undefined {
  const owners = (o.raw as any).metadata?.ownerReferences;
  if (!Array.isArray(owners)) return undefined;
  const c = owners.find(r => r && typeof r === 'object' && r.controller === true && typeof r.kind === 'string' && typeof r.name === 'string');
  if (!c) return undefined;
  return { group: typeof c.apiVersion === 'string' ? groupOf(c.apiVersion) : undefined, kind: c.kind, name: c.name };
}

/**
 * Which template of the set each template of a cluster export was made from: an object's
 * covering object is its controller within the set when that controller holds a pod template.
 * An object's controller is found in the set by API group, kind, namespace and name; when it is
 * absent:
 * - a Pod's ReplicaSet (`apps`), named `<name>-<hash>` after the Pod's `pod-template-hash`
 *   (`rollouts-pod-template-hash`) label, stands for the Deployment (Argo Rollout) of that name
 *   in the Pod's namespace (`kubectl get deploy,pods`);
 * - a Pod's Job (`batch`) named `<name>-<5 generated characters>`, when the Pod's
 *   `scaledjob.keda.sh/name` label is `<name>`, stands for the KEDA ScaledJob of that name in the
 *   Pod's namespace that holds a pod template (`kubectl get scaledjobs,pods`); otherwise one named
 *   `<name>-<digits>` stands for the CronJob of that name (`kubectl get cronjobs,pods`);
 * - a Pod's ReplicaSet (`apps`) that no Deployment or Rollout of the set stands for, when the Pod's
 *   `serving.knative.dev/service` label names a Knative Service in the Pod's namespace that holds
 *   a pod template, stands for that Service (`kubectl get ksvc,pods`).
 *
 * A Deployment (`apps`) controlled by a Knative Revision, whether the set holds the Revision or
 * not, was made from the template of the Knative Service its `serving.knative.dev/service` label
 * names in its namespace, when its `serving.knative.dev/revision` label names that Revision and the
 * set holds the Service with a pod template (`kubectl get ksvc,deploy,pods`).
 *
 * A controller that holds no pod template (an operator's custom resource, an Argo Workflow)
 * covers nothing: what it makes need not look like any template of the set. An Argo Rollout with
 * a `spec.workloadRef` holds the template of the Deployment or ReplicaSet it names when the set
 * holds that object with a template and no controller: that object covers the Rollout's
 * ReplicaSets and Pods. The objects on a cycle of covering objects have none.
 */
export class TemplateCopies {
  /** The first object of the set by key. */
  private readonly byKey = new Map<string, IndexedObject>();
  /** The keys whose first object holds a template. */
  private readonly withTemplate = new Set<string>();
  /** The objects that hold a template. */
  private readonly owners = new Set<IndexedObject>();
  private readonly parents = new Map<string, string | undefined>();
  /** The key of the covering object of each key settled so far (`undefined`: none). */
  private readonly covers = new Map<string, string | undefined>();

  /**
   * @param workloadRefs the `spec.workloadRef`s of the set's Argo Rollouts, resolved against the
   * set (`argoWorkloadRefs`)
   */
  public constructor(templates: readonly PodTemplate[], objects: readonly IndexedObject[], private readonly workloadRefs: ArgoWorkloadRefs) {
    for (const o of objects) {
      const key = objectKey(o);
      if (!this.byKey.has(key)) this.byKey.set(key, o);
    }
    for (const t of templates) {
      this.owners.add(t.owner);
      const key = objectKey(t.owner);
      if (this.byKey.get(key) === t.owner) this.withTemplate.add(key);
    }
  }

  /** The object of the set whose pod template `o`'s was made from; `undefined` when none is, or `o` holds no template. */
  public coveringObject(o: IndexedObject): IndexedObject | undefined {
    if (!this.owners.has(o)) return undefined;
    const key = objectKey(o);
    // A later copy of an object of the set: nothing names it, so it lies on no cycle.
    const cover = this.byKey.get(key) === o ? this.cover(key) : this.templateHolder(this.controllerKey(o));
    return cover === undefined ? undefined : this.byKey.get(cover);
  }

  /**
   * The covering key of a key: walks the covering keys up from `start` until a key already
   * settled, one without a covering key or one already on the way (a cycle, whose keys are
   * settled as having none), then settles every key on the way.
   */
  private cover(start: string): string | undefined {
    if (this.covers.has(start)) return this.covers.get(start);
    const path: string[] = [];
    const onPath = new Set<string>();
    let cycleAt: string | undefined;
    for (let key = start as string | undefined; key !== undefined && !this.covers.has(key); key = this.directCover(key)) {
      if (onPath.has(key)) {
        cycleAt = key;
        break;
      }
      onPath.add(key);
      path.push(key);
    }
    let onCycle = false;
    for (const key of path) {
      onCycle ||= key === cycleAt;
      this.covers.set(key, onCycle ? undefined : this.directCover(key));
    }
    return this.covers.get(start);
  }

  /** The key of the object that covers a key's first object, cycles aside: its controller's, when that holds a template. */
  private directCover(key: string): string | undefined {
    return this.withTemplate.has(key) ? this.templateHolder(this.parent(key)) : undefined;
  }

  /** The key of the object whose template a key's first object holds: its own, or that of the workload an Argo Rollout names. */
  private templateHolder(key: string | undefined): string | undefined {
    if (key === undefined || this.withTemplate.has(key)) return key;
    const ref = this.workloadRefKey(this.byKey.get(key)!);
    return ref !== undefined && this.withTemplate.has(ref) && this.parent(ref) === undefined ? ref : undefined;
  }

  private parent(key: string): string | undefined {
    if (this.parents.has(key)) return this.parents.get(key);
    const parent = this.controllerKey(this.byKey.get(key)!);
    this.parents.set(key, parent);
    return parent;
  }

  /**
   * The key of an object's controller in the set: the Knative Service of a Revision's Deployment,
   * the one it names, or the one its absent ReplicaSet or Job stands for.
   */
  private controllerKey(o: IndexedObject): string | undefined {
    const c = controllerOf(o);
    if (c === undefined || c.group === undefined) return undefined;
    const service = c.group === KNATIVE_SERVING_GROUP && c.kind === 'Revision' ? this.revisionServiceOf(o, c.name) : undefined;
    if (service !== undefined) return service;
    const named = this.find(c.group, c.kind, o.namespace, c.name);
    if (named !== undefined || o.kind !== 'Pod' || o.group !== '') return named;
    return this.makerOfAbsent(o, { ...c, group: canonicalGroup(c.group, c.kind) });
  }

  /**
   * The Deployment, Rollout, Knative Service, ScaledJob or CronJob of the set that made a Pod's
   * absent ReplicaSet or Job, as its name and the Pod's labels show.
   */
  private makerOfAbsent(pod: IndexedObject, controller: ControllerRef): string | undefined {
    if (controller.kind === 'ReplicaSet' && controller.group === 'apps') {
      for (const { group, kind, hashLabel } of REPLICA_SET_MAKERS) {
        const hash = pod.labels[hashLabel];
        if (!hash || !controller.name.endsWith(`-${hash}`)) continue;
        const name = controller.name.slice(0, -hash.length - 1);
        const found = name === '' ? undefined : this.find(group, kind, pod.namespace, name);
        if (found !== undefined) return found;
      }
      return this.knativeServiceOf(pod);
    }
    if (controller.kind === 'Job' && controller.group === 'batch') {
      const scaledJob = this.scaledJobOf(pod, controller.name);
      if (scaledJob !== undefined) return scaledJob;
      const m = SCHEDULED_JOB_NAME.exec(controller.name);
      return m === null ? undefined : this.find('batch', 'CronJob', pod.namespace, m[1]);
    }
    return undefined;
  }

  /**
   * The key of the KEDA ScaledJob of the Pod's namespace that its {@link SCALED_JOB_LABEL} names,
   * when the set holds it with a pod template and the Pod's absent Job `job` has a name KEDA's
   * `generateName` (`<scaledjob>-`) gives.
   */
  private scaledJobOf(pod: IndexedObject, job: string): string | undefined {
    const name = pod.labels[SCALED_JOB_LABEL];
    if (!name || pod.namespace === undefined || !isGeneratedFrom(job, `${name}-`)) return undefined;
    const key = keyOf(KEDA_GROUP, 'ScaledJob', pod.namespace, name);
    return this.withTemplate.has(key) ? key : undefined;
  }

  /**
   * The key of the Knative Service a Revision's Deployment was made from: for a Deployment
   * (`apps`) whose {@link KNATIVE_REVISION_LABEL} names `revision`, its controller, the Service
   * {@link knativeServiceOf} finds.
   */
  private revisionServiceOf(o: IndexedObject, revision: string): string | undefined {
    if (o.kind !== 'Deployment' || canonicalGroup(o.group, o.kind) !== 'apps' || o.labels[KNATIVE_REVISION_LABEL] !== revision) return undefined;
    return this.knativeServiceOf(o);
  }

  /** The key of the Knative Service of the object's namespace that its {@link KNATIVE_SERVICE_LABEL} names, when the set holds it with a pod template. */
  private knativeServiceOf(o: IndexedObject): string | undefined {
    const name = o.labels[KNATIVE_SERVICE_LABEL];
    if (!name || o.namespace === undefined) return undefined;
    const key = keyOf(KNATIVE_SERVING_GROUP, 'Service', o.namespace, name);
    return this.withTemplate.has(key) ? key : undefined;
  }

  /** The key of the Deployment or ReplicaSet (`apps`) of the set an Argo Rollout's `spec.workloadRef` names, in its namespace. */
  private workloadRefKey(o: IndexedObject): string | undefined {
    const target = this.workloadRefs.targetOf(o);
    return target === undefined ? undefined : objectKey(target);
  }

  /** The key of an object of the set: in `namespace`, or else cluster-scoped (an owner is in its dependent's namespace or in none). */
  private find(group: string, kind: string, namespace: string | undefined, name: string): string | undefined {
    const key = keyOf(group, kind, namespace, name);
    if (this.byKey.has(key)) return key;
    if (namespace === undefined) return undefined;
    const clusterKey = keyOf(group, kind, undefined, name);
    return this.byKey.has(clusterKey) ? clusterKey : undefined;
  }
}

/** Whether the API server may have named an object `name` from the `generateName` `prefix` ({@link GENERATED_SUFFIX}). */
function isGeneratedFrom(name: string, prefix: string): boolean {
  const kept = prefix.slice(0, MAX_GENERATED_PREFIX);
  return name.length === kept.length + 5 && name.startsWith(kept) && GENERATED_SUFFIX.test(name.slice(kept.length));
}

function objectKey(o: IndexedObject): string {
  return keyOf(o.group, o.kind, o.namespace, o.name);
}

function keyOf(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${canonicalGroup(group, kind)}\u0000${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

/** `apps` for the workloads `extensions` served too ({@link EXTENSIONS_WORKLOADS}); any other group as it is. */
function canonicalGroup(group: string, kind: string): string {
  return group === 'extensions' && EXTENSIONS_WORKLOADS.has(kind) ? 'apps' : group;
}
