/**
 * RBAC PolicyRule semantics, as the Kubernetes RBAC authorizer applies them
 * (k8s.io/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go): `*` matches every verb, API group
 * and resource, and `*\/<subresource>` matches that subresource of every resource.
 */

/** Where a rule was declared: a rule of a manifest role, or of a built-in role. */
export interface RuleOrigin {
  /** The role's key, `Role/<namespace>/<name>` or `ClusterRole/<name>`. */
  readonly key: string;
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
  /** Whether the role is a Kubernetes built-in not present in the manifests. */
  readonly builtin: boolean;
}

/** A PolicyRule read from a role, with where it came from. */
export interface Rule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
  /** The role that declares the rule. */
  readonly origin: RuleOrigin;
  /** JSON path of the rule inside its role, e.g. `rules[2]`. */
  readonly path: string;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Reads the `rules` of a Role or ClusterRole; malformed entries are skipped. */
export function readRules(raw: any, origin: RuleOrigin): Rule[] {
  const rules = Array.isArray(raw?.rules) ? raw.rules : [];
  const out: Rule[] = [];
  rules.forEach((r: any, i: number) => {
    if (!r || typeof r !== 'object') return;
    out.push({
      verbs: strings(r.verbs),
      apiGroups: strings(r.apiGroups),
      resources: strings(r.resources),
      resourceNames: strings(r.resourceNames),
      nonResourceURLs: strings(r.nonResourceURLs),
      origin,
      path: `rules[${i}]`,
    });
  });
  return out;
}

/** Whether the rule allows `verb`. */
export function allowsVerb(rule: Rule, verb: string): boolean {
  return rule.verbs.includes('*') || rule.verbs.includes(verb);
}

/** Whether the rule covers `resource` (`pods`, or `pods/exec` for a subresource) in API `group`. */
export function coversResource(rule: Rule, group: string, resource: string): boolean {
  if (!rule.apiGroups.includes('*') && !rule.apiGroups.includes(group)) return false;
  const slash = resource.indexOf('/');
  const anyOfSub = slash < 0 ? undefined : `*${resource.slice(slash)}`;
  for (const r of rule.resources) if (r === '*' || r === resource || r === anyOfSub) return true;
  return false;
}

/** Whether the rule allows `verb` on `resource` in `group` (ignoring resourceNames). */
export function grants(rule: Rule, verb: string, group: string, resource: string): boolean {
  return allowsVerb(rule, verb) && coversResource(rule, group, resource);
}

/** The verbs among `verbs` that the rule allows on `resource` in `group`. */
export function grantedVerbs(rule: Rule, verbs: readonly string[], group: string, resource: string): string[] {
  const out: string[] = [];
  if (!coversResource(rule, group, resource)) return out;
  for (const v of verbs) if (allowsVerb(rule, v)) out.push(v);
  return out;
}

/** The verbs that together amount to every verb on a resource, as Polaris counts them. */
const ALL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** Whether the rule grants every verb on every resource of every API group (cluster-admin's rule). */
export function grantsEverything(rule: Rule): boolean {
  const everyVerb = rule.verbs.includes('*') || ALL_VERBS.every(v => rule.verbs.includes(v));
  return everyVerb && rule.apiGroups.includes('*') && rule.resources.includes('*');
}

/** How a rule is named in messages: `rules[0]`, or where it was aggregated or built in from. */
export function describeRule(rule: Rule, owner: string): string {
  if (rule.origin.builtin && rule.origin.key === owner) return `the built-in rules of "${rule.origin.name}", which the API server restores (${rule.path})`;
  if (rule.origin.builtin) return `built-in ${rule.origin.kind} "${rule.origin.name}"`;
  if (rule.origin.key === owner) return rule.path;
  return `${rule.path} of ClusterRole "${rule.origin.name}" (aggregated)`;
}

/** `a, b and c` for messages. */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Describes (verb, resource) grants compactly: resources are grouped per verb, and verbs with the
 * same resources share a phrase, e.g. `create and get on pods/exec and pods/attach; patch on pods`.
 */
export function summariseGrants(grants: readonly (readonly [string, string])[]): string {
  const byVerb = new Map<string, string[]>();
  for (const [verb, resource] of grants) {
    const list = byVerb.get(verb) ?? [];
    if (!list.includes(resource)) list.push(resource);
    byVerb.set(verb, list);
  }
  const byResources = new Map<string, string[]>();
  for (const [verb, resources] of byVerb) {
    const key = joinWords(resources);
    byResources.set(key, [...(byResources.get(key) ?? []), verb]);
  }
  return [...byResources].map(([resources, verbs]) => `${joinWords(verbs)} on ${resources}`).join('; ');
}
