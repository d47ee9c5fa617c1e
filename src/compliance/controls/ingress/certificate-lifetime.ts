import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { CaLifetime, caDecidedLifetime } from './private/acme-lifetime';
import { DAY_MS, formatDays, parseGoDuration } from './private/go-duration';
import { CertificateField, fieldLabel, fieldPath, issuerOf, RequestedCertificate, requestedCertificates, requestPath } from './private/requested-certificates';

/** cert-manager's duration when spec.duration is not set. */
const DEFAULT_DURATION = '2160h';
/** The shortest duration and renewBefore cert-manager's validation accepts (MinimumCertificateDuration, MinimumRenewBefore). */
const MIN_DURATION_MS = 60 * 60 * 1000;
const MIN_RENEW_BEFORE_MS = 5 * 60 * 1000;

function renewalProblems(c: RequestedCertificate, durationMs: number): CheckResult[] {
  const { object: cert, spec } = c;
  const L = (f: CertificateField) => fieldLabel(c, f);
  const P = (f: CertificateField) => fieldPath(c, f);
  if (spec.renewal?.policy === 'Disabled') return [fail(cert, 'spec.renewal.policy is Disabled, so the certificate is never renewed', 'spec.renewal.policy')];
  const hasBefore = spec.renewBefore !== undefined && spec.renewBefore !== null;
  const hasPercentage = spec.renewBeforePercentage !== undefined && spec.renewBeforePercentage !== null;
  if (hasBefore && hasPercentage) return [fail(cert, `${L('renewBefore')} and ${L('renewBeforePercentage')} cannot both be set`, P('renewBefore'))];
  if (hasPercentage) {
    const p = spec.renewBeforePercentage;
    return Number.isInteger(p) && p > 0 && p < 100 ? []
      : [fail(cert, `${L('renewBeforePercentage')} ${JSON.stringify(p)} is not an integer between 1 and 99`, P('renewBeforePercentage'))];
  }
  if (!hasBefore) return [fail(cert, `neither ${L('renewBefore')} nor ${L('renewBeforePercentage')} is set; set the renewal window explicitly`, requestPath(c))];
  const before = parseGoDuration(spec.renewBefore);
  if (before === undefined) return [fail(cert, `${L('renewBefore')} "${spec.renewBefore}" is not a Go duration`, P('renewBefore'))];
  if (before > 0 && before < MIN_RENEW_BEFORE_MS) {
    return [fail(cert, `${L('renewBefore')} ${spec.renewBefore} is shorter than 5m, which cert-manager refuses`, P('renewBefore'))];
  }
  if (before <= 0 || before >= durationMs) {
    return [fail(cert, `${L('renewBefore')} ${spec.renewBefore} is not between zero and the duration (${formatDays(durationMs)} days)`, P('renewBefore'))];
  }
  return [];
}

function checkLifetime(c: RequestedCertificate, maxDays: number, ca: CaLifetime | undefined): CheckResult[] {
  const { object: cert, spec } = c;
  const label = fieldLabel(c, 'duration');
  const path = fieldPath(c, 'duration');
  const declared = spec.duration !== undefined && spec.duration !== null;
  const requestedMs = parseGoDuration(declared ? spec.duration : DEFAULT_DURATION);
  if (requestedMs === undefined || requestedMs <= 0) return [fail(cert, `${label} "${spec.duration}" is not a positive Go duration`, path)];
  const failures: CheckResult[] = [];
  if (requestedMs < MIN_DURATION_MS) failures.push(fail(cert, `${label} ${spec.duration} is shorter than 1h, which cert-manager refuses`, path));
  // The ACME server may decide the lifetime whatever the Certificate asks: then its lifetime is the one judged.
  const lifetimeMs = ca?.ms ?? requestedMs;
  if (lifetimeMs > maxDays * DAY_MS) {
    let what: string;
    if (ca?.ms !== undefined) what = `${ca.issuer} issues ${formatDays(ca.ms)} days whatever ${label} asks (the ACME server decides unless spec.acme.enableDurationFeature is set), which`;
    else if (declared) what = `${label} ${spec.duration} (${formatDays(requestedMs)} days)`;
    else what = `${label} is not set, so cert-manager requests 90 days, which`;
    failures.push(fail(cert, `${what} exceeds the maximum of ${maxDays} days`, declared && ca?.ms === undefined ? path : requestPath(c)));
  }
  // cert-manager's webhook holds renewBefore to the requested duration.
  failures.push(...renewalProblems(c, requestedMs));
  if (failures.length > 0) return failures;
  if (ca === undefined) return [pass(cert, `${formatDays(lifetimeMs)} days, renewed ahead of expiry`)];
  if (ca.ms === undefined) {
    return [pass(cert, `${formatDays(requestedMs)} days requested, renewed ahead of expiry; ${ca.issuer} decides the lifetime (spec.acme.enableDurationFeature is not set)`)];
  }
  // A renewBefore of at least the lifetime issued is replaced at run time by two thirds of it.
  const before = parseGoDuration(spec.renewBefore);
  const renewal = before !== undefined && before >= ca.ms ? `renewed at two thirds of it (${fieldLabel(c, 'renewBefore')} is not shorter than that lifetime)` : 'renewed ahead of expiry';
  return [pass(cert, `${formatDays(lifetimeMs)} days as ${ca.issuer} issues them, ${renewal}`)];
}

/**
 * Every Certificate has a bounded lifetime and an explicit renewal window: spec.duration (Go
 * duration, 90 days when absent) is at most `maxCertificateDays`, and renewBefore is set and
 * shorter than the duration, or renewBeforePercentage is set (1–99). Renewal must not be disabled.
 * The Certificates cert-manager's ingress-shim creates for an annotated Ingress (gateway-shim: Gateway) are judged by its
 * `cert-manager.io/duration`, `renew-before` and `renew-before-percentage` annotations. An ACME
 * issuer of the set that does not set `spec.acme.enableDurationFeature` does not pass the duration
 * on: the server decides, and Let's Encrypt's lifetime (90 days; 160 hours with its `shortlived`
 * profile) is the one held to the maximum and the renewal window.
 */
export const certificateLifetime = defineControl({
  id: 'certificate-lifetime',
  title: 'Certificates are short-lived and renewed ahead of expiry',
  condition: 'Every Certificate (and every Certificate an Ingress or Gateway requests through ingress-shim (gateway-shim) annotations) has spec.duration of at least 1h and at most maxCertificateDays (90 days when absent), and renewBefore of at least 5m and shorter than the duration, or renewBeforePercentage; with an ACME issuer that does not request the duration (no enableDurationFeature), Let\'s Encrypt\'s own lifetime is the duration judged.',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.7'],
  references: {
    nsa: 'Network separation and hardening: encryption',
  },
  remediation: 'Set spec.duration (e.g. 2160h) within the maximum and spec.renewBefore (e.g. 360h) or spec.renewBeforePercentage (on an Ingress or Gateway: the cert-manager.io/duration and cert-manager.io/renew-before annotations).',
  example: 'spec:\n  duration: 2160h\n  renewBefore: 360h',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const c of requestedCertificates(ctx.index)) out.push(...checkLifetime(c, ctx.config.maxCertificateDays, caDecidedLifetime(issuerOf(ctx.index, c))));
    return out;
  },
});
