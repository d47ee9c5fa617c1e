import { isIPv6 } from 'net';

/**
 * One spelling per range, for keys and names: IPv4 CIDRs as they are, IPv6 CIDRs with every
 * group written out in four lower-case hex digits (`2001:db8::/32` →
 * `2001:0db8:0000:0000:0000:0000:0000:0000/32`), so that two spellings of one range share a key
 * and two ranges never do. The caller has checked the CIDR.
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
