/**
 * Kubescape workload controls. Rule sources: kubescape/regolibrary `rules/<rule>/raw.rego`; most
 * rules read only `spec.containers` (not init containers).
 */
import { Finding, K8sObject, ofKind } from '../shared';
import { ksContainers, KsWorkload, ksFinding, KS_INPUTS, ksSameNamespace, ksWorkloads, regoTruthy } from './report';

/** A rule over one workload: `<control id>|<message>` for each failure. */
export type WorkloadRule = (w: KsWorkload, objects: K8sObject[]) => string[];

const sc = (c: K8sObject) => c.securityContext ?? {};
const podSc = (w: KsWorkload) => w.pod.spec?.securityContext ?? {};

// rules/rule-credentials-in-env-var (C-0012): sensitive names with a literal value, or sensitive values
const credentialsInEnv: WorkloadRule = w => ksContainers(w).flatMap(c => (Array.isArray(c.env) ? c.env : []).flatMap((env: K8sObject) => {
  if (env?.valueFrom?.secretKeyRef || env?.valueFrom?.configMapKeyRef) return [];
  const value = env?.value;
  if (typeof value !== 'string' || value.startsWith('/')) return [];
  const name = String(env.name ?? '').toLowerCase();
  const badName = value !== '' && KS_INPUTS.sensitiveKeyNames.some(k => name.includes(k.toLowerCase()));
  const badValue = KS_INPUTS.sensitiveValues.some(v => value.toLowerCase().includes(v.toLowerCase()));
  return badName || badValue ? [`C-0012|container ${c.name} has sensitive information in environment variable ${env.name}`] : [];
}));

/** non-root-containers: container value, then pod value, then the rule's default. */
function resolve(c: K8sObject, w: KsWorkload, field: string, fallback: unknown): unknown {
  if (sc(c)[field] !== undefined) return sc(c)[field];
  if (podSc(w)[field] !== undefined) return podSc(w)[field];
  return fallback;
}

// rules/non-root-containers (C-0013): root when runAsNonRoot resolves false AND runAsUser resolves 0, or escalation allowed
export const nonRoot: WorkloadRule = w => ksContainers(w).flatMap(c => {
  const root = resolve(c, w, 'runAsNonRoot', false) === false && resolve(c, w, 'runAsUser', 0) === 0;
  const escalates = resolve(c, w, 'allowPrivilegeEscalation', true) === true;
  return root || escalates ? [`C-0013|container ${c.name} may run as root`] : [];
});

// rules/rule-allow-privilege-escalation (C-0016), without PodSecurityPolicies in the input
const privilegeEscalation: WorkloadRule = (w, objects) => {
  const psps = ofKind(objects, 'PodSecurityPolicy');
  const pspAllows = psps.length === 0 || psps.some(p => p.spec?.allowPrivilegeEscalation !== false);
  return ksContainers(w).filter(c => sc(c).allowPrivilegeEscalation !== false && pspAllows)
    .map(c => `C-0016|container ${c.name} allows privilege escalation`);
};

// rules/immutable-container-filesystem (C-0017)
export const immutableFs: WorkloadRule = w => ksContainers(w).filter(c => sc(c).readOnlyRootFilesystem !== true)
  .map(c => `C-0017|container ${c.name} has mutable filesystem`);

// rules/container-hostPort (C-0044): any hostPort key counts, even 0 (Rego truthiness)
const hostPort: WorkloadRule = w => ksContainers(w).filter(c => (c.ports ?? []).some((p: K8sObject) => regoTruthy(p?.hostPort)))
  .map(c => `C-0044|container ${c.name} has Host-port`);

// rules/insecure-capabilities (C-0046)
const insecureCaps: WorkloadRule = w => ksContainers(w)
  .filter(c => (Array.isArray(sc(c).capabilities?.add) ? sc(c).capabilities.add : []).some((cap: unknown) => (KS_INPUTS.insecureCapabilities as readonly unknown[]).includes(cap)))
  .map(c => `C-0046|container ${c.name} has dangerous capabilities`);

// rules/linux-hardening (C-0055): no pod seccomp/SELinux, no AppArmor annotation, and a container without any of seccomp, SELinux, dropped caps
const linuxHardening: WorkloadRule = w => {
  const unsafe = (o: K8sObject) => !o?.securityContext?.seccompProfile && !o?.securityContext?.seLinuxOptions;
  if (!unsafe(w.pod.spec)) return [];
  if (Object.keys(w.pod.metadata?.annotations ?? {}).some(k => k.startsWith('container.apparmor.security.beta.kubernetes.io'))) return [];
  return ksContainers(w).filter(c => unsafe(c) && !sc(c).capabilities?.drop).map(c => `C-0055|container ${c.name} does not define any linux security hardening`);
};

// rules/rule-privilege-escalation (C-0057)
export const privileged: WorkloadRule = w => ksContainers(w).filter(c => sc(c).privileged === true).map(c => `C-0057|container ${c.name} is privileged`);

