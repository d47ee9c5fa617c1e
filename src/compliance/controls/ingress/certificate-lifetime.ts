import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { certificates } from './private/cert-manager';
import { DAY_MS, formatDays, parseGoDuration } from './private/go-duration';

/** cert-manager's duration when spec.duration is not set. */
const DEFAULT_DURATION = '2160h';
/** The shortest duration and renewBefore cert-manager's validation accepts (MinimumCertificateDuration, MinimumRenewBefore). */
const MIN_DURATION_MS = 60 * 60 * 1000;
const MIN_RENEW_BEFORE_MS = 5 * 60 * 1000;

function renewalProblems(cert: IndexedObject, spec: any, durationMs: number): CheckResult[] {
  if (spec.renewal?.policy === 'Disabled') return [fail(cert, 'spec.renewal.policy is Disabled, so the certificate is never renewed', 'spec.renewal.policy')];
  const hasBefore = spec.renewBefore !== undefined && spec.renewBefore !== null;
  const hasPercentage = spec.renewBeforePercentage !== undefined && spec.renewBeforePercentage !== null;
  if (hasBefore && hasPercentage) return [fail(cert, 'spec.renewBefore and spec.renewBeforePercentage cannot both be set', 'spec.renewBefore')];
  if (hasPercentage) {
    const p = spec.renewBeforePercentage;
    return Number.isInteger(p) && p > 0 && p < 100 ? []
      : [fail(cert, `spec.renewBeforePercentage ${JSON.stringify(p)} is not an integer between 1 and 99`, 'spec.renewBeforePercentage')];
  }
  if (!hasBefore) return [fail(cert, 'neither spec.renewBefore nor spec.renewBeforePercentage is set; set the renewal window explicitly', 'spec')];
  const before = parseGoDuration(spec.renewBefore);
  if (before === undefined) return [fail(cert, `spec.renewBefore "${spec.renewBefore}" is not a Go duration`, 'spec.renewBefore')];
  if (before > 0 && before < MIN_RENEW_BEFORE_MS) {
    return [fail(cert, `spec.renewBefore ${spec.renewBefore} is shorter than 5m, which cert-manager refuses`, 'spec.renewBefore')];
  }
  if (before <= 0 || before >= durationMs) {
    return [fail(cert, `spec.renewBefore ${spec.renewBefore} is not between zero and the duration (${formatDays(durationMs)} days)`, 'spec.renewBefore')];
  }
  return [];
}

function checkLifetime(cert: IndexedObject, maxDays: number): CheckResult[] {
  const spec = (cert.raw as any).spec ?? {};
  const declared = spec.duration !== undefined && spec.duration !== null;
  const durationMs = parseGoDuration(declared ? spec.duration : DEFAULT_DURATION);
  if (durationMs === undefined || durationMs <= 0) return [fail(cert, `spec.duration "${spec.duration}" is not a positive Go duration`, 'spec.duration')];
  const failures: CheckResult[] = [];
  if (durationMs < MIN_DURATION_MS) failures.push(fail(cert, `spec.duration ${spec.duration} is shorter than 1h, which cert-manager refuses`, 'spec.duration'));
  if (durationMs > maxDays * DAY_MS) {
    const what = declared ? `spec.duration ${spec.duration} (${formatDays(durationMs)} days)` : 'spec.duration is not set, so cert-manager requests 90 days, which';
    failures.push(fail(cert, `${what} exceeds the maximum of ${maxDays} days`, declared ? 'spec.duration' : 'spec'));
  }
  failures.push(...renewalProblems(cert, spec, durationMs));
  return failures.length > 0 ? failures : [pass(cert, `${formatDays(durationMs)} days, renewed ahead of expiry`)];
}

/**
 * Every Certificate has a bounded lifetime and an explicit renewal window: spec.duration (Go
 * duration, 90 days when absent) is at most `maxCertificateDays`, and renewBefore is set and
 * shorter than the duration, or renewBeforePercentage is set (1–99). Renewal must not be disabled.
 */
export const certificateLifetime = defineControl({
  id: 'certificate-lifetime',
  title: 'Certificates are short-lived and renewed ahead of expiry',
  condition: 'Every Certificate has spec.duration of at least 1h and at most maxCertificateDays (90 days when absent), and renewBefore of at least 5m and shorter than the duration, or renewBeforePercentage.',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Set spec.duration (e.g. 2160h) within the maximum and spec.renewBefore (e.g. 360h) or spec.renewBeforePercentage.',
  example: 'spec:\n  duration: 2160h\n  renewBefore: 360h',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const cert of certificates(ctx.index)) out.push(...checkLifetime(cert, ctx.config.maxCertificateDays));
    return out;
  },
});
