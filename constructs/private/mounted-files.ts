import { PropProblem } from '../errors';
import { objectKeyProblem } from './object-key';
import { checkDnsLabel, unknownKeys } from './validate';

/** {@link FILE_NAME} in words, for messages. */
export const FILE_NAME_RULE = 'letters, digits, "-", "_" and ".", starting with a letter, a digit or one "."';
/** A file name under a mount directory (`secretFiles`, `configFiles`): one path segment, not `.`, nor starting with `..`. */
export const FILE_NAME = /^(?!\.\.)(?!\.$)[.A-Za-z0-9][-._A-Za-z0-9]{0,252}$/;

/** What a prop of files mounted from one kind of object (`secretFiles`, `configFiles`) refers to. */
export interface MountedObject {
  /** The prop, e.g. `secretFiles`. */
  readonly prop: string;
  /** The kind of object the files come from. */
  readonly kind: 'Secret' | 'ConfigMap';
  /** The reference's key naming the object (`secret`, `configMap`). */
  readonly nameKey: string;
  /** An example file name, object name and key, for fixes. */
  readonly example: { readonly file: string; readonly name: string; readonly key: string };
}

/** A reference of a mounted file as checked: its object name and key, and whether each is valid. */
export interface CheckedFileRef {
  readonly name: unknown;
  readonly key: unknown;
  readonly fileValid: boolean;
  readonly nameValid: boolean;
  readonly keyValid: boolean;
}

/**
 * Checks one entry of a mounted-files prop: the file name, and a `{ <nameKey>, key }` reference of
 * an object name and key, each problem pushed to `found`. `undefined` when the entry is no
 * reference at all.
 */
export function checkFileRef(mounted: MountedObject, file: string, ref: unknown, found: PropProblem[]): CheckedFileRef | undefined {
  const prop = `${mounted.prop}.${file}`;
  const { example } = mounted;
  const fileValid = FILE_NAME.test(file);
  if (!fileValid) found.push({ prop, value: file, problem: `is not a valid file name (${FILE_NAME_RULE})`, fix: `name the file, e.g. "${example.file}"` });
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) {
    found.push({ prop, value: ref, problem: `must be a reference to a key of a ${mounted.kind}`,
      fix: `e.g. ${mounted.prop}: { "${file}": { ${mounted.nameKey}: "${example.name}", key: "${example.key}" } }` });
    return undefined;
  }
  const name = (ref as Record<string, unknown>)[mounted.nameKey];
  const key = (ref as Record<string, unknown>).key;
  found.push(...unknownKeys(prop, ref, [mounted.nameKey, 'key']));
  const nameProblem = checkDnsLabel(`${prop}.${mounted.nameKey}`, name, { maxLength: 253 });
  if (nameProblem) found.push(nameProblem);
  const keyProblem = objectKeyProblem(`${prop}.key`, key, mounted.kind, example.key);
  if (keyProblem) found.push(keyProblem);
  return { name, key, fileValid, nameValid: nameProblem === undefined, keyValid: keyProblem === undefined };
}
