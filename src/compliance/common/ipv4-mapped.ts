import { isIPv6 } from 'net';

/**
 * The IPv4 prefix length of an IPv4-mapped IPv6 range (`::ffff:0.0.0.0/96` → 0,
 * `::ffff:203.0.113.0/120` → 24), or `undefined` for any other CIDR. Network plugins written in Go
 * (`net.IPNet.Contains`) match such a range against IPv4 addresses as the IPv4 range it maps, so
 * `::ffff:0.0.0.0/96` admits every IPv4 address although its IPv6 prefix looks narrow.
 */
export function ipv4MappedPrefix(cidr: unknown): number | undefined {
  if (typeof cidr !== 'string') return undefined;
  const trimmed = cidr.trim();
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return undefined;
  const address = trimmed.slice(0, slash);
  const prefixText = trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || !isIPv6(address)) return undefined;
  const prefix = Number(prefixText);
  if (prefix < 96 || prefix > 128) return undefined;
  const groups = ipv6Groups(address.toLowerCase());
  const mapped = groups.slice(0, 5).every(g => g === 0) && groups[5] === 0xffff;
  return mapped ? prefix - 96 : undefined;
}

/**
 * The IPv4 prefix length of a range inside the NAT64 well-known prefix `64:ff9b::/96` (RFC 6052),
 * or `undefined` for any other CIDR. On a cluster that reaches IPv4 through NAT64, egress to
 * `64:ff9b::/96` is egress to every IPv4 address.
 */
export function nat64Prefix(cidr: unknown): number | undefined {
  if (typeof cidr !== 'string') return undefined;
  const trimmed = cidr.trim();
  const slash = trimmed.lastIndexOf('/');
  const address = trimmed.slice(0, slash);
  const prefixText = trimmed.slice(slash + 1);
  if (slash < 0 || !/^\d{1,3}$/.test(prefixText) || !isIPv6(address)) return undefined;
  const prefix = Number(prefixText);
  if (prefix < 96 || prefix > 128) return undefined;
  const groups = ipv6Groups(address.toLowerCase());
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every(g => g === 0);
  return nat64 ? prefix - 96 : undefined;
}

/** The eight 16-bit groups of a valid IPv6 address (a trailing dotted IPv4 part counts as two). */
function ipv6Groups(address: string): number[] {
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').flatMap(g => {
    if (!g.includes('.')) return [parseInt(g, 16)];
    const [a, b, c, d] = g.split('.').map(Number);
    return [(a << 8) | b, (c << 8) | d];
  }));
  if (!address.includes('::')) return parse(address);
  const [head, tail] = address.split('::');
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * Whether a CIDR is every address of its family (`0.0.0.0/0`, `::/0`, any `/0`), or every IPv4
 * address written as an IPv4-mapped IPv6 range (`::ffff:0.0.0.0/96`), which network plugins match
 * as `0.0.0.0/0`, or as the NAT64 prefix (`64:ff9b::/96`), through which an IPv6 pod reaches them.
 */
export function isAllAddresses(cidr: unknown): boolean {
  if (typeof cidr !== 'string') return false;
  const slash = cidr.trim().lastIndexOf('/');
  return (slash > 0 && /^0+$/.test(cidr.trim().slice(slash + 1))) || ipv4MappedPrefix(cidr) === 0 || nat64Prefix(cidr) === 0;
}

/**
 * Whether a CIDR is wider than an IPv4 `/8` or an IPv6 `/32` (judging an IPv4-mapped or NAT64
 * range by the IPv4 range it stands for): a large part of the internet, such as `0.0.0.0/1`,
 * which with `128.0.0.0/1` covers every address while neither is written `/0`.
 */
export function isVeryWide(cidr: unknown): boolean {
  if (typeof cidr !== 'string') return false;
  const trimmed = cidr.trim();
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0 || !/^\d{1,3}$/.test(trimmed.slice(slash + 1))) return false;
  const v4 = ipv4MappedPrefix(trimmed) ?? nat64Prefix(trimmed);
  if (v4 !== undefined) return v4 < 8;
  const prefix = Number(trimmed.slice(slash + 1));
  return trimmed.includes(':') ? prefix < 32 : prefix < 8;
}
