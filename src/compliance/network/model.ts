/**
 * The network model: which workloads may talk to which peers, on which ports, and which policies
 * allow it. Drawn from the NetworkPolicies, Istio AuthorizationPolicies, Ingresses and Services
 * of a manifest set by {@link computeFlows}.
 */
import { formatPorts, parsePorts, subtractPorts } from './private/ports';

/** A workload: the owner of a pod template (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod, …). */
export interface Workload {
  /** `namespace/name`; `namespace/Kind/name` when two workloads of one namespace share a name. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
}

/** A workload of the manifest set. */
export interface WorkloadEndpoint {
  readonly type: 'workload';
  /** The {@link Workload.id}. */
  readonly id: string;
}

/**
 * Pods of a namespace that are not drawn one by one: a namespace outside the manifest set (the
 * ingress controller's, monitoring, kube-system), every pod of a namespace (an empty pod
 * selector), or, with `namespace: '*'`, pods of every namespace a selector matches.
 */
export interface NamespaceEndpoint {
  readonly type: 'namespace';
  /** The namespace, or `*` for every namespace (matching {@link selector} when given). */
  readonly namespace: string;
  /** The pod selector, e.g. `app=prometheus`. @default - every pod of the namespace */
  readonly pods?: string;
  /** The namespace selector that could not be resolved to names. @default - none */
  readonly selector?: string;
}

/** An address outside the cluster, by CIDR (from an ipBlock) or host name. */
export interface ExternalEndpoint {
  readonly type: 'external';
  readonly cidr?: string;
  /** CIDRs carved out of {@link cidr}. @default - none */
  readonly except?: readonly string[];
  readonly host?: string;
}

/** Anywhere on the internet (an Ingress controller's listeners, a LoadBalancer, an ipBlock of 0.0.0.0/0). */
export interface InternetEndpoint {
  readonly type: 'internet';
}

/**
 * Any peer at all: the source of an un-isolated pod's ingress (or of a rule without `from`),
 * the destination of an un-isolated pod's egress. One edge stands for every peer.
 */
export interface AnyEndpoint {
  readonly type: 'any';
}

/** One end of a flow. */
export type Endpoint = WorkloadEndpoint | NamespaceEndpoint | ExternalEndpoint | InternetEndpoint | AnyEndpoint;

/** An allowed flow between two endpoints. */
export interface Flow {
  readonly from: Endpoint;
  readonly to: Endpoint;
  /** Allowed ports, sorted: `TCP/8080`, `TCP/8000-8099`, `UDP/*`, or `any` when unrestricted. */
  readonly ports: readonly string[];
  /** Refs of the objects that allow it (policies, Ingresses, Services), sorted; empty when nothing restricts it. */
  readonly via: readonly string[];
  /**
   * What the source's NetworkPolicies that allow it record about an ipBlock destination (their
   * {@link EGRESS_REASONS_ANNOTATION} lines for its range and ports): the host served there and
   * why it is allowed, sorted, whitespace collapsed and long text cut. A label only: it never
   * decides which flows exist, and flows are compared without it.
   * @default - none recorded
   */
  readonly explained?: readonly FlowExplanation[];
}

/** The host and reason a NetworkPolicy's {@link EGRESS_REASONS_ANNOTATION} records for a destination of a flow. */
export interface FlowExplanation {
  /** The DNS name served at the address range. @default - none recorded */
  readonly host?: string;
  readonly reason: string;
}

/** The workloads of a manifest set and the flows allowed between them and the outside. */
export interface NetworkModel {
  /** Sorted by id. */
  readonly workloads: readonly Workload[];
  /** Sorted by source, then destination. */
  readonly flows: readonly Flow[];
}

/** A stable, unique key for an endpoint, used to sort, merge and diff. */
export function endpointKey(e: Endpoint): string {
  switch (e.type) {
    case 'workload': return `workload:${e.id}`;
    case 'namespace': return `namespace:${e.namespace}${e.selector ? `{${e.selector}}` : ''}${e.pods ? `[${e.pods}]` : ''}`;
    case 'external': return `external:${e.host ?? e.cidr ?? ''}${e.except && e.except.length > 0 ? ` except ${e.except.join(',')}` : ''}`;
    case 'internet': return 'internet';
    case 'any': return 'any';
  }
}

/** A stable key for a flow: source, destination and ports. */
export function flowKey(f: Flow): string {
  return `${endpointKey(f.from)} -> ${endpointKey(f.to)} : ${f.ports.join(',')}`;
}

/** A short human description of an endpoint, e.g. `team/api`, `namespace monitoring (app=prometheus)`. */
export function describeEndpoint(e: Endpoint): string {
  switch (e.type) {
    case 'workload': return e.id;
    case 'namespace': {
      const where = e.namespace === '*' ? (e.selector ? `namespaces ${e.selector}` : 'every namespace') : `namespace ${e.namespace}`;
      return e.pods ? `${where} (${e.pods})` : where;
    }
    case 'external': return e.host ?? `${e.cidr ?? '?'}${e.except && e.except.length > 0 ? ` except ${e.except.join(', ')}` : ''}`;
    case 'internet': return 'internet';
    case 'any': return 'any';
  }
}

/** The ports of `after` that `before` does not allow (both as in {@link Flow.ports}); empty when `after` allows nothing new. */
export function portsAdded(before: readonly string[], after: readonly string[]): string[] {
  return formatPorts(subtractPorts(parsePorts(after), parsePorts(before)));
}

/**
 * The annotation with which an Ingress names the namespace of the controller that serves it, one
 * of `ingressControllerNamespaces`; CertManagedIngress writes it on every Ingress. Without it, the
 * network diagram takes the namespace of the setting whose name contains the ingress class, else
 * the first.
 */
export const INGRESS_CONTROLLER_ANNOTATION = 'soc2.cdk8s.io/ingress-controller-namespace';

/**
 * The annotation of a NetworkPolicy that records why it allows traffic out of the cluster: one
 * line per destination, `<CIDR> <PROTOCOL>/<port>: <reason>`, or `<CIDR> <PROTOCOL>/<port>
 * (<host>): <reason>` when a DNS name is served there. CompliantWorkload writes it; read it with
 * {@link parseEgressReasons}.
 */
export const EGRESS_REASONS_ANNOTATION = 'soc2.cdk8s.io/egress-reasons';

/**
 * The reason CompliantWorkload's `grant` records in an {@link EGRESS_REASONS_ANNOTATION} line for the
 * Kubernetes API server's endpoints. The diagram labels a range a line with this exact reason
 * records as {@link API_SERVER_LABEL}: the label comes from the annotation, never from the address.
 */
export const API_SERVER_EGRESS_REASON = 'the Kubernetes API server, for the rights granted to the workload';

/** The label of an address range recorded with {@link API_SERVER_EGRESS_REASON}. */
export const API_SERVER_LABEL = 'Kubernetes API server';

/** One line of an {@link EGRESS_REASONS_ANNOTATION}: a destination of the policy and why it is allowed. */
export interface EgressReason {
  /** `<CIDR>[ except …] <PROTOCOL>/<port>` (or `… any port`), as written, without the host. */
  readonly destination: string;
  /** The DNS name written in parentheses after the destination. @default - none */
  readonly host?: string;
  /** The text after `: `, as written. */
  readonly reason: string;
}

/** `<destination> (<host>)`: a host is one word without parentheses. */
const WITH_HOST = /^(.*\S) \(([^\s()]+)\)$/;

/** One line of an {@link EGRESS_REASONS_ANNOTATION}: `<destination>[ (<host>)]: <reason>`, which {@link parseEgressReasons} reads back. */
export function formatEgressReason(r: EgressReason): string {
  return `${r.destination}${r.host === undefined ? '' : ` (${r.host})`}: ${r.reason}`;
}

/**
 * The lines of an {@link EGRESS_REASONS_ANNOTATION} value, in order; lines without `: ` after a
 * destination are skipped. The text is whoever wrote the annotation's: escape it where it is shown.
 */
export function parseEgressReasons(text: string | undefined): EgressReason[] {
  const out: EgressReason[] = [];
  for (const line of (text ?? '').split(/\r\n?|\n/)) {
    const colon = line.indexOf(': ');
    if (colon <= 0) continue;
    const head = line.slice(0, colon);
    const reason = line.slice(colon + 2);
    const m = WITH_HOST.exec(head);
    out.push(m ? { destination: m[1], host: m[2], reason } : { destination: head, reason });
  }
  return out;
}
