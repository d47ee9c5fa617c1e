import { isIPv4, isIPv6 } from 'net';

/** Whether `value` is an IPv4 or IPv6 CIDR (address in canonical-enough form, prefix in range). */
export function isCidr(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  // A prefix length without leading zeros (`/024` would be written into the objects as given).
  const m = /^([0-9a-fA-F:.]+)\/(0|[1-9]\d{0,2})$/.exec(value);
  if (!m) return false;
  const prefix = Number(m[2]);
  if (isIPv6(m[1])) return prefix <= 128;
  return isIPv4(m[1]) && prefix <= 32 && m[1].split('.').every(p => p === '0' || !p.startsWith('0'));
}
