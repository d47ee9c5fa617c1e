import { KNATIVE_SERVING_GROUP } from './knative';

/**
 * The resources whose objects are or make pods, by API group: whoever may create or change one
 * runs containers of their choosing, under any ServiceAccount of the namespace and with its
 * Secrets. Kubernetes' own workload APIs, and the workload APIs of other projects whose pod
 * templates the engine checks (an Argo Rollout, an OpenKruise CloneSet, a Knative Service, a KEDA
 * ScaledJob).
 */
export const POD_MAKING_RESOURCES: readonly (readonly [group: string, resource: string])[] = [
  ['', 'pods'], ['', 'pods/ephemeralcontainers'], ['', 'replicationcontrollers'], ['', 'podtemplates'],
  ['apps', 'deployments'], ['apps', 'statefulsets'], ['apps', 'daemonsets'], ['apps', 'replicasets'],
  ['extensions', 'deployments'], ['extensions', 'daemonsets'], ['extensions', 'replicasets'],
  ['batch', 'jobs'], ['batch', 'cronjobs'],
  ['argoproj.io', 'rollouts'],
  ['apps.kruise.io', 'clonesets'], ['apps.kruise.io', 'statefulsets'], ['apps.kruise.io', 'daemonsets'],
  ['apps.kruise.io', 'advancedcronjobs'], ['apps.kruise.io', 'broadcastjobs'],
  [KNATIVE_SERVING_GROUP, 'services'], [KNATIVE_SERVING_GROUP, 'configurations'],
  ['keda.sh', 'scaledjobs'],
];

/** Whether `resource` of API group `group` is or makes pods. */
export function makesPods(group: string, resource: string): boolean {
  return POD_MAKING_RESOURCES.some(([g, r]) => g === group && r === resource);
}