// rules/rule-secrets-in-env-var (C-0207): secretKeyRef env vars and envFrom secretRef, containers and init containers
const secretsInEnv: WorkloadRule = w => [...(w.pod.spec?.initContainers ?? []), ...(w.pod.spec?.containers ?? [])].flatMap((c: K8sObject) => {
  const env = (c?.env ?? []).some((e: K8sObject) => e?.valueFrom?.secretKeyRef);
  const envFrom = (c?.envFrom ?? []).some((e: K8sObject) => e?.secretRef);
  return env || envFrom ? [`C-0207|container ${c.name} has secrets in environment variables`] : [];
});

// rules/set-seccomp-profile-RuntimeDefault (C-0210): the container's type wins, then the pod's
const seccompRuntimeDefault: WorkloadRule = w => ksContainers(w).flatMap(c => {
  const own = sc(c).seccompProfile?.type;
  const ok = own !== undefined ? own === 'RuntimeDefault' : podSc(w).seccompProfile?.type === 'RuntimeDefault';
  return ok ? [] : [`C-0210|container ${c.name} does not define seccompProfile as RuntimeDefault`];
});

// rules/resources-cpu-limits (C-0270), rules/resources-memory-limits (C-0271)
const cpuLimits: WorkloadRule = w => ksContainers(w).filter(c => !regoTruthy(c.resources?.limits?.cpu) || c.resources.limits.cpu === null).map(c => `C-0270|container ${c.name} does not have CPU-limit`);
const memoryLimits: WorkloadRule = w => ksContainers(w).filter(c => !regoTruthy(c.resources?.limits?.memory) || c.resources.limits.memory === null).map(c => `C-0271|container ${c.name} does not have memory-limit`);

// rules/host-pid-privileges (C-0275, CIS v1.10 5.2.3), rules/host-ipc-privileges (C-0276, CIS v1.10 5.2.4):
// Pods, the five template kinds and CronJobs, `hostPID`/`hostIPC` exactly true
const hostPid: WorkloadRule = w => w.pod.spec?.hostPID === true ? ['C-0275|has a pod with hostPID enabled'] : [];
const hostIpc: WorkloadRule = w => w.pod.spec?.hostIPC === true ? ['C-0276|has a pod with hostIPC enabled'] : [];

/** rules/automount-service-account (C-0034, C-0190) for one workload. */
const automount: WorkloadRule = (w, objects) => {
  const spec = w.pod.spec ?? {};
  const sas = ofKind(objects, 'ServiceAccount');
  const same = (sa: K8sObject) => (spec.serviceAccountName !== undefined ? spec.serviceAccountName === sa.metadata?.name : sa.metadata?.name === 'default')
    && ksSameNamespace(sa, w.owner) && sa.automountServiceAccountToken !== false;
  const mounts = spec.automountServiceAccountToken === true ? sas.length === 0 || sas.some(same)
    : spec.automountServiceAccountToken === false ? false : sas.some(same);
  return mounts ? ['C-0034|mounts service account tokens by default', 'C-0190|mounts service account tokens by default'] : [];
};

const RULES: WorkloadRule[] = [credentialsInEnv, nonRoot, privilegeEscalation, immutableFs, hostPort, insecureCaps, linuxHardening, privileged, secretsInEnv, seccompRuntimeDefault, cpuLimits, memoryLimits, automount,
  hostPid, hostIpc];

/** A rule's `<control id>|<message>` hit as its two parts. */
export function splitHit(hit: string): [string, string] {
  const bar = hit.indexOf('|');
  return [hit.slice(0, bar), hit.slice(bar + 1)];
}

/** Every Kubescape workload-control failure in the manifest set. */
export function ksWorkloadChecks(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  for (const w of ksWorkloads(objects)) {
    for (const rule of RULES) {
      for (const hit of rule(w, objects)) {
        const [id, message] = splitHit(hit);
        out.push(ksFinding(id, w.owner, message));
      }
    }
  }
  // rules/host-pid-ipc-privileges (C-0038), rules/host-network-access (C-0041): the workload clauses
  // do not filter by kind, so every object with spec.template.spec counts
  for (const o of objects) {
    const spec = o.kind === 'Pod' ? o.spec : o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
    if (!spec) continue;
    if (spec.hostPID === true || spec.hostIPC === true) out.push(ksFinding('C-0038', o, 'has a pod with hostPID or hostIPC enabled'));
    if (spec.hostNetwork === true) out.push(ksFinding('C-0041', o, 'has a pod connected to the host network'));
  }
  // rules/automount-service-account (C-0034, C-0190): every ServiceAccount must disable automount
  for (const sa of ofKind(objects, 'ServiceAccount')) {
    if (sa.automountServiceAccountToken !== false) {
      out.push(ksFinding('C-0034', sa, 'mounts service account tokens in pods by default'), ksFinding('C-0190', sa, 'mounts service account tokens in pods by default'));
    }
  }
  return out;
}
