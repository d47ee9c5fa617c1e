/**
 * Kubescape C-0211 "Apply Security Context to Your Pods and Containers" (CIS 5.7.3, cloud scope):
 * the eleven rules of kubescape/regolibrary `controls/C-0211-applysecuritycontexttoyourpodsandcontainers.json`,
 * each reported with its rule name. The control fails every valid workload (set-systctls-params),
 * so it is a deliberate exception (see ../exceptions.ts).
 */
import { Finding, K8sObject } from '../shared';
import { ksContainers, KsWorkload, ksFinding, ksWorkloads, regoTruthy } from './report';
import { immutableFs, nonRoot, privileged, WorkloadRule } from './workload';

type SubRule = (w: KsWorkload, objects: K8sObject[]) => boolean;

const podSc = (w: KsWorkload): K8sObject => w.pod.spec?.securityContext ?? {};
const failsWith = (rule: WorkloadRule): SubRule => (w, objects) => rule(w, objects).length > 0;
/** Rego `object.get(o, ['securityContext', 'seLinuxOptions'], "") == ""`: absent, or the empty string. */
const noSeLinux = (o: K8sObject | undefined) => o?.securityContext?.seLinuxOptions === undefined || o.securityContext.seLinuxOptions === '';
/** set-seccomp-profile's seccompProfile_not_defined_well: the type absent or other than RuntimeDefault. */
const notRuntimeDefault = (o: K8sObject | undefined) => o?.securityContext?.seccompProfile?.type !== 'RuntimeDefault';

/** rules/set-procmount-default: runs only with Kubescape's ControlPlaneInfo host data showing the ProcMountType gate on. */
function procMountGateOn(objects: K8sObject[]): boolean {
  return objects.some(o => o.apiVersion === 'hostdata.kubescape.cloud/v1beta0' && o.kind === 'ControlPlaneInfo'
    && typeof o.data?.APIServerInfo?.cmdLine === 'string' && o.data.APIServerInfo.cmdLine.includes('--feature-gates=')
    && o.data.APIServerInfo.cmdLine.split(/ +/).some((arg: string) => /ProcMountType=true/.test(arg)));
}

// Rule sources: kubescape/regolibrary rules/<name>/raw.rego; every rule reads Pods, the five template kinds and CronJobs
const RULES: Record<string, SubRule> = {
  'rule-privilege-escalation': failsWith(privileged),
  'immutable-container-filesystem': failsWith(immutableFs),
  'non-root-containers': failsWith(nonRoot),
  // drop-capability-netraw: NET_RAW itself in `drop` (ALL does not count)
  'drop-capability-netraw': w => ksContainers(w).some(c => {
    const drop = c.securityContext?.capabilities?.drop;
    return !Array.isArray(drop) || !drop.includes('NET_RAW');
  }),
  // set-seLinuxOptions: neither the pod nor some container sets seLinuxOptions
  'set-seLinuxOptions': w => noSeLinux(w.pod.spec) && ksContainers(w).some(c => noSeLinux(c)),
  // set-seccomp-profile: the pod and some container not RuntimeDefault
  'set-seccomp-profile': w => notRuntimeDefault(w.pod.spec) && ksContainers(w).some(c => notRuntimeDefault(c)),
  'set-procmount-default': (w, objects) => procMountGateOn(objects) && ksContainers(w).some(c => c.securityContext?.procMount !== 'Default'),
  // set-fsgroup-value: pod fsGroup >= 0
  'set-fsgroup-value': w => !(typeof podSc(w).fsGroup === 'number' && podSc(w).fsGroup >= 0),
  // set-fsgroupchangepolicy-value: regex.match("Always|OnRootMismatch", value), unanchored
  'set-fsgroupchangepolicy-value': w => !(typeof podSc(w).fsGroupChangePolicy === 'string' && /Always|OnRootMismatch/.test(podSc(w).fsGroupChangePolicy)),
  // set-systctls-params: `not securityContext.systctls` (sic): no valid Pod has the field
  'set-systctls-params': w => !regoTruthy(podSc(w).systctls),
  // set-supplementalgroups-values: `not securityContext.supplementalGroups`
  'set-supplementalgroups-values': w => !regoTruthy(podSc(w).supplementalGroups),
};

/** Every C-0211 rule failure in the manifest set, one finding per workload and rule. */
export function ksSecurityContextChecks(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  for (const w of ksWorkloads(objects)) {
    for (const [name, fails] of Object.entries(RULES)) {
      if (fails(w, objects)) out.push(ksFinding('C-0211', w.owner, `${name}: the security context does not meet CIS 5.7.3`));
    }
  }
  return out;
}
