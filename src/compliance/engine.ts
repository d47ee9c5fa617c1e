import { CATALOGUE } from './catalogue';
import { ComplianceConfig, resolveConfig, ResolvedComplianceConfig } from './config';
import { ManifestIndex, RejectedDocument } from './manifest-index';
import { suppressionProblem, suppressionsOf } from './suppressions';
import { CheckContext, CheckResult, Control, Evaluation, Finding, IndexedObject, Severity, SEVERITIES } from './types';

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
    raw: {}, apiVersion: 'soc2.cdk8s.io/v1', group: 'soc2.cdk8s.io', kind: 'Control', name: control.id,
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
    let results: readonly CheckResult[];
    try {
      results = control.check(ctx);
    } catch (e) {
      results = [{ object: controlErrorObject(control), passed: false, message: `the control could not be evaluated: ${(e as Error).message ?? e}` }];
    }
    for (const r of results) {
      const evaluation = evaluate(control, r, config.today);
      evaluations.push(evaluation);
      if (evaluation.status === 'failed') {
        findings.push({
          controlId: control.id, title: control.title, severity: control.severity, criteria: control.criteria,
          object: r.object, message: r.message ?? control.condition, path: r.path, remediation: control.remediation,
        });
      }
    }
  }
  return { config, controls, index, evaluations, findings, rejected: index.rejected };
}

function evaluate(control: Control, r: CheckResult, today: string): Evaluation {
  const base = { control, object: r.object, message: r.message, path: r.path };
  if (r.passed) return { ...base, status: 'passed' };
  const s = control.suppressible === false ? undefined : suppressionsOf(r.object).get(control.id);
  if (s && suppressionProblem(s, today, control) === undefined) return { ...base, status: 'suppressed', suppression: s };
  return { ...base, status: 'failed' };
}
