import { defineControl } from '../../control';
import { checkGrantedRules } from './private/check-rules';
import { allowsVerb, coversResource, Rule, summariseGrants } from './private/policy-rule';
import { RBAC_GROUP } from './private/rbac-model';

const AUTHN_GROUP = 'authentication.k8s.io';

/** The resources each escalation verb applies to (k8s RBAC and impersonation docs). */
const TARGETS: readonly { verb: string; resources: readonly (readonly [string, string])[] }[] = [
  { verb: 'escalate', resources: [[RBAC_GROUP, 'roles'], [RBAC_GROUP, 'clusterroles']] },
  { verb: 'bind', resources: [[RBAC_GROUP, 'roles'], [RBAC_GROUP, 'clusterroles']] },
  { verb: 'impersonate', resources: [['', 'users'], ['', 'groups'], ['', 'serviceaccounts'], [AUTHN_GROUP, 'uids'], [AUTHN_GROUP, 'userextras/*']] },
];

/** Whether the rule covers the resource; `userextras/*` stands for every `userextras/<key>`, which `*\/<key>` matches too. */
function covers(rule: Rule, group: string, resource: string): boolean {
  if (resource !== 'userextras/*') return coversResource(rule, group, resource);
  return (rule.apiGroups.includes('*') || rule.apiGroups.includes(group))
    && rule.resources.some(r => r === '*' || r.startsWith('userextras/') || (r.startsWith('*/') && r.length > 2));
}

function escalation(rule: Rule): string | undefined {
  const found: [string, string][] = [];
  for (const { verb, resources } of TARGETS) {
    if (!allowsVerb(rule, verb)) continue;
    for (const [g, r] of resources) if (covers(rule, g, r)) found.push([verb, r]);
  }
  return found.length === 0 ? undefined : `grants ${summariseGrants(found)}`;
}

/**
 * No role grants the verbs that bypass RBAC's escalation checks: escalate and bind on roles and
 * clusterroles, impersonate on users, groups, serviceaccounts, uids or userextras. Create and
 * update on roles and bindings are not flagged: without escalate or bind, the API server only lets
 * a subject grant rights it already holds.
 */
export const rbacNoEscalationVerbs = defineControl({
  id: 'rbac-no-escalation-verbs',
  title: 'Roles do not escalate, bind or impersonate',
  condition: 'No role grants escalate or bind on roles/clusterroles, or impersonate on users, groups, serviceaccounts, uids or userextras.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.3'],
  references: {
    cis: '5.1.8',
    nsa: 'Authentication and authorization: role-based access control',
    kubescape: ['C-0065', 'C-0191'],
  },
  remediation: 'Remove escalate, bind and impersonate; grant the needed rights to the subject directly through a reviewed binding.',
  check: ctx => checkGrantedRules(ctx, escalation),
});
