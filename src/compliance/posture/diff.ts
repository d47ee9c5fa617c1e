import { CATALOGUE } from '../catalogue';
import { canonicalJson } from '../common/canonical-json';
import { compare } from '../common/compare';
import { ComplianceReport } from '../engine';
import { endpointKey, Flow, flowKey, NetworkModel, portsAdded } from '../network/model';
import { isIsoDate, whyReasonInvalid } from '../reason';
import { suppressionProblemOn, suppressionsOf } from '../suppressions';
import { IndexedObject, Severity, Suppression } from '../types';
import { fieldChanges, ObjectFieldChanges } from './field-changes';
import { CopiesOfTemplate, FoldedCopies } from './folded-copies';
import { foldChangedCopies } from './private/changed-copies';
import { foldTemplateCopies } from './private/template-copies';
import { rbacRights, Right, rightKey } from './rbac-rights';

/** A finding, as a posture diff lists it. */
export interface FindingChange {
  readonly controlId: string;
  readonly title: string;
  readonly severity: Severity;
  /** The object's ref. */
  readonly object: string;
  readonly path?: string;
  readonly message: string;
}

/** Whether a declared suppression is in force. */
export type SuppressionStatus = 'active' | 'expired' | 'invalid';

/** A suppression annotation declared on an object. */
export interface SuppressionEntry {
  /** The object's ref. */
  readonly object: string;
  readonly controlId: string;
  readonly reason: string;
  /** The last day it applies (YYYY-MM-DD). @default - no expiry */
  readonly expires?: string;
  /**
   * `active`, `expired` (past its expiry on the day of the run) or `invalid` (the engine does not
   * honour it: no real reason, a bad date or a window longer than the control allows, a control
   * that cannot be suppressed, or one the catalogue does not know).
   */
  readonly status: SuppressionStatus;
}

/** How the security posture changes from one manifest set to another. */
export interface PostureDiff {
  /** Unsuppressed findings, keyed by control, object and path. */
  readonly findings: { readonly added: readonly FindingChange[]; readonly fixed: readonly FindingChange[] };
  /**
   * Allowed flows, keyed by source, destination and ports: a change of ports is a removal and an
   * addition (see {@link newlyAllowed} for what a change really opens).
   */
  readonly flows: { readonly added: readonly Flow[]; readonly removed: readonly Flow[] };
  /** RBAC rights, keyed by subject, namespace, API group, resource (and names) and verb. */
  readonly rights: { readonly added: readonly Right[]; readonly removed: readonly Right[] };
  /** Suppression annotations, keyed by object and control. */
  readonly suppressions: {
    readonly added: readonly SuppressionEntry[];
    readonly removed: readonly SuppressionEntry[];
    /** Same object and control, different reason or expiry. */
    readonly changed: readonly { readonly before: SuppressionEntry; readonly after: SuppressionEntry }[];
    /** In force before, past their expiry after. */
    readonly expired: readonly SuppressionEntry[];
  };
  /**
   * Object refs; `changed`: in both runs, with different contents. The copies of a cluster export
   * folded into `copies` and `templateCopies` are not in `added`, `removed` or `changed`.
   */
  readonly objects: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly changed: readonly string[];
    /**
     * The fields that changed, for each changed object that each run holds once (an object the
     * input repeats with different contents is only named in `changed`), in the order of `changed`.
     */
    readonly fields?: readonly ObjectFieldChanges[];
    /**
     * The changed copies of a cluster export (a Deployment's ReplicaSets and Pods) whose pod
     * template changed as the template they copy did, by the changed object they are folded into,
     * in the order of `changed`. A copy with a different change is in `changed`.
     * @default - none
     */
    readonly copies?: readonly FoldedCopies[];
    /**
     * The copies of a cluster export added, removed or changed with the template they copy (a
     * rollout's ReplicaSets and Pods), by the listed object they are folded into, in the order of
     * `added`, `removed`, then `changed`. A copy that does not hold that template as its
     * controller makes it (a Pod edited by hand) stays in `added`, `removed` or `changed`.
     * @default - none
     */
    readonly templateCopies?: readonly CopiesOfTemplate[];
  };
}

