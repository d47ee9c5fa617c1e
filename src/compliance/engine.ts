import { CATALOGUE } from './catalogue';
import { isKnativeService } from './common/knative';
import { OptionProblem, optionProblems, throwOptionProblems } from './common/options';
import { ComplianceConfig, resolveConfig, ResolvedComplianceConfig } from './config';
import { configProblems } from './config-check';
import { fail } from './control';
import { containersOf, ManifestIndex, RejectedDocument } from './manifest-index';
import { ControlOutcome, OutcomeCollector } from './outcome';
import { configProblemFix } from './private/config-problem-fix';
import { asServiceWrites, userContainerLabels } from './private/knative-user-containers';
import { suppressionProblem, suppressionProblemOn, suppressionsOf } from './suppressions';
import {
  CheckContext, CheckResult, Control, Evaluation, Finding, IndexedObject, Severity, SEVERITIES, Suppression,
} from './types';

/** Options of a compliance run. */
export interface RunOptions {
  /**
   * Organisation-specific settings, or the resolved configuration of a report (its `config`) to
   * judge another set alike. @default - the secure defaults of {@link resolveConfig}
   */
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
  /**
   * Every (control, object) pair evaluated, in catalogue then input order. Built from
   * {@link outcomes} when first read; reports read the outcomes instead.
   */
  readonly evaluations: readonly Evaluation[];
  /** The evaluations per control, in the order of {@link controls}, with the plain passes kept as objects. */
  readonly outcomes: readonly ControlOutcome[];
  /** The failed evaluations, unsuppressed. */
  readonly findings: readonly Finding[];
  /** Documents that were not Kubernetes objects. */
  readonly rejected: readonly RejectedDocument[];
}

export { suppressionProblem };

/**
 * The settings `config` gives: a resolved configuration (a report's `config`, {@link ComplianceReport.config})
 * without what it records beside them, its `today` only when that came from the settings; `null`
 * (from JSON) is none, as if omitted.
 */
function settingsOf(config: unknown): unknown {
  if (config === null || typeof config !== 'object' || !Object.hasOwn(config, 'todayFromSettings')) return config ?? undefined;
  const { todayFromSettings, ...settings } = config as ResolvedComplianceConfig;
  if (typeof todayFromSettings !== 'boolean') return config;
  return todayFromSettings ? settings : { ...settings, today: undefined };
}

/** The problems of the `config` option, named `runCompliance(options.config.<key>)`. */
function configOptionProblems(config: unknown): OptionProblem[] {
  return configProblems(config).map(p => ({
    option: p.key === undefined ? 'runCompliance(options.config)' : `runCompliance(options.config.${p.key})`,
    value: p.value,
    problem: p.problem,
    fix: configProblemFix(p),
  }));
}

/** The API group of the object that stands for a control that could not be evaluated. */
const CONTROL_ERROR_GROUP = 'soc2.cdk8s.io';

function controlErrorObject(control: Control): IndexedObject {
  return {
    raw: {}, apiVersion: `${CONTROL_ERROR_GROUP}/v1`, group: CONTROL_ERROR_GROUP, kind: 'Control', name: control.id, namespace: undefined,
    labels: {}, annotations: {}, ref: `Control/${control.id}`, source: { document: 0 },
  };
}

/** Whether an object stands for a control that threw (`Control/<id>`), read from no input. */
export function isControlError(object: IndexedObject): boolean {
  return object.kind === 'Control' && object.group === CONTROL_ERROR_GROUP && object.source.file === undefined;
}

/** The options of {@link runCompliance} (one added to the interface and not here does not compile). */
const RUN_OPTIONS = Object.keys({ config: true, controls: true, only: true, skip: true, minSeverity: true } satisfies Record<keyof RunOptions, true>);

/**
 * Runs the controls over an index and returns the evidence. Never throws because of a control.
 * Options that are no object, an option it does not know, or settings of `config` that the check
 * of a config file refuses ({@link configProblems}: a key that is not a setting, a value of the
 * wrong type) throw a TypeError naming each (`runCompliance(options.config.minReplica)`) with its
 * fix, rather than running under defaults the caller did not choose.
 */
