import { compare } from '../../common/compare';
import { ResolvedComplianceConfig } from '../../config';
import { ComplianceReport } from '../../engine';
import { Control, Evaluation, FrameworkReferences, IndexedObject, Severity, SEVERITIES, SourceLocation } from '../../types';

export { compare };

/**
 * Where an object came from, for people: `app.yaml:12 (document 3)` (a line an editor can jump
 * to; `app.yaml:12:7 (document 3)` for a document not read, at its problem), `app.yaml (document 3)`, `document 3`, or `''` for an object with no source (a control
 * that could not be evaluated).
 */
export function sourceText(source: SourceLocation): string {
  if (source.document <= 0 && source.file === undefined) return '';
  if (source.file === undefined) return `document ${source.document}`;
  const at = source.line === undefined ? source.file : `${source.file}:${source.line}${source.column === undefined ? '' : `:${source.column}`}`;
  return source.document <= 0 ? at : `${at} (document ${source.document})`;
}

/** `1 finding`, `2 findings`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Counts per severity, every severity present. */
export function countBySeverity(items: readonly { severity: Severity }[]): Record<Severity, number> {
  const out = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const i of items) out[i.severity]++;
  return out;
}

/** `(1 critical, 0 high, 2 medium, 0 low)`. */
export function severityBreakdown(counts: Record<Severity, number>): string {
  return `(${SEVERITIES.map(s => `${counts[s]} ${s}`).join(', ')})`;
}

/** Rank of a severity: 0 for critical. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** The framework references of a control as short labels: `CIS 5.2.6`, `Kubescape C-0013`, … */
export function referenceLabels(r: FrameworkReferences): string[] {
  const out: string[] = [];
  if (r.pss) out.push(`Pod Security Standards ${r.pss}`);
  if (r.cis) out.push(`CIS ${r.cis}`);
  if (r.nsa) out.push(`NSA/CISA ${r.nsa}`);
  for (const id of r.kubescape ?? []) out.push(`Kubescape ${id}`);
  for (const id of r.polaris ?? []) out.push(`Polaris ${id}`);
  for (const id of r.kubeScore ?? []) out.push(`kube-score ${id}`);
  return out;
}


/**
 * Orders JSON paths as a reader counts: list indexes by number (`to[4]` before `to[12]`), the rest
 * by code point, so that the findings on one object read in the order of its fields.
 */
export function comparePaths(a: string, b: string): number {
  const x = a.split(/(\d+)/);
  const y = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    // Split on digits, odd parts are numbers.
    return i % 2 === 1 ? Number(x[i]) - Number(y[i]) || compare(x[i], y[i]) : compare(x[i], y[i]);
  }
  return x.length - y.length;
}

/**
 * A function ordering objects as the input does (file, then document), objects that are not in
 * the input (a control that could not be evaluated) first.
 */
export function inputOrder(report: ComplianceReport): (a: IndexedObject, b: IndexedObject) => number {
  const position = new Map(report.index.objects.map((o, i) => [o.ref, i]));
  return (a, b) => (position.get(a.ref) ?? -1) - (position.get(b.ref) ?? -1) || compare(a.ref, b.ref);
}

/** Counts of a run's evaluations by status, and in all. */
export function statusCounts(report: ComplianceReport): { passed: number; failed: number; suppressed: number; evaluations: number } {
  const out = { passed: 0, failed: 0, suppressed: 0, evaluations: 0 };
  for (const o of report.outcomes) {
    out.passed += o.passed.length;
    for (const e of o.remarked) out[e.status]++;
    out.evaluations += o.passed.length + o.remarked.length;
  }
  return out;
}

/** The suppressed evaluations of a run, in catalogue then input order. */
export function suppressedEvaluations(report: ComplianceReport): Evaluation[] {
  const out: Evaluation[] = [];
  for (const o of report.outcomes) for (const e of o.remarked) if (e.status === 'suppressed') out.push(e);
  return out;
}

/** `reason (until 2027-03-31)` or `reason`. */
export function suppressionText(reason: string, expires: string | undefined): string {
  return expires ? `${reason} (until ${expires})` : reason;
}

/** The evidence of one control: its evaluations in engine order and their counts. */
export interface ControlResult {
  readonly control: Control;
  /** Objects passed with nothing to remark. */
  readonly plain: readonly IndexedObject[];
  /** The other evaluations. */
  readonly remarked: readonly Evaluation[];
  readonly passed: number;
  readonly failed: number;
  readonly suppressed: number;
  /** Objects of the set that no evaluation of the control covers. */
  readonly notApplicable: number;
}

const RESULTS = new WeakMap<ComplianceReport, readonly ControlResult[]>();

/**
 * The evidence of each control of the run, in the order of `report.controls`, from one pass over
 * the evaluations, computed once per report (a report is not modified after the run) and shared by
 * the reports drawn from it. An object counts as not applicable when no evaluation of the control
 * names its ref; evaluations of objects outside the set (a control that could not be evaluated) do
 * not reduce the count.
 */
export function controlResults(report: ComplianceReport): readonly ControlResult[] {
  let results = RESULTS.get(report);
  if (!results) {
    results = computeControlResults(report);
    RESULTS.set(report, results);
  }
  return results;
}

/** The objects of the set sharing a ref, and the last control that covered them. */
interface RefCoverage {
  readonly objects: number;
  /** The index of the last control that covered the ref, so that each control counts it once. */
  coveredBy: number;
}

function computeControlResults(report: ComplianceReport): ControlResult[] {
  // One entry per ref, marked by each control that covers it: a control's count costs a lookup
  // per evaluation, without a set of refs per control.
  const coverage = new Map<string, RefCoverage>();
  for (const o of report.index.objects) {
    const entry = coverage.get(o.ref);
    if (entry) coverage.set(o.ref, { objects: entry.objects + 1, coveredBy: -1 });
    else coverage.set(o.ref, { objects: 1, coveredBy: -1 });
  }
  const outcomes = new Map(report.outcomes.map(o => [o.control, o]));
  const total = report.index.objects.length;
  return report.controls.map((control, c) => {
    const outcome = outcomes.get(control);
    const plain = outcome?.passed ?? [];
    const remarked = outcome?.remarked ?? [];
    const counts = { passed: plain.length, failed: 0, suppressed: 0 };
    let covered = 0;
    const cover = (ref: string) => {
      const entry = coverage.get(ref);
      if (entry === undefined || entry.coveredBy === c) return;
      entry.coveredBy = c;
      covered += entry.objects;
    };
    for (let i = 0; i < plain.length; i++) cover(plain[i].ref);
    for (const e of remarked) {
      counts[e.status]++;
      cover(e.object.ref);
    }
    return { control, plain, remarked, ...counts, notApplicable: total - covered };
  });
}

/**
 * The configuration a report records: without `today` when it came from the clock, so that a report
 * does not change from one day to the next; with it when the settings gave it.
 */
export function recordedConfig(config: ResolvedComplianceConfig): RecordedConfig {
  return Object.fromEntries(Object.entries(config)
    .filter(([key]) => key !== 'todayFromSettings' && (key !== 'today' || config.todayFromSettings))) as RecordedConfig;
}

/** The configuration a report records: `today` only when the settings gave it. */
export type RecordedConfig = Omit<ResolvedComplianceConfig, 'today' | 'todayFromSettings'> & { readonly today?: string };
