import { checkOptions } from '../common/options';
import { printable } from '../common/printable';
import { ComplianceReport } from '../engine';
import { Finding, IndexedObject, Severity } from '../types';
import { compare, comparePaths, countBySeverity, inputOrder, plural, severityBreakdown, severityRank, sourceText, statusCounts, suppressedEvaluations, suppressionText } from './private/format';

/** Options of {@link formatText}. */
export interface TextOptions {
  /** Colour the output with ANSI escapes (for a terminal). @default false */
  readonly color?: boolean;
  /**
   * The most findings listed one by one; the rest are counted in one line (the summary counts all).
   * @default - every finding
   */
  readonly maxFindings?: number;
}

/** The options of {@link formatText} (one added to the interface and not here does not compile). */
const TEXT_OPTIONS = Object.keys({ color: true, maxFindings: true } satisfies Record<keyof TextOptions, true>);

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', magenta: '\u001b[35m', cyan: '\u001b[36m' };
const SEVERITY_COLOR: Record<Severity, string> = { critical: ANSI.bold + ANSI.magenta, high: ANSI.red, medium: ANSI.yellow, low: ANSI.cyan };

/**
 * The report for people at a terminal: the findings grouped by object (in input order), each
 * object headed by its ref, where it came from and the construct that emitted it, each finding
 * with its severity, control, message, JSON path and fix; then the suppressions in force, the
 * rejected documents, and a summary line:
 * `N findings (x critical, y high, z medium, w low) in M of K objects; P passed, S suppressed`.
 */
export function formatText(report: ComplianceReport, opts: TextOptions = {}): string {
  checkOptions('formatText', opts, TEXT_OPTIONS);
  opts = opts ?? {};
  const paint = (code: string, text: string) => (opts.color ? `${code}${text}${ANSI.reset}` : text);
  const lines: string[] = [];
  const groups = groupByObject(report.findings);
  const objects = [...groups.keys()].sort(inputOrder(report));
  const max = opts.maxFindings ?? Infinity;
  let listed = 0;
  for (let o = 0; o < objects.length; o++) {
    const object = objects[o];
    if (listed >= max) {
      const rest = report.findings.length - listed;
      lines.push(`… and ${plural(rest, 'more finding')} on ${plural(objects.length - o, 'more object')}, not listed (run fewer controls or files to see them)`, '');
      break;
    }
    lines.push(objectLine(object, paint));
    const findings = groups.get(object)!.sort((a, b) => severityRank(a.severity) - severityRank(b.severity)
      || compare(a.controlId, b.controlId) || comparePaths(a.path ?? '', b.path ?? ''));
    const width = Math.max(...findings.map(f => f.controlId.length));
    listed += findings.length;
    for (const f of findings) {
      lines.push(`  ${paint(SEVERITY_COLOR[f.severity], f.severity.toUpperCase().padEnd(8))} ${f.controlId.padEnd(width)}  ${line(f.message)}`);
      const indent = ' '.repeat(13 + width);
      if (f.path) lines.push(paint(ANSI.dim, `${indent}at ${line(f.path)}`));
      lines.push(paint(ANSI.dim, `${indent}fix: ${f.remediation}`));
    }
    lines.push('');
  }

  const suppressed = suppressedEvaluations(report);
  if (suppressed.length > 0) {
    lines.push('Suppressed:');
    for (const e of suppressed) lines.push(`  ${line(e.object.ref)} ${e.control.id}: ${line(suppressionText(e.suppression!.reason, e.suppression!.expires))}`);
    lines.push('');
  }
  if (report.rejected.length > 0) {
    lines.push('Rejected documents (not Kubernetes objects, not checked):');
    for (const r of report.rejected) lines.push(`  ${line(sourceText(r.source) || 'input')}: ${line(r.reason)}`);
    lines.push('');
  }

  const counts = statusCounts(report);
  // Findings may also fall on objects the input does not hold (a namespace it uses without
  // declaring, a control that could not run): counted apart, so "M of K" stays within the input.
  const inInput = new Set(report.index.objects);
  const outside = objects.filter(o => !inInput.has(o)).length;
  const summary = `${plural(report.findings.length, 'finding')} ${severityBreakdown(countBySeverity(report.findings))} in ${objects.length - outside} of ${plural(report.index.objects.length, 'object')}`
    + `${outside > 0 ? ` and ${outside} not in the input` : ''}; ${counts.passed} passed, ${counts.suppressed} suppressed`;
  lines.push(paint(report.findings.length > 0 ? ANSI.bold + ANSI.red : ANSI.bold + ANSI.green, summary));
  return `${lines.join('\n')}\n`;
}

function objectLine(o: IndexedObject, paint: (code: string, text: string) => string): string {
  const parts = [paint(ANSI.bold, line(o.ref))];
  const where = sourceText(o.source);
  if (where) parts.push(line(where));
  if (o.source.constructPath) parts.push(`construct ${line(o.source.constructPath)}`);
  return parts.join('  ');
}

/** Text from the manifests on one line, its control characters and escape sequences shown, not run. */
function line(text: string): string {
  return printable(text, true);
}

function groupByObject(findings: readonly Finding[]): Map<IndexedObject, Finding[]> {
  const out = new Map<IndexedObject, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.object);
    if (list) list.push(f); else out.set(f.object, [f]);
  }
  return out;
}