export function runCompliance(index: ManifestIndex, options: RunOptions = {}): ComplianceReport {
  const settings = settingsOf(options?.config);
  throwOptionProblems('runCompliance', [...optionProblems('runCompliance', options, RUN_OPTIONS), ...configOptionProblems(settings)]);
  options = options ?? {};
  const config = resolveConfig(settings as ComplianceConfig | undefined);
  const only = options.only ? new Set(options.only) : undefined;
  const skip = new Set(options.skip ?? []);
  const floor = SEVERITIES.indexOf(options.minSeverity ?? 'low');
  const all = options.controls ?? CATALOGUE;
  const controls = all.filter(c => (!only || only.has(c.id)) && !skip.has(c.id) && SEVERITIES.indexOf(c.severity) <= floor);
  // The objects each control failed, for the controls about suppressions that run after it.
  const failed = new Map<string, Set<IndexedObject>>();
  const ctx: CheckContext = { index, config, catalogue: new Map(all.map(c => [c.id, c])), failedBy: id => failed.get(id) };
  const outcomes: OutcomeCollector[] = [];
  const findings: Finding[] = [];
  for (let c = 0; c < controls.length; c++) {
    const control = controls[c];
    const outcome = new OutcomeCollector(control);
    const { results: all, evaluated } = resultsOf(control, ctx);
    const results = index.mayHoldCopies ? withoutRepeatedFailures(index, all) : all;
    const failedHere = evaluated ? new Set<IndexedObject>() : undefined;
    if (failedHere) failed.set(control.id, failedHere);
    for (let i = 0; i < results.length; i++) {
      const r = results[i];
      if (r.passed && r.message === undefined && r.path === undefined) {
        outcome.addPassed(r.object);
        continue;
      }
      if (!r.passed) failedHere?.add(r.object);
      const evaluation = evaluate(control, r, config);
      outcome.addRemarked(evaluation);
      if (evaluation.status === 'failed') findings.push(findingOf(evaluation));
    }
    outcomes.push(outcome);
  }
  let evaluations: Evaluation[] | undefined;
  return {
    config, controls, index, outcomes, findings, rejected: index.rejected,
    get evaluations(): readonly Evaluation[] {
      if (evaluations === undefined) {
        evaluations = [];
        for (const outcome of outcomes) outcome.appendEvaluations(evaluations);
      }
      return evaluations;
    },
  };
}

/** The results of a control; a control that throws yields one failure saying so, and is not `evaluated`. */
function resultsOf(control: Control, ctx: CheckContext): { results: readonly CheckResult[]; evaluated: boolean } {
  try {
    return { results: control.check(ctx), evaluated: true };
  } catch (e) {
    return { results: [fail(controlErrorObject(control), `the control could not be evaluated: ${(e as Error).message ?? e}`)], evaluated: false };
  }
}

/**
 * The results of a control without the failures of a cluster export's copies that the template
 * they copy already reports: a failure of an object whose covering object
 * ({@link ManifestIndex.coveringObject}) failed the control with the same message. Along a chain
 * of copies the failure stays on the topmost object that has it. Anything else on a copy stays:
 * its passes, and the failures its own template has (an old revision, a container another webhook added).
 * When the covering object is a Knative Service, a message about the container Knative named
 * (`container "user-container": …`) is compared as the Service labels its unnamed container
 * (`containers[0]: …`); the rest of the message must be the same.
 */
function withoutRepeatedFailures(index: ManifestIndex, results: readonly CheckResult[]): readonly CheckResult[] {
  const covers = new Map<CheckResult, IndexedObject>();
  for (const r of results) {
    const cover = r.passed ? undefined : index.coveringObject(r.object);
    if (cover !== undefined) covers.set(r, cover);
  }
  if (covers.size === 0) return results;
  const messages = new Map<IndexedObject, Set<string | undefined>>();
  for (const r of results) {
    if (r.passed) continue;
    let set = messages.get(r.object);
    if (!set) messages.set(r.object, set = new Set());
    set.add(r.message);
  }
  return results.filter(r => {
    const cover = covers.get(r);
    const theirs = cover === undefined ? undefined : messages.get(cover);
    if (theirs === undefined) return true;
    if (theirs.has(r.message)) return false;
    const renamed = isKnativeService(cover!) ? asServiceWrites(r.message, knativeLabelsOf(index, cover!)) : undefined;
    return renamed === undefined || !theirs.has(renamed);
  });
}

/** The labels of a Knative Service's unnamed containers as its Pods write them ({@link userContainerLabels}), once per Service. */
function knativeLabelsOf(index: ManifestIndex, service: IndexedObject): ReadonlyMap<string, string> {
  const memo = index.cached('knativeUserContainerLabels', () => new Map<IndexedObject, ReadonlyMap<string, string>>());
  let labels = memo.get(service);
  if (labels === undefined) {
    const template = index.podTemplateOf(service);
    memo.set(service, labels = template === undefined ? new Map() : userContainerLabels(containersOf(template)));
  }
  return labels;
}

/** The evidence of a result with something to remark: passed, suppressed (by a valid suppression of the control) or failed. */
function evaluate(control: Control, r: CheckResult, config: ResolvedComplianceConfig): Evaluation {
  const object = r.object;
  if (r.passed) return { control, object, status: 'passed', message: r.message, path: r.path, suppression: undefined };
  const suppression = applicableSuppression(control, object, config);
  return { control, object, status: suppression ? 'suppressed' : 'failed', message: r.message, path: r.path, suppression };
}

function findingOf(e: Evaluation): Finding {
  const c = e.control;
  return {
    controlId: c.id, title: c.title, severity: c.severity, criteria: c.criteria,
    object: e.object, message: e.message ?? c.condition, path: e.path, remediation: c.remediation,
  };
}

/**
 * The suppression that silences a failure of `control` on `object`, if one is declared and can be
 * honoured: by the rules `suppression-reasoned` judges it by, the organisation's maxSuppressionDays included.
 */
function applicableSuppression(control: Control, object: IndexedObject, config: ResolvedComplianceConfig): Suppression | undefined {
  if (control.suppressible === false) return undefined;
  const s = suppressionsOf(object).get(control.id);
  return s && suppressionProblemOn(s, object, control, config) === undefined ? s : undefined;
}
