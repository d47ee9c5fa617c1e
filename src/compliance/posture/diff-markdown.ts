import { compare } from '../common/compare';
import { describeEndpoint, Flow } from '../network/model';
import { cell, code, prose } from '../reports/private/markdown-text';
import { RIGHT_COLUMNS, rightRows } from '../reports/private/rights-table';
import { SEVERITIES } from '../types';
import { FindingChange, hasChanges, pairKey, PostureDiff, SuppressionEntry } from './diff';
import { FieldChange, ObjectFieldChanges } from './field-changes';
import { CopiesOfTemplate } from './folded-copies';
import { isPolicyRulePath, policyRuleText, RULE_CHARS } from './private/policy-rule-text';

/** The copies named per changed object in the comment; the rest are counted. */
const SHOWN_COPIES = 5;
/** The changed fields listed per object in the comment; the rest are counted. */
const SHOWN_FIELDS = 10;
/** Values longer than this are cut in the comment (the JSON output keeps them whole); rules of network and mesh policies get {@link RULE_CHARS}. */
const VALUE_CHARS = 80;

/**
 * The posture diff as a pull-request comment: a headline verdict (🔴 new findings; 🟡 newly
 * allowed flows, new RBAC rights, new, changed or expired suppressions to review; 🟢 tighter or
 * unchanged), a one-line count of the changes, then a table per kind of change, only for the
 * kinds that changed. A flow whose ports changed is shown once, with its ports before and after;
 * a changed object, with the fields that changed (a NetworkPolicy or AuthorizationPolicy rule as
 * the peers and ports it admits) and the copies of a cluster export that changed the same way; an
 * added, removed or changed object, with the copies that came or went with its template, counted
 * by kind. A flow to an address range names the hosts and reasons the
 * source's NetworkPolicies record for it.
 * When documents of either side could not be read (`unreadable`), no verdict is given: the
 * comparison is incomplete, and an object missing from it reads as removed.
 */
