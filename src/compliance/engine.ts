import { CATALOGUE } from './catalogue';
import { ComplianceConfig, resolveConfig, ResolvedComplianceConfig } from './config';
import { fail } from './control';
import { ManifestIndex, RejectedDocument } from './manifest-index';
import { suppressionProblem, suppressionsOf } from './suppressions';
import {
  CheckContext, CheckResult, Control, Evaluation, EvaluationStatus, Finding, IndexedObject, Severity, SEVERITIES, Suppression,
} from './types';

/** Options of a compliance run. */
export interface RunOptions {
  /** Organisation-specific settings. @default - the secure defaults of {@link resolveConfig} */
  readonly config?: ComplianceConfig;
  /** The controls to run. @default - the whole catalogue */
  readonly controls?: readonly Control[];
  /** Run only these control ids. @default - all */
  readonly only?: readonly string[];
  /** Skip these control ids. @default - none */
  readonly skip?: readonly string[];
  /** Report only findings at or above this severity. @default 'low' */
  readonly minSeverity?: Severity;
}

/** The outcome of a run: every evaluation (the evidence) and the findings among them. */
export interface ComplianceReport {
  readonly config: ResolvedComplianceConfig;
  readonly controls: readonly Control[];
  readonly index: ManifestIndex;
  /** Every (control, object) pair evaluated, in catalogue then input order. */
  readonly evaluations: readonly Evaluation[];
  /** The failed evaluations, unsuppressed. */
  readonly findings: readonly Finding[];
  /** Documents that were not Kubernetes objects. */
  readonly rejected: readonly RejectedDocument[];
}

export { suppressionProblem };

function controlErrorObject(control: Control): IndexedObject {
  return {
    raw: {}, apiVersion: 'soc2.cdk8s.io/v1', group: 'soc2.cdk8s.io', kind: 'Control', name: control.id, namespace: undefined,
    labels: {}, annotations: {}, ref: `Control/${control.id}`, source: { document: 0 },
  };
}

/** Runs the controls over an index and returns the evidence. Never throws because of a control. */
export function runCompliance(index: ManifestIndex, options: RunOptions = {}): ComplianceReport {
  const config = resolveConfig(options.config);
  const only = options.only ? new Set(options.only) : undefined;
  const skip = new Set(options.skip ?? []);
  const floor = SEVERITIES.indexOf(options.minSeverity ?? 'low');
  const all = options.controls ?? CATALOGUE;
  const controls = all.filter(c => (!only || only.has(c.id)) && !skip.has(c.id) && SEVERITIES.indexOf(c.severity) <= floor);
  const ctx: CheckContext = { index, config, catalogue: new Map(all.map(c => [c.id, c])) };
  const evaluations: Evaluation[] = [];
  const findings: Finding[] = [];
  for (const control of controls) {
    const results = resultsOf(control, ctx);
    for (let i = 0; i < results.length; i++) {
      const evaluation = evaluate(control, results[i], config.today);
      evaluations.push(evaluation);
      if (evaluation.status === 'failed') findings.push(findingOf(evaluation));
    }
  }
  return { config, controls, index, evaluations, findings, rejected: index.rejected };
}

/** The results of a control; a control that throws yields one failure saying so. */
function resultsOf(control: Control, ctx: CheckContext): readonly CheckResult[] {
  try {
    return control.check(ctx);
  } catch (e) {
    return [fail(controlErrorObject(control), `the control could not be evaluated: ${(e as Error).message ?? e}`)];
  }
}

/** The evidence of one result: passed, suppressed (by a valid suppression of the control) or failed. */
function evaluate(control: Control, r: CheckResult, today: string): Evaluation {
  const suppression = r.passed ? undefined : applicableSuppression(control, r.object, today);
  const status: EvaluationStatus = r.passed ? 'passed' : suppression ? 'suppressed' : 'failed';
  // The evidence is the bulk of a run's memory: a pass without message or path stores neither.
  if (r.message === undefined && r.path === undefined && suppression === undefined) return { control, object: r.object, status };
  return { control, object: r.object, status, message: r.message, path: r.path, suppression };
}

function findingOf(e: Evaluation): Finding {
  const c = e.control;
  return {
    controlId: c.id, title: c.title, severity: c.severity, criteria: c.criteria,
    object: e.object, message: e.message ?? c.condition, path: e.path, remediation: c.remediation,
  };
}

/** The suppression that silences a failure of `control` on `object`, if one is declared and can be honoured. */
function applicableSuppression(control: Control, object: IndexedObject, today: string): Suppression | undefined {
  if (control.suppressible === false) return undefined;
  const s = suppressionsOf(object).get(control.id);
  return s && suppressionProblem(s, today, control) === undefined ? s : undefined;
}
