import type { SecretKeyRef } from '../compliant-workload';
import { PropProblem } from '../errors';
import { objectKeyProblem } from './object-key';
import { KeyShape, unknownKeys } from './validate';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The settings of a {@link SecretKeyRef}: both required. */
export const SECRET_KEY_REF_PROPS = { secret: true, key: true } as const satisfies KeyShape<SecretKeyRef>;

/** A problem with a Secret name (a DNS-1123 subdomain), `undefined` when valid. */
export function checkSecretName(prop: string, value: unknown): PropProblem | undefined {
  if (typeof value === 'string' && value.length <= 253 && SUBDOMAIN.test(value)) return undefined;
  return { prop, value, problem: 'must be a Secret name (lower-case letters, digits, "-" and ".")', fix: 'name the Secret, e.g. "cloudflare-api-token"' };
}

/** Problems with a reference to one key of a Secret, keys it does not know included. */
export function checkSecretKeyRef(prop: string, ref: SecretKeyRef | undefined): PropProblem[] {
  if (!ref || typeof ref !== 'object') return [{ prop, value: ref, problem: 'must reference a Secret key', fix: 'pass { secret: \'<name>\', key: \'<key>\' }' }];
  const out: PropProblem[] = unknownKeys(prop, ref, Object.keys(SECRET_KEY_REF_PROPS));
  const name = checkSecretName(`${prop}.secret`, ref.secret);
  if (name) out.push(name);
  const key = objectKeyProblem(`${prop}.key`, ref.key, 'Secret', 'api-token');
  if (key) out.push(key);
  return out;
}

/** The cert-manager form of a Secret key reference. */
export function secretKeySelector(ref: SecretKeyRef): { name: string; key: string } {
  return { name: ref.secret, key: ref.key };
}
