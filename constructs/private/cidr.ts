import { isIP, isIPv6 } from 'net';
import { cidrContains, ipv4MappedPrefix, ipv4MappedRange, METADATA_ADDRESSES, MIN_IPV4_PREFIX, MIN_IPV6_PREFIX, withHostBitsCleared } from '../../src/compliance/common/ipv4-mapped';
import { PropProblem } from '../errors';

export { normalCidr } from '../../src/compliance/common/ipv4-mapped';

/**
 * The fix for a value that is not a CIDR: a single address without its prefix length (the likely
 * slip) is written back with it, `/32` or `/128`; anything else gets `fix`.
 */
export function notCidrFix(value: unknown, fix: string): string {
  const address = typeof value === 'string' ? value.trim() : '';
  const kind = isIP(address);
  return kind === 0 ? fix : `write the single address with its prefix length, "${address}/${kind === 4 ? 32 : 128}"`;
}

/**
 * One spelling per range, for keys and names: IPv4 CIDRs as they are, IPv6 CIDRs with every
 * group written out in four lower-case hex digits (`2001:db8::/32` →
 * `2001:0db8:0000:0000:0000:0000:0000:0000/32`), so that two spellings of one range share a key
 * and two ranges never do, even once every character but letters and digits becomes `-` in a
 * name (`a:b::/128` and `a::b/128` would not). The objects themselves hold the RFC 5952 spelling,
 * {@link normalCidr}. The caller has checked the CIDR.
 */
export function canonicalCidr(cidr: string): string {
  const slash = cidr.lastIndexOf('/');
  const address = cidr.slice(0, slash);
  if (!isIPv6(address)) return cidr;
  return `${expandIpv6(address.toLowerCase())}${cidr.slice(slash)}`;
}

function expandIpv6(address: string): string {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const groups = (part: string | undefined): string[] => (part ? part.split(':').flatMap(embeddedIpv4) : []);
  const left = groups(head);
  const right = groups(tail);
  const zeros = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map(g => g.padStart(4, '0')).join(':');
}

/** A trailing dotted IPv4 part (`::ffff:192.0.2.1`) as its two hex groups; any other group as it is. */
function embeddedIpv4(group: string): string[] {
  if (!group.includes('.')) return [group];
  const [a, b, c, d] = group.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}

/**
 * The problem with an IPv4-mapped IPv6 range (`::ffff:0.0.0.0/96`): network plugins match it as
 * the IPv4 range it maps, so its IPv6 prefix says nothing of how wide it is.
 */
export function ipv4MappedProblem(prop: string, cidr: string): PropProblem {
  const v4 = ipv4MappedPrefix(cidr)!;
  return {
    prop, value: cidr,
    problem: `is an IPv4-mapped IPv6 range, which network plugins match as an IPv4 /${v4}${v4 === 0 ? ' (every IPv4 address)' : ''}`,
    fix: v4 === 0 ? 'write the IPv4 range of the destination itself, e.g. "203.0.113.0/24"' : `write the range as the IPv4 CIDR it maps, "${ipv4MappedRange(cidr)}"`,
  };
}

/** The problem with a range that has address bits set below its prefix (`203.0.113.5/24`), which opens the whole range. */
export function hostBitsProblem(prop: string, cidr: string): PropProblem | undefined {
  const range = withHostBitsCleared(cidr);
  if (range === undefined) return undefined;
  return {
    prop, value: cidr,
    problem: `has address bits set below its prefix, so it stands for the whole range ${range}`,
    fix: `write the range it opens, "${range}", or the single address as a /32 (IPv4) or /128 (IPv6)`,
  };
}

/** The problem with a range that holds a cloud instance metadata address, reached on TCP port 80, where the metadata services answer. */
export function metadataProblem(prop: string, cidr: string, protocol: string, port: number,
  fix = 'give the workload a cloud identity of its own (IRSA, Workload Identity) and reach the cloud APIs at their public endpoints'): PropProblem | undefined {
  if (protocol !== 'TCP' || port !== 80) return undefined;
  const address = METADATA_ADDRESSES.find(a => cidrContains(cidr, a));
  if (address === undefined) return undefined;
  return {
    prop, value: cidr,
    problem: `holds the cloud instance metadata address ${address}, which hands out the node's cloud credentials`,
    fix,
  };
}

/**
 * The problem with a range of the pod's own addresses: inside the loopback (`127.0.0.0/8`) or
 * "this host" (`0.0.0.0/8`: a connection to 0.0.0.0 reaches the local host) IPv4 ranges, an IPv6
 * range of at least /32 that holds `::1` or `::`, or the IPv4-mapped spelling of one
 * (`::ffff:127.0.0.1/128`). Traffic to them never leaves the pod, so no NetworkPolicy polices it
 * and no egress rule is needed, while the ServiceEntry written for it would declare the pod's own
 * addresses a destination outside the mesh.
 */
export function loopbackProblem(prop: string, cidr: string): PropProblem | undefined {
  if (!ownAddresses(cidr)) return undefined;
  return {
    prop, value: cidr,
    problem: 'is a range of the pod\'s own addresses (loopback 127.0.0.0/8 and ::1, or 0.0.0.0/8 and ::, which reach the local host): '
      + 'traffic to them never leaves the pod, so no egress rule is needed or enforced',
    fix: 'remove the call to reach a process of the same pod; for an agent on the node, allow the node\'s address range, or run the agent as a CompliantWorkload and use agent.allowFrom(workload)',
  };
}

function ownAddresses(cidr: string): boolean {
  const slash = cidr.lastIndexOf('/');
  const address = cidr.slice(0, slash);
  const prefix = Number(cidr.slice(slash + 1));
  const mapped = ipv4MappedPrefix(cidr);
  if (mapped !== undefined) {
    const groups = expandIpv6(address.toLowerCase()).split(':').slice(6).map(g => parseInt(g, 16));
    return ownAddresses(`${groups[0] >> 8}.${groups[0] & 0xff}.${groups[1] >> 8}.${groups[1] & 0xff}/${mapped}`);
  }
  if (isIPv6(address)) return prefix >= MIN_IPV6_PREFIX && (cidrContains(cidr, '::1') || cidrContains(cidr, '::'));
  return prefix >= MIN_IPV4_PREFIX && (cidrContains('127.0.0.0/8', address) || cidrContains('0.0.0.0/8', address));
}
