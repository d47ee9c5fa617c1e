import { Duration } from 'cdk8s';
import { LETS_ENCRYPT_DAYS } from '../../src/compliance/common/acme-servers';
import { PropProblem } from '../errors';
import { durationText } from './duration';

/** The private-key algorithm of a certificate. */
export type CertificateKeyAlgorithm = 'ECDSA' | 'RSA';

/** Key sizes accepted per algorithm (what public ACME CAs issue for), the first being the default. */
export const KEY_SIZES: Readonly<Record<CertificateKeyAlgorithm, readonly number[]>> = {
  ECDSA: [256, 384],
  RSA: [2048, 3072, 4096],
};

/** The longest certificate lifetime accepted (control certificate-lifetime). */
export const MAX_DURATION_DAYS = 90;
/** cert-manager's shortest accepted duration. */
const MIN_DURATION_SECONDS = 3600;
/** cert-manager's shortest accepted renewBefore. */
const MIN_RENEW_BEFORE_SECONDS = 300;

/** The certificate settings after defaults. */
export interface CertificateSettings {
  readonly algorithm: CertificateKeyAlgorithm;
  readonly size: number;
  readonly durationSeconds: number;
  readonly renewBeforeSeconds: number;
}

/** What a user may set. */
export interface CertificateInput {
  readonly keyAlgorithm?: CertificateKeyAlgorithm;
  readonly keySize?: number;
  readonly certificateDuration?: Duration;
  readonly renewBefore?: Duration;
}

/** The app's compliance settings that bound a certificate. */
export interface CertificateLimits {
  /** The longest lifetime accepted, in days (the app's maxCertificateDays setting). */
  readonly maxDays: number;
  /** The smallest RSA key accepted, in bits (the app's minRsaKeySize setting). */
  readonly minRsaKeySize: number;
}

/** How far ahead of expiry a certificate is renewed unless the props say: 30 days, or a third of a shorter lifetime. */
const DEFAULT_RENEW_BEFORE_DAYS = 30;

/**
 * Applies the defaults (ECDSA P-256; 90 days, or the app's maxCertificateDays when shorter;
 * renewed 30 days ahead, or a third of a shorter lifetime; RSA keys of 2048 bits or the app's
 * minRsaKeySize) and returns every problem found.
 */
export function normaliseCertificate(input: CertificateInput, limits: CertificateLimits): { settings: CertificateSettings; problems: PropProblem[] } {
  const problems: PropProblem[] = [];
  const algorithm = input.keyAlgorithm ?? 'ECDSA';
  // An own-property lookup: 'constructor' or 'toString' from JavaScript are not algorithms.
  const sizes = typeof algorithm === 'string' && Object.hasOwn(KEY_SIZES, algorithm) ? KEY_SIZES[algorithm] : undefined;
  if (!sizes) {
    problems.push({ prop: 'keyAlgorithm', value: algorithm, problem: 'is not a supported key algorithm', fix: 'use \'ECDSA\' (default, P-256) or \'RSA\' (2048 bits or more)' });
  }
  const allowed = algorithm === 'RSA' ? sizes!.filter(n => n >= limits.minRsaKeySize) : sizes;
  const size = input.keySize ?? allowed?.[0] ?? sizes?.[0] ?? 256;
  // The sizes to suggest: those public CAs issue that the app's minRsaKeySize also allows.
  const sizeFix = allowed && allowed.length > 0 ? `use one of ${allowed.join(', ')} for ${algorithm}${algorithm === 'RSA' ? ', or ECDSA' : ''}`
    : 'use ECDSA, or lower the compliance setting minRsaKeySize to a size public CAs issue (2048, 3072, 4096)';
  if (sizes && !sizes.includes(size)) {
    const weak = algorithm === 'RSA' ? size < 2048 : size < 256;
    problems.push({
      prop: 'keySize', value: size,
      problem: weak ? `is too small for ${algorithm}: keys this short can be broken` : `is not a ${algorithm} key size public CAs issue`,
      fix: sizeFix,
    });
  } else if (allowed && !allowed.includes(size)) {
    problems.push({
      prop: input.keySize === undefined ? 'keyAlgorithm' : 'keySize', value: input.keySize === undefined ? algorithm : size,
      problem: `gives an RSA key of ${size} bits, below the app's minRsaKeySize setting (${limits.minRsaKeySize})`,
      fix: sizeFix,
    });
  }
  const maxDays = Math.min(MAX_DURATION_DAYS, limits.maxDays);
  const durationGiven = input.certificateDuration ?? Duration.days(maxDays);
  const duration = seconds('certificateDuration', durationGiven, problems);
  const defaultRenewBefore = duration === undefined ? DEFAULT_RENEW_BEFORE_DAYS * 86400 : Math.min(DEFAULT_RENEW_BEFORE_DAYS * 86400, Math.floor(duration / 3));
  const renewGiven = input.renewBefore ?? Duration.seconds(defaultRenewBefore);
  const renewBefore = seconds('renewBefore', renewGiven, problems);
  // Problems name the values as written in the code, not as rounded to whole seconds.
  if (duration !== undefined) {
    if (duration > maxDays * 86400) {
      const setting = maxDays < MAX_DURATION_DAYS ? ` (the app's maxCertificateDays setting)` : '';
      problems.push({ prop: 'certificateDuration', value: durationText(durationGiven), problem: `exceeds ${maxDays} days${setting}: long-lived certificates widen the window in which a stolen key is useful`,
        fix: `use Duration.days(${maxDays}) or less` });
    } else if (duration < MIN_DURATION_SECONDS) {
      problems.push({ prop: 'certificateDuration', value: durationText(durationGiven), problem: 'is shorter than one hour, which cert-manager refuses', fix: `use at least Duration.hours(1); the default is ${maxDays} days` });
    }
  }
  if (renewBefore !== undefined) {
    if (renewBefore < MIN_RENEW_BEFORE_SECONDS) {
      problems.push({ prop: 'renewBefore', value: durationText(renewGiven), problem: 'is shorter than five minutes, which cert-manager refuses', fix: `renew well ahead of expiry, e.g. ${durationCode(defaultRenewBefore)}` });
    } else if (duration !== undefined && renewBefore >= duration) {
      // A value just under the duration may reach it once cert-manager keeps whole seconds of both.
      const rounded = !exactly(renewGiven, renewBefore) || !exactly(durationGiven, duration)
        ? ` once both are rounded to the whole seconds cert-manager keeps (${durationText(Duration.seconds(renewBefore))} and ${durationText(Duration.seconds(duration))})` : '';
      problems.push({ prop: 'renewBefore', value: durationText(renewGiven), problem: `is not shorter than the certificate duration (${durationText(durationGiven)})${rounded}, so the certificate would be renewed continuously`,
        fix: `renew about a third of the lifetime ahead, e.g. ${durationCode(defaultRenewBefore)}, or omit renewBefore` });
    }
  }
  return { settings: { algorithm, size, durationSeconds: duration ?? 0, renewBeforeSeconds: renewBefore ?? 0 }, problems };
}


