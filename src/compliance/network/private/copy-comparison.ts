import { argoWorkloadRefs } from '../../common/argo-workload-ref';
import { ManifestIndex } from '../../manifest-index';
import { ContainerRef, IndexedObject, PodTemplate } from '../../types';
import { portsOf } from './container-ports';
import { copyAgrees, FlowFacts, flowFacts } from './copy-agreement';
import type { PlatformImageSettings } from './platform-image-settings';

/**
 * Compares the copies of a cluster export with their covering objects' templates
 * ({@link copyAgrees}), reading each template's facts once: one per index and settings object,
 * shared by the network diagram and the posture diff of the same run. Built at the first copy:
 * a synth's output has none.
 */
export class CopyComparison {
  /** The comparison of an index's copies under `images` (a run's resolved configuration), made once per settings object. */
  public static of(index: ManifestIndex, images: PlatformImageSettings): CopyComparison {
    const made = index.cached('copy-comparisons', () => new WeakMap<PlatformImageSettings, CopyComparison>());
    let comparison = made.get(images);
    if (comparison === undefined) made.set(images, comparison = new CopyComparison(index, images));
    return comparison;
  }

  private readonly containers: readonly (readonly ContainerRef[])[];
  private readonly positions = new Map<PodTemplate, number>();
  private readonly facts = new Map<number, FlowFacts>();

  private constructor(private readonly index: ManifestIndex, images: PlatformImageSettings) {
    this.containers = index.containersFor(images);
    index.podTemplates.forEach((t, i) => this.positions.set(t, i));
  }

  /** The position of a template in the index's `podTemplates`. */
  public positionOf(template: PodTemplate): number | undefined {
    return this.positions.get(template);
  }

  /** The containers of the template at a position, without those a platform injected into it. */
  public containersAt(position: number): readonly ContainerRef[] {
    return this.containers[position];
  }

  /** Whether the template at `position` of the set agrees with the template of its covering object `cover`. */
  public agrees(position: number, cover: IndexedObject): boolean {
    const coverTemplate = this.index.podTemplateOf(cover);
    const coverPosition = coverTemplate === undefined ? undefined : this.positions.get(coverTemplate);
    if (coverTemplate === undefined || coverPosition === undefined) return false;
    return copyAgrees(
      { template: this.index.podTemplates[position], facts: this.factsAt(position) },
      { template: coverTemplate, facts: this.factsAt(coverPosition), runByRollout: argoWorkloadRefs(this.index).rolloutNaming(cover) !== undefined },
    );
  }

  /** The facts of the template at a position, its ports without the containers a platform injected into it. */
  private factsAt(position: number): FlowFacts {
    let facts = this.facts.get(position);
    if (facts === undefined) {
      const ports = portsOf(this.containers[position].map(c => c.container));
      this.facts.set(position, facts = flowFacts(this.index.podTemplates[position], ports));
    }
    return facts;
  }
}
