import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { BOUNDED_BUILTIN_ROLES } from './private/builtin-roles';
import { joinWords } from './private/policy-rule';
import { RBAC_GROUP, RbacModel, rbacModel, roleRefOf } from './private/rbac-model';

/** `"view", "system:auth-delegator" and Role kube-system/extension-apiserver-authentication-reader`, for messages. */
const BOUNDED_NAMES = joinWords([...BOUNDED_BUILTIN_ROLES.keys()].map(key => {
  const [kind, ...rest] = key.split('/');
  return kind === 'ClusterRole' ? `"${rest.join('/')}"` : `Role ${rest.join('/')}`;
}));

function resolveBinding(model: RbacModel, binding: IndexedObject): CheckResult {
  const ref = roleRefOf(binding);
  if (ref.apiGroup !== RBAC_GROUP) return fail(binding, `roleRef.apiGroup is "${ref.apiGroup}", expected "${RBAC_GROUP}"`, 'roleRef.apiGroup');
  if (ref.kind !== 'Role' && ref.kind !== 'ClusterRole') return fail(binding, `roleRef.kind "${ref.kind}" is neither Role nor ClusterRole`, 'roleRef.kind');
  if (ref.kind === 'Role' && binding.kind === 'ClusterRoleBinding') return fail(binding, 'a ClusterRoleBinding can only reference a ClusterRole', 'roleRef.kind');
  const node = model.resolve(binding);
  if (node && !node.builtin) return pass(binding);
  const bounded = node && BOUNDED_BUILTIN_ROLES.get(node.key);
  if (bounded) return pass(binding, `references ${bounded}`);
  if (node) {
    return fail(binding, `roleRef names the built-in ${node.kind} "${ref.name}", whose rights are not in the manifests; define the role the binding needs (only ${BOUNDED_NAMES} may be referenced without a definition here)`, 'roleRef.name');
  }
  if (ref.kind === 'Role') return fail(binding, `roleRef names Role "${ref.name}", which is not defined in namespace "${binding.namespace}"`, 'roleRef.name');
  return fail(binding, `roleRef names ClusterRole "${ref.name}", which is not defined in the manifests`, 'roleRef.name');
}

/**
 * Every binding references a role defined in the same manifest set (a Role in the binding's own
 * namespace, or a ClusterRole), or a built-in role whose rights are fixed and narrow: the
 * read-only ClusterRole `view`, and `system:auth-delegator` and kube-system's
 * `extension-apiserver-authentication-reader`, which every extension API server (metrics-server)
 * binds as Kubernetes documents. So the rights a binding grants can be reviewed here. Low severity: a dangling reference grants nothing until the role
 * appears, but then grants it unreviewed.
 */
export const rbacBindingsResolve = defineControl({
  id: 'rbac-bindings-resolve',
  title: 'Bindings reference roles defined alongside them',
  condition: 'Every RoleBinding and ClusterRoleBinding references a Role (in its namespace) or ClusterRole defined in the manifests, or a built-in role with fixed, narrow rights: the read-only ClusterRole view, or system:auth-delegator and kube-system\'s extension-apiserver-authentication-reader, which extension API servers bind to delegate authentication.',
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