export function formatDiffMarkdown(diff: PostureDiff, unreadable = 0): string {
  const flows = flowChanges(diff);
  const out = unreadable > 0
    ? [`## ⚠️ Security posture not compared: ${count(unreadable, 'input error')}`, '',
      'Some documents could not be read (the errors are on stderr). Fix the inputs and compare again: the changes below compare only what could be read, and an object in an unreadable document shows as removed.', '',
      summaryLine(diff, flows), '']
    : [headline(diff, flows), '', summaryLine(diff, flows), ''];
  section(out, 'New findings', ['Severity', 'Control', 'Object', 'Finding'], bySeverity(diff.findings.added).map(findingRow));
  section(out, 'Fixed findings', ['Severity', 'Control', 'Object', 'Finding'], bySeverity(diff.findings.fixed).map(findingRow));
  section(out, 'New allowed flows', ['From', 'To', 'Ports', 'Allowed by'], flows.added.map(flowRow));
  section(out, 'Changed flows', ['From', 'To', 'Ports before', 'Ports after', 'Allowed by'], flows.changed.map(({ before, after }) =>
    [cell(describeEndpoint(after.from)), destinationText(after), cell(before.ports.join(', ')), cell(after.ports.join(', ')), viaText(after)]));
  section(out, 'Removed flows', ['From', 'To', 'Ports', 'Allowed by'], flows.removed.map(flowRow));
  section(out, 'New RBAC rights', [...RIGHT_COLUMNS], rightRows(diff.rights.added));
  section(out, 'Removed RBAC rights', [...RIGHT_COLUMNS], rightRows(diff.rights.removed));
  section(out, 'New suppressions', ['Object', 'Control', 'Reason', 'Expires', 'Status'], diff.suppressions.added.map(s => [...suppressionRow(s), s.status]));
  section(out, 'Changed suppressions', ['Object', 'Control', 'Before', 'After'], diff.suppressions.changed.map(({ before, after }) =>
    [code(after.object), code(after.controlId), withExpiry(before), withExpiry(after)]));
  // An expired suppression's status is the table's title; a removed one's is what it was before the change.
  section(out, 'Expired suppressions', ['Object', 'Control', 'Reason', 'Expires'], diff.suppressions.expired.map(suppressionRow));
  section(out, 'Removed suppressions', ['Object', 'Control', 'Reason', 'Expires', 'Status'], diff.suppressions.removed.map(s => [...suppressionRow(s), `was ${s.status}`]));
  if (diff.objects.added.length + diff.objects.removed.length + diff.objects.changed.length > 0) {
    const copies = new Map((diff.objects.copies ?? []).map(c => [c.ref, c.copies]));
    const made = new Map((diff.objects.templateCopies ?? []).map(c => [c.ref, c]));
    const copyCount = [...copies.values()].reduce((n, list) => n + list.length, 0);
    const madeCount = [...made.values()].reduce((n, c) => n + MADE_CHANGES.reduce((m, [key]) => m + c[key].length, 0), 0);
    const folds = [
      ...(copyCount > 0 ? [`${copiesOf(copyCount)} changed the same way`] : []),
      ...(madeCount > 0 ? [`${copiesOf(madeCount)} added, removed or changed with their template`] : []),
    ];
    const summary = `${diff.objects.added.length} added, ${diff.objects.removed.length} removed, ${diff.objects.changed.length} changed${folds.length > 0 ? ` (and ${folds.join('; ')})` : ''}`;
    out.push('### Objects', '', `<details><summary>${summary}</summary>`, '');
    for (const ref of diff.objects.added) out.push(`- added ${code(ref, false)}${madeText(made.get(ref))}`);
    for (const ref of diff.objects.removed) out.push(`- removed ${code(ref, false)}${madeText(made.get(ref))}`);
    const fields = new Map((diff.objects.fields ?? []).map(f => [f.ref, f]));
    for (const ref of diff.objects.changed) {
      out.push(`- changed ${code(ref, false)}${copiesText(copies.get(ref))}${madeText(made.get(ref))}`);
      const changes = fields.get(ref);
      if (changes) out.push(...fieldLines(changes));
    }
    out.push('', '</details>', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

interface FlowChanges {
  readonly added: readonly Flow[];
  readonly changed: readonly { readonly before: Flow; readonly after: Flow }[];
  readonly removed: readonly Flow[];
}

/** Flows between new pairs of endpoints, flows whose ports changed, and flows between pairs that no longer talk. */
function flowChanges(diff: PostureDiff): FlowChanges {
  const before = new Map(diff.flows.removed.map(f => [pairKey(f), f]));
  const after = new Map(diff.flows.added.map(f => [pairKey(f), f]));
  return {
    added: diff.flows.added.filter(f => !before.has(pairKey(f))),
    changed: diff.flows.added.filter(f => before.has(pairKey(f))).map(f => ({ before: before.get(pairKey(f))!, after: f })),
    removed: diff.flows.removed.filter(f => !after.has(pairKey(f))),
  };
}

function headline(diff: PostureDiff, flows: FlowChanges): string {
  const newFindings = diff.findings.added.length;
  if (newFindings > 0) return `## 🔴 Security posture regresses: ${count(newFindings, 'new finding')}`;
  if (hasChanges(diff, 'new-flows') || hasChanges(diff, 'new-rights') || hasChanges(diff, 'new-suppressions') || diff.suppressions.expired.length > 0) {
    return '## 🟡 Security posture changes need review';
  }
  const tighter = diff.findings.fixed.length + flows.changed.length + flows.removed.length + diff.rights.removed.length + diff.suppressions.removed.length;
  if (tighter > 0) return '## 🟢 Security posture tightens';
  const objects = diff.objects.added.length + diff.objects.removed.length + diff.objects.changed.length;
  return objects > 0 ? '## 🟢 No change to the security posture; objects changed' : '## 🟢 No change to the security posture';
}

function summaryLine(diff: PostureDiff, flows: FlowChanges): string {
  const parts = [
    [diff.findings.added.length, 'new finding'], [flows.added.length, 'new allowed flow'], [flows.changed.length, 'changed flow'],
    // Counted as the tables below show them: one per subject, resource and binding, whatever the number of verbs.
    [rightRows(diff.rights.added).length, 'new RBAC right'],
    [diff.suppressions.added.length, 'new suppression'], [diff.suppressions.changed.length, 'changed suppression'],
    [diff.suppressions.expired.length, 'expired suppression'], [diff.findings.fixed.length, 'fixed finding'],
    [flows.removed.length, 'removed flow'], [rightRows(diff.rights.removed).length, 'removed RBAC right'],
    [diff.suppressions.removed.length, 'removed suppression'], [diff.objects.added.length, 'added object'],
    [diff.objects.removed.length, 'removed object'], [diff.objects.changed.length, 'changed object'],
  ] as const;
  const changes = parts.filter(([n]) => n > 0).map(([n, w]) => count(n, w));
  return changes.length > 0 ? `${changes.join(', ')}.` : 'No finding, allowed flow, RBAC right, suppression or object changed.';
}

function section(out: string[], title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  if (rows.length === 0) return;
  out.push(`### ${title}`, '', `| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
  for (const r of rows) out.push(`| ${r.join(' | ')} |`);
  out.push('');
}

function bySeverity(findings: readonly FindingChange[]): FindingChange[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

function findingRow(f: FindingChange): string[] {
  return [f.severity, code(f.controlId), code(f.object), `${cell(f.message)}${f.path ? ` (at ${code(f.path)})` : ''}`];
}

function flowRow(f: Flow): string[] {
  return [cell(describeEndpoint(f.from)), destinationText(f), cell(f.ports.join(', ')), viaText(f)];
}

/** A flow's destination, with the hosts and reasons its NetworkPolicies record for an address range: `203.0.113.0/24 (api.example.com: why)`. */
function destinationText(f: Flow): string {
  const to = cell(describeEndpoint(f.to));
  const explained = f.explained ?? [];
  if (explained.length === 0) return to;
  return `${to} (${explained.map(e => (e.host === undefined ? prose(e.reason) : `${prose(e.host)}: ${prose(e.reason)}`)).join('; ')})`;
}

function viaText(f: Flow): string {
  return f.via.length > 0 ? f.via.map(v => code(v)).join(', ') : '_nothing restricts it_';
}

/** Object, control, reason and expiry of a suppression. */
function suppressionRow(s: SuppressionEntry): string[] {
  return [code(s.object), code(s.controlId), prose(s.reason), s.expires === undefined ? '_never_' : cell(s.expires)];
}

function withExpiry(s: SuppressionEntry): string {
  return s.expires ? `${prose(s.reason)} (until ${cell(s.expires)})` : prose(s.reason);
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The copies folded into a changed object, after its ref: `and 2 copies the same way: …`, at most {@link SHOWN_COPIES} named. */
function copiesText(refs: readonly string[] | undefined): string {
  if (refs === undefined || refs.length === 0) return '';
  const named = refs.slice(0, SHOWN_COPIES).map(r => code(r, false)).join(', ');
  const more = refs.length - Math.min(refs.length, SHOWN_COPIES);
  return ` and ${copiesOf(refs.length)} the same way: ${named}${more > 0 ? ` and ${more} more` : ''}`;
}

/** The lists of {@link CopiesOfTemplate}, each with how the comment says it. */
const MADE_CHANGES: readonly (readonly [keyof Omit<CopiesOfTemplate, 'ref'>, string])[] = [
  ['added', 'added'], ['removed', 'removed'], ['scaled', 'scaled'], ['replaced', 'replaced'], ['updated', 'updated'],
];

/**
 * The copies that came or went with an object's template, after its ref, counted by kind:
 * ` (copies of its template: 1 ReplicaSet and 3 Pods added, 3 Pods removed, 1 ReplicaSet scaled)`.
 */
function madeText(made: CopiesOfTemplate | undefined): string {
  if (made === undefined) return '';
  const parts = MADE_CHANGES.filter(([key]) => made[key].length > 0).map(([key, word]) => `${kindCounts(made[key])} ${word}`);
  return parts.length > 0 ? ` (copies of its template: ${parts.join(', ')})` : '';
}

/** Refs counted by kind, Pods last: `1 ReplicaSet and 3 Pods`. */
function kindCounts(refs: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const ref of refs) {
    const kind = ref.slice(0, ref.indexOf('/'));
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const kinds = [...counts.keys()].sort((a, b) => (a === 'Pod' ? 1 : 0) - (b === 'Pod' ? 1 : 0) || compare(a, b));
  const texts = kinds.map(k => count(counts.get(k)!, k));
  return texts.length > 1 ? `${texts.slice(0, -1).join(', ')} and ${texts[texts.length - 1]}` : texts[0];
}

function copiesOf(n: number): string {
  return `${n} ${n === 1 ? 'copy' : 'copies'}`;
}

/** One nested list item per changed field, at most {@link SHOWN_FIELDS}, then how many more. */
function fieldLines(changes: ObjectFieldChanges): string[] {
  const kind = changes.ref.slice(0, changes.ref.indexOf('/'));
  const lines = changes.fields.slice(0, SHOWN_FIELDS).map(f => `  - ${code(f.path, false)}: ${fieldText(f, kind)}`);
  const more = changes.fields.length - Math.min(changes.fields.length, SHOWN_FIELDS) + changes.omitted;
  if (more > 0) lines.push(`  - … and ${count(more, 'more field')}`);
  return lines;
}

/**
 * A changed field: its value added, removed, or before and after. A rule of a NetworkPolicy or
 * AuthorizationPolicy (or a part of one) reads as the peers and ports it admits when its fields
 * are those of the API, else as JSON cut at {@link RULE_CHARS}.
 */
function fieldText(f: FieldChange, kind: string): string {
  if (f.redacted) return `${f.change} (the value is not shown)`;
  const rule = isPolicyRulePath(kind, f.path);
  const max = rule ? RULE_CHARS : VALUE_CHARS;
  const shown = (value: unknown) => {
    const text = rule ? policyRuleText(kind, f.path, value) : undefined;
    return text !== undefined ? code(text, false) : clipped(plain(value), 0, max);
  };
  switch (f.change) {
    case 'added': return `added ${shown(f.after)}`;
    case 'removed': return `removed (was ${shown(f.before)})`;
    case 'changed': {
      const items = listChange(f.before, f.after);
      if (items !== undefined) return items;
      if (rule && policyRuleText(kind, f.path, f.before) !== undefined && policyRuleText(kind, f.path, f.after) !== undefined) {
        return `${shown(f.before)} → ${shown(f.after)}`;
      }
      // Long values that differ late are shown from a little before where they differ.
      const [was, now] = [plain(f.before), plain(f.after)];
      let start = 0;
      while (start < was.length && start < now.length && was[start] === now[start]) start++;
      const from = Math.max(was.length, now.length) > max && start > max - 20 ? start - 20 : 0;
      return `${clipped(was, from, max)} → ${clipped(now, from, max)}`;
    }
  }
}

/**
 * A change of a list of plain values as the items added and removed (`added "a"; removed "b"`), or
 * `undefined` for other values; a list whose items only moved reads as reordered.
 */
function listChange(before: unknown, after: unknown): string | undefined {
  const plainList = (v: unknown): v is unknown[] => Array.isArray(v) && v.every(x => x === null || typeof x !== 'object');
  if (!plainList(before) || !plainList(after)) return undefined;
  const key = (x: unknown) => JSON.stringify(x);
  const was = new Set(before.map(key));
  const now = new Set(after.map(key));
  const added = after.filter(x => !was.has(key(x)));
  const removed = before.filter(x => !now.has(key(x)));
  const parts: string[] = [];
  if (added.length > 0) parts.push(`added ${added.map(valueText).join(', ')}`);
  if (removed.length > 0) parts.push(`removed ${removed.map(valueText).join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : `reordered: ${valueText(after)}`;
}

/** A value as a code span: strings as written (`""` when empty), anything else as JSON; long values cut. */
function valueText(value: unknown): string {
  return clipped(plain(value), 0, VALUE_CHARS);
}

function plain(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : JSON.stringify(value) ?? 'null';
}

/** A code span of `text` from `from` on, at most `max` characters, marked `…` where cut. */
function clipped(text: string, from: number, max: number): string {
  let shown = from > 0 ? `…${text.slice(from)}` : text;
  if (shown.length > max) shown = `${shown.slice(0, max - 1)}…`;
  return code(shown, false);
}
