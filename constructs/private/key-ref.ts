import { PropProblem } from '../errors';
import { objectKeyProblem } from './object-key';
import { checkDnsLabel, unknownKeys } from './validate';

/** The kind of object a `{ <nameKey>, key }` reference points into, and examples for its fixes. */
export interface KeyRefKind {
  /** The kind of object holding the key. */
  readonly kind: 'Secret' | 'ConfigMap';
  /** The reference's setting naming the object (`secret`, `configMap`). */
  readonly nameKey: 'secret' | 'configMap';
  /** An example object name and key, for fixes. */
  readonly example: { readonly name: string; readonly key: string };
}

/** A reference as checked: its object name and key, and whether each is valid. */
export interface CheckedKeyRef {
  readonly name: unknown;
  readonly key: unknown;
  readonly nameValid: boolean;
  readonly keyValid: boolean;
}

/**
 * Checks a reference to one key of a Secret or ConfigMap given at `prop`: an object of exactly
 * `{ <nameKey>, key }`, an object name (a DNS-1123 subdomain) and a key the API server accepts,
 * each problem pushed to `found`, named with its path. `usage` is the fix for a value that is no
 * reference at all: how the prop is written. `undefined` when it is none.
 */
export function checkKeyRef(prop: string, ref: unknown, of: KeyRefKind, usage: string, found: PropProblem[]): CheckedKeyRef | undefined {
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) {
    found.push({ prop, value: ref, problem: `must be a reference to a key of a ${of.kind}`, fix: usage });
    return undefined;
  }
  const name = (ref as Record<string, unknown>)[of.nameKey];
  const key = (ref as Record<string, unknown>).key;
  found.push(...unknownKeys(prop, ref, [of.nameKey, 'key']));
  const nameProblem = checkDnsLabel(`${prop}.${of.nameKey}`, name, { maxLength: 253 });
  if (nameProblem) found.push(nameProblem);
  const keyProblem = objectKeyProblem(`${prop}.key`, key, of.kind, of.example.key);
  if (keyProblem) found.push(keyProblem);
  return { name, key, nameValid: nameProblem === undefined, keyValid: keyProblem === undefined };
}
