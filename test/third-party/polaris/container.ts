/**
 * Polaris container checks (target: Container). Each runs on `initContainers` and `containers`
 * unless the check excludes init containers; probes also skip Job and CronJob controllers.
 */
import { containersOf, Finding, K8sObject, podTemplates } from '../shared';
import { containsMatch, isObject, polarisFinding } from './report';

interface ContainerRule {
  readonly id: string;
  readonly failure: string;
  readonly skipInit?: boolean;
  readonly skipJobs?: boolean;
  readonly passes: (container: K8sObject, podSpec: K8sObject, podMeta: K8sObject) => boolean;
}

const present = (v: unknown) => v !== undefined && v !== null && String(v) !== '';

/** good/notBad security contexts of runAsRootAllowed.yaml. */
const goodRunAs = (sc: unknown) => isObject(sc) && ((typeof sc.runAsUser === 'number' && sc.runAsUser >= 1) || sc.runAsNonRoot === true);
const notBadRunAs = (sc: unknown) => !isObject(sc)
  || ((sc.runAsUser === undefined || (typeof sc.runAsUser === 'number' && sc.runAsUser >= 1)) && (sc.runAsNonRoot === undefined || sc.runAsNonRoot === true));

const INSECURE_CAPS = ['NET_ADMIN', 'CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE'];
const SENSITIVE_ENV_NAMES = [/^AWS_SECRET_ACCESS_KEY$/i, /^GOOGLE_APPLICATION_CREDENTIALS$/i, /^AZURE_.+KEY$/i, /^OCI_CLI_KEY_CONTENT$/i, /password/i, /token/i, /bearer/i, /secret/i];
const PRIVATE_KEY = /\s*-BEGIN\s+.*PRIVATE KEY-\s*/i;

/** linuxHardening.yaml: AppArmor annotation, or seccomp, or SELinux, or dropped capabilities. */
function linuxHardened(c: K8sObject, spec: K8sObject, meta: K8sObject): boolean {
  if (meta?.annotations?.[`container.apparmor.security.beta.kubernetes.io/${c.name}`]) return true;
  const sc = c.securityContext;
  const podType = spec.securityContext?.seccompProfile?.type;
  const containerType = sc?.seccompProfile?.type;
  const seccomp = !podType || podType === 'Unconfined'
    ? typeof containerType === 'string' && containerType !== '' && containerType !== 'Unconfined'
    : containerType === undefined || containerType !== 'Unconfined';
  const podSel = spec.securityContext?.seLinuxOptions;
  const selinux = (isObject(podSel) && Object.keys(podSel).length > 0) || (isObject(sc?.seLinuxOptions) && Object.keys(sc.seLinuxOptions).length > 0);
  const caps = sc?.capabilities;
  const drops = isObject(caps) && Array.isArray(caps.drop) && caps.drop.length >= 1 && !containsMatch(caps.add, /^ALL$/i);
  return seccomp || selinux || drops;
}

/** sensitiveContainerEnvVar.yaml: a literal value under a sensitive name, or a PEM private key. */
function envIsSafe(env: K8sObject): boolean {
  if (!isObject(env)) return true;
  if (env.value === undefined || env.value === '') return true;
  if (isObject(env.valueFrom) && env.name !== undefined) return true;
  const name = String(env.name ?? '');
  return !SENSITIVE_ENV_NAMES.some(p => p.test(name)) && !PRIVATE_KEY.test(String(env.value));
}

