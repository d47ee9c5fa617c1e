/**
 * Polaris pod-spec and controller checks (targets PodSpec and Controller) that look at one
 * workload only.
 */
import { Finding, K8sObject, labelsOf, podTemplates } from '../shared';
import { isObject, polarisFinding } from './report';

interface PodRule {
  readonly id: string;
  readonly failure: string;
  /** Controller kinds the check applies to; all when absent. */
  readonly only?: string[];
  /** Controller kinds the check skips. */
  readonly skip?: string[];
  readonly passes: (spec: K8sObject, owner: K8sObject) => boolean;
}

const windowsHostProcessOff = (sc: unknown) => !isObject(sc) || !isObject(sc.windowsOptions)
  || sc.windowsOptions.hostProcess === undefined || sc.windowsOptions.hostProcess === false;

// Rule sources: FairwindsOps/polaris pkg/config/checks/<id>.yaml
const RULES: PodRule[] = [
  // hostIPCSet.yaml, hostPIDSet.yaml, hostNetworkSet.yaml
  { id: 'hostIPCSet', failure: 'Host IPC should not be configured', passes: s => s.hostIPC !== true },
  { id: 'hostPIDSet', failure: 'Host PID should not be configured', passes: s => s.hostPID !== true },
  { id: 'hostNetworkSet', failure: 'Host network should not be configured', passes: s => s.hostNetwork !== true },
  // hostPathSet.yaml (hostPath must be the string '' — any hostPath object fails)
  { id: 'hostPathSet', failure: 'HostPath volumes must be forbidden',
    passes: s => !Array.isArray(s.volumes) || s.volumes.every((v: K8sObject) => !isObject(v) || v.hostPath === undefined) },
  // hostProcess.yaml (pod and regular containers)
  { id: 'hostProcess', failure: 'Privileged access to the host is disallowed',
    passes: s => windowsHostProcessOff(s.securityContext) && (s.containers ?? []).every((c: K8sObject) => windowsHostProcessOff(c?.securityContext)) },
  // procMount.yaml (regular containers only)
  { id: 'procMount', failure: 'Proc mount must not be changed from the default',
    passes: s => (s.containers ?? []).every((c: K8sObject) => c?.securityContext?.procMount === undefined || c.securityContext.procMount === 'Default') },
  // topologySpreadConstraint.yaml
  { id: 'topologySpreadConstraint', failure: 'Pod should be configured with a valid topology spread constraint', skip: ['Job', 'CronJob'],
    passes: s => Array.isArray(s.topologySpreadConstraints) && s.topologySpreadConstraints.length >= 1 },
  // priorityClassNotSet.yaml
  { id: 'priorityClassNotSet', failure: 'Priority class should be set', passes: s => s.priorityClassName !== undefined && s.priorityClassName !== '' },
  // deploymentMissingReplicas.yaml
  { id: 'deploymentMissingReplicas', failure: 'Only one replica is scheduled', only: ['Deployment'],
    passes: (_s, o) => Number.isInteger(o.spec?.replicas) && o.spec.replicas >= 2 },
  // metadataAndInstanceMismatched.yaml
  { id: 'metadataAndInstanceMismatched', failure: 'Label app.kubernetes.io/instance must match metadata.name',
    passes: (_s, o) => isObject(o.metadata?.labels) && labelsOf(o.metadata)['app.kubernetes.io/instance'] === o.metadata?.name },
];

/** Every Polaris pod-spec and single-controller check failure in the manifest set. */
export function polarisPodChecks(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  for (const t of podTemplates(objects)) {
    for (const rule of RULES) {
      if (rule.only && !rule.only.includes(t.owner.kind)) continue;
      if (rule.skip?.includes(t.owner.kind)) continue;
      if (!rule.passes(t.spec, t.owner)) out.push(polarisFinding(rule.id, t.owner, rule.failure));
    }
  }
  return out;
}
