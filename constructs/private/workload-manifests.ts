import { suppressionKey, suppressionValue } from '../../src/compliance/suppressions';
import { PolicyRule } from '../rule';
import { volumeClaimTemplate } from './storage';
import type { NormalisedWorkload } from './workload-props';

/** A rollout that starts each new pod before it stops an old one: no loss of capacity. */
const SURGE_FIRST = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
/**
 * The rollout of a single replica, which must not run twice: the old pod is gone before the new
 * one is created (a RollingUpdate starts the new pod while the old one is still terminating).
 */
const RECREATE = { type: 'Recreate' };
/** Polaris' exemption of its `deploymentMissingReplicas` check, for a Deployment whose replicas an autoscaler decides. */
const POLARIS_REPLICAS_EXEMPTION = 'polaris.fairwinds.com/deploymentMissingReplicas-exempt';

/**
 * The annotations of a workload's Deployment (or StatefulSet): the suppressions its acknowledged
 * exceptions write, and Polaris' exemption for an autoscaled Deployment.
 */
export function workloadAnnotations(p: NormalisedWorkload): Record<string, string> {
  const annotations: Record<string, string> = {};
  if (p.writableRootFilesystem) {
    annotations[suppressionKey('pod-read-only-root-fs')] = suppressionValue(p.writableRootFilesystem.reason, p.writableRootFilesystem.expires);
  }
  if (p.singleReplica && p.singleReplicaSuppressed) annotations[suppressionKey('workload-min-replicas')] = suppressionValue(p.singleReplica.reason, p.singleReplica.expires);
  // Polaris reads only spec.replicas, which an autoscaled Deployment must leave unset; the
  // engine's workload-min-replicas checks the autoscaler's minReplicas instead.
  if (p.autoscaling && !p.storage) annotations[POLARIS_REPLICAS_EXEMPTION] = 'true';
  return annotations;
}

/**
 * The spec of a workload's Deployment, or of its StatefulSet (governed by the `headless` Service)
 * when it keeps data: no `replicas` when an autoscaler decides them.
 */
export function workloadSpec(p: NormalisedWorkload, selectorLabels: Readonly<Record<string, string>>, template: Record<string, unknown>,
  headless: string | undefined): Record<string, unknown> {
  const replicas = p.autoscaling ? undefined : p.replicas;
  const selector = { matchLabels: { ...selectorLabels } };
  return p.storage
    ? {
      replicas, serviceName: headless, revisionHistoryLimit: 5, selector, updateStrategy: { type: 'RollingUpdate' }, template,
      ...(p.storage.podManagementPolicy === 'Parallel' ? { podManagementPolicy: 'Parallel' } : {}),
      volumeClaimTemplates: [volumeClaimTemplate(p.storage, selectorLabels)],
    }
    : { replicas, revisionHistoryLimit: 5, selector, strategy: p.singleReplica ? RECREATE : SURGE_FIRST, template };
}

/** The ports of a workload's Service: the serving port and the metrics port, each when the workload has it. */
export function servicePortsOf(p: NormalisedWorkload): Record<string, unknown>[] {
  const servicePorts: Record<string, unknown>[] = [];
  if (p.port !== undefined) servicePorts.push({ name: p.portName, port: p.port, targetPort: p.portName, protocol: 'TCP', appProtocol: p.appProtocol });
  if (p.metricsPort !== undefined) servicePorts.push({ name: 'metrics', port: p.metricsPort, targetPort: 'metrics', protocol: 'TCP', appProtocol: 'http' });
  return servicePorts;
}

/**
 * The ports of the headless Service: the serving port (the first of `servicePorts`), then the
 * ports the replicas reach each other on (`peerPorts`), in order, each declared as on the Service
 * when it is one of its ports.
 */
export function headlessPorts(servicePorts: readonly Record<string, unknown>[], peerPorts: ReadonlySet<number>): Record<string, unknown>[] {
  return [servicePorts[0], ...[...peerPorts].sort((a, b) => a - b).map(port => servicePorts.find(s => s.port === port) ?? peerPort(port))];
}

/** A port of the headless Service on which the replicas reach each other. */
function peerPort(port: number): Record<string, unknown> {
  return { name: `peer-${port}`, port, targetPort: port, protocol: 'TCP', appProtocol: 'tcp' };
}

/** Role rules from grants: merged per resource and verb set, sorted, so call order and repeats do not show. */
export function roleRules(grants: readonly PolicyRule[]): Record<string, unknown>[] {
  const merged = new Map<string, { apiGroup: string; resource: string; verbs: string[]; names?: Set<string> }>();
  for (const g of grants) {
    const verbs = [...new Set(g.verbs)].sort();
    const key = `${g.apiGroup}|${g.resource}|${verbs.join(',')}|${g.resourceNames ? 'named' : 'all'}`;
    const entry = merged.get(key) ?? { apiGroup: g.apiGroup, resource: g.resource, verbs, names: g.resourceNames ? new Set<string>() : undefined };
    for (const n of g.resourceNames ?? []) entry.names!.add(n);
    merged.set(key, entry);
  }
  return [...merged.keys()].sort().map(k => {
    const r = merged.get(k)!;
    return { apiGroups: [r.apiGroup], resources: [r.resource], verbs: r.verbs, ...(r.names ? { resourceNames: [...r.names].sort() } : {}) };
  });
}
