import { defineControl } from '../../control';
import { checkGrantedRules } from './private/check-rules';
import { grantedVerbs, joinWords } from './private/policy-rule';

const READ = ['get', 'list', 'watch'];

/**
 * No role grants get, list or watch on Secrets. A `get` limited by resourceNames to named Secrets
 * is allowed; `list` and `watch` fail even when limited by resourceNames, since they return the
 * values of every Secret the client names and watch keeps streaming them.
 */
export const rbacNoSecretsRead = defineControl({
  id: 'rbac-no-secrets-read',
  title: 'Roles do not read Secrets',
  condition: 'No Role, ClusterRole (with what is aggregated into it) or binding of a built-in ClusterRole grants get, list or watch on secrets; get on named secrets (resourceNames) is allowed.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.3'],
  references: {
    cis: '5.1.2',
    nsa: 'Authentication and authorization: role-based access control',
    kubescape: ['C-0015', 'C-0186'],
  },
  remediation: 'Mount the Secrets a workload needs as volumes or env references instead of reading them through the API; where the API is needed, grant get with resourceNames listing the Secrets.',
  example: 'rules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    resourceNames: ["db-credentials"]\n    verbs: ["get"]',
  check: ctx => checkGrantedRules(ctx, rule => {
    const named = rule.resourceNames.length > 0;
    const verbs = grantedVerbs(rule, READ, '', 'secrets').filter(v => !(named && v === 'get'));
    if (verbs.length === 0) return undefined;
    return named
      ? `grants ${joinWords(verbs)} on secrets (resourceNames makes only get safe)`
      : `grants ${joinWords(verbs)} on secrets`;
  }),
});
