/**
 * Whether the `ports` of a NetworkPolicy rule reach one of the TCP ports `numbers`: a rule without
 * ports reaches every port, an entry without a port every port of its protocol, a number or a
 * range (`endPort`) those numbers. A named port reaches them when `byName` says so (its number
 * depends on the pods). UDP and SCTP entries reach no TCP port.
 */
export function reachesTcpPort(ports: unknown, numbers: readonly number[], byName: (name: string) => boolean): boolean {
  if (!Array.isArray(ports) || ports.length === 0) return true;
  return ports.some((p: any) => {
    if (typeof p?.protocol === 'string' && p.protocol.toUpperCase() !== 'TCP') return false;
    if (p?.port === undefined || p?.port === null) return true;
    if (typeof p.port === 'string' && !/^\d+$/.test(p.port)) return byName(p.port);
    const from = Number(p.port);
    const to = typeof p.endPort === 'number' ? p.endPort : from;
    return numbers.some(n => n >= from && n <= to);
  });
}
