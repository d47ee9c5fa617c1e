import { ResolvedComplianceConfig } from '../../config';
import { DATAPLANE_MODE_LABEL, inAmbientMesh, whyNamespaceNotInjected, whyNoSidecar } from '../../controls/mesh/private/injection';
import { ManifestIndex } from '../../manifest-index';
import { Endpoint, endpointKey, Flow } from '../model';
import { AuthorizationPolicy, authorizationPoliciesOf, istioDecision, readAuthorizationPolicies } from './istio';
import { admittedPorts, Grant, NetworkPolicies, Peer, peerEndpoints, Resolver, Side } from './network-policy';
import { ALL_PORTS, formatPorts, intersectPorts, isEmptyPorts, PortSet, unionPorts, wholeProtocol } from './ports';
import { compare, WorkloadInfo, WorkloadSet } from './workloads';

/** The sides of a workload no NetworkPolicy isolates. */
const UNGOVERNED: { readonly ingress: Side; readonly egress: Side } = { ingress: { isolated: false, rules: [] }, egress: { isolated: false, rules: [] } };

/** What the sidecar does not proxy, and so no AuthorizationPolicy restricts. */
const NOT_PROXIED: PortSet = unionPorts(wholeProtocol('UDP'), wholeProtocol('SCTP'));
/** What the sidecar proxies, and so what an AuthorizationPolicy can grant. */
const PROXIED: PortSet = wholeProtocol('TCP');

interface Governance {
  readonly ingress: Side;
  readonly egress: Side;
  readonly authz: readonly AuthorizationPolicy[];
  /**
   * Whether its pods are in the mesh, with a sidecar or in the ambient mesh (the node's ztunnel),
   * and so have an identity and their AuthorizationPolicies enforced.
   */
  readonly meshed: boolean;
}

export interface Edge {
  readonly from: Endpoint;
  readonly to: Endpoint;
  /** {@link endpointKey} of `from` and of `to`. */
  readonly fromKey: string;
  readonly toKey: string;
  ports: PortSet;
  readonly via: Set<string>;
}

/**
 * The policies of every workload, the evaluation of a (source, destination) pair against them,
 * and the accumulated edges, merged by (source, destination).
 */
export class FlowGraph implements Resolver {
  public readonly workloads: WorkloadSet;
  /** The NetworkPolicies of the set, read once. */
  public readonly networkPolicies: NetworkPolicies;
  private readonly governance = new Map<string, Governance>();
  /** Edges by source key, then destination key. */
  private readonly edges = new Map<string, Map<string, Edge>>();
  /** Destination keys by source key, of every pair evaluated. */
  private readonly evaluated = new Map<string, Set<string>>();
  private readonly keys = new WeakMap<Endpoint, string>();
  private readonly labelsOfNamespace = new Map<string, Readonly<Record<string, string>>>();
  private readonly endpointsByPeer = new Map<Peer, Map<string, readonly Endpoint[]>>();

  public constructor(public readonly index: ManifestIndex, public readonly config: ResolvedComplianceConfig) {
    this.workloads = WorkloadSet.from(index, config);
    const networkPolicies = this.networkPolicies = new NetworkPolicies(index);
    const authorizationPolicies = readAuthorizationPolicies(index);
    for (const w of this.workloads.all) {
      // A pod on the host's network shares the node's address: network plugins do not isolate it
      // (Kubernetes leaves its NetworkPolicy behaviour undefined) and Istio does not inject it.
      const hostNetwork = w.pod.spec?.hostNetwork === true;
      const { ingress, egress } = hostNetwork ? UNGOVERNED : networkPolicies.sidesOf(w);
      // AuthorizationPolicies act in the sidecar, or in ztunnel for a pod of the ambient mesh (over TCP too):
      // a pod in neither is governed by its NetworkPolicies alone.
      const meshed = this.hasSidecar(w) || inAmbientMesh(w.pod, this.index.namespaceObject(w.namespace) === undefined ? undefined : this.namespaceLabels(w.namespace));
      const authz = meshed ? authorizationPoliciesOf(authorizationPolicies, config.meshRootNamespace, w) : [];
      this.governance.set(w.workload.id, { ingress, egress, authz, meshed });
    }
  }

  /**
   * Whether the workload's pods get an Istio sidecar ({@link whyNoSidecar}): not on the host
   * network, not opted out, and turned on by the labels of their namespace or, in a namespace
   * that carries neither injection label, by their own; a namespace the set does not declare is
   * taken as in the mesh.
   */
  private hasSidecar(w: WorkloadInfo): boolean {
    const declared = this.index.namespaceObject(w.namespace) !== undefined;
    return whyNoSidecar(w.pod, declared ? this.namespaceLabels(w.namespace) : undefined) === undefined;
  }

  /**
   * Whether some pod of a namespace may be in the mesh: the set does not declare the namespace, or
   * its labels turn injection on, or leave it to the pods' own labels, or put its pods in the
   * ambient mesh.
   */
  private injects(ns: string): boolean {
    if (this.index.namespaceObject(ns) === undefined) return true;
    const labels = this.namespaceLabels(ns);
    const why = whyNamespaceNotInjected(labels);
    return why === undefined || why.podMayOptIn || labels[DATAPLANE_MODE_LABEL] === 'ambient';
  }

