import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { READ_ONLY_BUILTIN_ROLES } from './private/builtin-roles';
import { RBAC_GROUP, RbacModel, rbacModel, roleRefOf } from './private/rbac-model';

function resolveBinding(model: RbacModel, binding: IndexedObject): CheckResult {
  const ref = roleRefOf(binding);
  if (ref.apiGroup !== RBAC_GROUP) return fail(binding, `roleRef.apiGroup is "${ref.apiGroup}", expected "${RBAC_GROUP}"`, 'roleRef.apiGroup');
  if (ref.kind !== 'Role' && ref.kind !== 'ClusterRole') return fail(binding, `roleRef.kind "${ref.kind}" is neither Role nor ClusterRole`, 'roleRef.kind');
  if (ref.kind === 'Role' && binding.kind === 'ClusterRoleBinding') return fail(binding, 'a ClusterRoleBinding can only reference a ClusterRole', 'roleRef.kind');
  const node = model.resolve(binding);
  if (node && !node.builtin) return pass(binding);
  if (node && READ_ONLY_BUILTIN_ROLES.has(node.name)) return pass(binding, `references the built-in read-only ClusterRole "${node.name}"`);
  if (node) {
    return fail(binding, `roleRef names the built-in ClusterRole "${ref.name}", whose rights are not in the manifests; define the role the binding needs (only ${[...READ_ONLY_BUILTIN_ROLES].map(r => `"${r}"`).join(', ')} may be referenced without a definition here)`, 'roleRef.name');
  }
  if (ref.kind === 'Role') return fail(binding, `roleRef names Role "${ref.name}", which is not defined in namespace "${binding.namespace}"`, 'roleRef.name');
  return fail(binding, `roleRef names ClusterRole "${ref.name}", which is not defined in the manifests`, 'roleRef.name');
}

/**
 * Every binding references a role defined in the same manifest set (a Role in the binding's own
 * namespace, or a ClusterRole), or the built-in read-only ClusterRole `view`, so the rights it
 * grants can be reviewed here. Low severity: a dangling reference grants nothing until the role
 * appears, but then grants it unreviewed.
 */
export const rbacBindingsResolve = defineControl({
  id: 'rbac-bindings-resolve',
  title: 'Bindings reference roles defined alongside them',
  condition: 'Every RoleBinding and ClusterRoleBinding references a Role (in its namespace) or ClusterRole defined in the manifests, or the built-in read-only ClusterRole view.',
  severity: 'low',
  criteria: ['CC6.3', 'CC8.1'],
  references: {
    nsa: 'Authentication and authorization: role-based access control',
  },
  remediation: 'Add the Role or ClusterRole the binding needs to the manifests, with only the rights it needs, or fix the roleRef name or kind.',
  check: ctx => {
    const model = rbacModel(ctx.index);
    return model.bindings.map(b => resolveBinding(model, b));
  },
});
