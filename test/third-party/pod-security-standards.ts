/**
 * An independent mirror of the Kubernetes Pod Security Standards, Baseline and Restricted
 * profiles (kubernetes.io/docs/concepts/security/pod-security-standards), applied to every pod
 * template the way Pod Security Admission's `enforce` (Pods) and `warn`/`audit` (workload
 * templates) do. Check ids: `pss/baseline-<control>` and `pss/restricted-<control>`.
 */
import { containersOf, finding, Finding, K8sObject, PodTemplate, podTemplates } from './shared';

const BASELINE_CAPS = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
const SAFE_SYSCTLS = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem',
  // policy v1.37 (kubernetes/kubernetes#138389)
  'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];
/** pod-security-admission policy/check_restrictedVolumes.go: `image` allowed since v1.33 (kubernetes/kubernetes#130394). */
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];

type Control = (t: PodTemplate) => string | undefined;

const all = (t: PodTemplate) => containersOf(t.spec).map(r => r.container);
const scs = (t: PodTemplate) => [t.spec.securityContext, ...all(t).map(c => c.securityContext)].filter(Boolean);
const off = (v: unknown) => v === undefined || v === null || v === false;
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
/** Pod Security (v1.25 on) exempts pods declaring `os.name: windows` from the Linux-only restricted checks. */
const windows = (t: PodTemplate) => t.spec.os?.name === 'windows';
/**
 * Pod Security (policy v1.35 on, so `latest`) relaxes runAsNonRoot, runAsUser and the baseline procMount
 * check for a pod in a user namespace, `hostUsers: false` (policy/helpers.go relaxPolicyForUserNamespacePod,
 * kubernetes/kubernetes#132157); restricted still allows only the Default procMount there.
 */
const userNamespace = (t: PodTemplate) => t.spec.hostUsers === false;
const names = (cs: K8sObject[]) => cs.map(c => c.name).join(', ');
/** A probe or lifecycle handler's `host`: allowed only undefined, null or "". */
const procMountSet = (t: PodTemplate) => all(t).some(c => !off(c.securityContext?.procMount) && c.securityContext.procMount !== 'Default');
const hostSet = (handler: K8sObject | undefined) => handler?.host !== undefined && handler.host !== null && handler.host !== '';

// Baseline controls
const BASELINE: Record<string, Control> = {
  'host-process': t => scs(t).some(sc => !off(sc.windowsOptions?.hostProcess)) ? 'windowsOptions.hostProcess must be unset or false' : undefined,
  'host-namespaces': t => ['hostNetwork', 'hostPID', 'hostIPC'].filter(f => !off(t.spec[f])).map(f => `${f} must be unset or false`)[0],
  'privileged': t => { const bad = all(t).filter(c => !off(c.securityContext?.privileged)); return bad.length ? `privileged containers: ${names(bad)}` : undefined; },
  'capabilities': t => { const bad = all(t).filter(c => list(c.securityContext?.capabilities?.add).some((cap: string) => !BASELINE_CAPS.includes(cap))); return bad.length ? `capabilities beyond the baseline set added in ${names(bad)}` : undefined; },
  'host-path-volumes': t => list(t.spec.volumes).some((v: K8sObject) => v?.hostPath != null) ? 'hostPath volumes are forbidden' : undefined,
  'host-ports': t => { const bad = all(t).filter(c => list(c.ports).some((p: K8sObject) => p?.hostPort != null && p.hostPort !== 0)); return bad.length ? `hostPort set in ${names(bad)}` : undefined; },
  'apparmor': t => {
    const annotations = Object.entries(t.meta.annotations ?? {}).filter(([k]) => k.startsWith('container.apparmor.security.beta.kubernetes.io/'));
    const badAnnotation = annotations.some(([, v]) => v !== '' && v !== 'runtime/default' && !String(v).startsWith('localhost/'));
    const badField = scs(t).some(sc => sc.appArmorProfile?.type !== undefined && !['RuntimeDefault', 'Localhost'].includes(sc.appArmorProfile.type));
    return badAnnotation || badField ? 'AppArmor profile must be RuntimeDefault or Localhost' : undefined;
  },
  'selinux': t => scs(t).some(sc => sc.seLinuxOptions && (!SELINUX_TYPES.includes(sc.seLinuxOptions.type ?? '') || (sc.seLinuxOptions.user ?? '') !== '' || (sc.seLinuxOptions.role ?? '') !== ''))
    ? 'seLinuxOptions may only set an allowed type' : undefined,
  'proc-mount': t => !userNamespace(t) && procMountSet(t) ? 'procMount must be Default' : undefined,
  'seccomp': t => scs(t).some(sc => sc.seccompProfile?.type === 'Unconfined') ? 'seccompProfile must not be Unconfined' : undefined,
  'sysctls': t => list(t.spec.securityContext?.sysctls).some((s: K8sObject) => !SAFE_SYSCTLS.includes(s?.name)) ? 'only safe sysctls are allowed' : undefined,
  // pod-security-admission policy/check_hostProbesAndhostLifecycle.go (v1.34+): no `host` in the httpGet or tcpSocket
  // handler of a probe (liveness, readiness, startup) or lifecycle hook (postStart, preStop), on any container
  'host-probes': t => {
    const bad = all(t).filter(c => [c.livenessProbe, c.readinessProbe, c.startupProbe, c.lifecycle?.postStart, c.lifecycle?.preStop]
      .some((h: K8sObject | undefined) => hostSet(h?.httpGet) || hostSet(h?.tcpSocket)));
    return bad.length ? `probe or lifecycle host set in ${names(bad)}` : undefined;
  },
};

