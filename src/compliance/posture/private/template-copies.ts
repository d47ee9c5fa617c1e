/**
 * Folds the copies of a cluster export that come and go with the template they copy (a rollout's
 * new ReplicaSet and Pods, the old ones removed or scaled down, a CronJob's Jobs) into the entry of
 * the object whose template they copy, when that object is listed and each copy holds its template
 * in the export it comes from.
 */

import { compare } from '../../common/compare';
import { ManifestIndex } from '../../manifest-index';
import type { PlatformImageSettings } from '../../network/private/platform-image-settings';
import { IndexedObject } from '../../types';
import { ObjectFieldChanges } from '../field-changes';
import type { CopiesOfTemplate, FoldedCopies } from '../folded-copies';
import { firstByRef, FoldedChanges, WRITTEN_BY_THE_CLUSTER } from './changed-copies';
import { ExportCopies } from './template-agreement';

/** One side of the diff: its index and the settings that name mirrors of the platforms' images. */
export interface ExportSide {
  readonly index: ManifestIndex;
  readonly images: PlatformImageSettings;
}

/** The object lists of a diff once the copies are folded. */
export interface FoldedObjects {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  readonly fields: readonly ObjectFieldChanges[];
  readonly copies: readonly FoldedCopies[];
  readonly templateCopies: readonly CopiesOfTemplate[];
}

/** How a copy came or went with its template. */
type Change = 'added' | 'removed' | 'scaled' | 'replaced' | 'updated';

/** The annotations the Deployment controller and Argo Rollouts write on the ReplicaSets they scale (desired and maximum replicas, revision). */
const SCALE_ANNOTATION = /^metadata\.annotations\["(deployment\.kubernetes\.io|rollout\.argoproj\.io)\/[^"]*"\]$/;

/**
 * Takes out of `added`, `removed` and the `changed` left by the fold of changed copies each copy
 * ({@link ExportCopies.coverOf}) whose covering object is listed (added, removed or changed) and
 * that holds that object's template ({@link ExportCopies.agrees}) in the export it comes from:
 * - an added copy, the new template; a removed one, the old;
 * - a changed one (the same covering object in both): the template in both exports (`replaced` when
 *   made again, another `metadata.uid`; `scaled` when its `spec.replicas` changed; `updated`
 *   otherwise), or a change of `spec.replicas` and of nothing else but what the cluster and the
 *   controller write (`status`, `deployment.kubernetes.io/*` annotations, …) of a copy of the new
 *   template, or down for one of the old template (`scaled`: the old ReplicaSet of a rollout).
 * Each folds into the entry of the topmost object of its chain that stays listed; the copies folded
 * into a changed copy that folds too move with it. Each `changed` entry needs its `fields`: a copy
 * the input repeats with different contents stays listed.
 */
