/**
 * Folds the changed copies of a cluster export (a Deployment's ReplicaSets and Pods) into the
 * changed object whose pod template they copy, when their pod template changed the same way, as
 * the engine reports a copy's failure once, on its template.
 */

import { canonicalJson } from '../../common/canonical-json';
import { compare } from '../../common/compare';
import { ManifestIndex } from '../../manifest-index';
import { IndexedObject, PodTemplate } from '../../types';
import { FieldChange, HIDDEN_VALUE, ObjectFieldChanges } from '../field-changes';
import type { FoldedCopies } from '../folded-copies';

/** The changed objects with the copies folded in: what is left of `changed` and `fields`, and the folds. */
export interface FoldedChanges {
  readonly changed: readonly string[];
  readonly fields: readonly ObjectFieldChanges[];
  readonly copies: readonly FoldedCopies[];
}

/**
 * Fields the API server writes on every object and the state a controller records: a copy whose
 * template changed has them changed too, which is not a change of its own.
 */
export const WRITTEN_BY_THE_CLUSTER = /^(status|metadata\.(resourceVersion|generation|managedFields|uid|creationTimestamp|selfLink))([.[]|$)/;

/**
 * Takes out of `changed` (and `fields`) each changed copy whose covering object
 * ({@link ManifestIndex.coveringObject}, the same in both sets) changed too, with the same change
 * of its pod template: the same fields of the template (`spec.template.spec.containers[0].image`
 * of a Deployment is `spec.containers[0].image` of a Pod) from the same values to the same values,
 * and nothing else but what the cluster writes (`status`, `metadata.resourceVersion`, …). Such a
 * copy is folded into the entry of the topmost object of its chain it agrees with. A copy with a
 * different change, one that holds a value not shown (a credential) or more changed fields than
 * are kept, stays listed.
 */
export function foldChangedCopies(changed: readonly string[], fields: readonly ObjectFieldChanges[], before: ManifestIndex, after: ManifestIndex): FoldedChanges {
  if (!before.mayHoldCopies || !after.mayHoldCopies) return { changed, fields, copies: [] };
  const changes = new Map(fields.map(f => [f.ref, f]));
  const was = firstByRef(before, changes);
  const now = firstByRef(after, changes);
  const templateChanges = new Map<string, TemplateChange | undefined>();
  const templateChange = (ref: string) => {
    if (!templateChanges.has(ref)) templateChanges.set(ref, templateChangeOf(changes.get(ref)!, after.podTemplateOf(now.get(ref)!)));
    return templateChanges.get(ref);
  };
  /** The changed object a changed copy folds into: its covering object's, when both changed the same way. */
  const folds = new Map<string, string>();
  const into = (ref: string, seen = new Set<string>()): string => {
    const known = folds.get(ref);
    if (known !== undefined) return known;
    const cover = after.coveringObject(now.get(ref)!)?.ref;
    const own = templateChange(ref);
    const agrees = cover !== undefined && !seen.has(cover) && changes.has(cover) && before.coveringObject(was.get(ref)!)?.ref === cover
      && own !== undefined && !own.elsewhere && own.key === templateChange(cover)?.key;
    const target = agrees ? into(cover, seen.add(ref)) : ref;
    folds.set(ref, target);
    return target;
  };
  const copies = new Map<string, string[]>();
  for (const ref of changes.keys()) {
    const target = into(ref);
    if (target === ref) continue;
    const list = copies.get(target);
    if (list) list.push(ref); else copies.set(target, [ref]);
  }
  if (copies.size === 0) return { changed, fields, copies: [] };
  const kept = (ref: string) => folds.get(ref) === undefined || folds.get(ref) === ref;
  return {
    changed: changed.filter(kept),
    fields: fields.filter(f => kept(f.ref)),
    copies: changed.filter(ref => copies.has(ref)).map(ref => ({ ref, copies: copies.get(ref)!.sort(compare) })),
  };
}

/** The first object of each of the refs in an index. */
export function firstByRef(index: ManifestIndex, refs: { has(ref: string): boolean }): Map<string, IndexedObject> {
  const out = new Map<string, IndexedObject>();
  for (const o of index.objects) if (refs.has(o.ref) && !out.has(o.ref)) out.set(o.ref, o);
  return out;
}

/** How an object's pod template changed. */
interface TemplateChange {
  /** Each changed field of the template by its path inside the template (`spec.…`, `metadata.…`), sorted, as one text. */
  readonly key: string;
  /** Whether fields outside the template changed too, but for what the cluster writes. */
  readonly elsewhere: boolean;
}

/**
 * The change of an object's pod template. `undefined` when the object holds no template, or its
 * template did not change, or a change cannot be compared (values not shown, fields not kept).
 */
function templateChangeOf(changes: ObjectFieldChanges, template: PodTemplate | undefined): TemplateChange | undefined {
  if (template === undefined || changes.omitted > 0) return undefined;
  // A Pod is its own template: its labels, annotations and spec; a workload's is at specPath less `.spec`.
  const prefix = template.specPath === 'spec' ? undefined : template.specPath.slice(0, -'.spec'.length);
  const inTemplate: string[] = [];
  let elsewhere = false;
  for (const f of changes.fields) {
    const path = prefix === undefined ? podTemplatePath(f.path) : below(f.path, prefix);
    if (path === undefined) {
      elsewhere ||= !WRITTEN_BY_THE_CLUSTER.test(f.path);
      continue;
    }
    if (!comparable(f)) return undefined;
    inTemplate.push(canonicalJson({ ...f, path }));
  }
  return inTemplate.length === 0 ? undefined : { key: inTemplate.sort(compare).join('\n'), elsewhere };
}

/** A Pod's path inside its template: its spec, labels and annotations are the template's. */
function podTemplatePath(path: string): string | undefined {
  for (const root of ['spec', 'metadata.labels', 'metadata.annotations']) if (below(path, root) !== undefined) return path;
  return undefined;
}

/** `path` below `root` (`root.a`, `root[0]`, `root (order)`), relative to it; `undefined` when it is not below it. */
function below(path: string, root: string): string | undefined {
  if (path === root) return '';
  const next = path.charAt(root.length);
  if (!path.startsWith(root) || !(next === '.' || next === '[' || next === ' ')) return undefined;
  return next === '.' ? path.slice(root.length + 1) : path.slice(root.length);
}

/** Whether a change shows its values whole: nothing redacted or hidden, which could hide a difference. */
function comparable(f: FieldChange): boolean {
  return f.redacted !== true && !holdsHidden(f.before) && !holdsHidden(f.after);
}

function holdsHidden(value: unknown): boolean {
  if (value === HIDDEN_VALUE) return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(holdsHidden);
}
