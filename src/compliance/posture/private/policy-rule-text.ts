import { selectorText } from '../../network/private/selector-text';
import { LabelSelector, NAMESPACE_NAME_LABEL } from '../../selectors';

/**
 * The rules of a NetworkPolicy and of an Istio AuthorizationPolicy as short text for a posture diff,
 * so that a reviewer reads the peer a rule admits instead of cut JSON:
 * `from pods app=web in namespace storefront; ports TCP/8443`,
 * `from principals cluster.local/ns/storefront/sa/web; to ports 8443`.
 * Only the shapes the Kubernetes and Istio APIs define are rewritten; a value with any other field
 * is left to be shown as JSON, so nothing of it is hidden.
 */

/** Longest text shown for a rule, or for its JSON when it is not rewritten. */
export const RULE_CHARS = 300;

/** Items of one list named (peers, ports, principals); more are counted. */
const SHOWN_ITEMS = 8;

/** `spec.ingress`, `spec.ingress[]`, `spec.ingress[].from`, `spec.ingress[].from[]`, `spec.ingress[].from[].podSelector`, … (indexes as `[]`). */
const NETWORK_POLICY_PATH = /^spec\.(ingress|egress)(?:(\[\])(?:\.(from|to|ports)(?:(\[\])(?:\.(podSelector|namespaceSelector|ipBlock))?)?)?)?$/;
/** `spec.rules`, `spec.rules[]`, `spec.rules[].from`, `spec.rules[].from[]`, `spec.rules[].from[].source`, … (indexes as `[]`). */
const AUTHORIZATION_POLICY_PATH = /^spec\.rules(?:(\[\])(?:\.(from|to|when)(?:(\[\])(?:\.(source|operation))?)?)?)?$/;

const SOURCE_FIELDS = [
  'principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts',
  'ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks',
];
const OPERATION_FIELDS = ['hosts', 'notHosts', 'ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths'];

type Text = string | undefined;

/**
 * Whether a field of an object of `kind` (`NetworkPolicy`, `AuthorizationPolicy`) is a rule or a
 * part of one: `spec.ingress[0]`, `spec.egress[1].to`, `spec.ingress[0].from[0].namespaceSelector`,
 * `spec.rules[0].from[0].source`, ….
 */
export function isPolicyRulePath(kind: string, path: string): boolean {
  const shape = path.replace(/\[\d+\]/g, '[]');
  if (kind === 'NetworkPolicy') {
    const m = NETWORK_POLICY_PATH.exec(shape);
    if (m === null || (m[5] !== undefined && m[3] === 'ports')) return false;
    return m[3] === undefined || m[3] === 'ports' || m[3] === (m[1] === 'ingress' ? 'from' : 'to');
  }
  if (kind !== 'AuthorizationPolicy') return false;
  const m = AUTHORIZATION_POLICY_PATH.exec(shape);
  return m !== null && (m[4] === undefined || m[4] === (m[2] === 'from' ? 'source' : m[2] === 'to' ? 'operation' : undefined));
}

/**
 * The value of a rule field ({@link isPolicyRulePath}) as short text, at most {@link RULE_CHARS}
 * characters; `undefined` for any other field, and for a value with a field the API does not define.
 */
export function policyRuleText(kind: string, path: string, value: unknown): Text {
  if (!isPolicyRulePath(kind, path)) return undefined;
  const shape = path.replace(/\[\d+\]/g, '[]');
  const text = kind === 'NetworkPolicy' ? networkPolicyText(shape, value) : authorizationPolicyText(shape, value);
  return text === undefined || text.length <= RULE_CHARS ? text : `${text.slice(0, RULE_CHARS - 1)}…`;
}

function networkPolicyText(shape: string, value: unknown): Text {
  const [, direction, rule, part, item, field] = NETWORK_POLICY_PATH.exec(shape)!;
  const ruleText = (r: unknown) => npRule(r, direction === 'ingress' ? 'from' : 'to');
  if (rule === undefined) return rules(value, ruleText);
  if (part === undefined) return ruleText(value);
  if (part === 'ports') return item === undefined ? listOf(value, npPort, ', ') : npPort(value);
  if (field !== undefined) return field === 'ipBlock' ? ipBlock(value) : field === 'podSelector' ? podsText(value) : namespacesText(value);
  return item === undefined ? listOf(value, npPeer, ' or ') : npPeer(value);
}