export function foldTemplateCopies(lists: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] },
  folded: FoldedChanges, before: ExportSide, after: ExportSide): FoldedObjects {
  const unchanged: FoldedObjects = { added: lists.added, removed: lists.removed, ...folded, templateCopies: [] };
  const old = new ExportCopies(before.index, before.images);
  const now = new ExportCopies(after.index, after.images);
  const changedAll = new Set(lists.changed);
  const added = new Set(lists.added);
  const removed = new Set(lists.removed);
  const fields = new Map(folded.fields.map(f => [f.ref, f]));
  const wanted = new Set([...lists.added, ...lists.removed, ...folded.changed]);
  const was = firstByRef(before.index, wanted);
  const is = firstByRef(after.index, wanted);
  /** The decision for each copy that folds: the ref of its covering object and how it changed. */
  const decisions = new Map<string, { readonly cover: string; readonly change: Change }>();
  const listedCover = (cover: IndexedObject | undefined, side: ReadonlySet<string>) => cover !== undefined && (side.has(cover.ref) || changedAll.has(cover.ref));
  for (const ref of lists.added) {
    const o = is.get(ref)!;
    const cover = now.coverOf(o);
    if (listedCover(cover, added) && now.agrees(o, cover!)) decisions.set(ref, { cover: cover!.ref, change: 'added' });
  }
  for (const ref of lists.removed) {
    const o = was.get(ref)!;
    const cover = old.coverOf(o);
    if (listedCover(cover, removed) && old.agrees(o, cover!)) decisions.set(ref, { cover: cover!.ref, change: 'removed' });
  }
  for (const ref of folded.changed) {
    const f = fields.get(ref);
    const [b, a] = [was.get(ref), is.get(ref)];
    if (f === undefined || b === undefined || a === undefined) continue;
    const [coverBefore, coverAfter] = [old.coverOf(b), now.coverOf(a)];
    if (coverBefore === undefined || coverAfter === undefined || coverBefore.ref !== coverAfter.ref || !changedAll.has(coverAfter.ref)) continue;
    const change = changedCopy(b, a, f, old.agrees(b, coverBefore), now.agrees(a, coverAfter));
    if (change !== undefined) decisions.set(ref, { cover: coverAfter.ref, change });
  }
  if (decisions.size === 0) return unchanged;

  const foldedInto = new Map<string, string>();
  for (const c of folded.copies) for (const copy of c.copies) foldedInto.set(copy, c.ref);
  const targets = new Map<string, string>();
  const target = (ref: string, seen = new Set<string>()): string => {
    const known = targets.get(ref);
    if (known !== undefined) return known;
    const next = decisions.get(ref)?.cover ?? foldedInto.get(ref);
    const out = next === undefined || seen.has(next) ? ref : target(next, seen.add(ref));
    targets.set(ref, out);
    return out;
  };
  const kept = (ref: string) => !decisions.has(ref) || target(ref) === ref;
  const result = {
    added: lists.added.filter(kept),
    removed: lists.removed.filter(kept),
    changed: folded.changed.filter(kept),
  };
  const copies = new Map<string, string[]>();
  for (const [copy] of foldedInto) push(copies, target(copy), copy);
  const made = new Map<string, Record<Change, string[]>>();
  for (const [ref, { change }] of decisions) {
    const into = target(ref);
    if (into === ref) continue;
    let entry = made.get(into);
    if (entry === undefined) made.set(into, entry = { added: [], removed: [], scaled: [], replaced: [], updated: [] });
    entry[change].push(ref);
  }
  const listed = [...result.added, ...result.removed, ...result.changed];
  const stillChanged = new Set(result.changed);
  return {
    ...result,
    fields: folded.fields.filter(f => stillChanged.has(f.ref)),
    copies: result.changed.filter(ref => copies.has(ref)).map(ref => ({ ref, copies: copies.get(ref)!.sort(compare) })),
    templateCopies: listed.filter(ref => made.has(ref)).map(ref => {
      const e = made.get(ref)!;
      return { ref, added: e.added.sort(compare), removed: e.removed.sort(compare), scaled: e.scaled.sort(compare), replaced: e.replaced.sort(compare), updated: e.updated.sort(compare) };
    }),
  };
}

/**
 * How a copy in both exports changed with its template, or `undefined` when it did not: it holds
 * its template in both (`agreedBefore`, `agrees`), or it was scaled and changed nothing else but
 * what the cluster and its controller write, up or down as a copy of the new template, down as one
 * of the old.
 */
function changedCopy(before: IndexedObject, after: IndexedObject, f: ObjectFieldChanges, agreedBefore: boolean, agrees: boolean): Change | undefined {
  // An absent count is the API's default, 1.
  const replicas = [before, after].map(o => (o.raw as any).spec?.replicas ?? 1);
  const scaled = replicas[0] !== replicas[1];
  if (agreedBefore && agrees) {
    if ((before.raw as any).metadata?.uid !== (after.raw as any).metadata?.uid) return 'replaced';
    return scaled ? 'scaled' : 'updated';
  }
  if (!agreedBefore && !agrees) return undefined;
  if (!scaled || f.omitted > 0 || !f.fields.every(c => c.path === 'spec.replicas' || WRITTEN_BY_THE_CLUSTER.test(c.path) || SCALE_ANNOTATION.test(c.path))) return undefined;
  if (agrees) return 'scaled';
  return typeof replicas[0] === 'number' && typeof replicas[1] === 'number' && replicas[1] < replicas[0] ? 'scaled' : undefined;
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const list = m.get(k);
  if (list) list.push(v); else m.set(k, [v]);
}
