/**
 * Istio AuthorizationPolicy semantics for the flow model, at the destination's sidecar:
 * a request is denied when a DENY policy matches it; allowed when no ALLOW policy selects the
 * workload; allowed when an ALLOW policy matches it; denied otherwise. An ALLOW policy without
 * rules (allow-nothing) matches nothing; a rule without `from` matches every source. Policies of
 * the mesh root namespace apply to every namespace. CUSTOM and AUDIT policies, and policies bound
 * to gateways or waypoints with `targetRef(s)`, do not change what a sidecar allows.
 *
 * The model is a connection graph, so L7 conditions (methods, paths, hosts, `when`) and JWT
 * principals are taken to match some requests: they never remove a flow allowed by an ALLOW
 * policy, and a DENY rule removes a flow only when it matches every request of that source on
 * those ports. An AuthorizationPolicy is treated as covering every protocol.
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
 */
import { ManifestIndex } from '../../manifest-index';
import { IndexedObject } from '../../types';
import type { Endpoint } from '../model';
import { Grant } from './network-policy';
import { ALL_PORTS, intersectPorts, NO_PORTS, portNumber, PortSet, portRange, subtractPorts, unionPorts, wholeProtocol } from './ports';
import { istioPatternMatches, WorkloadInfo, WorkloadSet } from './workloads';

/** Whether a source matches: surely, possibly (depending on the request), or not. */
type Match = 'yes' | 'maybe' | 'no';

/** What the sidecar of a workload allows from one source. */
export interface IstioDecision {
  /** Whether any ALLOW or DENY policy governs the workload. */
  readonly governed: boolean;
  /** The ports allowed. */
  readonly ports: PortSet;
  /** The ALLOW policies that grant ports. */
  readonly grants: readonly Grant[];
}

const SOURCE_FIELDS = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces', 'requestPrincipals', 'notRequestPrincipals',
  'ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'] as const;
const CONDITIONAL_OPERATION_FIELDS = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];

/** The AuthorizationPolicies that apply to a workload's sidecar: its namespace's and the mesh root's. */
export function authorizationPoliciesOf(index: ManifestIndex, rootNamespace: string, w: WorkloadInfo): IndexedObject[] {
  const sel = index.selectorIndex('AuthorizationPolicy', 'security.istio.io', 'spec.selector', true);
  const found = sel.match(w.namespace, w.labels);
  if (w.namespace !== rootNamespace) found.push(...sel.match(rootNamespace, w.labels));
  return found.filter(p => !p.raw.spec?.targetRef && !p.raw.spec?.targetRefs);
}

/** What the policies allow from `source` to their workload. */
export function istioDecision(policies: readonly IndexedObject[], source: Endpoint, workloads: WorkloadSet): IstioDecision {
  const allows = policies.filter(p => actionOf(p) === 'ALLOW');
  const denies = policies.filter(p => actionOf(p) === 'DENY');
  if (allows.length === 0 && denies.length === 0) return { governed: false, ports: ALL_PORTS, grants: [] };
  const grants: Grant[] = [];
  let allowed = allows.length === 0 ? ALL_PORTS : NO_PORTS;
  for (const p of allows) {
    for (const rule of rulesOf(p)) {
      if (fromMatches(rule, source, workloads) === 'no') continue;
      const ports = operationPorts(rule, false);
      grants.push({ ref: p.ref, ports });
      allowed = unionPorts(allowed, ports);
    }
  }
  let denied = NO_PORTS;
  for (const p of denies) {
    for (const rule of rulesOf(p)) {
      if (fromMatches(rule, source, workloads) !== 'yes' || hasConditions(rule)) continue;
      denied = unionPorts(denied, operationPorts(rule, true));
    }
  }
  return { governed: true, ports: subtractPorts(allowed, denied), grants: grants.map(g => ({ ...g, ports: subtractPorts(g.ports, denied) })) };
}

