import { compare } from '../../common/compare';
import { serviceAccountOf } from '../../controls/workload/private/service-accounts';
import { ManifestIndex } from '../../manifest-index';
import { LabelSelector, selectorMatches } from '../../selectors';
import { PodTemplate } from '../../types';
import type { Workload, WorkloadEndpoint } from '../model';
import { ContainerPort, containerPorts } from './container-ports';
import { CopyComparison } from './copy-comparison';
import type { PlatformImageSettings } from './platform-image-settings';
import { ALL_PORTS, namedPort, NO_PORTS, portNumber, PortSet, portRange, Protocol, protocolOf, unionPorts, wholeProtocol } from './ports';
import { isSelector } from './selector-text';

export { compare };

export type { ContainerPort } from './container-ports';

/** A workload with what the flow computation reads from its pod template. */
export interface WorkloadInfo {
  readonly workload: Workload;
  readonly endpoint: WorkloadEndpoint;
  readonly pod: PodTemplate;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The Istio identity of its pods: `cluster.local/ns/<ns>/sa/<serviceAccountName>`. */
  readonly principal: string;
  readonly ports: readonly ContainerPort[];
}

/** The SPIFFE-style principal Istio gives the pods of a service account. */
export function principalOf(namespace: string, serviceAccount: string): string {
  return `cluster.local/ns/${namespace}/sa/${serviceAccount}`;
}

/**
 * The workloads of a manifest set, indexed by namespace, label pair and principal so that a
 * selector finds its workloads without scanning all of them.
 */