// Rule sources: FairwindsOps/polaris pkg/config/checks/<id>.yaml
const RULES: ContainerRule[] = [
  // tagNotSpecified.yaml
  { id: 'tagNotSpecified', failure: 'Image tag should be specified',
    passes: c => typeof c.image === 'string' && /^.+:.+$/.test(c.image) && !/^.+:latest$/.test(c.image) },
  // pullPolicyNotAlways.yaml
  { id: 'pullPolicyNotAlways', failure: 'Image pull policy should be "Always"', passes: c => c.imagePullPolicy === 'Always' },
  // readinessProbeMissing.yaml
  { id: 'readinessProbeMissing', failure: 'Readiness probe should be configured', skipInit: true, skipJobs: true, passes: c => isObject(c.readinessProbe) },
  // livenessProbeMissing.yaml
  { id: 'livenessProbeMissing', failure: 'Liveness probe should be configured', skipInit: true, skipJobs: true, passes: c => isObject(c.livenessProbe) },
  // cpuRequestsMissing.yaml, cpuLimitsMissing.yaml, memoryRequestsMissing.yaml, memoryLimitsMissing.yaml
  { id: 'cpuRequestsMissing', failure: 'CPU requests should be set', skipInit: true, passes: c => present(c.resources?.requests?.cpu) },
  { id: 'cpuLimitsMissing', failure: 'CPU limits should be set', skipInit: true, passes: c => present(c.resources?.limits?.cpu) },
  { id: 'memoryRequestsMissing', failure: 'Memory requests should be set', skipInit: true, passes: c => present(c.resources?.requests?.memory) },
  { id: 'memoryLimitsMissing', failure: 'Memory limits should be set', skipInit: true, passes: c => present(c.resources?.limits?.memory) },
  // hostPortSet.yaml
  { id: 'hostPortSet', failure: 'Host port should not be configured',
    passes: c => !Array.isArray(c.ports) || c.ports.every((p: K8sObject) => !p?.hostPort) },
  // runAsRootAllowed.yaml (schemaTarget PodSpec: pod-level non-root, not overridden, or container-level non-root)
  { id: 'runAsRootAllowed', failure: 'Should not be allowed to run as root',
    passes: (c, spec) => (goodRunAs(spec.securityContext) && notBadRunAs(c.securityContext)) || goodRunAs(c.securityContext) },
  // runAsPrivileged.yaml
  { id: 'runAsPrivileged', failure: 'Should not be running as privileged', passes: c => c.securityContext?.privileged !== true },
  // notReadOnlyRootFilesystem.yaml (PodSecurityContext has no such field, so only the container counts)
  { id: 'notReadOnlyRootFilesystem', failure: 'Filesystem should be read only', passes: c => c.securityContext?.readOnlyRootFilesystem === true },
  // privilegeEscalationAllowed.yaml (likewise container-level only)
  { id: 'privilegeEscalationAllowed', failure: 'Privilege escalation should not be allowed', passes: c => c.securityContext?.allowPrivilegeEscalation === false },
  // dangerousCapabilities.yaml
  { id: 'dangerousCapabilities', failure: 'Container should not have dangerous capabilities',
    passes: c => ![/^ALL$/i, /^SYS_ADMIN$/i, /^NET_ADMIN$/i].some(p => containsMatch(c.securityContext?.capabilities?.add, p)) },
  // insecureCapabilities.yaml: drop is a oneOf of [contains ALL] and [contains each of 15 capabilities]
  { id: 'insecureCapabilities', failure: 'Container should not have insecure capabilities',
    passes: c => {
      const drop = c.securityContext?.capabilities?.drop;
      if (!Array.isArray(drop)) return false;
      const all = containsMatch(drop, /^ALL$/i);
      const each = INSECURE_CAPS.every(cap => containsMatch(drop, new RegExp(`^${cap}$`, 'i')));
      return Number(all) + Number(each) === 1;
    } },
  // linuxHardening.yaml
  { id: 'linuxHardening', failure: 'Use one of AppArmor, Seccomp, SELinux, or dropping Linux Capabilities to restrict containers using unwanted privileges',
    passes: linuxHardened },
  // sensitiveContainerEnvVar.yaml
  { id: 'sensitiveContainerEnvVar', failure: 'The container sets potentially sensitive environment variables',
    passes: c => !Array.isArray(c.env) || c.env.every(envIsSafe) },
];

/** Every Polaris container-check failure in the manifest set. */
export function polarisContainerChecks(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  for (const t of podTemplates(objects)) {
    const isJob = t.owner.kind === 'Job' || t.owner.kind === 'CronJob';
    for (const { container, list } of containersOf(t.spec, ['initContainers', 'containers'])) {
      for (const rule of RULES) {
        if (rule.skipInit && list === 'initContainers') continue;
        if (rule.skipJobs && isJob) continue;
        if (!rule.passes(container, t.spec, t.meta)) out.push(polarisFinding(rule.id, t.owner, rule.failure, `container ${container.name}`));
      }
    }
  }
  return out;
}
