import { defineControl } from '../../control';
import { checkGrantedRules } from './private/check-rules';
import { grantedVerbs, joinWords } from './private/policy-rule';

const READ = ['get', 'list', 'watch'];

/**
 * No role grants get, list or watch on Secrets, except on Secrets it names. A rule limited by
 * resourceNames reaches only those Secrets, whatever the verb: the API server authorizes a `list`
 * or `watch` under such a rule only when the request carries a `metadata.name` field selector
 * naming one of them (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources),
 * so a `watch` of a named Secret reads what a `get` of it reads. An empty name among them is no
 * limit: it matches the empty name of a list or watch without that selector.
 */
export const rbacNoSecretsRead = defineControl({
  id: 'rbac-no-secrets-read',
  title: 'Roles do not read Secrets',
  condition: 'No Role, ClusterRole (with what is aggregated into it) or binding of a built-in ClusterRole grants get, list or watch on secrets; get, list and watch on named secrets (resourceNames, none of them "") are allowed, since Kubernetes then authorizes a list or watch only with a field selector naming one of them.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.3'],
  references: {
    cis: '5.1.2',
    nsa: 'Authentication and authorization: role-based access control',
    kubescape: ['C-0015', 'C-0186'],
  },
  remediation: 'Mount the Secrets a workload needs as volumes or env references instead of reading them through the API; where the API is needed (a controller or webhook that keeps its own certificate Secret), grant get (and list and watch, for an informer with a metadata.name field selector) with resourceNames listing the Secrets.',
  example: 'rules:\n  - apiGroups: [""]\n    resources: ["secrets"]\n    resourceNames: ["db-credentials"]\n    verbs: ["get"]',
  check: ctx => checkGrantedRules(ctx, rule => {
    if (rule.resourceNames.length === 0) {
      const verbs = grantedVerbs(rule, READ, '', 'secrets');
      return verbs.length === 0 ? undefined : `grants ${joinWords(verbs)} on secrets`;
    }
    // The authorizer compares each name with the request's, which is empty for a list or watch
    // without a metadata.name field selector (kubernetes/kubernetes#76366).
    if (!rule.resourceNames.includes('')) return undefined;
    const verbs = grantedVerbs(rule, ['list', 'watch'], '', 'secrets');
    return verbs.length === 0 ? undefined : `grants ${joinWords(verbs)} on every secret: its resourceNames include "", which matches a list or watch that names no Secret; remove ""`;
  }),
});
