import type { SecretKeyRef } from '../key-refs';

/** The cert-manager form of a Secret key reference. */
export function secretKeySelector(ref: SecretKeyRef): { name: string; key: string } {
  return { name: ref.secret, key: ref.key };
}
