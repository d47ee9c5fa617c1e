import type { SecretKeyRef } from '../compliant-workload';
import { PropProblem } from '../errors';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A problem with a Secret name (a DNS-1123 subdomain), `undefined` when valid. */
export function checkSecretName(prop: string, value: unknown): PropProblem | undefined {
  if (typeof value === 'string' && value.length <= 253 && SUBDOMAIN.test(value)) return undefined;
  return { prop, value, problem: 'must be a Secret name (lower-case letters, digits, "-" and ".")', fix: 'name the Secret, e.g. "cloudflare-api-token"' };
}

/** The cert-manager form of a Secret key reference. */
export function secretKeySelector(ref: SecretKeyRef): { name: string; key: string } {
  return { name: ref.secret, key: ref.key };
}
