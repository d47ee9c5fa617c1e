import { POD_MAKING_RESOURCES } from '../common/pod-makers';
import { toolVersion } from '../common/tool-version';
import { allowsVerb, coversResource, Rule } from '../controls/rbac/private/policy-rule';
import { rbacModel } from '../controls/rbac/private/rbac-model';
import { ComplianceReport } from '../engine';
import { bindingSubjects, grantedRules } from '../posture/rbac-rights';
import { Control, CRITERIA, Evaluation, IndexedObject, SEVERITIES, TrustCriterion } from '../types';
import { ACCESS_COLUMNS, accessRows } from './private/access-table';
import { egressSection } from './private/egress-table';
import { compare, comparePaths, recordedConfig, ControlResult, controlResults, countBySeverity, plural, referenceLabels, sourceText, statusCounts } from './private/format';
import { cell, code, prose } from './private/markdown-text';

/**
 * The auditors' evidence matrix, in Markdown: the resolved configuration (without the date of the
 * run), a summary, then every SOC 2 criterion (sorted) with each control mapped to it — id,
 * title, severity, condition, framework references — and every object it was evaluated on. An
 * evaluation with something to say (failed with message and path, suppressed with reason and
 * expiry, or passed with what was verified) is a table row with the object's source; the objects
 * that passed with nothing to add are listed by name, one line per namespace and kind. Objects a
 * control does not apply to are counted, not listed. A control mapped to several criteria has its
 * evidence under the first and a link under the others. The sources of all objects close the
 * document, once per object. Stable order, no timestamps: a re-run on the same manifests gives the
 * same bytes, and a change reads well in a pull-request diff.
 */
export function toEvidenceMarkdown(report: ComplianceReport): string {
  const out: string[] = [
    '# SOC 2 compliance evidence',
    '',
    `Produced by cdk8s-soc2 ${toolVersion()} from ${plural(report.index.objects.length, 'object')}. Each control is listed under every SOC 2 Trust `
      + 'Services Criterion it supports, with every object it was evaluated on: failed, suppressed with its written reason, or '
      + 'passed. A table row gives the source and detail of each failure, suppression and pass with a remark; the objects that '
      + 'passed with nothing to remark are listed by namespace below it. Objects a control does not apply to are counted as not '
      + 'applicable. The source of every object is listed under [Objects](#objects).',
    '',
    ...configSection(report),
    ...summarySection(report),
    ...rejectedSection(report),
    ...exceptionsSection(report),
    ...accessSection(report),
    ...egressSection(report),
    '## Criteria',
    '',
  ];
  const results = controlResults(report);
  const rows = new EvidenceRows(report);
  const shown = new Map<string, TrustCriterion>();
  for (const criterion of (Object.keys(CRITERIA) as TrustCriterion[]).sort(compare)) {
    out.push(`### ${criterion} — ${CRITERIA[criterion]}`, '');
    const mapped = results.filter(r => r.control.criteria.includes(criterion));
    if (mapped.length === 0) out.push(`_No control of this run maps to ${criterion}._`, '');
    for (const r of mapped) {
      controlSection(out, r, rows, shown.get(r.control.id));
      if (!shown.has(r.control.id)) shown.set(r.control.id, criterion);
    }
  }
  objectsSection(out, report, rows);
  return `${out.join('\n').trimEnd()}\n`;
}

function configSection(report: ComplianceReport): string[] {
  const rows = Object.entries(recordedConfig(report.config)).map(([key, value]) => `| ${code(key)} | ${configValue(value)} |`);
  return ['## Configuration', '', '| Setting | Value |', '| --- | --- |', ...rows, ''];
}

function configValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '_(empty)_' : value.map(v => code(String(v))).join(', ');
  return code(String(value));
}