function authorizationPolicyText(shape: string, value: unknown): Text {
  const [, rule, part, item, inner] = AUTHORIZATION_POLICY_PATH.exec(shape)!;
  if (rule === undefined) return rules(value, apRule);
  if (part === undefined) return apRule(value);
  if (part === 'when') return item === undefined ? listOf(value, condition, ' and ') : condition(value);
  const [wrapper, fields] = part === 'from' ? ['source', SOURCE_FIELDS] : ['operation', OPERATION_FIELDS];
  if (inner !== undefined) return matchText(value, fields);
  const one = wrapped(wrapper, fields);
  return item === undefined ? listOf(value, one, ' or ') : one(value);
}

/** A list of rules, each in brackets: `[from …; ports …], [to …; any port]`; `no rule` when empty. */
function rules(value: unknown, rule: (r: unknown) => Text): Text {
  if (!Array.isArray(value)) return undefined;
  if (value.length === 0) return 'no rule';
  return listOf(value, r => {
    const t = rule(r);
    return t === undefined ? undefined : `[${t}]`;
  }, ', ');
}

/** `from <peers>; ports <ports>` (`to …` for egress); a rule without peers admits any, without ports any port. */
function npRule(rule: unknown, key: 'from' | 'to'): Text {
  if (!isMapping(rule) || !only(rule, [key, 'ports'])) return undefined;
  const peers = empty(rule[key]) ? `${key} any ${key === 'from' ? 'source' : 'destination'}` : prefixed(key, listOf(rule[key], npPeer, ' or '));
  const ports = empty(rule.ports) ? 'any port' : prefixed('ports', listOf(rule.ports, npPort, ', '));
  return peers === undefined || ports === undefined ? undefined : `${peers}; ${ports}`;
}

/** An ipBlock (`10.0.0.0/8 except 10.1.0.0/16`), or pods and namespaces: `pods app=web in namespace storefront`. */
function npPeer(peer: unknown): Text {
  if (!isMapping(peer) || Object.keys(peer).length === 0) return undefined;
  if (peer.ipBlock !== undefined) return only(peer, ['ipBlock']) ? ipBlock(peer.ipBlock) : undefined;
  if (!only(peer, ['podSelector', 'namespaceSelector'])) return undefined;
  const pods = peer.podSelector === undefined ? undefined : podsText(peer.podSelector);
  const namespaces = peer.namespaceSelector === undefined ? undefined : namespacesText(peer.namespaceSelector);
  if ((peer.podSelector !== undefined && pods === undefined) || (peer.namespaceSelector !== undefined && namespaces === undefined)) return undefined;
  if (namespaces === undefined) return pods === 'every pod' ? 'every pod of the namespace' : pods;
  return pods === undefined ? namespaces : `${pods} in ${namespaces}`;
}

/** A pod selector: `pods app=web`, `every pod`. */
function podsText(value: unknown): Text {
  const text = selector(value);
  return text === undefined ? undefined : text === '' ? 'every pod' : `pods ${text}`;
}

/** A namespace selector: `namespace storefront` (by its name label), `namespaces team=ops`, `every namespace`. */
function namespacesText(value: unknown): Text {
  const text = selector(value);
  if (text === undefined) return undefined;
  const named = namedNamespace(value as LabelSelector);
  return named !== undefined ? `namespace ${named}` : text === '' ? 'every namespace' : `namespaces ${text}`;
}

function ipBlock(block: unknown): Text {
  if (!isMapping(block) || !only(block, ['cidr', 'except']) || typeof block.cidr !== 'string') return undefined;
  if (empty(block.except)) return block.cidr;
  const except = listOf(block.except, e => (typeof e === 'string' ? e : undefined), ', ');
  return except === undefined ? undefined : `${block.cidr} except ${except}`;
}

/** `TCP/8443`, `UDP/53`, `TCP/8000-8099`, `TCP/*` (every port of the protocol); the protocol defaults to TCP. */
function npPort(port: unknown): Text {
  if (!isMapping(port) || !only(port, ['protocol', 'port', 'endPort'])) return undefined;
  const { protocol, port: number, endPort } = port;
  if (protocol !== undefined && typeof protocol !== 'string') return undefined;
  if (number !== undefined && typeof number !== 'number' && typeof number !== 'string') return undefined;
  if (endPort !== undefined && typeof endPort !== 'number') return undefined;
  return `${protocol ?? 'TCP'}/${number ?? '*'}${endPort === undefined ? '' : `-${endPort}`}`;
}

/** A label selector in kubectl's notation (`''` when it selects everything), or `undefined` when it is not one. */
function selector(value: unknown): Text {
  if (!isMapping(value) || !only(value, ['matchLabels', 'matchExpressions'])) return undefined;
  const labels = value.matchLabels;
  if (labels !== undefined && (!isMapping(labels) || !Object.values(labels).every(v => typeof v === 'string'))) return undefined;
  const expressions = value.matchExpressions;
  if (expressions !== undefined && (!Array.isArray(expressions) || !expressions.every(expression))) return undefined;
  return selectorText(value as LabelSelector);
}

