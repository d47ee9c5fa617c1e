import { ComplianceReport } from '../engine';
import { Evaluation, EvaluationStatus, FrameworkReferences, IndexedObject, Severity, SourceLocation, TrustCriterion } from '../types';
import { recordedConfig, controlResults, RecordedConfig, countBySeverity, statusCounts, suppressedEvaluations } from './private/format';

/** The identifier of the JSON report format. */
export const JSON_REPORT_FORMAT = 'cdk8s-soc2/compliance-report';

/**
 * The version of the JSON report format; raised on incompatible changes. Version 2 lists the
 * objects that passed a control with nothing to remark in `passedObjects`, by ref, instead of
 * one evaluation each.
 */
export const JSON_REPORT_VERSION = 2;

/** An object of the manifest set, as reports name it. */
export interface JsonObject {
  /** `Kind/namespace/name` or `Kind/name`. */
  readonly ref: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly source: SourceLocation;
}

/** A failed, unsuppressed evaluation. */
export interface JsonFinding {
  readonly controlId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly criteria: readonly TrustCriterion[];
  readonly object: JsonObject;
  readonly message: string;
  /** JSON path of the offending field. @default - the whole object */
  readonly path?: string;
  readonly remediation: string;
}

/** A failure silenced by a suppression annotation, with its reason. */
export interface JsonSuppression {
  readonly controlId: string;
  readonly object: JsonObject;
  readonly reason: string;
  /** The last day the suppression applies (YYYY-MM-DD). @default - no expiry */
  readonly expires?: string;
  /** What would have failed. */
  readonly message?: string;
  readonly path?: string;
}

/** One (control, object) evaluation with something to say, in a control's results. */
export interface JsonEvaluation {
  /** The object's ref. */
  readonly object: string;
  readonly status: EvaluationStatus;
  readonly message?: string;
  readonly path?: string;
  /** The suppression's reason, for `suppressed`. */
  readonly reason?: string;
  /** The suppression's expiry, for `suppressed`. */
  readonly expires?: string;
}

/** The results of one control. */
export interface JsonControlResult {
  readonly id: string;
  readonly title: string;
  readonly condition: string;
  readonly severity: Severity;
  readonly criteria: readonly TrustCriterion[];
  readonly references: FrameworkReferences;
  readonly suppressible: boolean;
  readonly passed: number;
  readonly failed: number;
  readonly suppressed: number;
  /** Objects of the set the control does not apply to. */
  readonly notApplicable: number;
  /** The evaluations with something to say (failed, suppressed, or passed with a message or path), in input order. */
  readonly evaluations: readonly JsonEvaluation[];
  /** The refs of the objects that passed with nothing to remark, in input order. */
  readonly passedObjects: readonly string[];
}

/** A document of the input that is not a Kubernetes object. */
export interface JsonRejectedDocument {
  readonly source: SourceLocation;
  readonly reason: string;
}

/** The resolved configuration; the date of the run only when the settings gave it. */
export type JsonConfig = RecordedConfig;

/** The machine-readable report of a run: deterministic, no timestamps. */
export interface JsonReport {
  readonly format: typeof JSON_REPORT_FORMAT;
  readonly version: typeof JSON_REPORT_VERSION;
  /**
   * The configuration the controls ran with: `today` only when the settings gave it (expiry dates
   * were then judged against it), so that a report of the clock's date is reproducible.
   */
  readonly config: JsonConfig;
  readonly summary: {
    readonly controls: number;
    readonly objects: number;
    readonly evaluations: number;
    readonly passed: number;
    readonly failed: number;
    readonly suppressed: number;
    readonly findings: number;
    readonly findingsBySeverity: Readonly<Record<Severity, number>>;
    readonly objectsWithFindings: number;
    readonly rejectedDocuments: number;
  };
  /** Unsuppressed failures, in catalogue then input order. */
  readonly findings: readonly JsonFinding[];
  /** Failures silenced by a suppression, in catalogue then input order. */
  readonly suppressions: readonly JsonSuppression[];
  /** Per-control results, in catalogue order. */
  readonly controls: readonly JsonControlResult[];
  /** Every object of the set, in input order. */
  readonly objects: readonly JsonObject[];
  readonly rejected: readonly JsonRejectedDocument[];
}

/** The report as plain, deterministic JSON data: counts, findings, suppressions, per-control evidence, configuration. */
export function toJsonReport(report: ComplianceReport): JsonReport {
  const config = recordedConfig(report.config);
  const { evaluations, ...counts } = statusCounts(report);
  return {
    format: JSON_REPORT_FORMAT,
    version: JSON_REPORT_VERSION,
    config,
    summary: {
      controls: report.controls.length,
      objects: report.index.objects.length,
      evaluations,
      ...counts,
      findings: report.findings.length,
      findingsBySeverity: countBySeverity(report.findings),
      objectsWithFindings: new Set(report.findings.map(f => f.object.ref)).size,
      rejectedDocuments: report.rejected.length,
    },
    findings: report.findings.map(f => ({
      controlId: f.controlId, title: f.title, severity: f.severity, criteria: f.criteria, object: jsonObject(f.object),
      message: f.message, ...(f.path !== undefined ? { path: f.path } : {}), remediation: f.remediation,
    })),
    suppressions: suppressedEvaluations(report).map(e => ({
      controlId: e.control.id, object: jsonObject(e.object), reason: e.suppression!.reason,
      ...(e.suppression!.expires !== undefined ? { expires: e.suppression!.expires } : {}),
      ...(e.message !== undefined ? { message: e.message } : {}), ...(e.path !== undefined ? { path: e.path } : {}),
    })),
    controls: controlResults(report).map(({ control: c, plain, remarked, passed, failed, suppressed, notApplicable }) => ({
      id: c.id, title: c.title, condition: c.condition, severity: c.severity, criteria: c.criteria, references: c.references,
      suppressible: c.suppressible !== false, passed, failed, suppressed, notApplicable,
      evaluations: remarked.map(jsonEvaluation),
      passedObjects: plain.map(o => o.ref),
    })),
    objects: report.index.objects.map(jsonObject),
    rejected: report.rejected.map(r => ({ source: { ...r.source }, reason: r.reason })),
  };
}

function jsonObject(o: IndexedObject): JsonObject {
  return {
    ref: o.ref, apiVersion: o.apiVersion, kind: o.kind, ...(o.namespace !== undefined ? { namespace: o.namespace } : {}), name: o.name,
    source: { ...o.source },
  };
}

/** One evaluation, its optional members set only when present (the member order is the format's). */
function jsonEvaluation(e: Evaluation): JsonEvaluation {
  const out: { -readonly [K in keyof JsonEvaluation]: JsonEvaluation[K] } = { object: e.object.ref, status: e.status };
  if (e.message !== undefined) out.message = e.message;
  if (e.path !== undefined) out.path = e.path;
  if (e.suppression) {
    out.reason = e.suppression.reason;
    if (e.suppression.expires !== undefined) out.expires = e.suppression.expires;
  }
  return out;
}