function summarySection(report: ComplianceReport): string[] {
  const counts = statusCounts(report);
  const bySeverity = countBySeverity(report.findings);
  return [
    '## Summary',
    '',
    '| Measure | Count |',
    '| --- | ---: |',
    `| Controls | ${report.controls.length} |`,
    `| Objects | ${report.index.objects.length} |`,
    `| Evaluations | ${counts.evaluations} |`,
    `| Passed | ${counts.passed} |`,
    `| Failed | ${counts.failed} |`,
    `| Suppressed | ${counts.suppressed} |`,
    ...SEVERITIES.map(s => `| Findings, ${s} | ${bySeverity[s]} |`),
    `| Rejected documents | ${report.rejected.length} |`,
    '',
  ];
}

function rejectedSection(report: ComplianceReport): string[] {
  if (report.rejected.length === 0) return [];
  return [
    '## Rejected documents',
    '',
    'These documents are not Kubernetes objects and were not checked.',
    '',
    '| Source | Reason |',
    '| --- | --- |',
    ...report.rejected.map(r => `| ${cell(sourceText(r.source) || 'input')} | ${cell(r.reason)} |`),
    '',
  ];
}

/** What the bindings of the manifests grant, by subject and rule: who may do what, where (CC6.2, CC6.3). */
function accessSection(report: ComplianceReport): string[] {
  const rows = accessRows(report.index);
  return [
    '## Access granted',
    '',
    'What each RoleBinding and ClusterRoleBinding of the manifests grants, one row per subject and rule of the bound role '
      + '(aggregated and built-in roles included) (CC6.2, CC6.3).',
    '',
    ...(rows.length === 0 ? ['_No binding of the manifests grants a right._'] : [
      `| ${ACCESS_COLUMNS.join(' | ')} |`,
      `|${' --- |'.repeat(ACCESS_COLUMNS.length)}`,
      ...rows.map(r => `| ${r.join(' | ')} |`),
    ]),
    '',
    ...podMakers(report),
  ];
}

/** The verbs that create or change an object. */
const WRITE_VERBS = ['create', 'update', 'patch'];

/** Whether a rule lets its holder create or change an object that makes pods. */
function grantsPodMaking(rule: Rule): boolean {
  return WRITE_VERBS.some(v => allowsVerb(rule, v)) && POD_MAKING_RESOURCES.some(([group, resource]) => coversResource(rule, group, resource));
}

/**
 * The subjects that may create or change objects that make pods, per namespace: a right the table
 * shows as `create deployments` amounts to running any image under any ServiceAccount of the
 * namespace and mounting its Secrets, which auditors should read as such. Reads the RBAC model of
 * the run, as the access table does (aggregated and built-in roles included); a binding to a role
 * the manifests do not hold and that is not built in may grant anything, and counts.
 */
function podMakers(report: ComplianceReport): string[] {
  const model = rbacModel(report.index);
  const who = new Map<string, Set<string>>();
  for (const binding of model.bindings) {
    const rules = grantedRules(model, binding);
    if (rules === undefined || (rules !== 'unknown' && !rules.some(grantsPodMaking))) continue;
    const namespaced = binding.kind === 'RoleBinding';
    const where = namespaced ? `namespace ${binding.namespace}` : 'every namespace';
    for (const subject of bindingSubjects(binding)) {
      let set = who.get(subject);
      if (!set) who.set(subject, set = new Set());
      set.add(where);
    }
  }
  if (who.size === 0) return [];
  const lines = [...who].sort(([a], [b]) => compare(a, b)).map(([subject, where]) => `- ${code(subject, false)}: ${[...where].sort(compare).join(', ')}`);
  return [
    'These subjects may create or change objects that make pods (Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs), '
      + 'so they may run pods under any ServiceAccount of the namespace and mount its Secrets, whatever the rows above say of secrets:',
    '',
    ...lines,
    '',
  ];
}

