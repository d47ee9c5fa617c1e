// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes untrusted text (file names, values from manifests) safe for a terminal or a text report:
 * control characters, escape sequences and bidirectional overrides are shown as `\u{…}` instead
 * of being interpreted. Newlines and tabs are kept unless `oneLine`.
 */
export function printable(text: string, oneLine = false): string {
  const safe = text.replace(UNSAFE, c => `\\u{${c.codePointAt(0)!.toString(16)}}`);
  return oneLine ? safe.replace(/\s*\n\s*/g, ' ').replace(/\t/g, ' ') : safe;
}
