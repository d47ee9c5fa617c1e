import { ResolvedComplianceConfig } from '../../config';
import { ManifestIndex } from '../../manifest-index';
import { IndexedObject } from '../../types';
import { Endpoint, endpointKey, Flow } from '../model';
import { authorizationPoliciesOf, istioDecision } from './istio';
import { Grant, grantsOf, peerAdmits, Resolver, Side, sidesOf } from './network-policy';
import { ALL_PORTS, formatPorts, intersectPorts, isEmptyPorts, NO_PORTS, PortSet, unionPorts } from './ports';
import { compare, WorkloadInfo, WorkloadSet } from './workloads';

interface Governance {
  readonly ingress: Side;
  readonly egress: Side;
  readonly authz: readonly IndexedObject[];
}

interface Edge {
  readonly from: Endpoint;
  readonly to: Endpoint;
  ports: PortSet;
  readonly via: Set<string>;
}

/**
 * The policies of every workload, the evaluation of a (source, destination) pair against them,
 * and the accumulated edges, merged by (source, destination).
 */
export class FlowGraph implements Resolver {
  public readonly workloads: WorkloadSet;
  private readonly governance = new Map<string, Governance>();
  private readonly edges = new Map<string, Edge>();
  private readonly evaluated = new Set<string>();

  public constructor(public readonly index: ManifestIndex, public readonly config: ResolvedComplianceConfig) {
    this.workloads = WorkloadSet.from(index);
    for (const w of this.workloads.all) {
      const { ingress, egress } = sidesOf(index, w);
      this.governance.set(w.workload.id, { ingress, egress, authz: authorizationPoliciesOf(index, config.meshRootNamespace, w) });
    }
  }

  /** The policies governing a workload. */
  public governanceOf(w: WorkloadInfo): Governance {
    return this.governance.get(w.workload.id)!;
  }

  /**
   * Evaluates the flow `from` → `to` once and records it when some port is allowed. At least one
   * side must be a workload of the set: the other side's policies are unknown.
   */
  public consider(from: Endpoint, to: Endpoint): void {
    const key = `${endpointKey(from)}\u0000${endpointKey(to)}`;
    if (this.evaluated.has(key)) return;
    this.evaluated.add(key);
    const { ports, grants } = this.allowed(from, to);
    if (!isEmptyPorts(ports)) this.record(from, to, ports, grants.filter(g => !isEmptyPorts(intersectPorts(g.ports, ports))).map(g => g.ref));
  }

  /**
   * The ports allowed from `from` to `to`: the destination's ingress ∩ the source's egress ∩ the
   * destination's Istio authorization, with the grants that contribute.
   */
  public allowed(from: Endpoint, to: Endpoint): { ports: PortSet; grants: Grant[] } {
    const src = from.type === 'workload' ? this.workloads.get(from.id) : undefined;
    const dst = to.type === 'workload' ? this.workloads.get(to.id) : undefined;
    if (!src && !dst) return { ports: ALL_PORTS, grants: [] };
    let ports = ALL_PORTS;
    const grants: Grant[] = [];
    const restrict = (allowed: PortSet, by: readonly Grant[]) => {
      ports = intersectPorts(ports, allowed);
      grants.push(...by);
    };
    if (dst) {
      const gov = this.governanceOf(dst);
      const ingress = grantsOf(gov.ingress, peer => peerAdmits(this, peer, dst.namespace, from), dst);
      if (ingress !== 'open') restrict(unionOf(ingress), ingress);
      const istio = istioDecision(gov.authz, from, this.workloads);
      if (istio.governed) restrict(istio.ports, istio.grants);
    }
    if (src) {
      const egress = grantsOf(this.governanceOf(src).egress, peer => peerAdmits(this, peer, src.namespace, to), dst);
      if (egress !== 'open') restrict(unionOf(egress), egress);
    }
    return { ports, grants };
  }

  /** Adds ports and `via` refs to the edge `from` → `to`. */
  public record(from: Endpoint, to: Endpoint, ports: PortSet, via: readonly string[]): void {
    const key = `${endpointKey(from)}\u0000${endpointKey(to)}`;
    const edge = this.edges.get(key);
    if (edge) {
      edge.ports = unionPorts(edge.ports, ports);
      via.forEach(v => edge.via.add(v));
    } else {
      this.edges.set(key, { from, to, ports, via: new Set(via) });
    }
  }

  /** Every recorded edge. */
  public get recorded(): readonly Edge[] {
    return [...this.edges.values()];
  }

  /** Removes an edge. */
  public remove(edge: Edge): void {
    this.edges.delete(`${endpointKey(edge.from)}\u0000${endpointKey(edge.to)}`);
  }

  /** The edges as flows, sorted by source then destination. */
  public flows(): Flow[] {
    return [...this.edges.values()]
      .map(e => ({ from: e.from, to: e.to, ports: formatPorts(e.ports), via: [...e.via].sort(compare) }))
      .sort((a, b) => compare(endpointKey(a.from), endpointKey(b.from)) || compare(endpointKey(a.to), endpointKey(b.to)));
  }
}

function unionOf(grants: readonly Grant[]): PortSet {
  return grants.reduce((acc, g) => unionPorts(acc, g.ports), NO_PORTS);
}
