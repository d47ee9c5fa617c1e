/**
 * Sets of ports per protocol, with union, intersection and difference, so that the ports of a
 * flow can be computed as "allowed by the destination ∩ allowed by the source ∩ allowed by Istio".
 *
 * A named port that cannot be resolved (e.g. `https` towards an address outside the manifests)
 * is kept by name.
 */

/** The protocols a NetworkPolicy can name, in output order. */
export type Protocol = 'SCTP' | 'TCP' | 'UDP';

/** Protocols in output order. */
export const PROTOCOLS: readonly Protocol[] = ['SCTP', 'TCP', 'UDP'];

type Range = readonly [number, number];

/** The ports of one protocol: sorted, disjoint ranges and unresolved port names. */
export interface ProtocolPorts {
  readonly ranges: readonly Range[];
  readonly names: readonly string[];
}

/** A set of ports of every protocol. */
export type PortSet = Readonly<Record<Protocol, ProtocolPorts>>;

const MIN_PORT = 1;
const MAX_PORT = 65535;
const EMPTY: ProtocolPorts = { ranges: [], names: [] };
const FULL: ProtocolPorts = { ranges: [[MIN_PORT, MAX_PORT]], names: [] };

/** Every port of every protocol. */
export const ALL_PORTS: PortSet = { SCTP: FULL, TCP: FULL, UDP: FULL };

/** No port at all. */
export const NO_PORTS: PortSet = { SCTP: EMPTY, TCP: EMPTY, UDP: EMPTY };

/** The protocol named by a NetworkPolicy or Service port (`TCP` when absent), or `undefined` when unknown. */
export function protocolOf(value: unknown): Protocol | undefined {
  if (value === undefined || value === null) return 'TCP';
  const p = String(value).toUpperCase();
  return (PROTOCOLS as readonly string[]).includes(p) ? p as Protocol : undefined;
}

/** A port number from an int-or-string value (`8080` or `"8080"`), or `undefined` for a name. */
export function portNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= MIN_PORT && n <= MAX_PORT ? n : undefined;
}

/** Every port of one protocol. */
export function wholeProtocol(protocol: Protocol): PortSet {
  return { ...NO_PORTS, [protocol]: FULL };
}

/** The ports `from`..`to` (inclusive) of one protocol. */
export function portRange(protocol: Protocol, from: number, to: number = from): PortSet {
  const lo = Math.max(MIN_PORT, Math.min(from, to));
  const hi = Math.min(MAX_PORT, Math.max(from, to));
  return { ...NO_PORTS, [protocol]: { ranges: [[lo, hi]], names: [] } };
}

/** A port known only by name. */
export function namedPort(protocol: Protocol, name: string): PortSet {
  return { ...NO_PORTS, [protocol]: { ranges: [], names: [name] } };
}

/** Ports in either set. */
export function unionPorts(a: PortSet, b: PortSet): PortSet {
  return perProtocol(a, b, (x, y) => ({ ranges: normalize([...x.ranges, ...y.ranges]), names: uniqueSorted([...x.names, ...y.names]) }));
}

/** Ports in both sets. A name survives when the other side has the same name or the whole protocol. */
export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  return perProtocol(a, b, (x, y) => ({
    ranges: intersectRanges(x.ranges, y.ranges),
    names: uniqueSorted([
      ...x.names.filter(n => y.names.includes(n) || isFull(y.ranges)),
      ...(isFull(x.ranges) ? y.names : []),
    ]),
  }));
}

/** Ports in `a` and not in `b`. */
export function subtractPorts(a: PortSet, b: PortSet): PortSet {
  return perProtocol(a, b, (x, y) => ({
    ranges: subtractRanges(x.ranges, y.ranges),
    names: isFull(y.ranges) ? [] : x.names.filter(n => !y.names.includes(n)),
  }));
}

/** Whether the set holds no port. */
export function isEmptyPorts(a: PortSet): boolean {
  return PROTOCOLS.every(p => a[p].ranges.length === 0 && a[p].names.length === 0);
}

/**
 * The set as sorted strings: `any` for every port of every protocol, else `TCP/8080`,
 * `TCP/8000-8099`, `UDP/*` (a whole protocol) or `TCP/https` (an unresolved name), ordered by
 * protocol, then port number, then name.
 */
export function formatPorts(a: PortSet): string[] {
  if (PROTOCOLS.every(p => isFull(a[p].ranges))) return ['any'];
  const out: string[] = [];
  for (const p of PROTOCOLS) {
    const { ranges, names } = a[p];
    if (isFull(ranges)) {
      out.push(`${p}/*`);
      continue;
    }
    for (const [lo, hi] of ranges) out.push(lo === hi ? `${p}/${lo}` : `${p}/${lo}-${hi}`);
    for (const n of names) out.push(`${p}/${n}`);
  }
  return out;
}

function perProtocol(a: PortSet, b: PortSet, f: (x: ProtocolPorts, y: ProtocolPorts) => ProtocolPorts): PortSet {
  const canonical = (p: ProtocolPorts): ProtocolPorts => (isFull(p.ranges) && p.names.length > 0 ? FULL : p);
  return { SCTP: canonical(f(a.SCTP, b.SCTP)), TCP: canonical(f(a.TCP, b.TCP)), UDP: canonical(f(a.UDP, b.UDP)) };
}

function isFull(ranges: readonly Range[]): boolean {
  return ranges.length === 1 && ranges[0][0] <= MIN_PORT && ranges[0][1] >= MAX_PORT;
}

function normalize(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function intersectRanges(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i][0], b[j][0]);
    const hi = Math.min(a[i][1], b[j][1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i][1] < b[j][1]) i++; else j++;
  }
  return out;
}

function subtractRanges(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const [lo0, hi] of a) {
    let lo = lo0;
    for (const [blo, bhi] of b) {
      if (bhi < lo || blo > hi) continue;
      if (blo > lo) out.push([lo, blo - 1]);
      lo = bhi + 1;
      if (lo > hi) break;
    }
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** Parses the strings of {@link formatPorts} back into a set. */
export function parsePorts(values: readonly string[]): PortSet {
  let out = NO_PORTS;
  for (const v of values) {
    if (v === 'any') return ALL_PORTS;
    const slash = v.indexOf('/');
    const protocol = slash > 0 ? protocolOf(v.slice(0, slash)) : undefined;
    if (!protocol) continue;
    const rest = v.slice(slash + 1);
    const range = /^(\d+)(?:-(\d+))?$/.exec(rest);
    if (rest === '*') out = unionPorts(out, wholeProtocol(protocol));
    else if (range) out = unionPorts(out, portRange(protocol, Number(range[1]), Number(range[2] ?? range[1])));
    else out = unionPorts(out, namedPort(protocol, rest));
  }
  return out;
}