  /** The labels of a namespace as the API server sees them, looked up once per namespace. */
  public namespaceLabels(ns: string): Readonly<Record<string, string>> {
    let labels = this.labelsOfNamespace.get(ns);
    if (!labels) {
      labels = this.index.namespaceLabels(ns);
      this.labelsOfNamespace.set(ns, labels);
    }
    return labels;
  }

  /**
   * The endpoints a peer of a policy in `policyNs` stands for ({@link peerEndpoints}), computed
   * once per peer and namespace: a policy selecting many workloads draws the same endpoints.
   */
  public endpointsOf(peer: Peer, policyNs: string): readonly Endpoint[] {
    let byNamespace = this.endpointsByPeer.get(peer);
    if (!byNamespace) {
      byNamespace = new Map();
      this.endpointsByPeer.set(peer, byNamespace);
    }
    let endpoints = byNamespace.get(policyNs);
    if (!endpoints) {
      endpoints = peerEndpoints(this, peer, policyNs);
      byNamespace.set(policyNs, endpoints);
    }
    return endpoints;
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
    const fromKey = this.keyOf(from);
    const toKey = this.keyOf(to);
    let seen = this.evaluated.get(fromKey);
    if (!seen) {
      seen = new Set();
      this.evaluated.set(fromKey, seen);
    }
    if (seen.has(toKey)) return;
    seen.add(toKey);
    const { ports, grants } = this.allowed(from, to);
    if (isEmptyPorts(ports)) return;
    const via: string[] = [];
    for (const g of grants) if (!isEmptyPorts(intersectPorts(g.ports, ports))) via.push(g.ref);
    this.record(from, to, ports, via);
  }

  /**
   * The ports allowed from `from` to `to`: the destination's ingress ∩ the source's egress ∩ the
   * destination's Istio authorization, with the grants that contribute. Once no port is left, the
   * remaining sides are not evaluated and the grants are incomplete.
   */
  public allowed(from: Endpoint, to: Endpoint): { ports: PortSet; grants: Grant[] } {
    const src = from.type === 'workload' ? this.workloads.get(from.id) : undefined;
    const dst = to.type === 'workload' ? this.workloads.get(to.id) : undefined;
    if (!src && !dst) return { ports: ALL_PORTS, grants: [] };
    let ports = ALL_PORTS;
    const grants: Grant[] = [];
    if (dst) {
      const gov = this.governanceOf(dst);
      if (gov.ingress.isolated) ports = admittedPorts(this, gov.ingress, dst.namespace, from, dst, grants);
      if (isEmptyPorts(ports)) return { ports, grants };
      const istio = istioDecision(gov.authz, from, this.workloads, this.hasIdentity(from, src));
      if (istio.governed) {
        // The sidecar proxies TCP only: UDP and SCTP reach the pod whatever its AuthorizationPolicies say,
        // and an AuthorizationPolicy is credited with TCP ports only.
        ports = intersectPorts(ports, unionPorts(istio.ports, NOT_PROXIED));
        for (const g of istio.grants) grants.push({ ref: g.ref, ports: intersectPorts(g.ports, PROXIED) });
      }
    }
    if (src && !isEmptyPorts(ports)) {
      const egress = this.governanceOf(src).egress;
      if (egress.isolated) ports = intersectPorts(ports, admittedPorts(this, egress, src.namespace, to, dst, grants));
    }
    return { ports, grants };
  }

  /**
   * Whether a source may carry a mesh identity: a workload in the mesh (a sidecar, or the ambient
   * mesh); pods of a namespace the set declares with injection off for every pod, and not in the
   * ambient mesh, carry none; other sources (unknown pods) may.
   */
  private hasIdentity(from: Endpoint, src: WorkloadInfo | undefined): boolean {
    if (src) return this.governanceOf(src).meshed;
    return from.type !== 'namespace' || from.namespace === '*' || this.injects(from.namespace);
  }

  /** Adds ports and `via` refs to the edge `from` → `to`. */
  public record(from: Endpoint, to: Endpoint, ports: PortSet, via: readonly string[]): void {
    const fromKey = this.keyOf(from);
    const toKey = this.keyOf(to);
    let bySource = this.edges.get(fromKey);
    if (!bySource) {
      bySource = new Map();
      this.edges.set(fromKey, bySource);
    }
    const edge = bySource.get(toKey);
    if (edge) {
      edge.ports = unionPorts(edge.ports, ports);
      for (const v of via) edge.via.add(v);
    } else {
      bySource.set(toKey, { from, to, fromKey, toKey, ports, via: new Set(via) });
    }
  }

  /** Every recorded edge. */
  public get recorded(): readonly Edge[] {
    const out: Edge[] = [];
    for (const bySource of this.edges.values()) for (const edge of bySource.values()) out.push(edge);
    return out;
  }

  /** Removes an edge. */
  public remove(edge: Edge): void {
    this.edges.get(edge.fromKey)?.delete(edge.toKey);
  }

  /** The edges as flows, sorted by source then destination. */
  public flows(): Flow[] {
    return [...this.recorded]
      .sort((a, b) => compare(a.fromKey, b.fromKey) || compare(a.toKey, b.toKey))
      .map(e => ({ from: e.from, to: e.to, ports: formatPorts(e.ports), via: [...e.via].sort(compare) }));
  }

  /** {@link endpointKey}, computed once per endpoint object. */
  private keyOf(e: Endpoint): string {
    let key = this.keys.get(e);
    if (key === undefined) {
      key = endpointKey(e);
      this.keys.set(e, key);
    }
    return key;
  }
}
