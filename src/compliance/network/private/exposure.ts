/**
 * Flows from outside the cluster: Ingresses (internet → ingress controller namespace → backend
 * workloads through their Services) and Services of type LoadBalancer or NodePort, or with
 * externalIPs (internet → workloads). Each flow to a workload is still subject to the workload's NetworkPolicies and
 * AuthorizationPolicies; a route they block is not drawn.
 */
import { IndexedObject } from '../../types';
import { Endpoint, INGRESS_CONTROLLER_ANNOTATION, NamespaceEndpoint } from '../model';
import { FlowGraph } from './graph';
import { intersectPorts, isEmptyPorts, NO_PORTS, portNumber, PortSet, portRange, protocolOf, unionPorts } from './ports';
import { isSelector } from './selector-text';
import { resolveNamedPort, WorkloadInfo } from './workloads';

const INTERNET: Endpoint = { type: 'internet' };
const INGRESS_GROUPS = new Set(['networking.k8s.io', 'extensions']);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

interface BackendRef {
  readonly service: string;
  /** The Service port by number or name; `undefined` for every port. */
  readonly port?: number | string;
}

/** Adds the flows that Ingresses open from the internet to their backends. */
export function addIngressFlows(g: FlowGraph): void {
  for (const ing of g.index.ofKind('Ingress')) {
    if (!INGRESS_GROUPS.has(ing.group) || ing.namespace === undefined) continue;
    const spec = ing.raw.spec ?? {};
    const controller = controllerEndpoint(g.config.ingressControllerNamespaces, ingressClass(ing), ing.annotations[INGRESS_CONTROLLER_ANNOTATION]);
    if (!controller) continue;
    const tls = Array.isArray(spec.tls) && spec.tls.length > 0;
    g.record(INTERNET, controller, tls ? unionPorts(portRange('TCP', 80), portRange('TCP', 443)) : portRange('TCP', 80), [ing.ref]);
    for (const backend of backendsOf(spec)) {
      const svc = g.index.get('Service', ing.namespace, backend.service);
      if (svc) reach(g, controller, svc, backend.port, [ing.ref, svc.ref]);
    }
  }
}

/**
 * Adds the flows that LoadBalancer and NodePort Services, and Services with `externalIPs` (which the
 * nodes accept traffic for, whatever the type), open from the internet to their pods.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#external-ips
 */
export function addServiceExposure(g: FlowGraph): void {
  for (const svc of g.index.ofKind('Service', '')) {
    const spec = svc.raw.spec;
    const type = spec?.type;
    const externalIPs = Array.isArray(spec?.externalIPs) && spec.externalIPs.length > 0;
    if (type === 'LoadBalancer' || type === 'NodePort' || externalIPs) reach(g, INTERNET, svc, undefined, [svc.ref]);
  }
}

function reach(g: FlowGraph, from: Endpoint, svc: IndexedObject, port: number | string | undefined, refs: readonly string[]): void {
  for (const { workload, ports } of serviceTargets(g, svc, port)) {
    let open = NO_PORTS;
    const grants = new Set<string>();
    for (const source of controllerSources(g, from, workload)) {
      const allowed = g.allowed(source, workload.endpoint);
      const opened = intersectPorts(allowed.ports, ports);
      if (isEmptyPorts(opened)) continue;
      open = unionPorts(open, opened);
      for (const gr of allowed.grants) if (!isEmptyPorts(intersectPorts(gr.ports, opened))) grants.add(gr.ref);
    }
    if (!isEmptyPorts(open)) g.record(from, workload.endpoint, open, [...refs, ...grants]);
  }
}

/**
 * The endpoints that stand for an Ingress controller when its traffic reaches a backend: the
 * controller's namespace, and the pods of that namespace the backend's own ingress rules name by
 * a pod selector (the controller's pods are taken to be those the backend admits by name, as
 * their labels are not in the manifests).
 */
function controllerSources(g: FlowGraph, from: Endpoint, workload: WorkloadInfo): Endpoint[] {
  if (from.type !== 'namespace') return [from];
  const out: Endpoint[] = [from];
  const seen = new Set<string>();
  for (const rule of g.governanceOf(workload).ingress.rules) {
    for (const peer of rule.peers ?? []) {
      if (peer.pods === undefined || seen.has(peer.pods)) continue;
      seen.add(peer.pods);
      out.push({ type: 'namespace', namespace: from.namespace, pods: peer.pods });
    }
  }
  return out;
}

/** The workloads a Service selects and, for each, the target ports behind the chosen Service port(s). */
function serviceTargets(g: FlowGraph, svc: IndexedObject, port: number | string | undefined): { workload: WorkloadInfo; ports: PortSet }[] {
  const spec = svc.raw.spec ?? {};
  if (!isSelector(spec.selector) || Object.keys(spec.selector).length === 0 || svc.namespace === undefined) return [];
  const svcPorts = (Array.isArray(spec.ports) ? spec.ports : []).filter((p: any) => p && typeof p === 'object'
    && (port === undefined || (typeof port === 'number' ? portNumber(p.port) === port : p.name === port)));
  const out: { workload: WorkloadInfo; ports: PortSet }[] = [];
  for (const workload of g.workloads.matching(svc.namespace, { matchLabels: spec.selector })) {
    let ports = NO_PORTS;
    for (const p of svcPorts) {
      const protocol = protocolOf(p.protocol);
      if (!protocol) continue;
      const target = p.targetPort ?? p.port;
      const n = portNumber(target);
      if (n !== undefined) ports = unionPorts(ports, portRange(protocol, n));
      else if (typeof target === 'string') ports = unionPorts(ports, resolveNamedPort(protocol, target, workload));
    }
    if (!isEmptyPorts(ports)) out.push({ workload, ports });
  }
  return out;
}

function ingressClass(ing: IndexedObject): string | undefined {
  const cls = ing.raw.spec?.ingressClassName ?? ing.annotations['kubernetes.io/ingress.class'];
  return typeof cls === 'string' && cls !== '' ? cls : undefined;
}

/**
 * The controller namespace serving an Ingress: the one its annotation names, else the configured
 * one whose name contains the ingress class, else the first configured.
 */
function controllerEndpoint(namespaces: readonly string[], cls: string | undefined, named: string | undefined): NamespaceEndpoint | undefined {
  const ns = (named && DNS_LABEL.test(named) ? named : undefined) ?? (cls && namespaces.find(n => n.includes(cls))) ?? namespaces[0];
  return ns === undefined ? undefined : { type: 'namespace', namespace: ns };
}

function backendsOf(spec: any): BackendRef[] {
  const out: BackendRef[] = [];
  const add = (b: any) => {
    if (!b || typeof b !== 'object') return;
    if (b.service && typeof b.service.name === 'string') {
      const p = b.service.port ?? {};
      out.push({ service: b.service.name, port: typeof p.number === 'number' ? p.number : typeof p.name === 'string' ? p.name : undefined });
    } else if (typeof b.serviceName === 'string') {
      const n = portNumber(b.servicePort);
      out.push({ service: b.serviceName, port: n ?? (typeof b.servicePort === 'string' ? b.servicePort : undefined) });
    }
  };
  add(spec.defaultBackend ?? spec.backend);
  for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
    for (const path of Array.isArray(rule?.http?.paths) ? rule.http.paths : []) add(path?.backend);
  }
  return out;
}
