import { argoWorkloadRefs } from '../../../common/argo-workload-ref';
import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';

/**
 * The Argo Rollout that runs a Deployment's pods through `spec.workloadRef` (same namespace,
 * `apiVersion: apps/v1`, `kind: Deployment`), if any, for a Deployment of `apps` or of the older
 * `extensions` group, which served the same objects: it takes the Deployment's pod template and
 * runs `spec.replicas` of its own, while the Deployment is scaled to zero.
 */
export function rolloutReferencing(index: ManifestIndex, deployment: IndexedObject): IndexedObject | undefined {
  return deployment.kind === 'Deployment' ? argoWorkloadRefs(index).rolloutNaming(deployment) : undefined;
}
