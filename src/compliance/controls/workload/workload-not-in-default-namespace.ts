import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { NSA } from './private/references';

/**
 * Namespaced kinds (with their API group) that belong to an application and so not in `default`:
 * those of Kubescape's `*-in-default-namespace` rules that manifests declare (not the Events,
 * Leases, EndpointSlices and ControllerRevisions that controllers write).
 */
const APPLICATION_KINDS: readonly (readonly [string, string])[] = [
  ['Service', ''], ['ConfigMap', ''], ['Secret', ''], ['ServiceAccount', ''], ['Endpoints', ''], ['LimitRange', ''],
  ['PersistentVolumeClaim', ''], ['PodTemplate', ''], ['ResourceQuota', ''],
  ['Role', 'rbac.authorization.k8s.io'], ['RoleBinding', 'rbac.authorization.k8s.io'],
  ['HorizontalPodAutoscaler', 'autoscaling'], ['Ingress', 'networking.k8s.io'], ['NetworkPolicy', 'networking.k8s.io'],
  ['PodDisruptionBudget', 'policy'],
];

/**
 * Objects the control plane itself keeps in `default`; a cluster export may contain them. istiod
 * writes its root certificate (`istio-ca-root-cert`) into every namespace and rewrites it there.
 */
const CLUSTER_MANAGED: ReadonlySet<string> = new Set([
  'Service/default/kubernetes', 'Endpoints/default/kubernetes', 'ConfigMap/default/kube-root-ca.crt', 'ServiceAccount/default/default',
  'ConfigMap/default/istio-ca-root-cert',
]);

function evaluate(o: IndexedObject): CheckResult {
  return o.namespace === 'default'
    ? fail(o, 'is in the "default" namespace', 'metadata.namespace')
    : pass(o);
}

/** No workload or other application object (Service, ConfigMap, Secret, RBAC, policy, …) lives in the `default` namespace. */
export const workloadNotInDefaultNamespace = defineControl({
  id: 'workload-not-in-default-namespace',
  title: 'Applications do not use the default namespace',
  condition: 'No workload (an object with a pod template), Service, Endpoints, ConfigMap, Secret, ServiceAccount, PersistentVolumeClaim, PodTemplate, '
    + 'LimitRange, ResourceQuota, Role, RoleBinding, HorizontalPodAutoscaler, Ingress, NetworkPolicy or PodDisruptionBudget is in the "default" namespace '
    + '(an object without metadata.namespace lands there). The objects Kubernetes and istiod keep there themselves (the kubernetes Service and '
    + 'Endpoints, the kube-root-ca.crt and istio-ca-root-cert ConfigMaps, the default ServiceAccount) are not evaluated.',
  severity: 'low',
  criteria: ['CC6.1', 'CC6.3'],
  references: {
    cis: '5.7.4',
    nsa: NSA.namespaces,
    kubescape: ['C-0061', 'C-0212'],
  },
  remediation: 'Set metadata.namespace to the application\'s own namespace, where network policies, quotas, RBAC and Pod Security labels apply.',
  example: 'metadata:\n  name: api\n  namespace: payments',
  check: ctx => {
    const out = ctx.index.podTemplates.map(pod => evaluate(pod.owner));
    for (const [kind, group] of APPLICATION_KINDS) {
      for (const o of ctx.index.ofKind(kind, group)) {
        if (o.namespace !== 'default' || !CLUSTER_MANAGED.has(o.ref)) out.push(evaluate(o));
      }
    }
    return out;
  },
});
