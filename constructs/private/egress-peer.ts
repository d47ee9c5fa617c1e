import { Construct } from 'constructs';
import { ipv4MappedPrefix, nat64Prefix } from '../../src/compliance/common/ipv4-mapped';
import { isCidr } from '../cidr';
import type { EgressOptions } from '../compliant-workload-options';
import { PropProblem, Soc2Error } from '../errors';
import { ExternalPeer, isOpenCidr, isTooWideCidr, MIN_IPV4_PREFIX, MIN_IPV6_PREFIX } from '../peer';
import { hostBitsProblem, ipv4MappedProblem, loopbackProblem, metadataProblem, notCidrFix } from './cidr';
import { checkHost, clusterSuffix, plaintextPortProblem, startTlsProblem } from './hosts';
import { checkPort, checkReason, KeyShape, unknownKeys, unknownOptions } from './validate';

/** The options of `allowEgressTo`. */
const EGRESS_OPTIONS = { reason: true } as const satisfies KeyShape<EgressOptions>;
/** The fields of a peer given to `allowEgressTo` (`Peer.cidr` writes them). */
const EXTERNAL_PEER_FIELDS = { cidr: true, port: true, protocol: true, host: false } as const satisfies KeyShape<ExternalPeer>;

const CIDR_PROP = 'allowEgressTo(peer.cidr)';
const NAME_RANGES = 'name the provider\'s published address ranges, one Peer.cidr per range';

/**
 * The first problem of a peer's range, in the order a user best fixes them: not a CIDR, an
 * IPv4-mapped spelling, the whole address space, host bits set, the pod's own addresses, the
 * cloud metadata service, a large part of the internet.
 */
function cidrProblem(peer: ExternalPeer | undefined): PropProblem | undefined {
  if (!peer || !isCidr(peer.cidr)) return { prop: CIDR_PROP, value: peer?.cidr, problem: 'is not an IPv4 or IPv6 CIDR', fix: notCidrFix(peer?.cidr, 'use Peer.cidr("203.0.113.0/24", 443)') };
  const cidr = peer.cidr;
  if (ipv4MappedPrefix(cidr) !== undefined) return loopbackProblem(CIDR_PROP, cidr) ?? ipv4MappedProblem(CIDR_PROP, cidr);
  if (isOpenCidr(cidr)) {
    return { prop: CIDR_PROP, value: cidr,
      problem: nat64Prefix(cidr) === undefined ? 'opens egress to the whole internet' : 'is the NAT64 prefix, through which an IPv6 pod reaches every IPv4 address',
      fix: NAME_RANGES };
  }
  const problem = hostBitsProblem(CIDR_PROP, cidr) ?? loopbackProblem(CIDR_PROP, cidr) ?? metadataProblem(CIDR_PROP, cidr, peer.protocol, peer.port);
  if (problem || !isTooWideCidr(cidr)) return problem;
  const nat64 = nat64Prefix(cidr);
  return { prop: CIDR_PROP, value: cidr,
    problem: nat64 === undefined ? `is wider than /${MIN_IPV4_PREFIX} (IPv4) or /${MIN_IPV6_PREFIX} (IPv6), a large part of the internet`
      : `is an IPv4 /${nat64} through NAT64, wider than /${MIN_IPV4_PREFIX}, a large part of the internet`,
    fix: NAME_RANGES };
}

/** Validates an external egress destination and its reason. */
export function checkEgressPeer(scope: Construct, peer: ExternalPeer, options: EgressOptions | undefined): void {
  const found: PropProblem[] = [];
  const cidr = cidrProblem(peer);
  if (cidr) found.push(cidr);
  const port = checkPort('allowEgressTo(peer.port)', peer?.port);
  if (port) found.push({ ...port, fix: 'pass the port the destination serves on, e.g. 443' });
  if (peer && peer.protocol !== 'TCP' && peer.protocol !== 'UDP') {
    // Kubernetes writes protocols in upper case: "udp" is the likely slip, and the fix names the spelling.
    const upper = typeof peer.protocol === 'string' ? (peer.protocol as string).toUpperCase() : undefined;
    found.push({ prop: 'allowEgressTo(peer.protocol)', value: peer.protocol, problem: 'must be TCP or UDP',
      fix: upper === 'UDP' || upper === 'TCP' ? `write it in upper case, "${upper}"${upper === 'TCP' ? ', or omit it' : ''}`
        // A peer written by hand needs the field, which Peer.cidr fills in: "omit it" would not help.
        : peer.protocol === undefined ? 'write "TCP" or "UDP", or build the peer with Peer.cidr(cidr, port), which writes "TCP" unless its protocol option says "UDP"'
          : 'omit it for TCP, or write "UDP"' });
  }
  if (peer?.host !== undefined && peer.protocol === 'UDP') {
    found.push({ prop: 'allowEgressTo(peer.host)', value: peer.host, problem: 'is matched by TLS SNI, which UDP traffic does not carry', fix: 'omit host for UDP destinations' });
  } else if (peer?.host !== undefined && typeof peer.port === 'number') {
    const startTls = startTlsProblem('allowEgressTo(peer.host)', peer.host, peer.port, 'omit host: the ServiceEntry then admits the address range on that port, and the protocol\'s own TLS upgrade still encrypts it')
      ?? plaintextPortProblem('allowEgressTo(peer.host)', peer.host, peer.port, 'omit host: the ServiceEntry then admits the address range on that port, unencrypted');
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