/** Every exception in force: the suppressions the engine honoured, with their reason and expiry (CC7.1, CC8.1). */
function exceptionsSection(report: ComplianceReport): string[] {
  const rows: string[] = [];
  for (const outcome of report.outcomes) {
    for (const e of outcome.remarked) {
      if (e.status !== 'suppressed' || !e.suppression) continue;
      rows.push(`| ${code(e.control.id)} | ${code(e.object.ref)} | ${prose(e.suppression.reason)} | ${e.suppression.expires === undefined ? '_no expiry_' : cell(e.suppression.expires)} | ${cell(sourceText(e.object.source))} |`);
    }
  }
  if (rows.length === 0) return ['## Exceptions', '', 'No finding is suppressed.', ''];
  return [
    '## Exceptions',
    '',
    'The findings suppressed by an annotation on the object, each with its written reason and the last day it applies; the control\'s section gives the detail.',
    '',
    '| Control | Object | Reason | Expires | Source |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

/** Appends the section of one control to `out`. */
function controlSection(out: string[], r: ControlResult, rows: EvidenceRows, shownUnder: TrustCriterion | undefined): void {
  const c = r.control;
  const refs = referenceLabels(c.references);
  out.push(
    `#### \`${c.id}\` — ${cell(c.title)}`,
    '',
    `- Severity: ${c.severity}${c.suppressible === false ? ' (cannot be suppressed)' : ''}`,
    `- Condition: ${c.condition}`,
    `- SOC 2 criteria: ${c.criteria.join(', ')}`,
  );
  if (refs.length > 0) out.push(`- References: ${refs.join('; ')}`);
  out.push(`- Result: ${r.passed} passed, ${r.failed} failed, ${r.suppressed} suppressed, ${r.notApplicable} not applicable`, '');
  if (shownUnder !== undefined) {
    out.push(`Evidence: see [\`${c.id}\` under ${shownUnder}](#control-${c.id}).`, '');
  } else if (r.plain.length === 0 && r.remarked.length === 0) {
    // The anchor is written here too: the other criteria of the control link to it.
    const off = c.inactive?.(rows.config);
    out.push(`<a id="control-${c.id}"></a>`, '', off === undefined ? '_No object of the set is subject to this control._' : `_Not checked: ${prose(off)}._`, '');
  } else {
    out.push(`<a id="control-${c.id}"></a>`, '');
    const { remarked, plain } = rows.of(c);
    if (remarked.length > 0) {
      out.push('| Object | Source | Status | Detail |', '| --- | --- | --- | --- |');
      for (const e of remarked) out.push(`| ${rows.objectCells(e.object)} | ${e.status} | ${detail(e)} |`);
      out.push('');
    }
    if (plain.length > 0) {
      out.push(`Passed with nothing to remark (${plain.length}):`, '');
      for (const line of byNamespace(plain, rows)) out.push(line);
      out.push('');
    }
  }
}

/**
 * Objects listed by namespace and kind, one line each (cluster-scoped objects first), by name:
 * short enough to read, and a change to one namespace changes one line of a diff. `objects` is
 * ordered by ref.
 */
function byNamespace(objects: readonly IndexedObject[], rows: EvidenceRows): string[] {
  const groups = new Map<string, { namespace: string; kind: string; names: string[] }>();
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    const { group, name } = rows.listing(o);
    const entry = groups.get(group);
    if (entry) entry.names.push(name); else groups.set(group, { namespace: o.namespace ?? '', kind: o.kind, names: [name] });
  }
  return [...groups.values()]
    .sort((a, b) => compare(a.namespace, b.namespace) || compare(a.kind, b.kind))
    .map(g => `- ${g.kind}${g.namespace === '' ? '' : ` in ${code(g.namespace, false)}`} (${g.names.length}): ${g.names.join(', ')}`);
}

/** The source of every object of the set, once, ordered by ref. */
function objectsSection(out: string[], report: ComplianceReport, rows: EvidenceRows): void {
  out.push('## Objects', '', '<a id="objects"></a>', '');
  if (report.index.objects.length === 0) {
    out.push('_The set holds no object._', '');
    return;
  }
  out.push('| Object | Source |', '| --- | --- |');
  const objects = [...report.index.objects].sort((a, b) => compare(a.ref, b.ref));
  for (const o of objects) out.push(`| ${rows.objectCells(o)} |`);
  out.push('');
}

/** The evidence of one control, ordered by object ref. */
interface ControlEvidence {
  /** Evaluations with a status other than passed, or a message, path or suppression; ties on a ref ordered by path. */
  readonly remarked: readonly Evaluation[];
  /** The objects that passed with nothing to remark. */
  readonly plain: readonly IndexedObject[];
}

/**
 * The evidence of each control ordered by object ref, then path (ties keep their engine order),
 * and the Object and Source cells of each object, each computed once for the whole report.
 */
class EvidenceRows {
  /** The configuration of the run. */
  public readonly config: ComplianceReport['config'];
  private readonly ordered = new Map<Control, { remarked: Evaluation[]; plain: IndexedObject[] }>();
  private readonly cells = new Map<IndexedObject, string>();
  private readonly listings = new Map<IndexedObject, Listing>();

  public constructor(report: ComplianceReport) {
    this.config = report.config;
    // Distribute the evaluations over the refs in code-point order, then over their controls:
    // every control's list comes out ordered by ref without a comparison sort.
    const byRef = new Map<string, RefEvidence>();
    const of = (ref: string) => {
      let r = byRef.get(ref);
      if (!r) byRef.set(ref, r = { remarked: [], plainControls: [], plainObjects: [] });
      return r;
    };
    for (const outcome of report.outcomes) {
      this.ordered.set(outcome.control, { remarked: [], plain: [] });
      for (const e of outcome.remarked) of(e.object.ref).remarked.push(e);
      for (const o of outcome.passed) {
        const r = of(o.ref);
        r.plainControls.push(outcome.control);
        r.plainObjects.push(o);
      }
    }
    for (const ref of [...byRef.keys()].sort(compare)) {
      const r = byRef.get(ref)!;
      for (const e of r.remarked) this.ordered.get(e.control)!.remarked.push(e);
      for (let i = 0; i < r.plainControls.length; i++) this.ordered.get(r.plainControls[i])!.plain.push(r.plainObjects[i]);
    }
    for (const evidence of this.ordered.values()) sortRunsByPath(evidence.remarked);
  }

  /** The evidence of a control, ordered. */
  public of(control: Control): ControlEvidence {
    return this.ordered.get(control) ?? NO_EVIDENCE;
  }

  /** The group and name under which an object is listed among the plain passes, computed once per object for every control. */
  public listing(o: IndexedObject): Listing {
    let listing = this.listings.get(o);
    if (listing === undefined) {
      listing = { group: `${o.namespace ?? ''}\n${o.kind}`, name: code(o.name, false) };
      this.listings.set(o, listing);
    }
    return listing;
  }

  /** `` `ref` | source `` for an object. */
  public objectCells(o: IndexedObject): string {
    let text = this.cells.get(o);
    if (text === undefined) {
      text = `${code(o.ref)} | ${cell(sourceText(o.source))}`;
      this.cells.set(o, text);
    }
    return text;
  }
}

/** How an object is listed among the plain passes: its group (namespace and kind) and its name as code. */
interface Listing {
  readonly group: string;
  readonly name: string;
}

const NO_EVIDENCE: ControlEvidence = { remarked: [], plain: [] };

/** The evaluations of one ref: those with something to remark, and the controls that passed it plainly. */
interface RefEvidence {
  readonly remarked: Evaluation[];
  readonly plainControls: Control[];
  /** The object each plain pass is about (several objects may share a ref). */
  readonly plainObjects: IndexedObject[];
}

/** Orders each run of evaluations of one ref by path, keeping the order of equal paths. */
function sortRunsByPath(list: Evaluation[]): void {
  let start = 0;
  for (let i = 1; i <= list.length; i++) {
    if (i < list.length && list[i].object.ref === list[start].object.ref) continue;
    if (i - start > 1) {
      const run = list.slice(start, i).sort((a, b) => comparePaths(a.path ?? '', b.path ?? ''));
      for (let k = 0; k < run.length; k++) list[start + k] = run[k];
    }
    start = i;
  }
}

function detail(e: Evaluation): string {
  const at = e.path ? ` (at ${code(e.path)})` : '';
  if (e.status === 'suppressed' && e.suppression) {
    const until = e.suppression.expires ? ` (until ${cell(e.suppression.expires)})` : '';
    return `${prose(e.suppression.reason)}${until} — suppressed: ${cell(e.message ?? e.control.condition)}${at}`;
  }
  return `${cell(e.message ?? '')}${at}`;
}