export class WorkloadSet {
  /**
   * Builds the set from the pod templates the controls check ({@link ManifestIndex.podTemplates}).
   * A cluster export's copy (a ReplicaSet, Job, Pod or Knative Revision's Deployment made from a
   * template of the set, {@link ManifestIndex.coveringObject}) is drawn as the workload of that
   * template when it agrees with it on what the flows read ({@link copyAgrees}), and as a workload
   * of its own when it does not, or when no object of the set holds its template. Each copy is
   * compared with its nearest covering object: a Pod that agrees with a ReplicaSet that differs
   * from its Deployment is folded into the ReplicaSet, which is drawn.
   * @param images the settings that name mirrors of the platforms' images, whose containers in a
   * copy are left out of its ports @default - the official images only
   */
  public static from(index: ManifestIndex, images: PlatformImageSettings): WorkloadSet {
    const infos: WorkloadInfo[] = [];
    const taken = new Set<string>();
    const seen = new Set<string>();
    const templates = index.podTemplates;
    let copies: CopyComparison | undefined;
    for (let i = 0; i < templates.length; i++) {
      const pod = templates[i];
      const { owner } = pod;
      const cover = index.coveringObject(owner);
      if (cover !== undefined && (copies ??= CopyComparison.of(index, images)).agrees(i, cover)) continue;
      // The same object twice in the set (repeated unchanged, or replaced on apply) is one workload.
      const key = `${owner.group}/${owner.ref}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let id = `${pod.namespace}/${owner.name}`;
      if (taken.has(id)) id = `${pod.namespace}/${owner.kind}/${owner.name}`;
      if (taken.has(id)) continue;
      taken.add(id);
      infos.push({
        workload: { id, namespace: pod.namespace, name: owner.name, kind: owner.kind },
        endpoint: { type: 'workload', id },
        pod,
        namespace: pod.namespace,
        labels: pod.labels,
        principal: principalOf(pod.namespace, serviceAccountOf(pod)),
        ports: containerPorts(pod),
      });
    }
    // Pod templates usually come in id order already; sort only when they do not.
    const sorted = infos.every((w, i) => i === 0 || compare(infos[i - 1].workload.id, w.workload.id) <= 0);
    return new WorkloadSet(sorted ? infos : infos.sort((a, b) => compare(a.workload.id, b.workload.id)));
  }

  /** Every workload, sorted by id. */
  public readonly all: readonly WorkloadInfo[];
  private readonly byId = new Map<string, WorkloadInfo>();
  private readonly byNamespace = new Map<string, WorkloadInfo[]>();
  private readonly byPair = new Map<string, WorkloadInfo[]>();
  private readonly byPrincipal = new Map<string, WorkloadInfo[]>();

  private constructor(all: readonly WorkloadInfo[]) {
    this.all = all;
    for (const w of all) {
      this.byId.set(w.workload.id, w);
      push(this.byNamespace, w.namespace, w);
      push(this.byPrincipal, w.principal, w);
      for (const [k, v] of Object.entries(w.labels)) push(this.byPair, `${w.namespace}\u0000${k}=${v}`, w);
    }
  }

  /** A workload by id. */
  public get(id: string): WorkloadInfo | undefined {
    return this.byId.get(id);
  }

  /** Whether any workload lives in `namespace`. */
  public hasNamespace(namespace: string): boolean {
    return this.byNamespace.has(namespace);
  }

  /** The namespaces that hold workloads, sorted. */
  public get namespaces(): string[] {
    return [...this.byNamespace.keys()].sort(compare);
  }

  /** Workloads whose pod labels match `selector`, in one namespace or (with `undefined`) in all. */
  public matching(namespace: string | undefined, selector: LabelSelector): WorkloadInfo[] {
    const namespaces = namespace === undefined ? [...this.byNamespace.keys()] : [namespace];
    const key = isSelector(selector.matchLabels) ? firstKey(selector.matchLabels) : undefined;
    const out: WorkloadInfo[] = [];
    for (const ns of namespaces) {
      const candidates = key !== undefined
        ? this.byPair.get(`${ns}\u0000${key}=${String(selector.matchLabels![key])}`) ?? []
        : this.byNamespace.get(ns) ?? [];
      for (const w of candidates) if (selectorMatches(selector, w.labels)) out.push(w);
    }
    return out;
  }

  /** Workloads whose Istio principal matches a pattern (exact, `prefix*`, `*suffix` or `*`). */
  public withPrincipal(pattern: string): WorkloadInfo[] {
    if (!pattern.includes('*')) return this.byPrincipal.get(pattern) ?? [];
    return this.all.filter(w => istioPatternMatches(pattern, w.principal));
  }
}

/** Istio's string match: exact, prefix (`abc*`), suffix (`*abc`) or presence (`*`). */
export function istioPatternMatches(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return value.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return pattern === value;
}

/**
 * The ports of a NetworkPolicy port list (`ports` of a rule) at a destination: every port when
 * the list is absent or empty; named ports resolve against the destination's container ports
 * (and stay names when the destination is not a workload of the set).
 */
export function policyPorts(ports: unknown, dest: WorkloadInfo | undefined): PortSet {
  if (!Array.isArray(ports) || ports.length === 0) return ALL_PORTS;
  let out = NO_PORTS;
  for (const item of ports) {
    // An empty list item (null) decodes to the zero port, defaulted to TCP: every TCP port.
    const p = item === null ? {} : item;
    if (!p || typeof p !== 'object') continue;
    const protocol = protocolOf(p.protocol);
    if (!protocol) continue;
    if (p.port === undefined || p.port === null) {
      out = unionPorts(out, wholeProtocol(protocol));
      continue;
    }
    const n = portNumber(p.port);
    if (n !== undefined) {
      const end = typeof p.endPort === 'number' && p.endPort >= n ? p.endPort : n;
      out = unionPorts(out, portRange(protocol, n, end));
    } else if (typeof p.port === 'string') {
      out = unionPorts(out, resolveNamedPort(protocol, p.port, dest));
    }
  }
  return out;
}

/** A named port at a destination: its container ports of that name and protocol, or the bare name. */
export function resolveNamedPort(protocol: Protocol, name: string, dest: WorkloadInfo | undefined): PortSet {
  if (!dest) return namedPort(protocol, name);
  let out = NO_PORTS;
  for (const cp of dest.ports) {
    if (cp.name === name && cp.protocol === protocol) out = unionPorts(out, portRange(protocol, cp.port));
  }
  return out;
}

/** The first key of an object in code-point order, or `undefined` for an empty object. */
function firstKey(o: object): string | undefined {
  let first: string | undefined;
  for (const key of Object.keys(o)) if (first === undefined || key < first) first = key;
  return first;
}

function push<V>(m: Map<string, V[]>, k: string, v: V): void {
  const list = m.get(k);
  if (list) list.push(v); else m.set(k, [v]);
}
