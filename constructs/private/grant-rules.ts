import { Construct } from 'constructs';
import { closest } from '../../src/compliance/common/suggest';
import { PropProblem, Soc2Error } from '../errors';
import { PolicyRule, READ_VERBS, Rule, WRITE_VERBS } from '../rule';
import { SensitiveNamespace } from '../sensitive-namespace';
import { verbsOf, whyNotGrantable } from './grant-policy';
import { KeyShape, unknownKeys } from './validate';

/** The fields of a rule given to `grant` (the Rule factories write them). */
const POLICY_RULE_FIELDS = { apiGroup: true, resource: true, verbs: true, resourceNames: false } as const satisfies KeyShape<PolicyRule>;
/** The verbs a workload may be granted. */
const ALLOWED_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete']);
const RESOURCE = /^[a-z][a-z0-9.-]*(\/[a-z][a-z0-9.-]*)?$/;
/** The resources of the core API group (""), without subresources. */
const CORE_RESOURCES: ReadonlySet<string> = new Set([
  'bindings', 'componentstatuses', 'configmaps', 'endpoints', 'events', 'limitranges', 'namespaces', 'nodes', 'persistentvolumeclaims',
  'persistentvolumes', 'pods', 'podtemplates', 'replicationcontrollers', 'resourcequotas', 'secrets', 'serviceaccounts', 'services',
]);
const API_GROUP = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$/;
const OBJECT_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** The problem with a rule's verbs: not a list, empty, or holding a verb a workload is not granted (with the closest one). */
function checkVerbs(prop: string, verbs: unknown): PropProblem | undefined {
  const allowed = [...ALLOWED_VERBS].join(', ');
  const factories = 'build the rule with Rule.read, Rule.write or Rule.create';
  if (!Array.isArray(verbs) || verbs.length === 0) {
    return { prop, value: verbs, problem: Array.isArray(verbs) ? 'is empty: the rule grants nothing' : 'must be a list of verbs',
      fix: `list them, e.g. ${typeof verbs === 'string' ? `[${JSON.stringify(verbs)}]` : '["get", "list", "watch"]'}, or ${factories}` };
  }
  const bad = verbs.filter(v => !ALLOWED_VERBS.has(v));
  if (bad.length === 0) return undefined;
  const text = (v: unknown) => JSON.stringify(v) ?? String(v);
  const named = bad.map(text).join(', ');
  const guesses = bad.map(v => [v, typeof v === 'string' ? closest(v, ALLOWED_VERBS) : undefined] as const);
  const unknown = guesses.filter(([, c]) => c === undefined).map(([v]) => text(v));
  const guess = bad.length === 1 && unknown.length === 0 ? `did you mean "${guesses[0][1]}"?`
    : [...guesses.filter(([, c]) => c !== undefined).map(([v, c]) => `for ${text(v)}, did you mean "${c}"?`), ...(unknown.length > 0 ? [`Remove ${unknown.join(', ')}.`] : [])].join(' ');
  return { prop, value: verbs, problem: `${bad.length === 1 ? `holds ${named}, which is not a verb` : `holds ${named}, which are not verbs`} a workload may be granted (${allowed})`,
    fix: `${guess} Or ${factories}` };
}

/**
 * How to name the objects a hand-written rule reaches: the factory that grants exactly its verbs
 * (with its API group where the factory would look up another), else the rule with the field added;
 * never a factory that grants more verbs than the rule asked for.
 */
function namesFix(r: PolicyRule): string {
  const verbs = new Set(verbsOf(r));
  const example = `["${r.resource.split('/')[0] === 'configmaps' ? 'app-config' : 'my-object'}"]`;
  const exactly = (set: readonly string[]) => set.length === verbs.size && set.every(v => verbs.has(v));
  const factory = exactly(READ_VERBS) ? 'read' : exactly(WRITE_VERBS) ? 'write' : undefined;
  if (factory) {
    // The group the factory looks up for the resource; another is passed as its option.
    const group = Rule[factory](r.resource, []).apiGroup === r.apiGroup ? '' : `, { apiGroup: ${JSON.stringify(r.apiGroup)} }`;
    return `add resourceNames: the names of the objects, e.g. Rule.${factory}("${r.resource}", ${example}${group})`;
  }
  const list = [...verbs].map(v => JSON.stringify(v)).join(', ');
  return `add resourceNames: the names of the objects, e.g. { apiGroup: ${JSON.stringify(r.apiGroup)}, resource: "${r.resource}", verbs: [${list}], resourceNames: ${example} }`;
}

