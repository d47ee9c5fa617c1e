import { goParseBool } from '../../../common/go-bool';
import { IndexedObject } from '../../../types';
import { isNamespaceWide, specOf } from './istio';

/** Whether an AuthorizationPolicy's action is ALLOW (the default when `action` is absent). */
export function isAllowPolicy(policy: IndexedObject): boolean {
  const action = specOf(policy).action;
  return action === undefined || action === null || action === 'ALLOW';
}

/** Whether a policy is only simulated (`istio.io/dry-run: "true"`, read with Go's ParseBool as istiod does) and so not enforced. */
export function isDryRun(policy: IndexedObject): boolean {
  return goParseBool(policy.annotations['istio.io/dry-run']) === true;
}

/**
 * Whether an AuthorizationPolicy puts every workload of its namespace (of the mesh, in the root
 * namespace) under deny by default: enforced, action ALLOW, no selector or gateway target, and
 * rules that admit only callers they name ({@link allowAllProblems}), or none at all (`spec: {}`,
 * the allow-nothing policy). Istio denies a request to a workload that an ALLOW policy applies to
 * unless an ALLOW policy matches it; a rule on requestPrincipals that no RequestAuthentication
 * validates matches nothing, so it admits no one either.
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
 */
export function deniesByDefault(policy: IndexedObject): boolean {
  return isAllowPolicy(policy) && !isDryRun(policy) && isNamespaceWide(policy, 'spec.selector.matchLabels') && allowAllProblems(policy, true).length === 0;
}

/** A rule of an ALLOW policy that admits callers it does not name. */
export interface RuleProblem {
  readonly message: string;
  readonly path: string;
}

/** Source fields that name callers by identity. */
const IDENTITY_FIELDS = ['principals', 'namespaces'] as const;
/** Source fields that only exclude. */
const NEGATIVE_FIELDS = ['notPrincipals', 'notNamespaces', 'notRequestPrincipals', 'notIpBlocks', 'notRemoteIpBlocks'] as const;

function values(source: any, field: string): string[] {
  const v = source?.[field];
  return Array.isArray(v) ? v.map(String) : [];
}

/**
 * Why one `from[].source` of an ALLOW rule admits unnamed callers, or `undefined` when it names
 * them. A source names its callers with `principals` or `namespaces` that are not the bare
 * wildcard `*`, or with `requestPrincipals` when a RequestAuthentication validates the JWTs they
 * come from. IP blocks alone are not an identity, and a source of only negative matches admits
 * everyone it does not list.
 */
export function whySourceUnnamed(source: any, jwtValidated: boolean): string | undefined {
  for (const f of IDENTITY_FIELDS) if (namesCallers(source, f)) return undefined;
  const wildcard = IDENTITY_FIELDS.flatMap(f => values(source, f).filter(v => matchesAnyone(f, v)).map(v => wildcardText(f, v)));
  const requestPrincipals = values(source, 'requestPrincipals').length > 0;
  if (requestPrincipals && jwtValidated) return undefined;
  if (wildcard.length > 0) return `allows any identity (${wildcard.join(' and ')})`;
  if (requestPrincipals) return 'uses requestPrincipals, but no RequestAuthentication in its namespace or the mesh root namespace validates JWTs';
  const negatives = NEGATIVE_FIELDS.filter(f => values(source, f).length > 0);
  if (negatives.length > 0) {
    return `uses only negative matches (${negatives.join(', ')}), so every caller it does not list is allowed; name the allowed callers with principals or namespaces`;
  }
  return 'names no caller: add principals or namespaces';
}

/** Whether a source field lists callers by identity: non-empty, without a value that matches anyone. */
function namesCallers(source: any, field: string): boolean {
  const v = source?.[field];
  if (!Array.isArray(v) || v.length === 0) return false;
  for (const x of v) if (matchesAnyone(field, String(x))) return false;
  return true;
}

/**
 * A principal prefix (the value before its one trailing `*`) that stops short of a namespace: a
 * prefix of `<trust domain>/ns/` (`cluster.local`, `cluster.local/`, `cluster.local/n`,
 * `cluster.local/ns/`, `c`).
 */
