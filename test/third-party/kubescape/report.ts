/** Shared pieces of the Kubescape mirror: findings, default control inputs and workload lookup. */
import { finding, Finding, K8sObject, namespaceOf } from '../shared';

/** A Kubescape finding for control `controlId` (e.g. `C-0013`) on `obj`. */
export function ksFinding(controlId: string, obj: K8sObject, message: string): Finding {
  return finding('kubescape', controlId, obj, message);
}

/** kubescape/regolibrary `default-config-inputs.json` postureControlInputs used by the mirrored rules. */
export const KS_INPUTS = {
  insecureCapabilities: ['SETPCAP', 'NET_ADMIN', 'NET_RAW', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_PTRACE', 'SYS_ADMIN', 'SYS_BOOT', 'MAC_OVERRIDE', 'MAC_ADMIN', 'PERFMON', 'ALL', 'BPF'],
  sensitiveKeyNames: ['aws_secret_access_key', 'azure_batchai_storage_key', 'azure_batch_key', 'secret', 'key', 'password', 'pwd', 'token', 'jwt', 'bearer', 'credential'],
  sensitiveValues: ['BEGIN \\w+ PRIVATE KEY', 'PRIVATE KEY', 'eyJhbGciO', 'JWT', 'Bearer', '_key_', '_secret_'],
} as const;

/** The kinds whose `spec.template.spec` Kubescape's workload rules read. */
export const KS_TEMPLATE_KINDS = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'];

/** A workload as Kubescape's rules see it. */
export interface KsWorkload {
  readonly owner: K8sObject;
  /** The object holding `spec` (the Pod, the template, or the CronJob's job template). */
  readonly pod: K8sObject;
}

/** Pods, the five template kinds and CronJobs, each with its pod-holding object. */
export function ksWorkloads(objects: K8sObject[]): KsWorkload[] {
  const out: KsWorkload[] = [];
  for (const o of objects) {
    if (o.kind === 'Pod' && o.spec) out.push({ owner: o, pod: o });
    else if (KS_TEMPLATE_KINDS.includes(o.kind) && o.spec?.template?.spec) out.push({ owner: o, pod: o.spec.template });
    else if (o.kind === 'CronJob' && o.spec?.jobTemplate?.spec?.template?.spec) out.push({ owner: o, pod: o.spec.jobTemplate.spec.template });
  }
  return out;
}

/** The regular containers (`spec.containers`) of a workload; most Kubescape rules read only these. */
export function ksContainers(w: KsWorkload): K8sObject[] {
  return Array.isArray(w.pod.spec?.containers) ? w.pod.spec.containers.filter(Boolean) : [];
}

/** Rego truthiness: a value is "true" in a rule body when it is defined and not `false`. */
export function regoTruthy(value: unknown): boolean {
  return value !== undefined && value !== false;
}

/** Kubescape's `is_same_namespace`: equal, both absent, or one absent and the other `default`. */
export function ksSameNamespace(a: K8sObject, b: K8sObject): boolean {
  const x = namespaceOf(a);
  const y = namespaceOf(b);
  return x === y || (x === undefined && y === 'default') || (y === undefined && x === 'default');
}