/** What {@link hasChanges} looks for. */
export type ChangeKind = 'new-findings' | 'new-flows' | 'new-rights' | 'new-suppressions' | 'any';

/**
 * The change in security posture between two runs: findings added and fixed, allowed flows added
 * and removed, RBAC rights added and removed, suppressions added, removed, changed and expired,
 * objects added, removed and changed. Every list is sorted, so the diff is deterministic.
 */
export function diffPosture(before: ComplianceReport, after: ComplianceReport, beforeModel: NetworkModel, afterModel: NetworkModel): PostureDiff {
  const [findingsAdded, findingsFixed] = compareSets(findingsOf(before), findingsOf(after), findingKey);
  const [flowsAdded, flowsRemoved] = compareSets(beforeModel.flows, afterModel.flows, flowKey);
  const [rightsAdded, rightsRemoved] = compareSets(uniqueRights(before), uniqueRights(after), r => rightKey(r));
  const oldSuppressions = suppressionEntries(before);
  const newSuppressions = suppressionEntries(after);
  const [suppressionsAdded, suppressionsRemoved] = compareSets([...oldSuppressions.values()], [...newSuppressions.values()], suppressionKey);
  const changed: { before: SuppressionEntry; after: SuppressionEntry }[] = [];
  const expired: SuppressionEntry[] = [];
  for (const [key, now] of newSuppressions) {
    const was = oldSuppressions.get(key);
    if (!was) continue;
    if (was.reason !== now.reason || was.expires !== now.expires) changed.push({ before: was, after: now });
    if (now.status === 'expired' && was.status !== 'expired') expired.push(now);
  }
  const [objectsAdded, objectsRemoved] = compareSets(before.index.objects.map(o => o.ref), after.index.objects.map(o => o.ref), r => r);
  const beforeContents = contentsByRef(before);
  const afterContents = contentsByRef(after);
  const objectsChanged = [...afterContents].filter(([ref, c]) => beforeContents.has(ref) && beforeContents.get(ref)!.text !== c.text).map(([ref]) => ref).sort(compare);
  const fields: ObjectFieldChanges[] = [];
  for (const ref of objectsChanged) {
    const was = beforeContents.get(ref)!.single;
    const now = afterContents.get(ref)!.single;
    if (was !== undefined && now !== undefined) fields.push(fieldChanges(ref, was, now));
  }
  const folded = foldTemplateCopies({ added: objectsAdded, removed: objectsRemoved, changed: objectsChanged },
    foldChangedCopies(objectsChanged, fields, before.index, after.index), { index: before.index, images: before.config }, { index: after.index, images: after.config });
  return {
    findings: { added: findingsAdded, fixed: findingsFixed },
    flows: { added: flowsAdded, removed: flowsRemoved },
    rights: { added: rightsAdded, removed: rightsRemoved },
    suppressions: { added: suppressionsAdded, removed: suppressionsRemoved, changed, expired },
    objects: {
      added: folded.added, removed: folded.removed, changed: folded.changed, fields: folded.fields, copies: folded.copies, templateCopies: folded.templateCopies,
    },
  };
}

/** Whether the diff holds a change of the given kind (`any`: any change at all, removals included). */
export function hasChanges(diff: PostureDiff, kind: ChangeKind): boolean {
  switch (kind) {
    case 'new-findings': return diff.findings.added.length > 0;
    case 'new-flows': return newlyAllowed(diff).length > 0;
    case 'new-rights': return diff.rights.added.length > 0;
    case 'new-suppressions': return diff.suppressions.added.length > 0 || diff.suppressions.changed.length > 0;
    case 'any': return [
      diff.findings.added, diff.findings.fixed, diff.flows.added, diff.flows.removed, diff.rights.added, diff.rights.removed,
      diff.suppressions.added, diff.suppressions.removed, diff.suppressions.changed, diff.suppressions.expired,
      diff.objects.added, diff.objects.removed, diff.objects.changed,
    ].some(list => list.length > 0);
  }
}

/**
 * The added flows that allow something new, with only the new ports: a flow between endpoints
 * that had none before, or the ports a changed flow adds. A flow whose ports only narrowed is
 * not newly allowed.
 */