// Restricted controls (on top of Baseline)
const RESTRICTED: Record<string, Control> = {
  'volume-types': t => {
    const bad = list(t.spec.volumes).filter((v: K8sObject) => Object.keys(v ?? {}).filter(k => k !== 'name').some(k => !RESTRICTED_VOLUMES.includes(k)));
    return bad.length ? `volume types not allowed: ${bad.map((v: K8sObject) => v.name).join(', ')}` : undefined;
  },
  'privilege-escalation': t => { const bad = windows(t) ? [] : all(t).filter(c => c.securityContext?.allowPrivilegeEscalation !== false); return bad.length ? `allowPrivilegeEscalation must be false in ${names(bad)}` : undefined; },
  'run-as-non-root': t => {
    if (userNamespace(t)) return undefined;
    if (t.spec.securityContext?.runAsNonRoot === false) return 'runAsNonRoot must not be false on the pod';
    const pod = t.spec.securityContext?.runAsNonRoot === true;
    const bad = all(t).filter(c => c.securityContext?.runAsNonRoot === false || (!pod && c.securityContext?.runAsNonRoot !== true));
    return bad.length ? `runAsNonRoot must be true for ${names(bad)}` : undefined;
  },
  'run-as-user': t => !userNamespace(t) && scs(t).some(sc => sc.runAsUser === 0) ? 'runAsUser must not be 0' : undefined,
  // policy/check_procMount_restricted.go (v1.35+): Default or unset only, user namespace or not
  'proc-mount': t => procMountSet(t) ? 'procMount must be Default' : undefined,
  'seccomp': t => {
    if (windows(t)) return undefined;
    const ok = (v: unknown) => v === 'RuntimeDefault' || v === 'Localhost';
    const pod = ok(t.spec.securityContext?.seccompProfile?.type);
    const bad = all(t).filter(c => (c.securityContext?.seccompProfile?.type !== undefined && !ok(c.securityContext.seccompProfile.type)) || (!pod && !ok(c.securityContext?.seccompProfile?.type)));
    return bad.length ? `seccompProfile must be RuntimeDefault or Localhost for ${names(bad)}` : undefined;
  },
  'capabilities': t => {
    const bad = windows(t) ? [] : all(t).filter(c => !list(c.securityContext?.capabilities?.drop).includes('ALL')
      || list(c.securityContext?.capabilities?.add).some((cap: string) => cap !== 'NET_BIND_SERVICE'));
    return bad.length ? `capabilities must drop ALL and add only NET_BIND_SERVICE in ${names(bad)}` : undefined;
  },
};

/** Every Baseline and Restricted violation over the manifest set's pod templates. */
export function check(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  for (const t of podTemplates(objects.filter(o => o && typeof o === 'object'))) {
    for (const [profile, controls] of [['baseline', BASELINE], ['restricted', RESTRICTED]] as const) {
      for (const [id, control] of Object.entries(controls)) {
        const problem = control(t);
        if (problem) out.push(finding('pss', `${profile}-${id}`, t.owner, problem));
      }
    }
  }
  return out;
}
