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
  return ofProtocol(protocol, FULL);
}

/** The ports `from`..`to` (inclusive) of one protocol. */
export function portRange(protocol: Protocol, from: number, to: number = from): PortSet {
  const lo = Math.max(MIN_PORT, Math.min(from, to));
  const hi = Math.min(MAX_PORT, Math.max(from, to));
  return ofProtocol(protocol, { ranges: [[lo, hi]], names: [] });
}

/** A port known only by name. */
export function namedPort(protocol: Protocol, name: string): PortSet {
  return ofProtocol(protocol, { ranges: [], names: [name] });
}

/** A set with ports of one protocol only. */
function ofProtocol(protocol: Protocol, ports: ProtocolPorts): PortSet {
  switch (protocol) {
    case 'SCTP': return { SCTP: ports, TCP: EMPTY, UDP: EMPTY };
    case 'TCP': return { SCTP: EMPTY, TCP: ports, UDP: EMPTY };
    case 'UDP': return { SCTP: EMPTY, TCP: EMPTY, UDP: ports };
  }
}

/** Ports in either set. */
export function unionPorts(a: PortSet, b: PortSet): PortSet {
  if (b === NO_PORTS || a === ALL_PORTS) return a;
  if (a === NO_PORTS || b === ALL_PORTS) return b;
  return perProtocol(a, b, unionOf);
}

/** Ports in both sets. A name survives when the other side has the same name or the whole protocol. */
export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  if (b === ALL_PORTS || a === NO_PORTS) return a;
  if (a === ALL_PORTS || b === NO_PORTS) return b;
  return perProtocol(a, b, intersectionOf);
}

/** Ports in `a` and not in `b`. */
export function subtractPorts(a: PortSet, b: PortSet): PortSet {
  if (b === NO_PORTS || a === NO_PORTS) return a;
  if (b === ALL_PORTS) return NO_PORTS;
  return perProtocol(a, b, differenceOf);
}

/** Whether the set holds no port. */
export function isEmptyPorts(a: PortSet): boolean {
  if (a === NO_PORTS) return true;
  return isNone(a.SCTP) && isNone(a.TCP) && isNone(a.UDP);
}

/** Whether two sets hold the same ports: what {@link formatPorts} writes the same way (a whole protocol whatever names it also holds). */
export function samePortSets(a: PortSet, b: PortSet): boolean {
  if (a === b) return true;
  for (const p of PROTOCOLS) {
    const x = a[p];
    const y = b[p];
    if (x === y) continue;
    const full = isFull(x.ranges);
    if (full !== isFull(y.ranges) || (!full && !samePorts(x, y))) return false;
  }
  return true;
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

/**
 * Applies an operation protocol by protocol. The operations return one of their arguments when
 * the result equals it, so the common cases (every port, no port, the same set) allocate nothing.
 */
function perProtocol(a: PortSet, b: PortSet, f: (x: ProtocolPorts, y: ProtocolPorts) => ProtocolPorts): PortSet {
  const sctp = f(a.SCTP, b.SCTP);
  const tcp = f(a.TCP, b.TCP);
  const udp = f(a.UDP, b.UDP);
  if (sctp === a.SCTP && tcp === a.TCP && udp === a.UDP) return a;
  if (sctp === b.SCTP && tcp === b.TCP && udp === b.UDP) return b;
  if (sctp === EMPTY && tcp === EMPTY && udp === EMPTY) return NO_PORTS;
  if (sctp === FULL && tcp === FULL && udp === FULL) return ALL_PORTS;
  return { SCTP: sctp, TCP: tcp, UDP: udp };
}

function unionOf(x: ProtocolPorts, y: ProtocolPorts): ProtocolPorts {
  if (x === y || isNone(y)) return x;
  if (isNone(x)) return y;
  if (isFull(x.ranges) || isFull(y.ranges)) return FULL;
  const ranges = mergeRanges(x.ranges, y.ranges);
  if (isFull(ranges)) return FULL;
  const names = y.names.length === 0 ? x.names : x.names.length === 0 ? y.names : uniqueSorted([...x.names, ...y.names]);
  return { ranges, names };
}

function intersectionOf(x: ProtocolPorts, y: ProtocolPorts): ProtocolPorts {
  if (x === y || isFull(y.ranges) || samePorts(x, y)) return x;
  if (isFull(x.ranges)) return y;
  if (isNone(x) || isNone(y)) return EMPTY;
  return { ranges: intersectRanges(x.ranges, y.ranges), names: x.names.filter(n => y.names.includes(n)) };
}

function differenceOf(x: ProtocolPorts, y: ProtocolPorts): ProtocolPorts {
  if (isNone(y)) return x;
  if (x === y || isNone(x) || isFull(y.ranges) || samePorts(x, y)) return EMPTY;
  return { ranges: subtractRanges(x.ranges, y.ranges), names: x.names.filter(n => !y.names.includes(n)) };
}

function isNone(p: ProtocolPorts): boolean {
  return p.ranges.length === 0 && p.names.length === 0;
}

function isFull(ranges: readonly Range[]): boolean {
  return ranges.length === 1 && ranges[0][0] <= MIN_PORT && ranges[0][1] >= MAX_PORT;
}

/** The union of two lists of sorted, disjoint, non-adjacent ranges, in the same form. */
function mergeRanges(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && (a[i][0] < b[j][0] || (a[i][0] === b[j][0] && a[i][1] <= b[j][1]))) ? a[i++] : b[j++];
    const last = out[out.length - 1];
    if (last && next[0] <= last[1] + 1) last[1] = Math.max(last[1], next[1]);
    else out.push([next[0], next[1]]);
  }
  return out;
}

/** Whether two port lists hold the same ranges and names. */
function samePorts(x: ProtocolPorts, y: ProtocolPorts): boolean {
  if (x.ranges.length !== y.ranges.length || x.names.length !== y.names.length) return false;
  for (let i = 0; i < x.ranges.length; i++) if (x.ranges[i][0] !== y.ranges[i][0] || x.ranges[i][1] !== y.ranges[i][1]) return false;
  for (let i = 0; i < x.names.length; i++) if (x.names[i] !== y.names[i]) return false;
  return true;
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