/** The sources named by the ALLOW rules of the policies, as endpoints to evaluate. */
export function istioSources(policies: readonly IndexedObject[], workloads: WorkloadSet): Endpoint[] {
  const out: Endpoint[] = [];
  for (const p of policies) {
    if (actionOf(p) !== 'ALLOW') continue;
    for (const rule of rulesOf(p)) {
      for (const source of sourcesOf(rule)) {
        for (const pattern of strings(source.principals)) {
          const found = workloads.withPrincipal(pattern);
          if (found.length > 0) out.push(...found.map(w => w.endpoint));
          else {
            const ns = /^[^/]*\/ns\/([^/*]+)\/sa\//.exec(pattern)?.[1];
            if (ns && !workloads.hasNamespace(ns)) out.push({ type: 'namespace', namespace: ns });
          }
        }
        for (const ns of strings(source.namespaces)) {
          out.push(ns.includes('*') ? { type: 'namespace', namespace: '*' } : { type: 'namespace', namespace: ns });
        }
      }
    }
  }
  return out;
}

function actionOf(p: IndexedObject): string {
  const a = p.raw.spec?.action;
  return typeof a === 'string' ? a.toUpperCase() : 'ALLOW';
}

function rulesOf(p: IndexedObject): any[] {
  const rules = p.raw.spec?.rules;
  return Array.isArray(rules) ? rules.map(r => (r && typeof r === 'object' ? r : {})) : [];
}

function sourcesOf(rule: any): any[] {
  return Array.isArray(rule.from) ? rule.from.map((f: any) => (f && typeof f.source === 'object' && f.source ? f.source : {})) : [];
}

function fromMatches(rule: any, source: Endpoint, workloads: WorkloadSet): Match {
  if (!Array.isArray(rule.from) || rule.from.length === 0) return 'yes';
  let best: Match = 'no';
  for (const s of sourcesOf(rule)) {
    const m = sourceMatches(s, source, workloads);
    if (m === 'yes') return 'yes';
    if (m === 'maybe') best = 'maybe';
  }
  return best;
}

function sourceMatches(s: any, source: Endpoint, workloads: WorkloadSet): Match {
  let result: Match = 'yes';
  for (const field of SOURCE_FIELDS) {
    const values = strings(s[field]);
    if (s[field] === undefined) continue;
    const m = fieldMatches(field, values, source, workloads);
    if (m === 'no') return 'no';
    if (m === 'maybe') result = 'maybe';
  }
  return result;
}

function fieldMatches(field: typeof SOURCE_FIELDS[number], values: string[], source: Endpoint, workloads: WorkloadSet): Match {
  const negated = field.startsWith('not');
  const base = negated ? field.charAt(3).toLowerCase() + field.slice(4) : field;
  let m: Match;
  switch (base) {
    case 'principals': m = anyOf(values, v => principalMatch(v, source, workloads)); break;
    case 'namespaces': m = anyOf(values, v => namespaceMatch(v, source, workloads)); break;
    case 'requestPrincipals': return 'maybe';
    default: m = source.type === 'internet' || source.type === 'external' ? 'maybe' : 'no'; break;
  }
  if (!negated) return m;
  return m === 'yes' ? 'no' : m === 'no' ? 'yes' : 'maybe';
}

function principalMatch(pattern: string, source: Endpoint, workloads: WorkloadSet): Match {
  if (source.type === 'workload') {
    const w = workloads.get(source.id);
    return w && istioPatternMatches(pattern, w.principal) ? 'yes' : 'no';
  }
  if (source.type !== 'namespace') return 'no';
  if (pattern === '*') return 'yes';
  if (source.namespace === '*') return 'maybe';
  const prefix = `cluster.local/ns/${source.namespace}/sa/`;
  if (pattern.endsWith('*')) {
    const head = pattern.slice(0, -1);
    if (prefix.startsWith(head)) return 'yes';
    return head.startsWith(prefix) ? 'maybe' : 'no';
  }
  if (pattern.startsWith('*')) {
    const tail = pattern.slice(1);
    return !tail.includes('/ns/') || tail.includes(`/ns/${source.namespace}/sa/`) ? 'maybe' : 'no';
  }
  return pattern.startsWith(prefix) ? 'maybe' : 'no';
}

function namespaceMatch(pattern: string, source: Endpoint, workloads: WorkloadSet): Match {
  if (source.type === 'workload') {
    const w = workloads.get(source.id);
    return w && istioPatternMatches(pattern, w.namespace) ? 'yes' : 'no';
  }
  if (source.type !== 'namespace') return 'no';
  if (source.namespace === '*') return pattern === '*' ? 'yes' : 'maybe';
  return istioPatternMatches(pattern, source.namespace) ? 'yes' : 'no';
}

function anyOf(values: string[], f: (v: string) => Match): Match {
  let best: Match = 'no';
  for (const v of values) {
    const m = f(v);
    if (m === 'yes') return 'yes';
    if (m === 'maybe') best = 'maybe';
  }
  return best;
}

/**
 * The ports a rule's `to` covers: the union over its operations of `ports` (TCP), every port
 * but `notPorts`, or every port. With `definiteOnly`, operations with L7 conditions are skipped.
 */
function operationPorts(rule: any, definiteOnly: boolean): PortSet {
  if (!Array.isArray(rule.to) || rule.to.length === 0) return ALL_PORTS;
  let out = NO_PORTS;
  for (const t of rule.to) {
    const op = t && typeof t.operation === 'object' && t.operation ? t.operation : {};
    if (definiteOnly && CONDITIONAL_OPERATION_FIELDS.some(f => op[f] !== undefined)) continue;
    let ports = ALL_PORTS;
    if (op.ports !== undefined) ports = strings(op.ports).reduce((acc, v) => { const n = portNumber(v); return n ? unionPorts(acc, portRange('TCP', n)) : acc; }, NO_PORTS);
    if (op.notPorts !== undefined) {
      const not = strings(op.notPorts).reduce((acc, v) => { const n = portNumber(v); return n ? unionPorts(acc, portRange('TCP', n)) : acc; }, NO_PORTS);
      ports = intersectPorts(ports, subtractPorts(wholeProtocol('TCP'), not));
    }
    out = unionPorts(out, ports);
  }
  return out;
}

function hasConditions(rule: any): boolean {
  if (Array.isArray(rule.when) && rule.when.length > 0) return true;
  return sourcesOf(rule).some(s => s.requestPrincipals !== undefined || s.notRequestPrincipals !== undefined);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter(v => v !== null && v !== undefined).map(String) : [];
}
