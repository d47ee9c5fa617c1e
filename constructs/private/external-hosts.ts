import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { emit } from './api';
import { nameFromHost, nameFromText } from './hosts';

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
  /** The workload that reaches it, and why. */
  readonly workload: string;
  readonly reason: string;
}

/** The ServiceEntry of one host in one namespace, and everything the namespace's workloads declared for it. */
interface HostEntry {
  /** The ranges in their one spelling (`normalCidr`), so two spellings of one range are one address. */
  readonly addresses: Set<string>;
  readonly ports: Map<number, { readonly name: string; readonly protocol: string }>;
  /** `workload: reason` per declaration, for the annotation. */
  readonly reasons: Map<string, Set<string>>;
}

/** The hosts registered per namespace construct. */
const HOSTS = new WeakMap<Construct, Map<string, HostEntry>>();

/**
 * Registers an external destination of a workload with the mesh: one ServiceEntry per host and
 * namespace, holding every range and port the namespace's workloads reach under that host. Istio
 * keeps one service per host and namespace, so a second ServiceEntry for the same host would be
 * dropped or merged unpredictably, and the workload behind it left without a route under
 * REGISTRY_ONLY egress.
 */
export function registerExternal(namespace: Construct & { readonly name: string }, d: ExternalDestination): void {
  let hosts = HOSTS.get(namespace);
  if (!hosts) HOSTS.set(namespace, hosts = new Map());
  let entry = hosts.get(d.host);
  if (!entry) {
    const addresses = new Set<string>();
    const ports = new Map<number, { readonly name: string; readonly protocol: string }>();
    // Distinct for every host (`a.b.com` and `a-b.com` differ), as construct ids and object names
    // must be; a bare range is named by the range, protocol and port its host of our own spells.
    const name = d.tls ? nameFromHost('egress-', d.host) : nameFromText('egress-', d.host.slice(0, d.host.indexOf('.')));
    const reasons = new Map<string, Set<string>>();
    emit(namespace, `Egress-${name}`, 'networking.istio.io/v1', 'ServiceEntry', {
      name, namespace: namespace.name, annotations: { 'soc2.cdk8s.io/reason': Lazy.any({ produce: () => reasonText(reasons) }) as unknown as string },
    }, {
      spec: {
        hosts: [d.host],
        addresses: Lazy.any({ produce: () => [...addresses].sort() }),
        exportTo: ['.'],
        location: 'MESH_EXTERNAL',
        // The addresses are CIDRs, which Istio accepts only with resolution NONE (or STATIC):
        // traffic goes to the address the workload dialled, matched by SNI when a host is named.
        resolution: 'NONE',
        ports: Lazy.any({ produce: () => [...ports].sort((a, b) => a[0] - b[0]).map(([number, p]) => ({ number, ...p })) }),
      },
    });
    entry = { addresses, ports, reasons };
    hosts.set(d.host, entry);
  }
  entry.addresses.add(d.cidr);
  if (!entry.ports.has(d.port)) entry.ports.set(d.port, { name: `${d.tls ? 'tls' : d.protocol.toLowerCase()}-${d.port}`, protocol: d.tls ? 'TLS' : d.protocol });
  const reasons = entry.reasons.get(d.workload) ?? new Set<string>();
  reasons.add(d.reason);
  entry.reasons.set(d.workload, reasons);
}

/** The reason, when one workload gave one; else `workload: reason` per line, sorted. */
function reasonText(reasons: ReadonlyMap<string, ReadonlySet<string>>): string {
  const lines: string[] = [];
  for (const [workload, set] of reasons) for (const r of set) lines.push(`${workload}: ${r}`);
  if (lines.length === 1) return [...reasons.values()][0].values().next().value as string;
  return lines.sort().join('\n');
}
