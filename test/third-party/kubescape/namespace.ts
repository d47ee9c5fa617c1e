/**
 * Kubescape namespace, ServiceAccount and ConfigMap controls: C-0012 (ConfigMaps), C-0189,
 * C-0192 to C-0204 (Pod Security Admission labels), C-0209 (namespaces listed for review) and
 * C-0212 (default namespace).
 */
import { Finding, K8sObject, ofKind } from '../shared';
import { ksFinding, KS_INPUTS } from './report';

// rules/pods-in-default-namespace and resources-{core1,core2,rbac,other1,other2}-in-default-namespace rule.metadata.json
const DEFAULT_NS_KINDS = [
  'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'Pod',
  'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'PersistentVolumeClaim', 'PodTemplate',
  'ReplicationController', 'ResourceQuota', 'Secret', 'ServiceAccount', 'Service',
  'Role', 'RoleBinding',
  'ControllerRevision', 'HorizontalPodAutoscaler', 'Lease', 'EndpointSlice',
  'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'CSIStorageCapacity',
];

/** Pod Security Admission controls: [control, profiles its `enforce` label must name]. */
const PSA_CONTROLS: [string, string[]][] = [
  // pod-security-admission-baseline-applied-{1,2}: C-0193 and C-0199 read; the other host controls use the same pair
  ['C-0193', ['baseline', 'restricted']], ['C-0194', ['baseline', 'restricted']], ['C-0195', ['baseline', 'restricted']],
  ['C-0196', ['baseline', 'restricted']], ['C-0199', ['baseline', 'restricted']], ['C-0202', ['baseline', 'restricted']],
  ['C-0203', ['baseline', 'restricted']], ['C-0204', ['baseline', 'restricted']],
  // pod-security-admission-restricted-applied(-1,-2): C-0197, C-0198, C-0200, C-0201
  ['C-0197', ['restricted']], ['C-0198', ['restricted']], ['C-0200', ['restricted']], ['C-0201', ['restricted']],
];

/** OPA `base64.decode`: strict standard encoding, undefined otherwise. */
function base64Decode(value: string): string | undefined {
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return undefined;
  return Buffer.from(value, 'base64').toString('utf8');
}

/** Every Kubescape namespace/ServiceAccount/ConfigMap control failure in the manifest set. */
export function ksNamespaceChecks(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  // rules/rule-credentials-configmap (C-0012): sensitive key names, or values matching sensitive patterns (also base64-decoded)
  for (const cm of ofKind(objects, 'ConfigMap')) {
    for (const [key, raw] of Object.entries(cm.data ?? {})) {
      const value = String(raw ?? '');
      if (value === '') continue;
      const badKey = KS_INPUTS.sensitiveKeyNames.some(k => key.toLowerCase().includes(k));
      const decoded = base64Decode(value);
      const badValue = KS_INPUTS.sensitiveValues.some(p => new RegExp(p).test(value) || (decoded !== undefined && new RegExp(p).test(decoded)));
      if (badKey || badValue) out.push(ksFinding('C-0012', cm, `this configmap has sensitive information: ${cm.metadata?.name} (key ${key})`));
    }
  }
  const webhooks = ofKind(objects, 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration')
    .some(w => (w.webhooks ?? []).some((h: K8sObject) => (h?.rules ?? []).some((r: K8sObject) => r?.scope !== 'Cluster')));
  for (const ns of ofKind(objects, 'Namespace')) {
    const labels: Record<string, string> = ns.metadata?.labels ?? {};
    // rules/pod-security-admission-applied (C-0192)
    if (!webhooks && !Object.keys(labels).some(k => k.startsWith('pod-security.kubernetes.io/'))) out.push(ksFinding('C-0192', ns, 'does not enable pod security admission'));
    for (const [id, profiles] of PSA_CONTROLS) {
      if (!profiles.includes(labels['pod-security.kubernetes.io/enforce'])) out.push(ksFinding(id, ns, `does not enforce the ${profiles[0]} pod security admission profile`));
    }
    // rules/list-all-namespaces (C-0209, CIS 5.7.1): every Namespace, for manual review (a deliberate exception)
    out.push(ksFinding('C-0209', ns, `review the following namespace: ${ns.metadata?.name}`));
    // rules/namespace-without-service-account (C-0189)
    if (!ofKind(objects, 'ServiceAccount').some(sa => sa.metadata?.namespace === ns.metadata?.name && sa.metadata?.name !== 'default')) {
      out.push(ksFinding('C-0189', ns, 'does not have any service accounts besides \'default\''));
    }
  }
  // rules/automount-default-service-account (C-0189)
  for (const sa of ofKind(objects, 'ServiceAccount').filter(s => s.metadata?.name === 'default')) {
    if (sa.automountServiceAccountToken !== false) out.push(ksFinding('C-0189', sa, 'the default service account mounts service account tokens in pods by default'));
  }
  // rules/*-in-default-namespace (C-0212): a missing namespace counts as default
  for (const o of objects.filter(x => DEFAULT_NS_KINDS.includes(x.kind))) {
    const ns = o.metadata?.namespace;
    if (ns === undefined || ns === 'default') out.push(ksFinding('C-0212', o, `${o.kind}: ${o.metadata?.name} is in the 'default' namespace`));
  }
  return out;
}
