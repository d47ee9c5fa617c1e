/**
 * Which pod templates of a cluster export are copies of another one of the set: the templates of
 * the ReplicaSets, Jobs and Pods that a Deployment, a CronJob or another controller of the set made
 * from its own template.
 */

import { groupOf } from '../manifest';
import { IndexedObject, PodTemplate } from '../types';

/** The controller an object names in its ownerReferences (`controller: true`). */
export interface ControllerRef {
  /** The API group of the reference's `apiVersion`; `undefined` when it names none. */
  readonly group?: string;
  readonly kind: string;
  readonly name: string;
}

/**
 * The controllers that name the ReplicaSets they make `<name>-<hash>`, with the hash as a label of
 * every pod of the ReplicaSet: the Deployment controller (`pod-template-hash`) and Argo Rollouts
 * (`rollouts-pod-template-hash`).
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/deployment/sync.go
 * @see https://github.com/argoproj/argo-rollouts/blob/master/rollout/sync.go
 */
const REPLICA_SET_MAKERS: readonly { readonly group: string; readonly kind: string; readonly hashLabel: string }[] = [
  { group: 'apps', kind: 'Deployment', hashLabel: 'pod-template-hash' },
  { group: 'argoproj.io', kind: 'Rollout', hashLabel: 'rollouts-pod-template-hash' },
];

/**
 * A Job's name as the CronJob controller makes it: `<cronjob>-<scheduled time in minutes since the epoch>`.
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/cronjob/cronjob_controllerv2.go
 */
const SCHEDULED_JOB_NAME = /^(.+)-\d+$/;

/** The controller an object names in its ownerReferences: the first reference with `controller: true`, a kind and a name. */
export function controllerOf(o: IndexedObject): ControllerRef | undefined {
  const owners = (o.raw as any).metadata?.ownerReferences;
  if (!Array.isArray(owners)) return undefined;
  const c = owners.find(r => r && typeof r === 'object' && r.controller === true && typeof r.kind === 'string' && typeof r.name === 'string');
  if (!c) return undefined;
  return { group: typeof c.apiVersion === 'string' ? groupOf(c.apiVersion) : undefined, kind: c.kind, name: c.name };
}

/**
 * The templates without those that copy another template of the set, in their order:
 * - an object whose controller is in the set (a cluster export's ReplicaSets and Pods of a
 *   Deployment, Jobs of a CronJob): the controller's own template is checked;
 * - a Pod whose ReplicaSet (`apps`) is not in the set, when the set holds, in the Pod's namespace,
 *   the Deployment or Argo Rollout with a pod template that named that ReplicaSet: its name followed
 *   by `-` and the Pod's pod template hash label (`kubectl get deploy,pods`);
 * - a Pod whose Job (`batch`) is not in the set, when the set holds, in the Pod's namespace, the
 *   CronJob that named that Job: its name followed by `-` and digits (`kubectl get cronjobs,pods`).
 *
 * A Pod whose controller cannot be found is kept: it may be the only copy of its template.
 */
export function withoutDerived(templates: readonly PodTemplate[], objects: readonly IndexedObject[]): PodTemplate[] {
  const present = new Set<string>();
  for (const o of objects) present.add(`${o.namespace}/${o.kind}/${o.name}`);
  const makers = new Set<string>();
  for (const t of templates) makers.add(makerKey(t.owner.namespace, t.owner.group, t.owner.kind, t.owner.name));
  return templates.filter(t => {
    const controller = controllerOf(t.owner);
    if (controller === undefined) return true;
    if (present.has(`${t.owner.namespace}/${controller.kind}/${controller.name}`)) return false;
    return !(t.owner.kind === 'Pod' && t.owner.group === '' && isMadeByTemplateOf(t.owner, controller, makers));
  });
}

/**
 * Whether a Pod's absent ReplicaSet or Job was made by a Deployment, Rollout or CronJob whose pod
 * template is in the set (`makers`), as its name and the Pod's labels show.
 */
function isMadeByTemplateOf(pod: IndexedObject, controller: ControllerRef, makers: ReadonlySet<string>): boolean {
  if (controller.kind === 'ReplicaSet' && controller.group === 'apps') {
    return REPLICA_SET_MAKERS.some(({ group, kind, hashLabel }) => {
      const hash = pod.labels[hashLabel];
      if (!hash || !controller.name.endsWith(`-${hash}`)) return false;
      const name = controller.name.slice(0, -hash.length - 1);
      return name !== '' && makers.has(makerKey(pod.namespace, group, kind, name));
    });
  }
  if (controller.kind === 'Job' && controller.group === 'batch') {
    const m = SCHEDULED_JOB_NAME.exec(controller.name);
    return m !== null && makers.has(makerKey(pod.namespace, 'batch', 'CronJob', m[1]));
  }
  return false;
}

function makerKey(namespace: string | undefined, group: string, kind: string, name: string): string {
  return `${namespace}/${group}/${kind}/${name}`;
}
