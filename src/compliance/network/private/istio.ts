/**
 * Istio AuthorizationPolicy semantics for the flow model, at the destination's sidecar (or its
 * node's ztunnel, for a pod of the ambient mesh):
 * a request is denied when a DENY policy matches it; allowed when no ALLOW policy selects the
 * workload; allowed when an ALLOW policy matches it; denied otherwise. An ALLOW policy without
 * rules (allow-nothing) matches nothing; a rule without `from` matches every source. Policies of
 * the mesh root namespace apply to every namespace. CUSTOM and AUDIT policies, and policies bound
 * to gateways or waypoints with `targetRef(s)`, do not change what a sidecar allows.
 *
 * The model is a connection graph, so L7 conditions (methods, paths, hosts, `when`) and JWT
 * principals are taken to match some requests: they never remove a flow allowed by an ALLOW
 * policy, and a DENY rule removes a flow only when it matches every request of that source on
 * those ports. The sidecar proxies TCP only, so AuthorizationPolicies do not restrict UDP or
 * SCTP (the graph leaves those to NetworkPolicies). A DENY rule on principals or namespaces
 * never removes the edge from every possible source (`any`), which holds sources with and without
 * each identity; in-cluster pods are taken to match only `ipBlocks` of every address.
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
 */
import { isAllAddresses } from '../../common/ipv4-mapped';
import { ANY_PRINCIPAL, isDryRun, namespacePatternAdmits } from '../../controls/mesh/private/authorization';
import { getPath, ManifestIndex } from '../../manifest-index';
import { LabelSelector, SelectorIndex } from '../../selectors';
import { IndexedObject } from '../../types';
import type { Endpoint } from '../model';
import { Grant } from './network-policy';
import { ALL_PORTS, intersectPorts, isEmptyPorts, NO_PORTS, portNumber, PortSet, portRange, subtractPorts, unionPorts, wholeProtocol } from './ports';
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
type SourceField = typeof SOURCE_FIELDS[number];
/** Each source field with its base field (without `not`) and whether it is negated. */
const SOURCE_FIELD_FORMS = SOURCE_FIELDS.map(field => {
  const negated = field.startsWith('not');
  return { field, base: negated ? field.charAt(3).toLowerCase() + field.slice(4) : field, negated };
});
const CONDITIONAL_OPERATION_FIELDS = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];

/** A field a source of an AuthorizationPolicy rule sets, e.g. `notPrincipals: [...]`. */
interface SourceCondition {
  readonly field: SourceField;
  /** The field without its `not` prefix, e.g. `principals`. */
  readonly base: string;
  readonly negated: boolean;
  readonly values: readonly string[];
}

/** A source of an AuthorizationPolicy rule: the fields it sets, in {@link SOURCE_FIELDS} order. */
type Source = readonly SourceCondition[];

/** An AuthorizationPolicy rule, read once. */
interface Rule {
  /** The sources of `from`; `undefined` when the rule has no `from` (it matches every source). */
  readonly sources?: readonly Source[];
  /**
   * Of an ALLOW rule, the ports it grants; of a DENY rule, the ports it denies whatever the
   * request (a DENY rule with conditions is left out: it denies no request for sure).
   */
  readonly ports: PortSet;
}

/** An ALLOW or DENY AuthorizationPolicy with its rules, read once. */
export interface AuthorizationPolicy {
  readonly ref: string;
  readonly action: 'ALLOW' | 'DENY';
  readonly rules: readonly Rule[];
  /** `{ ref, ports }` of each rule of an ALLOW policy, for the grants. */
  readonly grants: readonly Grant[];
}

/**
 * The ALLOW and DENY AuthorizationPolicies of the set that apply to sidecars, read once and
 * indexed by their workload selector (an absent selector selects every workload of the namespace).
 * CUSTOM and AUDIT policies and policies bound to gateways or waypoints are left out.
 */
export function readAuthorizationPolicies(index: ManifestIndex): SelectorIndex<AuthorizationPolicy> {
  const out = new SelectorIndex<AuthorizationPolicy>();
  for (const p of index.ofKind('AuthorizationPolicy', 'security.istio.io')) {
    const policy = readPolicy(p);
    if (!policy) continue;
    const selector = getPath(p.raw, 'spec.selector');
    out.add(p.namespace, (selector === undefined ? {} : selector) as LabelSelector, policy);
  }
  return out;
}

