import { ResolvedComplianceConfig } from '../../src/compliance/config';
import { PropProblem } from '../errors';
import type { Exception } from '../exception';
import { reviewLimitProblem } from './review-limit';
import { checkFutureDate, checkReason, KeyShape, settingsOf } from './validate';

/** The settings of an {@link Exception}, each flagged required or not. */
const EXCEPTION_PROPS = { reason: true, expires: false } as const satisfies KeyShape<Exception>;

/**
 * An acknowledged exception as it applies (`expires` given as `null` is no expiry): a real reason,
 * and an expiry that has not passed by `today` (the app's setting); when it is written as a
 * suppression (`suppressed`), an expiry within the app's maxSuppressionDays setting, if set.
 */
export function checkException(prop: string, e: Exception, config: ResolvedComplianceConfig, found: PropProblem[], suppressed: boolean): Exception {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) {
    found.push({ prop, value: e, problem: 'must be an object with a reason', fix: `e.g. ${prop}: { reason: 'why, and where it is tracked', expires: 'YYYY-MM-DD' }` });
    return e;
  }
  // A misspelt expiry (`expiry`) would otherwise write an exception that never expires.
  const given = settingsOf(prop, e, EXCEPTION_PROPS, '{ reason: "…" }', found)!;
  const reason = checkReason(`${prop}.reason`, given.reason);
  if (reason) found.push(reason);
  const expires = given.expires === undefined ? undefined : checkFutureDate(`${prop}.expires`, given.expires, config.today);
  if (expires) found.push(expires);
  const limit = suppressed ? reviewLimitProblem(`${prop}.expires`, given.expires, config) : undefined;
  if (limit) found.push(limit);
  return given;
}
