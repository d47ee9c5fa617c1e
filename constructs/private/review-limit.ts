import { ResolvedComplianceConfig } from '../../src/compliance/config';
import { addDays, daysText } from '../../src/compliance/private/days';
import { isIsoDate } from '../../src/compliance/reason';
import { PropProblem } from '../errors';

/**
 * A problem with the expiry of an exception that a construct writes as a suppression, under the
 * app's `maxSuppressionDays` setting: a missing expiry, or one later than that many days after
 * the app's `today`. `undefined` when the app sets no limit, or the expiry is within it (an
 * expiry that is no date or is past is another check's to name).
 */
export function reviewLimitProblem(prop: string, expires: unknown, config: ResolvedComplianceConfig): PropProblem | undefined {
  const days = config.maxSuppressionDays;
  if (days === undefined) return undefined;
  const latest = addDays(config.today, days);
  const setting = `the app's maxSuppressionDays setting (${days})`;
  if (expires === undefined || expires === null) {
    return { prop, value: expires, problem: `is required: ${setting} has every exception reviewed again within ${daysText(days)}`,
      fix: `set an expiry on or before ${latest}, e.g. "${latest}", and renew the exception then if it is still needed` };
  }
  if (typeof expires !== 'string' || !isIsoDate(expires) || expires <= latest) return undefined;
  return { prop, value: expires, problem: `is more than ${daysText(days)} after ${config.today}, the longest ${setting} allows`,
    fix: `set an expiry on or before ${latest}, and renew the exception then if it is still needed` };
}