const TRUST_DOMAIN_PREFIX = /^[^/*]*(?:\/(?:n(?:s\/?)?)?)?$/;

/**
 * Whether a value matches every caller, as Istio compiles it:
 * - `*`;
 * - a principal ending in `*`, which Istio compiles to a prefix match on `spiffe://<prefix>`, whose
 *   prefix stops short of a namespace ({@link TRUST_DOMAIN_PREFIX}): it takes in every workload of
 *   the trust domain (`cluster.local/*`, `cluster.local*`, `cluster.local/n*`, `c*`);
 * - a namespace pattern that admits a principal of any namespace and service account
 *   ({@link namespacePatternAdmits}): only wildcards, or a pattern that the `<namespace>/sa` part of
 *   every principal matches (`*a`, `*sa`, `*\/*`).
 */
function matchesAnyone(field: string, value: string): boolean {
  if (value === '*') return true;
  if (field === 'principals') return value.endsWith('*') && !value.startsWith('*') && TRUST_DOMAIN_PREFIX.test(value.slice(0, -1));
  return field === 'namespaces' && value.includes('*') && namespacePatternAdmits(value, ANY_PRINCIPAL);
}

/** A stand-in for every principal: a namespace and a service account of a character no name and no pattern holds. */
export const ANY_PRINCIPAL = 'cluster.local/ns/\u0000/sa/\u0000';


/**
 * Whether an AuthorizationPolicy `namespaces` value admits a principal, as istiod compiles it: the
 * regex `.*\/ns\/<value>\/.*` on the whole principal, each `*` of the value standing for any run of
 * characters, `/` included. A wildcard can so reach past the namespace: `*a` matches the `/sa`
 * after any namespace. (istiod leaves the rest of the value unescaped; it is matched literally
 * here, which is the same for namespace names.)
 */
export function namespacePatternAdmits(pattern: string, principal: string): boolean {
  return globMatches(`*/ns/${pattern}/*`, principal);
}

/**
 * Whether `text` matches `glob`, whose `*` stands for any run of characters and every other
 * character for itself. Linear in practice, and at worst the product of the lengths: unlike a
 * backtracking regular expression, a pattern with many `*` cannot make it take exponential time
 * (istiod hands the regex to Envoy's RE2, which is linear too).
 */
function globMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] !== '*' && glob[g] === text[t]) {
      g++;
      t++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      resume = t;
    } else if (star >= 0) {
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

/** How a finding names a value that matches every caller. */
function wildcardText(field: string, value: string): string {
  const spans = field === 'namespaces' && value !== '*' && !/^\*+$/.test(value);
  return `"${value}" in ${field}${spans ? ', which Istio matches against the whole principal and so also across the /sa/ of every one' : ''}`;
}

/** The `when` keys that Istio matches as the source fields of the same meaning. */
const WHEN_IDENTITY_KEYS: ReadonlyMap<string, typeof IDENTITY_FIELDS[number]> = new Map([['source.principal', 'principals'], ['source.namespace', 'namespaces']]);

/**
 * Whether a rule names its callers in a `when` condition, which every request it matches must
 * meet: `source.principal` or `source.namespace` values that name callers (Istio compiles them
 * as `principals` and `namespaces`), or `request.auth.principal` values where a
 * RequestAuthentication validates the JWTs.
 * @see https://istio.io/latest/docs/reference/config/security/conditions/
 */
function whenNamesCallers(rule: any, jwtValidated: boolean): boolean {
  if (!Array.isArray(rule.when)) return false;
  return rule.when.some((c: any) => {
    const field = WHEN_IDENTITY_KEYS.get(c?.key);
    if (field !== undefined) return namesCallers({ [field]: c.values }, field);
    return jwtValidated && c?.key === 'request.auth.principal' && Array.isArray(c.values) && c.values.length > 0;
  });
}

/**
 * The rules of an ALLOW policy that admit callers they do not name: an empty rule (`{}`, which
 * matches every request), a rule without `from` (any caller), and sources that
 * {@link whySourceUnnamed} rejects; a rule whose `when` names its callers
 * ({@link whenNamesCallers}) admits no others.
 */
export function allowAllProblems(policy: IndexedObject, jwtValidated: boolean): RuleProblem[] {
  const rules = specOf(policy).rules;
  if (!Array.isArray(rules)) return [];
  const out: RuleProblem[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule && typeof rule === 'object' && whenNamesCallers(rule, jwtValidated)) continue;
    if (!rule || typeof rule !== 'object' || isEmptyObject(rule)) {
      out.push({ message: `rules[${i}] is empty ({}) and matches every request`, path: `spec.rules[${i}]` });
    } else if (!Array.isArray(rule.from) || rule.from.length === 0) {
      out.push({ message: `rules[${i}] has no from, so any caller is allowed`, path: `spec.rules[${i}].from` });
    } else {
      for (let j = 0; j < rule.from.length; j++) {
        const why = whySourceUnnamed(rule.from[j]?.source, jwtValidated);
        if (why) out.push({ message: `rules[${i}].from[${j}] ${why}`, path: `spec.rules[${i}].from[${j}].source` });
      }
    }
  }
  return out;
}

function isEmptyObject(o: object): boolean {
  for (const key in o) if (Object.prototype.hasOwnProperty.call(o, key)) return false;
  return true;
}
