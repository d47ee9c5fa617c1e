/** The URL a string holds, as WHATWG `URL` reads it (any scheme; surrounding whitespace ignored), or `undefined` when it holds none or the value is not a string. */
export function parseUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return new URL(value.trim());
  } catch {
    return undefined;
  }
}
