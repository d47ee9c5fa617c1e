/**
 * The lifetime of certificates from an ACME issuer that does not ask for the Certificate's
 * duration. cert-manager sends the requested duration to an ACME server only when the issuer sets
 * `spec.acme.enableDurationFeature`, which Let's Encrypt does not support; otherwise the server
 * decides, and cert-manager schedules the renewal from the lifetime it got.
 * @see https://cert-manager.io/docs/reference/api-docs/#acme.cert-manager.io/v1.ACMEIssuer
 */
import { isLetsEncrypt, LETS_ENCRYPT_DAYS, maskUserinfo } from '../../../common/acme-servers';
import { IndexedObject } from '../../../types';
import { parseGoDuration } from './go-duration';

/**
 * Let's Encrypt's lifetimes by certificate profile (`classic` is its default), at most, as of 2026:
 * `tlsserver` issues no longer than `classic` (its lifetime is being shortened), `shortlived` 160 hours.
 */
const LETS_ENCRYPT_PROFILES: Readonly<Record<string, string>> = { classic: `${LETS_ENCRYPT_DAYS * 24}h`, tlsserver: `${LETS_ENCRYPT_DAYS * 24}h`, shortlived: '160h' };

/** What the ACME server issues, when it decides: its lifetime when known, and who decides, for messages. */
export interface CaLifetime {
  /** The lifetime in milliseconds, when the server's is known. */
  readonly ms?: number;
  /** e.g. `ClusterIssuer "letsencrypt-prod" (Let's Encrypt)`. */
  readonly issuer: string;
}

/** The lifetime the ACME server of `issuer` decides; `undefined` when the issuer is not ACME or requests the Certificate's duration. */
export function caDecidedLifetime(issuer: IndexedObject | undefined): CaLifetime | undefined {
  const acme = (issuer?.raw as any)?.spec?.acme;
  if (!issuer || !acme || typeof acme !== 'object' || acme.enableDurationFeature === true) return undefined;
  const server = typeof acme.server === 'string' ? maskUserinfo(acme.server.trim()) : '';
  if (!isLetsEncrypt(server)) return { issuer: `${issuer.kind} "${issuer.name}" (ACME server ${server || 'not set'})` };
  const profile = typeof acme.profile === 'string' && acme.profile !== '' ? acme.profile : 'classic';
  const lifetime = LETS_ENCRYPT_PROFILES[profile];
  const who = `${issuer.kind} "${issuer.name}" (Let's Encrypt${profile === 'classic' ? '' : `, profile ${profile}`})`;
  return lifetime === undefined ? { issuer: who } : { issuer: who, ms: parseGoDuration(lifetime) };
}
