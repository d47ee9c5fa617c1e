import { Construct } from 'constructs';
import { ipv4MappedPrefix, nat64Prefix } from '../../src/compliance/common/ipv4-mapped';
import { isCidr } from '../cidr';
import type { EgressOptions } from '../compliant-workload-options';
import { PropProblem, Soc2Error } from '../errors';
import { ExternalPeer, isOpenCidr, isTooWideCidr, MIN_IPV4_PREFIX, MIN_IPV6_PREFIX } from '../peer';
import { hostBitsProblem, ipv4MappedProblem, loopbackProblem, metadataProblem, notCidrFix } from './cidr';
import { checkHost, clusterSuffix, startTlsProblem } from './hosts';
import { checkPort, checkReason, KeyShape, unknownKeys, unknownOptions } from './validate';

/** The options of `allowEgressTo`. */
const EGRESS_OPTIONS = { reason: true } as const satisfies KeyShape<EgressOptions>;
/** The fields of a peer given to `allowEgressTo` (`Peer.cidr` writes them). */
const EXTERNAL_PEER_FIELDS = { cidr: true, port: true, protocol: true, host: false } as const satisfies KeyShape<ExternalPeer>;

/** Validates an external egress destination and its reason. */
export function checkEgressPeer(scope: Construct, peer: ExternalPeer, options: EgressOptions | undefined): void {
  const found: PropProblem[] = [];
  if (!peer || !isCidr(peer.cidr)) {
    found.push({ prop: 'allowEgressTo(peer.cidr)', value: peer?.cidr, problem: 'is not an IPv4 or IPv6 CIDR', fix: notCidrFix(peer?.cidr, 'use Peer.cidr("203.0.113.0/24", 443)') });
  } else if (ipv4MappedPrefix(peer.cidr) !== undefined) {
    found.push(loopbackProblem('allowEgressTo(peer.cidr)', peer.cidr) ?? ipv4MappedProblem('allowEgressTo(peer.cidr)', peer.cidr));
  } else if (isOpenCidr(peer.cidr)) {
    found.push({ prop: 'allowEgressTo(peer.cidr)', value: peer.cidr,
      problem: nat64Prefix(peer.cidr) === undefined ? 'opens egress to the whole internet' : 'is the NAT64 prefix, through which an IPv6 pod reaches every IPv4 address',
      fix: 'name the provider\'s published address ranges, one Peer.cidr per range' });
  } else if (hostBitsProblem('allowEgressTo(peer.cidr)', peer.cidr)) {
    found.push(hostBitsProblem('allowEgressTo(peer.cidr)', peer.cidr)!);
  } else if (loopbackProblem('allowEgressTo(peer.cidr)', peer.cidr)) {
    found.push(loopbackProblem('allowEgressTo(peer.cidr)', peer.cidr)!);
  } else if (metadataProblem('allowEgressTo(peer.cidr)', peer.cidr, peer.protocol, peer.port)) {
    found.push(metadataProblem('allowEgressTo(peer.cidr)', peer.cidr, peer.protocol, peer.port)!);
  } else if (isTooWideCidr(peer.cidr)) {
    const nat64 = nat64Prefix(peer.cidr);
    found.push({ prop: 'allowEgressTo(peer.cidr)', value: peer.cidr,
      problem: nat64 === undefined ? `is wider than /${MIN_IPV4_PREFIX} (IPv4) or /${MIN_IPV6_PREFIX} (IPv6), a large part of the internet`
        : `is an IPv4 /${nat64} through NAT64, wider than /${MIN_IPV4_PREFIX}, a large part of the internet`,
      fix: 'name the provider\'s published address ranges, one Peer.cidr per range' });
  }
  const port = checkPort('allowEgressTo(peer.port)', peer?.port);
  if (port) found.push({ ...port, fix: 'pass the port the destination serves on, e.g. 443' });
  if (peer && peer.protocol !== 'TCP' && peer.protocol !== 'UDP') {
    // Kubernetes writes protocols in upper case: "udp" is the likely slip, and the fix names the spelling.
    const upper = typeof peer.protocol === 'string' ? (peer.protocol as string).toUpperCase() : undefined;
    found.push({ prop: 'allowEgressTo(peer.protocol)', value: peer.protocol, problem: 'must be TCP or UDP',
      fix: upper === 'UDP' || upper === 'TCP' ? `write it in upper case, "${upper}"${upper === 'TCP' ? ', or omit it' : ''}` : 'omit it for TCP, or write "UDP"' });
  }
  if (peer?.host !== undefined && peer.protocol === 'UDP') {
    found.push({ prop: 'allowEgressTo(peer.host)', value: peer.host, problem: 'is matched by TLS SNI, which UDP traffic does not carry', fix: 'omit host for UDP destinations' });
  } else if (peer?.host !== undefined && peer.port === 80) {
    found.push({ prop: 'allowEgressTo(peer.host)', value: peer.host, problem: 'is matched by TLS SNI, which plain HTTP on port 80 does not carry (and plain HTTP sends data unencrypted)',
      fix: 'call the host over HTTPS on 443, or omit host' });
  } else if (peer?.host !== undefined && typeof peer.port === 'number') {
    const startTls = startTlsProblem('allowEgressTo(peer.host)', peer.host, peer.port, 'omit host: the ServiceEntry then admits the address range on that port, and the protocol\'s own TLS upgrade still encrypts it');
    if (startTls) found.push(startTls);
  }
  // Istio refuses a ServiceEntry host with a label over 63 characters, as Kubernetes refuses an Ingress host.
  const host = peer?.host === undefined ? undefined : checkHost('allowEgressTo(peer.host)', peer.host, { ipProblem: 'is an IP address, while the mesh matches a host by the TLS server name (SNI), which is never one: give the address in Peer.cidr and omit host' });
  if (host) {
    found.push(host);
  } else if (peer?.host !== undefined && clusterSuffix(peer.host) !== undefined) {
    found.push({ prop: 'allowEgressTo(peer.host)', value: peer.host,
      problem: `is a name inside the cluster (.${clusterSuffix(peer.host)}), not a host outside it: the namespace's ServiceEntry would claim a Service's own name for an outside address range`,
      fix: 'name the external host the range serves; a workload reaches a Service of the cluster through callee.allowFrom(caller)' });
  }
  const reason = checkReason('allowEgressTo(options.reason)', options?.reason, 'card payments through the processor\'s API; tracked in SEC-142');
  if (reason) found.push(reason);
  // A peer written by hand, rather than by Peer.cidr, could carry a misspelt field that is never read.
  found.push(...unknownKeys('peer', peer, Object.keys(EXTERNAL_PEER_FIELDS))
    .map(p => ({ ...p, prop: `allowEgressTo(${p.prop})`, problem: 'is not a field of an ExternalPeer' })));
  found.push(...unknownOptions('allowEgressTo(options)', options, Object.keys(EGRESS_OPTIONS)));
  Soc2Error.throwIf(scope, 'INVALID_PEER', found);
}
