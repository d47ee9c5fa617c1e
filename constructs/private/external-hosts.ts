import { Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { compare } from '../../src/compliance/common/compare';
import { PropProblem, Soc2Error } from '../errors';
import { emit } from './api';
import { appRegistry } from './app-registry';
import { nameFromHost, nameFromText } from './hosts';
import { namePaths } from './mesh-root';

/** What one workload declares it reaches outside the cluster, for the mesh. */
export interface ExternalDestination {
  /** The host Istio knows the destination by: the TLS server name, or a name of our own for a bare range. */
  readonly host: string;
  /** Whether the host is matched by TLS SNI (a host was named). */
  readonly tls: boolean;
  /** The range, in its one spelling (`normalCidr`): two spellings of one range are one address. */
  readonly cidr: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
  /** The workload that reaches it (its Kubernetes name, for the reason), and why. */
  readonly workload: string;
  /** The workload's construct path, for errors. */
  readonly workloadPath: string;
  readonly reason: string;
}

/** The ServiceEntry of one host in one namespace, and everything the namespace's workloads declared for it. */
interface HostEntry {
  readonly namespace: Construct & { readonly name: string };
  readonly host: string;
  readonly tls: boolean;
  /** The name of its ServiceEntry. */
  readonly name: string;
  /** The construct id of its ServiceEntry under the namespace. */
  readonly id: string;
  /** The ranges in their one spelling (`normalCidr`), so two spellings of one range are one address. */
  readonly addresses: Set<string>;
  readonly ports: Map<number, { readonly name: string; readonly protocol: string }>;
  /** `workload: reason` per declaration, for the annotation. */
  readonly reasons: Map<string, Set<string>>;
  /** The construct paths of the workloads that declared each port, for errors. */
  readonly declaredBy: Map<number, Set<string>>;
  /** Whether its ServiceEntry is in the tree: not while the mesh-wide ServiceEntry serves the host. */
  emitted: boolean;
}

/** The hosts the app's MeshMtls serves to every namespace. */
interface MeshWide {
  /** The MeshMtls's construct path. */
  readonly path: string;
  /** The TLS ports of each host. */
  readonly ports: ReadonlyMap<string, ReadonlySet<number>>;
}

/** The app's external hosts: the mesh-wide ones, once its MeshMtls exists, and each namespace's own. */
interface ExternalHosts {
  mesh?: MeshWide;
  /** Per namespace construct, its entries by host. */
  readonly namespaces: Map<IConstruct, Map<string, HostEntry>>;
}

function externalHosts(scope: IConstruct): ExternalHosts {
  return appRegistry<ExternalHosts>(scope, 'mesh:external-hosts', () => ({ namespaces: new Map() }));
}

/*
 * Why a namespace's ServiceEntry must never name a host the mesh-wide ServiceEntries serve: istiod
 * keeps one service per host for a proxy. When the Sidecar of a namespace imports the same host
 * from several namespaces (a SensitiveNamespace imports `./*` and `<mesh root>/*`), istiod picks
 * the one of the proxy's own namespace, and only otherwise an arbitrary one (istio/istio#13631,
 * "Make ServiceEntry follow Sidecar isolation"; the sidecar scope's service selection). So a
 * namespace-local entry for the host replaces the mesh-wide one for every workload of that
 * namespace: its ports, resolution and addresses become the only route to the host there, and
 * under REGISTRY_ONLY egress a port or address that only the mesh-wide entry served is lost.
 *
 * The namespace therefore leaves such a host to the mesh-wide entry when that entry serves every
 * port the namespace's workloads declared for it (their NetworkPolicies still admit only their
 * ranges and ports), and a port it does not serve is refused, whichever of the two is created first.
 */

/**
 * The problem with a workload of `namespace` reaching `host` by name on `port`, `undefined` when
 * there is none: the app's MeshMtls serves the host mesh-wide, but not on that port.
 */
export function meshShadowProblem(scope: IConstruct, namespace: { readonly name: string }, host: string, port: number, cidr: string): PropProblem | undefined {
  const mesh = externalHosts(scope).mesh;
  const served = mesh?.ports.get(host);
  if (!mesh || !served || served.has(port)) return undefined;
  const ports = listPorts(served);
  return {
    prop: 'allowEgressTo(peer.host)', value: host,
    problem: `is served mesh-wide by the MeshMtls ${mesh.path} (externalHosts, port${served.size === 1 ? '' : 's'} ${ports}) but not on port ${port}: `
      + shadowWhy(namespace.name, ports),
    fix: `add { host: '${host}', port: ${port}, reason: '…' } to the externalHosts of ${mesh.path}, so the mesh-wide ServiceEntry serves it; `
      + `or omit host (Peer.cidr('${cidr}', ${port})): the namespace's ServiceEntry then admits the range by address`,
  };
}

/**
 * Registers an external destination of a workload with the mesh: one ServiceEntry per host and
 * namespace, holding every range and port the namespace's workloads reach under that host. Istio
 * keeps one service per host and namespace, so a second ServiceEntry for the same host would be
 * dropped or merged unpredictably, and the workload behind it left without a route under
 * REGISTRY_ONLY egress. A host the app's MeshMtls serves mesh-wide on every declared port gets
 * no ServiceEntry of the namespace (see above); call {@link meshShadowProblem} first.
 */
export function registerExternal(namespace: Construct & { readonly name: string }, d: ExternalDestination): void {
  const registry = externalHosts(namespace);
  let hosts = registry.namespaces.get(namespace);
  if (!hosts) registry.namespaces.set(namespace, hosts = new Map());
  let entry = hosts.get(d.host);
  if (!entry) {
    // Distinct for every host (`a.b.com` and `a-b.com` differ), as construct ids and object names
    // must be; a bare range is named by the range, protocol and port its host of our own spells.
    const name = d.tls ? nameFromHost('egress-', d.host) : nameFromText('egress-', d.host.slice(0, d.host.indexOf('.')));
    entry = {
      namespace, host: d.host, tls: d.tls, name, id: `Egress-${name}`,
      addresses: new Set(), ports: new Map(), reasons: new Map(), declaredBy: new Map(), emitted: false,
    };
    hosts.set(d.host, entry);
    if (!(d.tls && registry.mesh?.ports.has(d.host))) emitInOrder(hosts, entry);
  }
  entry.addresses.add(d.cidr);
  if (!entry.ports.has(d.port)) entry.ports.set(d.port, { name: `${d.tls ? 'tls' : d.protocol.toLowerCase()}-${d.port}`, protocol: d.tls ? 'TLS' : d.protocol });
  const reasons = entry.reasons.get(d.workload) ?? new Set<string>();
  reasons.add(d.reason);
  entry.reasons.set(d.workload, reasons);
  const by = entry.declaredBy.get(d.port) ?? new Set<string>();
  by.add(d.workloadPath);
  entry.declaredBy.set(d.port, by);
}

/**
 * Records the hosts `mesh` serves to every namespace (`externalHosts`, validated) and removes the
 * namespaces' own ServiceEntries of those hosts, which would shadow them. Throws, before changing
 * anything, when a namespace's workloads reach one of the hosts by name on a port the mesh does
 * not serve: its entry could then neither stay nor go.
 */
export function adoptMeshHosts(mesh: Construct, hosts: readonly { readonly host: string; readonly port?: number }[]): void {
  const ports = new Map<string, Set<number>>();
  const index = new Map<string, number>();
  hosts.forEach((h, i) => {
    if (!index.has(h.host)) index.set(h.host, i);
    const set = ports.get(h.host) ?? new Set<number>();
    set.add(h.port ?? 443);
    ports.set(h.host, set);
  });
  const registry = externalHosts(mesh);
  const covered: HostEntry[] = [];
  const problems: PropProblem[] = [];
  for (const entries of registry.namespaces.values()) {
    for (const entry of entries.values()) {
      const served = ports.get(entry.host);
      if (!entry.tls || !served) continue;
      const missing = [...entry.ports.keys()].filter(p => !served.has(p)).sort((a, b) => a - b);
      if (missing.length === 0) {
        covered.push(entry);
        continue;
      }
      const who = missing.map(p => `${namePaths([...entry.declaredBy.get(p)!].sort())} on port ${p}`).join(', ');
      problems.push({
        prop: `externalHosts[${index.get(entry.host)}].host`, value: entry.host,
        problem: `is also reached by name from namespace "${entry.namespace.name}" (allowEgressTo(peer.host) of ${who}), `
          + `on ${missing.length === 1 ? 'a port' : 'ports'} the mesh-wide ServiceEntry does not serve: ${shadowWhy(entry.namespace.name, listPorts(served))}`,
        fix: `add ${missing.map(p => `{ host: '${entry.host}', port: ${p}, reason: '…' }`).join(' and ')} to externalHosts, so the mesh-wide ServiceEntry serves `
          + `${missing.length === 1 ? 'it' : 'them'}; or omit host in those allowEgressTo(Peer.cidr(...)) calls: the namespace's ServiceEntry then admits their ranges by address`,
      });
    }
  }
  Soc2Error.throwIf(mesh, 'INVALID_HOST', problems);
  for (const entry of covered) {
    if (entry.emitted) entry.namespace.node.tryRemoveChild(entry.id);
    entry.emitted = false;
  }
  registry.mesh = { path: mesh.node.path, ports };
}

/** Why a namespace's own ServiceEntry for a host served mesh-wide on `ports` is refused. */
function shadowWhy(namespace: string, ports: string): string {
  return `a ServiceEntry of namespace "${namespace}" for the host would shadow the mesh-wide one for every workload of that namespace `
    + `(Istio takes a proxy's own namespace's service of a host over the mesh root namespace's), leaving them no route to it on ${ports} `
    + 'or at an address outside the namespace\'s ranges under REGISTRY_ONLY egress';
}

/** `443`, or `443, 8443`, in order. */
function listPorts(ports: ReadonlySet<number>): string {
  return [...ports].sort((a, b) => a - b).join(', ');
}

/**
 * Creates the ServiceEntry of `added` among the namespace's others in name order, so that the
 * manifests do not depend on the order of the allowEgressTo calls: the namespace's ServiceEntries
 * are created again after it, all in name order (after the objects the namespace made itself).
 */
function emitInOrder(hosts: ReadonlyMap<string, HostEntry>, added: HostEntry): void {
  const shown = [...hosts.values()].filter(e => e.emitted);
  for (const e of shown) {
    e.namespace.node.tryRemoveChild(e.id);
    e.emitted = false;
  }
  for (const e of [...shown, added].sort((a, b) => compare(a.name, b.name))) emitEntry(e);
}

/** Creates the namespace's ServiceEntry of `entry`, its addresses, ports and reasons read at synth. */
function emitEntry(entry: HostEntry): void {
  const { namespace, addresses, ports, reasons, name } = entry;
  emit(namespace, entry.id, 'networking.istio.io/v1', 'ServiceEntry', {
    name, namespace: namespace.name, annotations: { 'soc2.cdk8s.io/reason': Lazy.any({ produce: () => reasonText(reasons) }) as unknown as string },
  }, {
    spec: {
      hosts: [entry.host],
      addresses: Lazy.any({ produce: () => [...addresses].sort() }),
      exportTo: ['.'],
      location: 'MESH_EXTERNAL',
      // The addresses are CIDRs, which Istio accepts only with resolution NONE (or STATIC):
      // traffic goes to the address the workload dialled, matched by SNI when a host is named.
      resolution: 'NONE',
      ports: Lazy.any({ produce: () => [...ports].sort((a, b) => a[0] - b[0]).map(([number, p]) => ({ number, ...p })) }),
    },
  });
  entry.emitted = true;
}

/** The reason, when one workload gave one; else `workload: reason` per line, sorted. */
function reasonText(reasons: ReadonlyMap<string, ReadonlySet<string>>): string {
  const lines: string[] = [];
  for (const [workload, set] of reasons) for (const r of set) lines.push(`${workload}: ${r}`);
  if (lines.length === 1) return [...reasons.values()][0].values().next().value as string;
  return lines.sort().join('\n');
}
