import { defineControl, fail, pass } from '../../control';
import { describeRule, grantsEverything } from './private/policy-rule';
import { bindingScope, rbacModel } from './private/rbac-model';

/**
 * No RoleBinding or ClusterRoleBinding grants cluster-admin, or a role with a rule granting every
 * verb on every resource of every API group. A RoleBinding to such a role still fails: it grants
 * full control of the namespace, its Secrets and its RBAC.
 */
export const rbacNoClusterAdminBinding = defineControl({
  id: 'rbac-no-cluster-admin-binding',
  title: 'Nothing is bound to cluster-admin',
  condition: 'No RoleBinding or ClusterRoleBinding references the ClusterRole cluster-admin or a role granting * on * in every API group.',
  severity: 'critical',
  criteria: ['CC6.1', 'CC6.2', 'CC6.3'],
  references: {
    cis: '5.1.1',
    nsa: 'Authentication and authorization: role-based access control',
    kubescape: ['C-0035', 'C-0185'],
    polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole'],
  },
  remediation: 'Bind a role that lists only what the subject needs; keep cluster administration to the platform\'s break-glass process outside application manifests.',
  suppressible: false,
  check: ctx => {
    const model = rbacModel(ctx.index);
    return model.bindings.map(binding => {
      const node = model.resolve(binding);
      if (!node) return pass(binding, 'the referenced role is not defined in the manifests (see rbac-bindings-resolve)');
      // A ClusterRole of the manifests named cluster-admin is restored to full rights by the API server.
      if (node.kind === 'ClusterRole' && node.name === 'cluster-admin' && (node.builtin || node.restored.length > 0)) {
        return fail(binding, `binds ClusterRole "cluster-admin" ${bindingScope(binding)}`, 'roleRef');
      }
      const rule = model.effectiveRules(node).find(grantsEverything);
      if (!rule) return pass(binding);
      return fail(binding,
        `binds ${node.kind} "${node.name}" ${bindingScope(binding)}, whose ${describeRule(rule, node.key)} grants every verb on every resource like cluster-admin`,
        'roleRef');
    });
  },
});