/** Validates rules given to `grant`, and that the namespace can reach the API server. */
export function checkGrant(scope: Construct & { namespace: SensitiveNamespace }, rules: readonly PolicyRule[]): void {
  const found: PropProblem[] = [];
  if (rules.length === 0) found.push({ prop: 'grant(rules)', value: [], problem: 'grants nothing', fix: 'pass at least one Rule, e.g. Rule.read("configmaps", ["app-config"])' });
  rules.forEach((r, i) => {
    const prop = `grant(rules[${i}])`;
    // A rule written by hand, rather than by a Rule factory, could carry a misspelt field that is never read.
    found.push(...unknownKeys(prop, r, Object.keys(POLICY_RULE_FIELDS)).map(p => ({ ...p, problem: 'is not a field of a PolicyRule' })));
    if (!r || typeof r.resource !== 'string' || r.resource === '' || r.resource.includes('*') || typeof r.apiGroup !== 'string' || r.apiGroup.includes('*')) {
      found.push({ prop, value: r, problem: 'must name one resource and API group, without wildcards', fix: 'use Rule.read(resource, names), Rule.write(resource, names) or Rule.create(resource)' });
      return;
    }
    if (!RESOURCE.test(r.resource)) {
      found.push({ prop: `${prop}.resource`, value: r.resource, problem: 'is not a resource name (lower-case plural, optionally with a subresource)', fix: 'e.g. "configmaps" or "deployments/scale"' });
    }
    if (r.apiGroup === '' && RESOURCE.test(r.resource) && !CORE_RESOURCES.has(r.resource.split('/')[0])) {
      const resource = r.resource.split('/')[0];
      const plural = CORE_RESOURCES.has(`${resource}s`) ? `${resource}s` : CORE_RESOURCES.has(`${resource}es`) ? `${resource}es` : undefined;
      // The group the factories look up for a well-known resource, which an explicit '' overrode.
      const known = Rule.read(r.resource, []).apiGroup;
      found.push({ prop: `${prop}.apiGroup`, value: r.apiGroup, problem: `is the core API group, which has no resource "${resource}"`,
        fix: plural !== undefined ? `resources are named in the plural: did you mean "${plural}"?`
          : known !== '' ? `"${resource}" belongs to API group "${known}": omit apiGroup, which the Rule factories look up, or pass { apiGroup: "${known}" }`
            : `pass the resource's group, e.g. Rule.read("${r.resource}", names, { apiGroup: "example.com" })` });
    }
    if (r.apiGroup === 'extensions' && RESOURCE.test(r.resource)) {
      // Rules copied from old charts: the group's last resources moved out in Kubernetes 1.22, so the rule would grant nothing.
      const known = Rule.read(r.resource, []).apiGroup;
      found.push({ prop: `${prop}.apiGroup`, value: r.apiGroup, problem: 'is the extensions/v1beta1 API group, which Kubernetes no longer serves (its resources moved to apps, networking.k8s.io and policy; the last were removed in 1.22): the rule would grant nothing',
        fix: known !== '' ? `omit apiGroup, which the Rule factories look up ("${known}"), or pass { apiGroup: "${known}" }` : 'pass the group that serves the resource today' });
    }
    if (!API_GROUP.test(r.apiGroup)) {
      found.push({ prop: `${prop}.apiGroup`, value: r.apiGroup, problem: 'is not an API group (a DNS subdomain, or "" for the core group)', fix: 'e.g. "apps" or "coordination.k8s.io"' });
    }
    const refusal = whyNotGrantable(r);
    if (refusal) found.push({ prop, value: r.resource, problem: `cannot be granted: ${refusal.why}`, fix: refusal.fix });
    const verbsProblem = checkVerbs(`${prop}.verbs`, r.verbs);
    if (verbsProblem) found.push(verbsProblem);
    const needsNames = verbsOf(r).filter(v => v !== 'create');
    const namesProp = `${prop}.resourceNames`;
    if (needsNames.length > 0 && typeof r.resourceNames === 'string') {
      found.push({ prop: namesProp, value: r.resourceNames, problem: 'must be a list of object names, not a string', fix: `e.g. Rule.read("${r.resource}", [${JSON.stringify(r.resourceNames)}])` });
    } else if (needsNames.length > 0 && (!Array.isArray(r.resourceNames) || r.resourceNames.length === 0 || r.resourceNames.some(n => typeof n !== 'string' || n === '' || n.includes('*')))) {
      const names = r.resourceNames;
      const what = names === undefined ? 'is missing' : Array.isArray(names) && names.length === 0 ? 'is empty' : 'holds a wildcard, an empty name or a value that is not a name';
      found.push({ prop: namesProp, value: names,
        problem: `${what}: a rule with ${needsNames.length === 1 ? 'verb' : 'verbs'} ${needsNames.join(', ')} must name each object it reaches (only create goes without, as names cannot restrict it)`,
        fix: namesFix(r) });
    } else if (Array.isArray(r.resourceNames)) {
      const bad = r.resourceNames.filter(n => !OBJECT_NAME.test(n));
      if (bad.length > 0) {
        found.push({ prop: `${prop}.resourceNames`, value: bad, problem: 'are not object names (lower-case DNS subdomains)', fix: 'use the metadata.name of each object, e.g. "app-config"' });
      }
    }
  });
  if (!scope.namespace.apiServer) {
    found.push({ prop: 'namespace.apiServer', value: undefined, problem: `is not set on namespace "${scope.namespace.name}", so the workload could not reach the API it is granted`,
      fix: 'set apiServer: { cidr: "<endpoint address>/32", port: <endpoint port> } on the SensitiveNamespace, as kubectl get endpoints kubernetes -n default lists them' });
  }
  Soc2Error.throwIf(scope, 'INVALID_RULE', found);
}
