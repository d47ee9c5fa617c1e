import { defineControl, fail, failuresOrPass } from '../../control';
import { CheckResult } from '../../types';
import { joinWords, Rule } from './private/policy-rule';
import { rbacModel } from './private/rbac-model';

/** The fields of a rule that hold a wildcard (`*`, or `*\/<subresource>` in resources; `*` or `/*`, every URL, in nonResourceURLs). */
function wildcardFields(rule: Rule): string[] {
  const fields: string[] = [];
  if (rule.verbs.includes('*')) fields.push('verbs');
  if (rule.resources.some(r => r.includes('*'))) fields.push('resources');
  if (rule.apiGroups.includes('*')) fields.push('apiGroups');
  // A trailing * matches a path prefix (`/healthz/*`); alone (`*`, `/*`) it is every URL the API server serves.
  if (rule.nonResourceURLs.some(u => u === '*' || u === '/*')) fields.push('nonResourceURLs');
  return fields;
}

/** No rule of a Role or ClusterRole uses `*` in its verbs, resources or apiGroups, nor grants every non-resource URL. */
export const rbacNoWildcards = defineControl({
  id: 'rbac-no-wildcards',
  title: 'Roles name their verbs, resources and API groups',
  condition: 'No rule of a Role or ClusterRole uses * in verbs, resources (including */<subresource>) or apiGroups, nor * or /* (every URL) in nonResourceURLs; a path prefix (/healthz/*) names what it grants.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.3'],
  references: {
    cis: '5.1.3',
    nsa: 'Authentication and authorization: role-based access control',
    kubescape: ['C-0187'],
  },
  remediation: 'List the exact verbs, resources and API groups each rule needs: a wildcard also grants every resource and verb the API gains later.',
  example: 'rules:\n  - apiGroups: [""]\n    resources: ["configmaps"]\n    resourceNames: ["app-config"]\n    verbs: ["get"]',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const node of rbacModel(ctx.index).roles) {
      const failures = node.rules.flatMap(rule => {
        const fields = wildcardFields(rule);
        return fields.length === 0 ? [] : [fail(node.object!, `${rule.path} uses * in ${joinWords(fields)}`, rule.path)];
      });
      out.push(...failuresOrPass(failures, node.object!));
    }
    return out;
  },
});
