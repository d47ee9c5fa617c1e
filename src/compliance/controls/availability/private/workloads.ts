import { ARGO_GROUP, argoWorkloadRefs } from '../../../common/argo-workload-ref';
import { isKnativeService } from '../../../common/knative';
import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject, PodTemplate } from '../../../types';
import { leftToKnativeService } from './knative';

/**
 * The kinds of replicated, long-running workloads, by API group: Kubernetes' Deployments and
 * StatefulSets, and those of other projects that keep `spec.replicas` the same way (Argo Rollouts,
 * OpenKruise CloneSets and Advanced StatefulSets).
 */
const KINDS: ReadonlySet<string> = new Set([
  'apps/Deployment', 'apps/StatefulSet', 'extensions/Deployment',
  `${ARGO_GROUP}/Rollout`, 'apps.kruise.io/CloneSet', 'apps.kruise.io/StatefulSet',
]);

/**
 * The pod templates of replicated workloads, which the availability controls cover: those of
 * {@link KINDS}, and Knative Services, whose revisions Knative's autoscaler scales. A Knative
 * Revision's Deployment that copies a Service of the set ({@link leftToKnativeService}) is left to
 * that Service, whose annotations decide its count. Without a Knative Service in the set, no
 * template is looked at twice.
 */
export function replicatedWorkloads(index: ManifestIndex): readonly PodTemplate[] {
  return index.cached('availability:workloads', () => {
    if (!index.hasKnativeServices) return index.podTemplates.filter(isReplicated);
    return index.podTemplates.filter(p => (isReplicated(p) ? !leftToKnativeService(index, p) : isKnativeService(p.owner)));
  });
}

function isReplicated(p: PodTemplate): boolean {
  return KINDS.has(`${p.owner.group}/${p.owner.kind}`);
}

/**
 * The objects whose `spec.replicas` an autoscaler can take over: the owners of
 * {@link replicatedWorkloads} but Knative Services, which hold none (Knative's autoscaler scales
 * their revisions), and the Argo Rollouts that keep no pod template of their own but
 * run a Deployment's or ReplicaSet's through `spec.workloadRef`, whether or not the set holds
 * it, in input order.
 */
export function replicaOwners(index: ManifestIndex): readonly IndexedObject[] {
  return index.cached('availability:replica-owners', () => {
    const owners = replicatedWorkloads(index).map(p => p.owner).filter(o => !isKnativeService(o));
    const withTemplate = new Set(owners);
    const referencing = argoWorkloadRefs(index).rollouts.filter(r => !withTemplate.has(r));
    if (referencing.length === 0) return owners;
    const all = new Set([...owners, ...referencing]);
    return index.objects.filter(o => all.has(o));
  });
}
