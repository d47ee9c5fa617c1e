import { PropProblem } from '../errors';

/**
 * A key of a ConfigMap or Secret as the API server accepts it (apimachinery `IsConfigMapKey`):
 * letters, digits, `-`, `_` and `.`, at most 253 characters, and neither `.`, `..` nor starting
 * with `..` (the kubelet's own names inside a mounted volume, `..data` and the timestamped
 * `..2024_…` directories).
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go
 */
const OBJECT_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

/** The rule of {@link isObjectKey}, for messages. */
const OBJECT_KEY_RULE = '(letters, digits, "-", "_" and ".", at most 253, not "." nor starting with "..")';

/** Whether a value is a key a ConfigMap or Secret can hold ({@link OBJECT_KEY}). */
function isObjectKey(key: unknown): key is string {
  return typeof key === 'string' && OBJECT_KEY.test(key) && key !== '.' && !key.startsWith('..');
}

/**
 * A problem with a reference to a key of a ConfigMap or Secret (`prop` ends in `.key`), `undefined`
 * when the API server accepts it; `example` is a key the fix suggests.
 */
export function objectKeyProblem(prop: string, key: unknown, kind: 'ConfigMap' | 'Secret', example: string): PropProblem | undefined {
  if (isObjectKey(key)) return undefined;
  return { prop, value: key, problem: `must be a ${kind} key ${OBJECT_KEY_RULE}`, fix: `name the key inside the ${kind}, e.g. "${example}"` };
}
