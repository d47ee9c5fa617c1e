import type { ResolvedComplianceConfig } from './config';
import { addDays, daysText } from './private/days';
import { isIsoDate, looksDated, whyReasonInvalid } from './reason';
import { Control, IndexedObject, Suppression } from './types';

/**
 * Suppressions travel in the YAML as one annotation per control, so a reviewer sees each one in
 * the pull-request diff:
 *
 * ```yaml
 * metadata:
 *   annotations:
 *     soc2.cdk8s.io/suppress.pod-read-only-root-fs: "until 2027-03-31: vendor image writes /var/cache; SEC-142"
 * ```
 *
 * The value is the reason, optionally preceded by `until YYYY-MM-DD: ` (the last day the
 * suppression applies).
 */
export const SUPPRESSION_PREFIX = 'soc2.cdk8s.io/suppress.';

const UNTIL = /^\s*until\s+(\S+)\s*:\s*/i;

/** The annotation key for a suppression of `controlId`. */
export function suppressionKey(controlId: string): string {
  return `${SUPPRESSION_PREFIX}${controlId}`;
}

/** The annotation value for a reason and optional expiry. */
export function suppressionValue(reason: string, expires?: string): string {
  return expires ? `until ${expires}: ${reason}` : reason;
}

/** Parses one annotation value. */
export function parseSuppression(controlId: string, value: string): Suppression {
  const m = UNTIL.exec(value);
  if (!m) return { controlId, reason: value.trim() };
  return { controlId, reason: value.slice(m[0].length).trim(), expires: m[1] };
}

const cache = new WeakMap<IndexedObject, ReadonlyMap<string, Suppression>>();
const EMPTY: ReadonlyMap<string, Suppression> = new Map();

/** The suppressions declared on an object, by control id. */
export function suppressionsOf(object: IndexedObject): ReadonlyMap<string, Suppression> {
  // Most objects carry no suppression annotation: answer those without a cache entry.
  if (!hasSuppressionAnnotation(object.annotations)) return EMPTY;
  let found = cache.get(object);
  if (found) return found;
  const parsed = new Map<string, Suppression>();
  for (const key of Object.keys(object.annotations)) {
    if (!key.startsWith(SUPPRESSION_PREFIX)) continue;
    const id = key.slice(SUPPRESSION_PREFIX.length);
    parsed.set(id, parseSuppression(id, object.annotations[key]));
  }
  cache.set(object, found = parsed);
  return found;
}

/** Whether annotations hold at least one suppression annotation. */
export function hasSuppressionAnnotation(annotations: Readonly<Record<string, string>>): boolean {
  for (const key in annotations) if (key.startsWith(SUPPRESSION_PREFIX)) return true;
  return false;
}

/**
 * Why a suppression cannot be honoured, or `undefined` when it can: it needs a real reason, a
 * valid expiry that has not passed (`today` is the last valid day), an expiry at all when the
 * control accepts only dated windows or the organisation limits how long an exception runs
 * (`maxDays`, see {@link organisationLimit}), and an expiry no later than the shorter of the
 * control's window and that limit.
 */
export function suppressionProblem(s: Suppression, today: string, control?: Control, maxDays?: number): string | undefined {
  const why = whyReasonInvalid(s.reason);
  if (why) return `suppression of ${s.controlId} has no real reason: ${why}`;
  const window = suppressionWindow(control, today, maxDays);
  if (s.expires !== undefined) {
    if (!isIsoDate(s.expires)) {
      return /^\d{4}-\d{2}-\d{2}$/.test(s.expires)
        ? `suppression of ${s.controlId} has an expiry "${s.expires}" that is not a day of the calendar`
        : `suppression of ${s.controlId} has an invalid expiry "${s.expires}" (use YYYY-MM-DD)`;
    }
    if (s.expires < today) return `suppression of ${s.controlId} expired on ${s.expires}`;
    if (window !== undefined && s.expires > window.latest) {
      return window.setBy === 'control'
        ? `suppression of ${s.controlId} runs until ${s.expires}, more than ${window.days} days ahead (latest ${window.latest})`
        : `suppression of ${s.controlId} expires ${s.expires}, more than ${daysText(window.days)} after ${today} (maxSuppressionDays): set an expiry on or before ${window.latest}`;
    }
  } else if (looksDated(s.reason)) {
    return `suppression of ${s.controlId} begins like a date but is not written "until YYYY-MM-DD: reason", so its date would be ignored and it would never expire`;
  } else if (control?.suppressionRequiresExpiry) {
    return `suppression of ${s.controlId} has no expiry, and ${s.controlId} accepts suppressions only as a dated window ("until YYYY-MM-DD: reason")`;
  } else if (window !== undefined) {
    return `suppression of ${s.controlId} has no expiry, and every suppression must expire within ${daysText(window.days)} of ${today} (maxSuppressionDays): `
      + `set an expiry on or before ${window.latest} ("until ${window.latest}: reason")`;
  }
  return undefined;
}

/**
 * The organisation's limit (the `maxSuppressionDays` setting) as it applies to a suppression of
 * `control` on `object`: none when the settings set none; when the control cannot be suppressed
 * (no expiry makes the suppression count, and suppression-known-control has it removed); or when
 * the control takes a suppression there as a limit of its check rather than an exception to
 * review ({@link Control.suppressionByDesign}). An unknown control id keeps the limit: it is
 * usually a misspelt control that will need an expiry once corrected.
 */
export function organisationLimit(maxSuppressionDays: number | undefined, control: Control | undefined, object: IndexedObject): number | undefined {
  if (maxSuppressionDays === undefined || control?.suppressible === false) return undefined;
  return control?.suppressionByDesign?.(object) === true ? undefined : maxSuppressionDays;
}

/**
 * Why a suppression of `control` on `object` cannot be honoured under the run's settings, or
 * `undefined` when it can: {@link suppressionProblem} with the settings' `today` and the
 * organisation's limit as it applies there ({@link organisationLimit}). The engine and `diff`
 * judge by it, and `suppression-reasoned` by the same two steps.
 */
export function suppressionProblemOn(s: Suppression, object: IndexedObject, control: Control | undefined, config: ResolvedComplianceConfig): string | undefined {
  return suppressionProblem(s, config.today, control, organisationLimit(config.maxSuppressionDays, control, object));
}

/** The last day a suppression may run to, the number of days that allows, and what sets it: the control's window or the organisation's limit. */
export interface SuppressionWindow {
  readonly latest: string;
  readonly days: number;
  readonly setBy: 'control' | 'maxSuppressionDays';
}

/**
 * The shorter of the control's window and the organisation's limit (`maxDays`), counted from
 * `today`: undefined when neither sets one. The control's wins a tie, as its message is the more specific.
 */
export function suppressionWindow(control: Control | undefined, today: string, maxDays?: number): SuppressionWindow | undefined {
  const own = control?.maxSuppressionDays;
  if (own !== undefined && (maxDays === undefined || own <= maxDays)) return { latest: addDays(today, own), days: own, setBy: 'control' };
  return maxDays === undefined ? undefined : { latest: addDays(today, maxDays), days: maxDays, setBy: 'maxSuppressionDays' };
}

/** The last expiry a suppression of `control` may name, `today`: undefined when the control sets no limit. */
export function latestSuppressionExpiry(control: Control | undefined, today: string): string | undefined {
  return control?.maxSuppressionDays === undefined ? undefined : addDays(today, control.maxSuppressionDays);
}
