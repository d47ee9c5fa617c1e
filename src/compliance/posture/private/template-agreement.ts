/**
 * The objects of one cluster export that copy a pod template of the export, and whether each
 * holds the template it copies: the ReplicaSets, Jobs and Pods a controller made
 * (`ManifestIndex.coveringObject`), and the ControllerRevisions in which a StatefulSet or
 * DaemonSet records its template.
 */

import { canonicalJson } from '../../common/canonical-json';
import { serviceAccountOf } from '../../controls/workload/private/service-accounts';
import { stringMap } from '../../manifest';
import { ManifestIndex } from '../../manifest-index';
import { CopyComparison } from '../../network/private/copy-comparison';
import type { PlatformImageSettings } from '../../network/private/platform-image-settings';
import { controllerOf } from '../../private/derived-templates';
import { isPod } from '../../private/platform-injected';
import { SUPPRESSION_PREFIX } from '../../suppressions';
import { IndexedObject, PodTemplate } from '../../types';
import { holdsTemplate } from './pod-spec-agreement';

/** The controllers that record their template in ControllerRevisions (`apps`). */
const REVISION_KEEPERS: ReadonlySet<string> = new Set(['StatefulSet', 'DaemonSet']);

/** The copies of one export, compared with the templates they copy; each template's facts are read once. */
export class ExportCopies {
  private readonly verdicts = new Map<IndexedObject, boolean>();
  private comparison?: CopyComparison;

  /** @param images the settings that name mirrors of the platforms' images, whose containers a Pod may have beyond its template */
  public constructor(private readonly index: ManifestIndex, private readonly images: PlatformImageSettings) {}

  /**
   * The object of the export whose template `o` copies: its covering object, or for a
   * ControllerRevision (`apps`) its controller, a StatefulSet or DaemonSet of the export that holds
   * a pod template. `undefined` for any other object.
   */
  public coverOf(o: IndexedObject): IndexedObject | undefined {
    if (o.kind !== 'ControllerRevision' || o.group !== 'apps') return this.index.coveringObject(o);
    const c = controllerOf(o);
    if (c === undefined || c.group !== 'apps' || !REVISION_KEEPERS.has(c.kind)) return undefined;
    const keeper = this.index.get(c.kind, o.namespace, c.name);
    return keeper !== undefined && keeper.group === 'apps' && this.index.podTemplateOf(keeper) !== undefined ? keeper : undefined;
  }

  /**
   * Whether `o` holds the template of `cover` ({@link coverOf}) as its controller made it: the
   * labels and what the flows read agree (`copyAgrees`), and the spec and annotations
   * (`holdsTemplate`); a ControllerRevision records the template's labels, annotations and spec as
   * they are.
   */
  public agrees(o: IndexedObject, cover: IndexedObject): boolean {
    let verdict = this.verdicts.get(o);
    if (verdict === undefined) this.verdicts.set(o, verdict = this.judge(o, cover));
    return verdict;
  }

  private judge(o: IndexedObject, cover: IndexedObject): boolean {
    const coverTemplate = this.index.podTemplateOf(cover);
    if (coverTemplate === undefined || !ownSuppressionsCopied(o, cover)) return false;
    if (o.kind === 'ControllerRevision') return recordsTemplate(o, coverTemplate);
    const template = this.index.podTemplateOf(o);
    const copies = this.comparison ??= CopyComparison.of(this.index, this.images);
    const at = template === undefined ? undefined : copies.positionOf(template);
    if (template === undefined || at === undefined || !copies.agrees(at, cover)) return false;
    return holdsTemplate({ template, injected: this.injectedAt(copies, at), apiToken: this.mountsApiToken(template) }, coverTemplate);
  }

  /**
   * Whether the ServiceAccount admission plugin mounts the API token into a Pod of a template: its
   * spec sets `automountServiceAccountToken: true`, or sets no `false` and its ServiceAccount in
   * the export (if any) does not either.
   */
  private mountsApiToken(template: PodTemplate): boolean {
    const own = template.spec.automountServiceAccountToken;
    if (own === true || own === false) return own;
    return (this.index.get('ServiceAccount', template.namespace, serviceAccountOf(template))?.raw as any)?.automountServiceAccountToken !== false;
  }

  /** The containers of the template at a position that a platform injected: those of its spec the index does not count as its own. */
  private injectedAt(copies: CopyComparison, position: number): ReadonlySet<unknown> {
    const own = new Set(copies.containersAt(position).map(c => c.container));
    const spec = this.index.podTemplates[position].spec;
    const all = ['containers', 'initContainers'].flatMap(list => (Array.isArray(spec[list]) ? spec[list] : []) as unknown[]);
    return new Set(all.filter(c => !own.has(c)));
  }
}

/**
 * Whether the suppressions in a copy's own metadata, where the engine reads them, are its cover's
 * (the Deployment controller copies a Deployment's annotations onto its ReplicaSets): one of its
 * own is a difference. A Pod's metadata is its template's, which {@link holdsTemplate} compares.
 */
function ownSuppressionsCopied(o: IndexedObject, cover: IndexedObject): boolean {
  return isPod(o) || Object.entries(o.annotations).every(([key, value]) => !key.startsWith(SUPPRESSION_PREFIX) || cover.annotations[key] === value);
}

/**
 * Whether a ControllerRevision records a template: its `data` patches `spec.template` whole
 * (`$patch: replace`) with the template's labels, annotations and spec.
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/statefulset/stateful_set_utils.go
 */
function recordsTemplate(revision: IndexedObject, template: PodTemplate): boolean {
  const recorded = (revision.raw as any).data?.spec?.template;
  if (recorded === null || typeof recorded !== 'object') return false;
  return canonicalJson(stringMap(recorded.metadata?.labels)) === canonicalJson(template.labels)
    && canonicalJson(stringMap(recorded.metadata?.annotations)) === canonicalJson(template.annotations)
    && canonicalJson(recorded.spec) === canonicalJson(template.spec);
}
