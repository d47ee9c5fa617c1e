import { defineControl, fail, failuresOrPass } from '../../control';
import { CheckResult } from '../../types';
import { rbacModel } from './private/rbac-model';
import { subjectsOf, whySubjectIllegitimate } from './private/subjects';

/**
 * Every subject of every binding is an identity-provider Group (not a `system:` group) or a named,
 * non-default ServiceAccount. Users are refused (access must follow group membership), and so are
 * all `system:` groups, including `system:serviceaccounts:<namespace>`, which would include the
 * namespace's `default` ServiceAccount and every ServiceAccount created later.
 */
export const rbacLegitimateSubjects = defineControl({
  id: 'rbac-legitimate-subjects',
  title: 'Bindings grant access to groups and dedicated ServiceAccounts only',
  condition: 'Every binding subject is a Group not prefixed system:, or a ServiceAccount other than default with its namespace; never a User, system:anonymous, system:unauthenticated, system:authenticated or system:masters.',
  severity: 'high',
  criteria: ['CC6.2', 'CC6.3'],
  references: {
    cis: '5.1.5, 5.1.7',
    nsa: 'Authentication and authorization: role-based access control',
    kubescape: ['C-0189', 'C-0246', 'C-0262', 'C-0265'],
  },
  remediation: 'Bind identity-provider groups (e.g. oidc:team-payments) for people and dedicated ServiceAccounts for workloads.',
  example: 'subjects:\n  - kind: Group\n    name: oidc:team-payments\n    apiGroup: rbac.authorization.k8s.io\n  - kind: ServiceAccount\n    name: api\n    namespace: payments',
  suppressible: false,
  check: ctx => {
    const out: CheckResult[] = [];
    for (const binding of rbacModel(ctx.index).bindings) {
      const failures = subjectsOf(binding.raw, binding.kind === 'RoleBinding' ? binding.namespace : undefined).flatMap(s => {
        const why = whySubjectIllegitimate(s);
        return why ? [fail(binding, why, `subjects[${s.index}]`)] : [];
      });
      out.push(...failuresOrPass(failures, binding));
    }
    return out;
  },
});
