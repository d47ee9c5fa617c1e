import { isIP } from 'net';
import { PropProblem } from '../errors';

const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Whether a host is a wildcard (`*.example.com`). */
export function isWildcardHost(host: string): boolean {
  return host.startsWith('*.');
}

/**
 * A problem with a public DNS name (an Ingress host, a certificate name, an external host), or
 * `undefined` when it is valid: lower-case DNS-1123 labels, at least two of them, at most 253
 * characters, no trailing dot, port, scheme or IP address. A leading `*.` is accepted only when
 * `wildcard` is true (the caller decides whether wildcards are allowed); `ipProblem` says why an IP
 * address is refused where the caller refuses it for another reason than certificates.
 */
export function checkHost(prop: string, value: unknown, opts: { wildcard?: boolean; ipProblem?: string } = {}): PropProblem | undefined {
  const fix = 'use a fully qualified lower-case DNS name such as "pay.example.com" (no scheme, port, path or trailing dot)';
  if (typeof value !== 'string' || value === '') return { prop, value, problem: 'must be a DNS name', fix };
  const name = opts.wildcard && isWildcardHost(value) ? value.slice(2) : value;
  if (value !== value.toLowerCase()) {
    // The fix names the lower-case host only when that is valid; else the problem it still has is named too.
    const rest = checkHost(prop, value.toLowerCase(), opts);
    const problem = 'must be lower case (Kubernetes rejects upper-case hosts)';
    return rest ? { prop, value, problem: `${problem}; in lower case it ${rest.problem}`, fix: rest.fix } : { prop, value, problem, fix: `use "${value.toLowerCase()}"` };
  }
  if (name.includes('*')) {
    return { prop, value, problem: opts.wildcard ? 'may hold a wildcard only as its whole first label ("*.example.com")' : 'is a wildcard, which is not allowed here', fix };
  }
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//.exec(name);
  if (scheme) return { prop, value, problem: `is a URL, not a host name`, fix: `drop "${scheme[0]}" and anything after the host: "${name.slice(scheme[0].length).split(/[/:?#]/)[0]}"` };
  if (/[/?#]/.test(name)) return { prop, value, problem: 'holds a path, query or fragment, not only a host name', fix };
  // A dotted IPv4 address, or (only a name with a colon can be one) an IPv6 address.
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name) || (name.includes(':') && isIP(name) !== 0)) return { prop, value, problem: opts.ipProblem ?? 'is an IP address, which a certificate from an ACME CA cannot cover', fix };
  if (name.includes(':')) return { prop, value, problem: 'holds a port, not only a host name', fix };
  const labels = name.split('.');
  if (value.length > 253) return { prop, value, problem: `is ${value.length} characters long, more than the 253 a DNS name holds`, fix: 'use a shorter name, e.g. fewer or shorter labels' };
  const long = labels.find(l => l.length > 63);
  if (long !== undefined) return { prop, value, problem: `has a label of ${long.length} characters ("${long.slice(0, 20)}…"), more than the 63 a DNS label holds`, fix: 'shorten that label to 63 characters or fewer' };
  if (labels.length < 2 || !labels.every(l => LABEL.test(l)) || /^\d+$/.test(labels[labels.length - 1])) {
    return { prop, value, problem: 'is not a fully qualified DNS name (lower-case letters, digits and "-" in dot-separated labels of at most 63 characters, at least two labels)', fix };
  }
  return undefined;
}

/**
 * Suffixes of names that exist only inside a network, which no publicly trusted CA issues for:
 * Kubernetes' cluster domain, the special-use names of RFC 6761, RFC 6762 (`.local`), RFC 8375
 * (`home.arpa`) and RFC 9476 (`.alt`), ICANN's private-use `.internal`, and the de facto
 * private `.lan`, `.corp` and `.home`. Longer suffixes come first, so the most telling one is named.
 */
const NON_PUBLIC_SUFFIXES = [
  'cluster.local', 'home.arpa', 'svc', 'local', 'localhost', 'internal', 'test', 'invalid', 'example', 'lan', 'corp', 'home', 'alt',
];

/** The suffix (such as `internal`) that keeps `host` out of the public DNS, or `undefined` for a public name. */
export function nonPublicSuffix(host: string): string | undefined {
  const name = isWildcardHost(host) ? host.slice(2) : host;
  return NON_PUBLIC_SUFFIXES.find(s => name === s || name.endsWith(`.${s}`));
}

/**
 * The suffixes of names inside a Kubernetes cluster: its default cluster domain and the `svc`
 * search domain (`kubernetes.default.svc`), which name Services and pods, never a host outside.
 */
const CLUSTER_SUFFIXES = ['cluster.local', 'svc'];

/** The cluster suffix (`svc.cluster.local`, `svc`, `cluster.local`) a host ends in or is, or `undefined`. */
export function clusterSuffix(host: string): string | undefined {
  const name = isWildcardHost(host) ? host.slice(2) : host;
  if (name.endsWith('.svc.cluster.local')) return 'svc.cluster.local';
  return CLUSTER_SUFFIXES.find(s => name === s || name.endsWith(`.${s}`));
}

