/** DNS host matching as Ingress TLS and X.509 subject alternative names use it. */

/**
 * Whether `pattern` covers `host`: equal (case-insensitive, trailing dot ignored), or a wildcard
 * `*.example.com` matching exactly one more label (`a.example.com`, not `example.com` nor
 * `a.b.example.com`). A wildcard host is covered only by the same wildcard.
 */
export function hostMatches(pattern: string, host: string): boolean {
  const p = normalise(pattern);
  const h = normalise(host);
  if (p === '' || h === '') return false;
  if (p === h) return true;
  if (!p.startsWith('*.') || h.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

/** Whether any of `patterns` covers `host`. */
export function hostCovered(host: string, patterns: readonly string[]): boolean {
  return patterns.some(p => hostMatches(p, host));
}

function normalise(name: string): string {
  const n = name.trim().toLowerCase();
  return n.endsWith('.') ? n.slice(0, -1) : n;
}
