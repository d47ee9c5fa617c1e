import { PropProblem } from '../errors';
import { CheckedKeyRef, checkKeyRef, KeyRefKind } from './key-ref';

/** {@link FILE_NAME} in words, for messages. */
export const FILE_NAME_RULE = 'letters, digits, "-", "_" and ".", starting with a letter, a digit or one "."';
/** A file name under a mount directory (`secretFiles`, `configFiles`): one path segment, not `.`, nor starting with `..`. */
export const FILE_NAME = /^(?!\.\.)(?!\.$)[.A-Za-z0-9][-._A-Za-z0-9]{0,252}$/;

/** What a prop of files mounted from one kind of object (`secretFiles`, `configFiles`) refers to. */
export interface MountedObject extends KeyRefKind {
  /** The prop, e.g. `secretFiles`. */
  readonly prop: string;
  /** An example file name, object name and key, for fixes. */
  readonly example: { readonly file: string; readonly name: string; readonly key: string };
}

/** A reference of a mounted file as checked: its object name and key, and whether each, and the file name, is valid. */
export interface CheckedFileRef extends CheckedKeyRef {
  readonly fileValid: boolean;
}

/**
 * Checks one entry of a mounted-files prop: the file name, and a `{ <nameKey>, key }` reference of
 * an object name and key ({@link checkKeyRef}), each problem pushed to `found`. `undefined` when
 * the entry is no reference at all.
 */
export function checkFileRef(mounted: MountedObject, file: string, ref: unknown, found: PropProblem[]): CheckedFileRef | undefined {
  const prop = `${mounted.prop}.${file}`;
  const { example } = mounted;
  const fileValid = FILE_NAME.test(file);
  if (!fileValid) found.push({ prop, value: file, problem: `is not a valid file name (${FILE_NAME_RULE})`, fix: `name the file, e.g. "${example.file}"` });
  const checked = checkKeyRef(prop, ref, mounted, `e.g. ${mounted.prop}: { "${file}": { ${mounted.nameKey}: "${example.name}", key: "${example.key}" } }`, found);
  return checked && { ...checked, fileValid };
}