export function newlyAllowed(diff: PostureDiff): Flow[] {
  const previous = new Map(diff.flows.removed.map(f => [pairKey(f), f.ports]));
  const out: Flow[] = [];
  for (const f of diff.flows.added) {
    const ports = previous.has(pairKey(f)) ? portsAdded(previous.get(pairKey(f))!, f.ports) : [...f.ports];
    if (ports.length > 0) out.push({ ...f, ports });
  }
  return out;
}

/** The key of a flow's source and destination, without its ports. */
export function pairKey(f: Flow): string {
  return `${endpointKey(f.from)} -> ${endpointKey(f.to)}`;
}

/** An object's contents in one run. */
interface Contents {
  /** Canonical JSON of its distinct contents, sorted, one per line. */
  readonly text: string;
  /** The object, when the run holds one version of it. */
  readonly single?: unknown;
}

/**
 * Each object's contents as canonical JSON (keys sorted), by ref. Objects that share a ref count
 * by their distinct contents, so a set that repeats an object unchanged has not changed it.
 */
function contentsByRef(report: ComplianceReport): Map<string, Contents> {
  const byRef = new Map<string, Map<string, unknown>>();
  for (const o of report.index.objects) {
    const versions = byRef.get(o.ref) ?? new Map<string, unknown>();
    versions.set(canonicalJson(o.raw), o.raw);
    byRef.set(o.ref, versions);
  }
  return new Map([...byRef].map(([ref, versions]) => [ref, {
    text: [...versions.keys()].sort(compare).join('\n'),
    ...(versions.size === 1 ? { single: [...versions.values()][0] } : {}),
  }]));
}

function findingsOf(report: ComplianceReport): FindingChange[] {
  return report.findings.map(f => ({
    controlId: f.controlId, title: f.title, severity: f.severity, object: f.object.ref,
    ...(f.path !== undefined ? { path: f.path } : {}), message: f.message,
  }));
}

function findingKey(f: FindingChange): string {
  return `${f.controlId}\u0000${f.object}\u0000${f.path ?? ''}`;
}

function uniqueRights(report: ComplianceReport): Right[] {
  const byKey = new Map<string, Right>();
  for (const r of rbacRights(report.index)) {
    const key = rightKey(r);
    if (!byKey.has(key)) byKey.set(key, r);
  }
  return [...byKey.values()];
}

function suppressionKey(s: SuppressionEntry): string {
  return `${s.object}\u0000${s.controlId}`;
}

function suppressionEntries(report: ComplianceReport): Map<string, SuppressionEntry> {
  const out = new Map<string, SuppressionEntry>();
  for (const o of report.index.objects) {
    for (const s of suppressionsOf(o).values()) {
      const entry: SuppressionEntry = {
        object: o.ref, controlId: s.controlId, reason: s.reason, ...(s.expires !== undefined ? { expires: s.expires } : {}),
        status: suppressionStatus(s, o, report),
      };
      out.set(suppressionKey(entry), entry);
    }
  }
  return out;
}

/** The status the engine gives a suppression: the same rules as when it decides whether to honour it. */
function suppressionStatus(s: Suppression, object: IndexedObject, report: ComplianceReport): SuppressionStatus {
  const today = report.config.today;
  const control = report.controls.find(c => c.id === s.controlId) ?? CATALOGUE.find(c => c.id === s.controlId);
  if (!control || control.suppressible === false) return 'invalid';
  if (s.expires !== undefined && isIsoDate(s.expires) && s.expires < today && whyReasonInvalid(s.reason) === undefined) return 'expired';
  return suppressionProblemOn(s, object, control, report.config) === undefined ? 'active' : 'invalid';
}

/** Items only in `after` and only in `before`, each sorted by key and free of duplicate keys. */
function compareSets<T>(before: readonly T[], after: readonly T[], key: (t: T) => string): [T[], T[]] {
  const b = new Map(before.map(t => [key(t), t]));
  const a = new Map(after.map(t => [key(t), t]));
  const only = (x: Map<string, T>, y: Map<string, T>) => [...x.keys()].filter(k => !y.has(k)).sort(compare).map(k => x.get(k)!);
  return [only(a, b), only(b, a)];
}
