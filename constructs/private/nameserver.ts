import { isIP } from 'net';
import { PropProblem } from '../errors';

const LABEL = '[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?';
const HOST_NAME = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const FIX = 'e.g. "ns1.example.com:53", "192.0.2.53:53" or "[2001:db8::53]:53" (the port defaults to 53)';

/**
 * A problem with an RFC 2136 nameserver, or `undefined` when it is valid: a host name, an IPv4
 * address or a bracketed IPv6 address, optionally followed by `:port` (1 to 65535), as cert-manager
 * takes it. A host that is neither (`-:53`, `999.1.1.1:53`, `...:53`) would leave every DNS-01
 * challenge of the issuer unsolved, with nothing at synth to tell.
 */
export function checkNameserver(prop: string, value: unknown): PropProblem | undefined {
  if (typeof value !== 'string') return { prop, value, problem: 'is not host:port (a port from 1 to 65535)', fix: FIX };
  if (isIP(value) === 6) {
    return { prop, value, problem: 'is an IPv6 address without brackets, so its port cannot be told apart', fix: `write it "[${value}]:53"` };
  }
  const parts = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(value);
  if (!parts || (parts[2] !== undefined && (Number(parts[2]) < 1 || Number(parts[2]) > 65535))) {
    return { prop, value, problem: 'is not host:port (a port from 1 to 65535)', fix: FIX };
  }
  const host = parts[1];
  const valid = host.startsWith('[')
    ? isIP(host.slice(1, -1)) === 6
    : /^[\d.]+$/.test(host) ? isIP(host) === 4 : host.length <= 253 && HOST_NAME.test(host);
  if (!valid) {
    return { prop, value, problem: `names the host "${host}", which is no host name, IPv4 address or bracketed IPv6 address`, fix: FIX };
  }
  return undefined;
}