/** Whether `zone` (a DNS zone such as `example.com`) contains `host` (the zone itself or a name under it). */
export function zoneCovers(zone: string, host: string): boolean {
  const h = isWildcardHost(host) ? host.slice(2) : host;
  return h === zone || h.endsWith(`.${zone}`);
}

/** The first value that occurs twice, or `undefined`. */
export function firstDuplicate(values: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return undefined;
}

/**
 * A Kubernetes object name derived from free text (a host), kept within `max` characters: dots
 * and other separators become `-`; when it must be cut, a short stable hash keeps it unique.
 */
export function nameFromText(prefix: string, text: string, max = 63): string {
  return fit(`${prefix}${text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`, text, max);
}

/**
 * A Kubernetes object name derived from a valid DNS name (see {@link checkHost}) and an optional
 * port, distinct for every distinct host and port: each `-` of the host is doubled and each `.`
 * becomes a single `-`, so `a.example.com` gives `a-example-com` and `a-example.com` gives
 * `a--example-com`; the port follows after one more `-` (a valid host never ends in a numeric
 * label, so it cannot be mistaken for one). Cut to `max` characters with a short stable hash.
 */
export function nameFromHost(prefix: string, host: string, port?: number, max = 63): string {
  const text = `${host.replace(/-/g, '--').replace(/\./g, '-')}${port === undefined ? '' : `-${port}`}`;
  return fit(`${prefix}${text}`, text, max);
}

/** `base` when it fits in `max` characters, else its start and a stable hash of `text`. */
function fit(base: string, text: string, max: number): string {
  if (base.length <= max) return base;
  const hash = fnv1a(text).toString(16).padStart(8, '0');
  return `${base.slice(0, max - 9).replace(/-+$/, '')}-${hash}`;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Ports whose protocol starts in plaintext and upgrades to TLS in-band (STARTTLS and kin): SMTP
 * submission and relay, POP3, IMAP, FTP, LDAP, XMPP, PostgreSQL and MySQL. The first bytes carry
 * no TLS server name, so a ServiceEntry of protocol TLS cannot match the host: the mesh drops the
 * connection under REGISTRY_ONLY.
 */
const STARTTLS_PORTS: Readonly<Record<number, string>> = {
  21: 'FTP', 25: 'SMTP', 110: 'POP3', 143: 'IMAP', 389: 'LDAP', 587: 'SMTP submission', 3306: 'MySQL', 5222: 'XMPP', 5432: 'PostgreSQL',
};

/** The implicit-TLS port of a protocol that has one, for the fix. */
const IMPLICIT_TLS: Readonly<Record<number, string>> = { 25: '465', 587: '465', 110: '995', 143: '993', 389: '636 (LDAPS)', 21: '990' };

/**
 * Ports of protocols that run in plaintext, each with the port of its TLS form (IANA's https,
 * telnets, secure-mqtt and amqps): a connection to them carries no TLS server name (SNI) to match a
 * host by, and sends its data unencrypted.
 */
const PLAINTEXT_PORTS: Readonly<Record<number, { readonly protocol: string; readonly tls: number }>> = {
  23: { protocol: 'Telnet', tls: 992 }, 80: { protocol: 'HTTP', tls: 443 }, 1883: { protocol: 'MQTT', tls: 8883 }, 5672: { protocol: 'AMQP', tls: 5671 },
};

/** A problem with a host matched by TLS server name on a port whose protocol runs in plaintext ({@link PLAINTEXT_PORTS}). */
export function plaintextPortProblem(prop: string, value: unknown, port: number, otherwise: string): PropProblem | undefined {
  const known = Object.hasOwn(PLAINTEXT_PORTS, port) ? PLAINTEXT_PORTS[port] : undefined;
  if (known === undefined) return undefined;
  return {
    prop, value,
    problem: `names a host on port ${port} (${known.protocol}), which runs in plaintext: the connection carries no TLS server name (SNI) to match the host by, so the mesh drops it (and the data travels unencrypted)`,
    fix: `use ${known.protocol} over TLS on port ${known.tls}, or ${otherwise}`,
  };
}

/** A problem with a host matched by TLS server name on a port whose protocol upgrades to TLS only after a plaintext start. */
export function startTlsProblem(prop: string, value: unknown, port: number, otherwise: string): PropProblem | undefined {
  const protocol = Object.hasOwn(STARTTLS_PORTS, port) ? STARTTLS_PORTS[port] : undefined;
  if (protocol === undefined) return undefined;
  const implicit = Object.hasOwn(IMPLICIT_TLS, port) ? `use the implicit-TLS port ${IMPLICIT_TLS[port]}, or ` : '';
  return {
    prop, value,
    problem: `names a host on port ${port} (${protocol}), whose protocol starts in plaintext and upgrades to TLS later: the connection carries no TLS server name (SNI) to match the host by, so the mesh drops it`,
    fix: `${implicit}${otherwise}`,
  };
}

