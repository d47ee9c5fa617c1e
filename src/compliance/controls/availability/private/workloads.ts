import { ManifestIndex } from '../../../manifest-index';
import { PodTemplate } from '../../../types';

const KINDS = new Set(['Deployment', 'StatefulSet']);
const GROUPS = new Set(['apps', 'extensions']);

/** The pod templates of Deployments and StatefulSets: the workloads that availability controls cover. */
export function replicatedWorkloads(index: ManifestIndex): readonly PodTemplate[] {
  return index.cached('availability:workloads', () =>
    index.podTemplates.filter(p => KINDS.has(p.owner.kind) && GROUPS.has(p.owner.group)));
}