/** The policies of {@link readAuthorizationPolicies} that apply to a workload: its namespace's and the mesh root's. */
export function authorizationPoliciesOf(policies: SelectorIndex<AuthorizationPolicy>, rootNamespace: string, w: WorkloadInfo): AuthorizationPolicy[] {
  const found = policies.match(w.namespace, w.labels);
  if (w.namespace !== rootNamespace) found.push(...policies.match(rootNamespace, w.labels));
  return found;
}

/** Reads an ALLOW or DENY policy of a sidecar; `null` for other actions and for policies bound to gateways or waypoints. */
function readPolicy(p: IndexedObject): AuthorizationPolicy | null {
  const spec = p.raw.spec;
  // A dry-run policy is only logged, never enforced.
  if (spec?.targetRef || spec?.targetRefs || isDryRun(p)) return null;
  const action = typeof spec?.action === 'string' ? spec.action.toUpperCase() : 'ALLOW';
  if (action !== 'ALLOW' && action !== 'DENY') return null;
  const allow = action === 'ALLOW';
  const rules = rulesOf(p).filter(rule => allow || !hasConditions(rule)).map(rule => ({
    sources: Array.isArray(rule.from) && rule.from.length > 0 ? sourcesOf(rule).map(readSource) : undefined,
    ports: operationPorts(rule, !allow),
  }));
  return { ref: p.ref, action, rules, grants: allow ? rules.map(r => ({ ref: p.ref, ports: r.ports })) : [] };
}

function readSource(s: any): Source {
  return SOURCE_FIELD_FORMS.filter(f => s[f.field] !== undefined).map(f => ({ ...f, values: strings(s[f.field]) }));
}

/**
 * What the policies allow from `source` to their workload. `sourceHasIdentity` is false for a
 * source without a sidecar of its own, whose plaintext requests match no principal or namespace
 * condition (and every negated one).
 */
export function istioDecision(policies: readonly AuthorizationPolicy[], source: Endpoint, workloads: WorkloadSet, sourceHasIdentity = true): IstioDecision {
  if (policies.length === 0) return { governed: false, ports: ALL_PORTS, grants: [] };
  let anyAllow = false;
  const grants: Grant[] = [];
  let allowed = NO_PORTS;
  let denied = NO_PORTS;
  for (const p of policies) {
    const allow = p.action === 'ALLOW';
    anyAllow ||= allow;
    for (let i = 0; i < p.rules.length; i++) {
      const rule = p.rules[i];
      if (allow) {
        if (fromMatches(rule, source, workloads, false, sourceHasIdentity) === 'no') continue;
        grants.push(p.grants[i]);
        allowed = unionPorts(allowed, rule.ports);
      } else if (fromMatches(rule, source, workloads, true, sourceHasIdentity) === 'yes') {
        denied = unionPorts(denied, rule.ports);
      }
    }
  }
  if (!anyAllow) allowed = ALL_PORTS;
  if (isEmptyPorts(denied)) return { governed: true, ports: allowed, grants };
  return { governed: true, ports: subtractPorts(allowed, denied), grants: grants.map(g => ({ ...g, ports: subtractPorts(g.ports, denied) })) };
}

