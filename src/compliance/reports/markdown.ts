import { ComplianceReport } from '../engine';
import { Control, CRITERIA, Evaluation, SEVERITIES, TrustCriterion } from '../types';
import { compare, configWithoutToday, countBySeverity, evaluationsByControl, notApplicableCount, plural, referenceLabels, sourceText, statusCounts, suppressionText } from './private/format';

/**
 * The auditors' evidence matrix, in Markdown: the resolved configuration (without the date of the
 * run), a summary, then every SOC 2 criterion (sorted) with each control mapped to it — id,
 * title, severity, condition, framework references — and the table of the objects it was
 * evaluated on: passed, failed (message and path) or suppressed (reason and expiry). Objects a
 * control does not apply to are counted, not listed. A control mapped to several criteria has
 * its table under the first and a link under the others. Stable order, no timestamps: a re-run
 * on the same manifests gives the same bytes, and a change reads well in a pull-request diff.
 */
export function toEvidenceMarkdown(report: ComplianceReport): string {
  const byControl = evaluationsByControl(report);
  const out: string[] = [
    '# SOC 2 compliance evidence',
    '',
    `Produced by cdk8s-soc2 from ${plural(report.index.objects.length, 'object')}. Each control is listed under every SOC 2 Trust `
      + 'Services Criterion it supports, with every object it was evaluated on: passed, failed, or suppressed with its written '
      + 'reason. Objects a control does not apply to are counted as not applicable.',
    '',
    ...configSection(report),
    ...summarySection(report),
    ...rejectedSection(report),
    '## Criteria',
    '',
  ];
  const shown = new Map<string, TrustCriterion>();
  for (const criterion of (Object.keys(CRITERIA) as TrustCriterion[]).sort(compare)) {
    out.push(`### ${criterion} — ${CRITERIA[criterion]}`, '');
    const controls = report.controls.filter(c => c.criteria.includes(criterion));
    if (controls.length === 0) out.push(`_No control of this run maps to ${criterion}._`, '');
    for (const c of controls) {
      out.push(...controlSection(report, c, byControl.get(c) ?? [], shown.get(c.id)));
      if (!shown.has(c.id)) shown.set(c.id, criterion);
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function configSection(report: ComplianceReport): string[] {
  const rows = Object.entries(configWithoutToday(report.config)).map(([key, value]) => `| ${code(key)} | ${configValue(value)} |`);
  return ['## Configuration', '', '| Setting | Value |', '| --- | --- |', ...rows, ''];
}

function configValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '_(empty)_' : value.map(v => code(String(v))).join(', ');
  return code(String(value));
}

function summarySection(report: ComplianceReport): string[] {
  const counts = statusCounts(report.evaluations);
  const bySeverity = countBySeverity(report.findings);
  return [
    '## Summary',
    '',
    '| Measure | Count |',
    '| --- | ---: |',
    `| Controls | ${report.controls.length} |`,
    `| Objects | ${report.index.objects.length} |`,
    `| Evaluations | ${report.evaluations.length} |`,
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

function controlSection(report: ComplianceReport, c: Control, evaluations: readonly Evaluation[], shownUnder: TrustCriterion | undefined): string[] {
  const counts = statusCounts(evaluations);
  const na = notApplicableCount(report, evaluations);
  const refs = referenceLabels(c.references);
  const out = [
    `#### \`${c.id}\` — ${cell(c.title)}`,
    '',
    `- Severity: ${c.severity}${c.suppressible === false ? ' (cannot be suppressed)' : ''}`,
    `- Condition: ${c.condition}`,
    `- SOC 2 criteria: ${c.criteria.join(', ')}`,
    ...(refs.length > 0 ? [`- References: ${refs.join('; ')}`] : []),
    `- Result: ${counts.passed} passed, ${counts.failed} failed, ${counts.suppressed} suppressed, ${na} not applicable`,
    '',
  ];
  if (shownUnder !== undefined) return [...out, `Evidence: see [\`${c.id}\` under ${shownUnder}](#control-${c.id}).`, ''];
  if (evaluations.length === 0) return [...out, '_No object of the set is subject to this control._', ''];
  const rows = [...evaluations]
    .sort((a, b) => compare(a.object.ref, b.object.ref) || compare(a.path ?? '', b.path ?? ''))
    .map(e => `| ${code(e.object.ref)} | ${cell(sourceText(e.object.source))} | ${e.status} | ${detail(e)} |`);
  return [...out, `<a id="control-${c.id}"></a>`, '', '| Object | Source | Status | Detail |', '| --- | --- | --- | --- |', ...rows, ''];
}

function detail(e: Evaluation): string {
  const at = e.path ? ` (at ${code(e.path)})` : '';
  if (e.status === 'suppressed' && e.suppression) {
    return `${cell(suppressionText(e.suppression.reason, e.suppression.expires))} — suppressed: ${cell(e.message ?? e.control.condition)}${at}`;
  }
  return `${cell(e.message ?? '')}${at}`;
}

/** Prose safe inside a table cell: no pipes, line breaks or raw HTML. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, '<br>');
}

/** A code span safe inside a table cell. */
function code(text: string): string {
  return `\`${text.replace(/\|/g, '\\|').replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
}
