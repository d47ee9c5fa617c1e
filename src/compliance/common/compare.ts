/** Code-point order of two strings, independent of the locale, so that every run sorts alike everywhere. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
