import { isIPv4, isIPv6 } from 'net';

/** The widest IPv4 prefix that is not "a large part of the internet" (see {@link isVeryWide}). */
export const MIN_IPV4_PREFIX = 8;
/** The widest IPv6 prefix that is not "a large part of the internet" (see {@link isVeryWide}). */
export const MIN_IPV6_PREFIX = 32;

/**
 * The IPv4 prefix length of an IPv4-mapped IPv6 range (`::ffff:0.0.0.0/96` → 0,
 * `::ffff:203.0.113.0/120` → 24), or `undefined` for any other CIDR. Network plugins written in Go
 * (`net.IPNet.Contains`) match such a range against IPv4 addresses as the IPv4 range it maps, so
 * `::ffff:0.0.0.0/96` admits every IPv4 address although its IPv6 prefix looks narrow.
 */
export function ipv4MappedPrefix(cidr: unknown): number | undefined {
  return embeddedIpv4Prefix(cidr, g => g.slice(0, 5).every(x => x === 0) && g[5] === 0xffff);
}

/**
 * The IPv4 range an IPv4-mapped IPv6 range stands for, host bits cleared
 * (`::ffff:198.51.100.0/120` → `198.51.100.0/24`); `undefined` for any other CIDR.
 */
export function ipv4MappedRange(cidr: unknown): string | undefined {
  const prefix = ipv4MappedPrefix(cidr);
  if (prefix === undefined) return undefined;
  const trimmed = (cidr as string).trim();
  const groups = ipv6Groups(trimmed.slice(0, trimmed.lastIndexOf('/')).toLowerCase());
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const v = (((groups[6] << 16) | groups[7]) & mask) >>> 0;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}/${prefix}`;
}

/**
 * The IPv4 prefix length of a range inside the NAT64 well-known prefix `64:ff9b::/96` (RFC 6052),
 * or `undefined` for any other CIDR. On a cluster that reaches IPv4 through NAT64, egress to
 * `64:ff9b::/96` is egress to every IPv4 address.
 */
export function nat64Prefix(cidr: unknown): number | undefined {
  return embeddedIpv4Prefix(cidr, g => g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every(x => x === 0));
}

/** The prefix length minus 96 of an IPv6 CIDR of at least /96 whose first 96 bits pass `within`. */
function embeddedIpv4Prefix(cidr: unknown, within: (groups: readonly number[]) => boolean): number | undefined {
  if (typeof cidr !== 'string') return undefined;
  const trimmed = cidr.trim();
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return undefined;
  const address = trimmed.slice(0, slash);
  const prefixText = trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || !isIPv6(address)) return undefined;
  const prefix = Number(prefixText);
  if (prefix < 96 || prefix > 128) return undefined;
  return within(ipv6Groups(address.toLowerCase())) ? prefix - 96 : undefined;
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
  if (v4 !== undefined) return v4 < MIN_IPV4_PREFIX;
  const prefix = Number(trimmed.slice(slash + 1));
  return trimmed.includes(':') ? prefix < MIN_IPV6_PREFIX : prefix < MIN_IPV4_PREFIX;
}

/**
 * The CIDR with the bits below its prefix cleared (`203.0.113.0/24` for `203.0.113.5/24`): the
 * range a network plugin applies (IPv6 written as RFC 5952 writes it). `undefined` when they are
 * clear already.
 */
export function withHostBitsCleared(cidr: string): string | undefined {
  const slash = cidr.indexOf('/');
  if (slash < 0) return undefined;
  const address = cidr.slice(0, slash);
  const prefix = Number(cidr.slice(slash + 1));
  if (!address.includes(':')) {
    const octets = address.split('.').map(Number);
    const value = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    const network = (value & mask) >>> 0;
    if (network === value) return undefined;
    return `${[network >>> 24, (network >>> 16) & 255, (network >>> 8) & 255, network & 255].join('.')}/${prefix}`;
  }
  const groups = ipv6Groups(address.toLowerCase());
  let changed = false;
  const cleared = groups.map((g, i) => {
    const keep = Math.max(0, Math.min(16, prefix - i * 16));
    const masked = keep === 0 ? 0 : (g & ((0xffff << (16 - keep)) & 0xffff));
    if (masked !== g) changed = true;
    return masked;
  });
  return changed ? `${compressIpv6(cleared)}/${prefix}` : undefined;
}

/**
 * A CIDR in the one spelling of its range that Kubernetes asks for (KEP-4858 warns of any other)
 * and Go's `netip.Prefix` writes: IPv4 dotted, IPv6 as RFC 5952 writes it (`2001:DB8:0:0::/64` →
 * `2001:db8::/64`), an IPv4-mapped address with its IPv4 part dotted (`::ffff:10.0.0.0/104`, still
 * IPv6: it is not merged with `10.0.0.0/8`). Address bits below the prefix are kept as written.
 * `undefined` for text that is not a CIDR (an IPv4 octet or a prefix length with a leading zero
 * among them), which has no spelling of its own.
 */
export function normalCidr(cidr: string): string | undefined {
  const m = /^([0-9a-fA-F:.]+)\/(0|[1-9]\d{0,2})$/.exec(cidr);
  if (!m) return undefined;
  const [, address, prefixText] = m;
  const prefix = Number(prefixText);
  if (isIPv4(address)) return prefix <= 32 ? cidr : undefined;
  if (!isIPv6(address) || prefix > 128) return undefined;
  return `${compressIpv6(ipv6Groups(address.toLowerCase()))}/${prefix}`;
}

/**
 * Eight groups written as RFC 5952 writes them: lower-case hex, the longest run of two or more
 * zero groups as `::`; an IPv4-mapped address as `::ffff:` and its IPv4 address (RFC 5952 §5).
 */
function compressIpv6(groups: readonly number[]): string {
  if (groups.slice(0, 5).every(g => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${[groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.')}`;
  }
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map(g => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

/** Whether a CIDR holds an address (both IPv4 dotted, or both IPv6). */
export function cidrContains(cidr: string, address: string): boolean {
  const slash = cidr.indexOf('/');
  if (slash < 0) return false;
  const base = cidr.slice(0, slash);
  const prefix = Number(cidr.slice(slash + 1));
  const v6 = base.includes(':');
  if (v6 !== address.includes(':') || !Number.isInteger(prefix) || prefix < 0) return false;
  // Compared 16 bits at a time (an IPv4 address as two halves), the last one masked.
  const a = v6 ? ipv6Groups(base.toLowerCase()) : ipv4Halves(base);
  const b = v6 ? ipv6Groups(address.toLowerCase()) : ipv4Halves(address);
  for (let i = 0, left = prefix; left > 0 && i < a.length; i++, left -= 16) {
    const mask = left >= 16 ? 0xffff : (0xffff << (16 - left)) & 0xffff;
    if ((a[i] & mask) !== (b[i] & mask)) return false;
  }
  return true;
}

/** A dotted IPv4 address as two 16-bit halves. */
function ipv4Halves(address: string): number[] {
  const [a, b, c, d] = address.split('.').map(Number);
  return [(a << 8) | b, (c << 8) | d];
}

/** The IPv4 addresses of the cloud instance metadata services: AWS, GCP, Azure, Oracle and OpenStack's, then Alibaba Cloud's. */
const METADATA_IPV4: readonly string[] = ['169.254.169.254', '100.100.100.200'];

/**
 * The addresses of the cloud instance metadata services, which hand out the node's credentials:
 * the IPv4 ones, also as network plugins and NAT64 gateways reach them from IPv6 (IPv4-mapped,
 * and through the NAT64 prefix), and the IPv6 ones of AWS (fd00:ec2::254) and Google Cloud (fd20:ce::254).
 */
export const METADATA_ADDRESSES: readonly string[] = [
  ...METADATA_IPV4, 'fd00:ec2::254', 'fd20:ce::254', ...METADATA_IPV4.map(a => `::ffff:${a}`), ...METADATA_IPV4.map(a => `64:ff9b::${a}`),
];