function expression(e: unknown): boolean {
  return isMapping(e) && only(e, ['key', 'operator', 'values']) && typeof e.key === 'string' && typeof e.operator === 'string'
    && (e.values === undefined || (Array.isArray(e.values) && e.values.every(v => typeof v === 'string')));
}

/** The one namespace a selector names by its `kubernetes.io/metadata.name` label and nothing else. */
function namedNamespace(s: LabelSelector): string | undefined {
  const labels = s.matchLabels ?? {};
  const keys = Object.keys(labels);
  return keys.length === 1 && keys[0] === NAMESPACE_NAME_LABEL && empty(s.matchExpressions) ? labels[NAMESPACE_NAME_LABEL] : undefined;
}

/** `from <sources>; to <operations>; when <conditions>`, the parts the rule has; `any request` for an empty rule. */
function apRule(rule: unknown): Text {
  if (!isMapping(rule) || !only(rule, ['from', 'to', 'when'])) return undefined;
  const parts: Text[] = [];
  if (!empty(rule.from)) parts.push(prefixed('from', listOf(rule.from, wrapped('source', SOURCE_FIELDS), ' or ')));
  if (!empty(rule.to)) parts.push(prefixed('to', listOf(rule.to, wrapped('operation', OPERATION_FIELDS), ' or ')));
  if (!empty(rule.when)) parts.push(prefixed('when', listOf(rule.when, condition, ' and ')));
  if (parts.some(p => p === undefined)) return undefined;
  return parts.length === 0 ? 'any request' : parts.join('; ');
}

/** The text of a `{ source: … }` or `{ operation: … }` item of a rule's `from` or `to`. */
function wrapped(wrapper: string, fields: readonly string[]): (v: unknown) => Text {
  return v => (isMapping(v) && only(v, [wrapper]) ? matchText(v[wrapper], fields) : undefined);
}

/** A source or operation: its fields, each with its values, `principals a, b and ports 8443`; `any` when it has none. */
function matchText(value: unknown, fields: readonly string[]): Text {
  if (!isMapping(value) || !only(value, fields)) return undefined;
  const parts: Text[] = fields.filter(f => value[f] !== undefined).map(f => prefixed(f, listOf(value[f], v => (typeof v === 'string' ? v : undefined), ', ')));
  if (parts.some(p => p === undefined)) return undefined;
  return parts.length === 0 ? 'any' : parts.join(' and ');
}

/** A `when` condition: `request.auth.claims[iss] in (a, b)`, `… not in (c)`; it has values, not values or both. */
function condition(c: unknown): Text {
  if (!isMapping(c) || !only(c, ['key', 'values', 'notValues']) || typeof c.key !== 'string') return undefined;
  if (c.values === undefined && c.notValues === undefined) return undefined;
  const strings = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const values = c.values === undefined ? undefined : listOf(c.values, strings, ', ');
  const notValues = c.notValues === undefined ? undefined : listOf(c.notValues, strings, ', ');
  if ((c.values !== undefined && values === undefined) || (c.notValues !== undefined && notValues === undefined)) return undefined;
  const parts = [values === undefined ? '' : `in (${values})`, notValues === undefined ? '' : `not in (${notValues})`].filter(Boolean);
  return `${c.key} ${parts.join(' and ')}`;
}

/** The items of a list as text joined by `separator`, at most {@link SHOWN_ITEMS} then a count; `undefined` if one is not understood. */
function listOf(value: unknown, item: (v: unknown) => Text, separator: string): Text {
  if (!Array.isArray(value)) return undefined;
  const texts: string[] = [];
  for (const v of value.slice(0, SHOWN_ITEMS)) {
    const t = item(v);
    if (t === undefined) return undefined;
    texts.push(t);
  }
  // The items not named are still checked, so that a field the API does not define is never left out unseen.
  if (value.slice(SHOWN_ITEMS).some(v => item(v) === undefined)) return undefined;
  const more = value.length - texts.length;
  return more > 0 ? `${texts.join(separator)}${separator}+${more} more` : texts.join(separator);
}

function prefixed(word: string, text: Text): Text {
  return text === undefined ? undefined : `${word} ${text}`;
}

function empty(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}

/** Whether a mapping has no key but `keys` (a value that is not a mapping has none). */
function only(v: unknown, keys: readonly string[]): boolean {
  return !isMapping(v) || Object.keys(v).every(k => keys.includes(k));
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