/**
 * A certificate lifetime the issuer's CA does not honour. cert-manager sends the requested
 * duration to an ACME server only with `enableDurationFeature`, which Let's Encrypt does not
 * support: it issues 90-day certificates whatever the Certificate asks, and the certificate-lifetime
 * control holds that lifetime to the app's maxCertificateDays. `givenDuration` is the
 * certificateDuration prop, named in the problem as written; without it the issuer is the problem.
 */
export function caLifetimeProblem(issuer: { readonly publicCa?: string; readonly letsEncrypt?: boolean }, durationSeconds: number, givenDuration: Duration | undefined, maxDays: number): PropProblem | undefined {
  const publicCa = issuer.publicCa;
  if (!issuer.letsEncrypt || durationSeconds === 0 || durationSeconds >= LETS_ENCRYPT_DAYS * 86400) return undefined;
  const ignored = `${publicCa} issues ${LETS_ENCRYPT_DAYS}-day certificates whatever the Certificate asks (cert-manager passes the duration on only with enableDurationFeature, which Let's Encrypt does not support)`;
  if (givenDuration !== undefined) {
    return { prop: 'certificateDuration', value: durationText(givenDuration), problem: `is not what the certificate gets: ${ignored}`,
      fix: maxDays >= LETS_ENCRYPT_DAYS ? 'omit certificateDuration (90 days), or take shorter-lived certificates from a CA that issues them, e.g. Issuer.ca(...)'
        : `take certificates of at most ${maxDays} days from a CA that issues them, e.g. Issuer.ca(...), or set the app's maxCertificateDays to ${LETS_ENCRYPT_DAYS}` };
  }
  return { prop: 'issuer', value: publicCa, problem: `cannot meet the app's maxCertificateDays setting (${maxDays}): ${ignored}`,
    fix: `take certificates of at most ${maxDays} days from a CA that issues them, e.g. Issuer.ca(...), or set the app's maxCertificateDays to ${LETS_ENCRYPT_DAYS}` };
}

function seconds(prop: string, d: Duration, problems: PropProblem[]): number | undefined {
  if (!(d instanceof Duration)) {
    problems.push({ prop, value: d, problem: 'must be a Duration', fix: 'use Duration.days(...) or Duration.hours(...) from cdk8s' });
    return undefined;
  }
  // cert-manager stores whole seconds: compare what it will hold.
  return Math.round(d.toSeconds({ integral: false }));
}

/** Whether a Duration is exactly the whole seconds it was rounded to. */
function exactly(d: Duration, seconds: number): boolean {
  return d.toMilliseconds({ integral: false }) === seconds * 1000;
}

/** A duration in seconds as Go writes it (`2160h0m0s`), the form cert-manager stores. */
export function goDuration(totalSeconds: number): string {
  const s = Math.round(totalSeconds);
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m${s % 60}s`;
}

/** A duration as the cdk8s code that makes it: `Duration.days(30)`, `Duration.hours(8)`. */
function durationCode(totalSeconds: number): string {
  if (totalSeconds % 86400 === 0) return `Duration.days(${totalSeconds / 86400})`;
  if (totalSeconds % 3600 === 0) return `Duration.hours(${totalSeconds / 3600})`;
  return `Duration.minutes(${Math.max(5, Math.floor(totalSeconds / 60))})`;
}

/** The `spec` of a cert-manager Certificate for the given hosts. */
export function certificateSpec(settings: CertificateSettings, secretName: string, dnsNames: readonly string[],
  issuerRef: { kind: string; name: string }): Record<string, unknown> {
  return {
    secretName,
    dnsNames: [...dnsNames],
    issuerRef: { group: 'cert-manager.io', kind: issuerRef.kind, name: issuerRef.name },
    privateKey: { algorithm: settings.algorithm, size: settings.size, rotationPolicy: 'Always' },
    duration: goDuration(settings.durationSeconds),
    renewBefore: goDuration(settings.renewBeforeSeconds),
    usages: settings.algorithm === 'RSA' ? ['digital signature', 'key encipherment', 'server auth'] : ['digital signature', 'server auth'],
  };
}
