import { IConstruct } from 'constructs';
import { CATALOGUE, findControl } from '../src/compliance/catalogue';
import { controlIdHint, suggestControlId } from '../src/compliance/common/suggest-control-id';
import { suppressionKey, suppressionValue, suppressionWindow } from '../src/compliance/suppressions';
import { PropProblem, Soc2Error } from './errors';
import { appConfig } from './private/enforce';
import { reviewLimitProblem } from './private/review-limit';
import { suppressionTarget } from './private/suppress-target';
import { checkFutureDate, checkReason, KeyShape, settingsOf } from './private/validate';

/** Options of {@link Compliance.suppress}. */
export interface SuppressOptions {
  /**
   * The last day the suppression applies (YYYY-MM-DD); after it, the finding is back. Required
   * when the app's `maxSuppressionDays` setting is set, and at most that many days ahead.
   * @default - no expiry
   */
  readonly expires?: string;
  /**
   * The kind of the object to annotate when it is not the construct's own: the one ApiObject of
   * that kind under the scope (e.g. `'Service'` for a CompliantWorkload's Service). A kind no
   * object under the scope has, or that several have, is refused; for one of several, pass that
   * ApiObject itself as the scope.
   * @default - the construct's own object (its default child), or the scope itself when it is an ApiObject
   */
  readonly kind?: string;
}

const SUPPRESS_OPTIONS = { expires: false, kind: false } as const satisfies KeyShape<SuppressOptions>;

/**
 * Acknowledged exceptions to the compliance controls. A suppression is an annotation on the
 * object (`soc2.cdk8s.io/suppress.<control-id>`), so it shows in the pull-request diff and in the
 * evidence report with its reason.
 */
export class Compliance {
  /**
   * Suppresses one control on a construct's primary object (its `Resource` child, e.g. a
   * CompliantWorkload's Deployment or StatefulSet), on the object of `options.kind` under it (e.g.
   * its Service), or on an ApiObject given directly. The control must exist
   * and be suppressible; the reason must be real; the expiry, if given, must not be past (and is
   * required, within the limit, under the app's `maxSuppressionDays` setting); an option
   * it does not know (`expiry` for `expires`) is refused, never dropped.
   */
  public static suppress(scope: IConstruct, controlId: string, reason: string, options?: SuppressOptions): void {
    if (scope === null || typeof scope !== 'object' || typeof (scope as IConstruct).node !== 'object') {
      throw new Soc2Error(NOT_A_CONSTRUCT, 'INVALID_SUPPRESSION', [{ prop: 'scope', value: scope, problem: 'is not a construct',
        fix: 'pass the construct whose object the suppression annotates, e.g. a CompliantWorkload or an ApiObject' }]);
    }
    const found: PropProblem[] = [];
    // A misspelt option (`expiry`) would otherwise write a suppression that never expires.
    const given: PropProblem[] = [];
    const opts: SuppressOptions = settingsOf('options', options, SUPPRESS_OPTIONS, '{ expires: "2027-03-31" }', given) ?? {};
    found.push(...given.map(p => p.problem === 'is not a setting of this prop' ? { ...p, problem: 'is not an option of Compliance.suppress' } : p));
    const config = appConfig(scope);
    const control = findControl(controlId);
    if (!control) {
      const near = suggestControlId(String(controlId), CATALOGUE);
      found.push({ prop: 'controlId', value: controlId, problem: 'is not a control of the catalogue',
        fix: near === undefined ? 'run `cdk8s-soc2 controls` for the ids' : `${controlIdHint(near)} (\`cdk8s-soc2 controls\` lists the ids)` });
    } else if (control.suppressible === false) {
      found.push({ prop: 'controlId', value: controlId, problem: 'cannot be suppressed: the risk is not acceptable in a SOC 2 scope', fix: 'change the configuration instead' });
    } else if (control.inactive?.(config) !== undefined) {
      found.push({ prop: 'controlId', value: controlId, problem: `checks nothing under the app's compliance settings (${control.inactive(config)}), so the suppression would fail as not needed`,
        fix: 'remove the suppression' });
    } else if (control.suppressionRequiresExpiry && opts.expires === undefined) {
      found.push({ prop: 'options.expires', value: undefined, problem: `is required: ${controlId} accepts suppressions only as a dated window`, fix: 'pass { expires: "YYYY-MM-DD" }' });
    } else if (opts.expires === undefined) {
      const limit = reviewLimitProblem('options.expires', undefined, config);
      if (limit) found.push(limit);
    }
    const r = checkReason('reason', reason);
    if (r) found.push(r);
    if (opts.expires !== undefined) {
      const today = config.today;
      const window = suppressionWindow(control, today, config.maxSuppressionDays);
      const d = checkFutureDate('options.expires', opts.expires, today);
      if (d) found.push(d);
      else if (window?.setBy === 'control' && opts.expires > window.latest) {
        found.push({ prop: 'options.expires', value: opts.expires, problem: `is more than ${window.days} days ahead, the longest ${controlId} may be suppressed for`,
          fix: `choose a date no later than ${window.latest}, and renew the exception then if it is still needed` });
      } else {
        const limit = reviewLimitProblem('options.expires', opts.expires, config);
        if (limit) found.push(limit);
      }
    }
    const target = suppressionTarget(scope, opts.kind, found);
    const existing = target?.metadata.toJson().annotations?.[suppressionKey(controlId)];
    if (existing !== undefined) {
      found.push({ prop: 'controlId', value: controlId, problem: `is already suppressed on ${target!.node.path} ("${existing}")`, fix: 'keep one suppression per control: change the existing one, or the prop that wrote it (writableRootFilesystem, singleReplica), instead of adding another' });
    }
    Soc2Error.throwIf(scope, 'INVALID_SUPPRESSION', found);
    target!.metadata.addAnnotation(suppressionKey(controlId), suppressionValue(reason.trim(), opts.expires));
  }

  private constructor() {}
}

/** Stands for the scope in the error when what was passed as the scope is not a construct. */
const NOT_A_CONSTRUCT = { node: { path: '(not a construct)' } } as unknown as IConstruct;
