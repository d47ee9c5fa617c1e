import { ManifestIndex } from '../../../manifest-index';
import { PodTemplate } from '../../../types';

/**
 * The kinds of replicated, long-running workloads, by API group: Kubernetes' Deployments and
 * StatefulSets, and those of other projects that keep `spec.replicas` the same way (Argo Rollouts,
 * OpenKruise CloneSets and Advanced StatefulSets).
 */
const KINDS: ReadonlySet<string> = new Set([
  'apps/Deployment', 'apps/StatefulSet', 'extensions/Deployment',
  'argoproj.io/Rollout', 'apps.kruise.io/CloneSet', 'apps.kruise.io/StatefulSet',
]);

/** The pod templates of replicated workloads ({@link KINDS}): the workloads that availability controls cover. */
export function replicatedWorkloads(index: ManifestIndex): readonly PodTemplate[] {
  return index.cached('availability:workloads', () =>
    index.podTemplates.filter(p => KINDS.has(`${p.owner.group}/${p.owner.kind}`)));
}