/** The sources named by the ALLOW rules of the policies, as endpoints to evaluate. */
export function istioSources(policies: readonly AuthorizationPolicy[], workloads: WorkloadSet): Endpoint[] {
  const out: Endpoint[] = [];
  for (const p of policies) {
    if (p.action !== 'ALLOW') continue;
    for (const rule of p.rules) {
      for (const source of rule.sources ?? []) {
        for (const { field, values } of source) {
          if (field === 'principals') {
            for (const pattern of values) {
              const found = workloads.withPrincipal(pattern);
              if (found.length > 0) out.push(...found.map(w => w.endpoint));
              else {
                const ns = /^[^/]*\/ns\/([^/*]+)\/sa\//.exec(pattern)?.[1];
                if (ns && !workloads.hasNamespace(ns)) out.push({ type: 'namespace', namespace: ns });
              }
            }
          } else if (field === 'namespaces') {
            for (const ns of values) out.push(ns.includes('*') ? { type: 'namespace', namespace: '*' } : { type: 'namespace', namespace: ns });
          }
        }
      }
    }
  }
  return out;
}

function rulesOf(p: IndexedObject): any[] {
  const rules = p.raw.spec?.rules;
  return Array.isArray(rules) ? rules.map(r => (r && typeof r === 'object' ? r : {})) : [];
}

function sourcesOf(rule: any): any[] {
  return Array.isArray(rule.from) ? rule.from.map((f: any) => (f && typeof f.source === 'object' && f.source ? f.source : {})) : [];
}

function fromMatches(rule: Rule, source: Endpoint, workloads: WorkloadSet, deny: boolean, identity: boolean): Match {
  if (rule.sources === undefined) return 'yes';
  let best: Match = 'no';
  for (const s of rule.sources) {
    const m = sourceMatches(s, source, workloads, deny, identity);
    if (m === 'yes') return 'yes';
    if (m === 'maybe') best = 'maybe';
  }
  return best;
}

function sourceMatches(s: Source, source: Endpoint, workloads: WorkloadSet, deny: boolean, identity: boolean): Match {
  let result: Match = 'yes';
  for (const condition of s) {
    const m = conditionMatches(condition, source, workloads, deny, identity);
    if (m === 'no') return 'no';
    if (m === 'maybe') result = 'maybe';
  }
  return result;
}

function conditionMatches({ base, negated, values }: SourceCondition, source: Endpoint, workloads: WorkloadSet, deny: boolean, identity: boolean): Match {
  // Every possible source (`any`) holds sources with and without each identity: a DENY rule on
  // an identity, negated or not, removes only some of them.
  if (deny && source.type === 'any' && (base === 'principals' || base === 'namespaces')) return 'maybe';
  // Pod addresses are not in the manifests: a DENY on IP blocks other than every address removes
  // some requests of an in-cluster or unknown source at most, never all of them.
  if (deny && (base === 'ipBlocks' || base === 'remoteIpBlocks') && source.type !== 'internet' && source.type !== 'external'
    && !values.some(v => isAllAddresses(v))) return 'maybe';
  let m: Match;
  switch (base) {
    // A source without a sidecar sends plaintext, which carries no principal and no namespace.
    case 'principals': m = identity ? anyOf(values, principalMatch, source, workloads) : 'no'; break;
    case 'namespaces': m = identity ? anyOf(values, namespaceMatch, source, workloads) : 'no'; break;
    case 'requestPrincipals': return 'maybe';
    // ipBlocks and remoteIpBlocks: client addresses are not in the manifests; in-cluster pods
    // surely have an address of a block of every address, and are taken to have none of others.
    default: m = source.type === 'internet' || source.type === 'external' || values.some(v => isAllAddresses(v)) ? 'maybe' : 'no'; break;
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

/**
 * Whether a `namespaces` value admits a source, as istiod compiles it ({@link namespacePatternAdmits}:
 * a regex on the whole principal, which a wildcard can match past the namespace). The pods of a
 * namespace are matched whatever their service account, which the match cannot depend on.
 */
function namespaceMatch(pattern: string, source: Endpoint, workloads: WorkloadSet): Match {
  if (source.type === 'workload') {
    const w = workloads.get(source.id);
    return w && namespacePatternAdmits(pattern, w.principal) ? 'yes' : 'no';
  }
  if (source.type !== 'namespace') return 'no';
  if (source.namespace === '*') return namespacePatternAdmits(pattern, ANY_PRINCIPAL) ? 'yes' : 'maybe';
  return namespacePatternAdmits(pattern, `cluster.local/ns/${source.namespace}/sa/${ANY_NAME}`) ? 'yes' : 'no';
}

/** A service account (or namespace) name of a character no name and no pattern holds. */
const ANY_NAME = '\u0000';

function anyOf(values: readonly string[], match: (v: string, source: Endpoint, workloads: WorkloadSet) => Match, source: Endpoint, workloads: WorkloadSet): Match {
  let best: Match = 'no';
  for (const v of values) {
    const m = match(v, source, workloads);
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
