import { isAllAddresses, isVeryWide, MIN_IPV4_PREFIX, MIN_IPV6_PREFIX } from '../src/compliance/common/ipv4-mapped';
import { isCidr } from './cidr';
import { factoryOptionsOf, KeyShape } from './private/validate';

/** Transport protocol of a port. */
export type PortProtocol = 'TCP' | 'UDP';

/** An endpoint outside the cluster that a workload may send traffic to. */
export interface ExternalPeer {
  /** The CIDR the traffic goes to (NetworkPolicy ipBlock). */
  readonly cidr: string;
  readonly port: number;
  readonly protocol: PortProtocol;
  /**
   * The DNS name, when the traffic is TLS to a named host: the mesh then matches it by SNI
   * (through the MeshMtls's ServiceEntry when `externalHosts` lists it, else the namespace's own).
   * @default - matched by address only
   */
  readonly host?: string;
}

/** Options of {@link Peer.cidr}. */
export interface CidrPeerOptions {
  /** @default 'TCP' */
  readonly protocol?: PortProtocol;
  /**
   * The DNS name served at the address, for TLS traffic matched by SNI in the mesh: a host
   * outside the cluster (`allowEgressTo` refuses a name ending in `.svc` or `.cluster.local`).
   * A host the app's MeshMtls lists in `externalHosts` is left to its mesh-wide ServiceEntry (the
   * namespace gets none of its own, which would shadow it); on a port that entry does not serve it
   * is refused.
   * @default - none
   */
  readonly host?: string;
}

const CIDR_PEER_OPTIONS = { protocol: false, host: false } as const satisfies KeyShape<CidrPeerOptions>;

/** Factories for egress peers outside the cluster. */
export class Peer {
  /**
   * Addresses outside the cluster on one port, e.g. `Peer.cidr('203.0.113.0/24', 443)`.
   * Open ranges (`0.0.0.0/0`, `::/0`) are refused by the workload. Options that are no object,
   * or an option it does not know, throw a Soc2Error (`INVALID_PEER`) naming
   * `Peer.cidr(options.<key>)`, with the closest known option.
   */
  public static cidr(cidr: string, port: number, options?: CidrPeerOptions): ExternalPeer {
    // An option given as null (from JSON) is absent, as if omitted.
    options = factoryOptionsOf('Peer.cidr', 'INVALID_PEER', options, '{ host: \'api.example.com\' }', CIDR_PEER_OPTIONS);
    return { cidr, port, protocol: options.protocol ?? 'TCP', host: options.host };
  }

  private constructor() {}
}

/** Whether a CIDR covers the whole address space (egress to anywhere), the NAT64 prefix included. */
export function isOpenCidr(cidr: string): boolean {
  return isCidr(cidr) && isAllAddresses(cidr);
}

export { MIN_IPV4_PREFIX, MIN_IPV6_PREFIX };

/** Whether a CIDR is too wide to name one provider (e.g. `0.0.0.0/1`, which with its twin opens everything). */
export function isTooWideCidr(cidr: string): boolean {
  return isCidr(cidr) && isVeryWide(cidr);
}
