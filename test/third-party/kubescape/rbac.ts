/**
 * Kubescape RBAC controls (C-0002, C-0035, C-0185 to C-0188, C-0191, C-0278 to C-0282). Kubescape evaluates
 * "subject vectors": each subject of a binding with the role the binding references. A role that
 * is not in the manifest set yields no vector, so bindings to built-in ClusterRoles are not
 * evaluated in a file scan; C-0185 is the exception the mirror makes (see clusterAdminBinding).
 */
import { Finding, K8sObject, namespaceOf, ofKind } from '../shared';
import { ksFinding } from './report';

interface RbacRule {
  readonly controls: string[];
  readonly what: string;
  readonly verbs: string[];
  readonly apiGroups: string[];
  readonly resources: string[];
}

// Rule sources: kubescape/regolibrary rules/<name>/raw.rego
const RULES: RbacRule[] = [
  // exec-into-container-v1
  { controls: ['C-0002'], what: 'can exec into containers', verbs: ['create', '*'], apiGroups: ['', '*'], resources: ['pods/exec', 'pods/*', '*'] },
  // rule-list-all-cluster-admins-v1 (C-0035 Cluster-admin binding, C-0187 wildcard use)
  { controls: ['C-0035', 'C-0187'], what: 'have high privileges, such as cluster-admin', verbs: ['*'], apiGroups: ['*', ''], resources: ['*'] },
  // rule-can-list-get-secrets-v1 (C-0186, SOC2 and CIS 5.1.2)
  { controls: ['C-0186'], what: 'can read secrets', verbs: ['get', 'list', 'watch', '*'], apiGroups: ['', '*'], resources: ['secrets', '*'] },
  // rule-can-create-pod (C-0188)
  { controls: ['C-0188'], what: 'can create pods', verbs: ['create', '*'], apiGroups: ['', '*'], resources: ['pods', '*'] },
  // rule-can-bind-escalate (C-0191)
  { controls: ['C-0191'], what: 'can bind roles/clusterroles', verbs: ['bind', '*'], apiGroups: ['rbac.authorization.k8s.io', '*'], resources: ['clusterroles', 'roles', '*'] },
  { controls: ['C-0191'], what: 'can escalate roles/clusterroles', verbs: ['escalate', '*'], apiGroups: ['rbac.authorization.k8s.io', '*'], resources: ['clusterroles', 'roles', '*'] },
  // rule-can-impersonate-users-groups-v1 (C-0191)
  { controls: ['C-0191'], what: 'can impersonate users', verbs: ['impersonate', '*'], apiGroups: ['', '*'], resources: ['users', 'serviceaccounts', 'groups', 'uids', '*'] },
  // CIS v1.10 and v1.12 frameworks (cis-v1.10.0.json, cis-v1.12.0.json), section 5.1:
  // rule-can-create-pv (C-0278, CIS 5.1.9)
  { controls: ['C-0278'], what: 'can create persistent volumes', verbs: ['create', '*'], apiGroups: ['', '*'], resources: ['persistentvolumes', '*'] },
  // rule-can-access-proxy-subresource (C-0279, CIS 5.1.10)
  { controls: ['C-0279'], what: 'can access proxy subresources', verbs: ['get', 'create', 'connect', '*'], apiGroups: ['', '*'], resources: ['nodes/proxy', '*'] },
  // rule-can-approve-cert-signing-request (C-0280, CIS 5.1.11)
  { controls: ['C-0280'], what: 'can approve certificate signing requests', verbs: ['update', '*'], apiGroups: ['certificates.k8s.io', '*'],
    resources: ['certificatesigningrequests/approval', '*'] },
  // C-0281 (CIS 5.1.12): its rule file is not in the sources this mirror was read from; the condition follows the
  // benchmark's "create/modify/delete validatingwebhookconfigurations or mutatingwebhookconfigurations" in the
  // subject-vector form of its sibling rules above, read broadly (every changing verb)
  { controls: ['C-0281'], what: 'can create, modify or delete webhook configurations', verbs: ['create', 'update', 'patch', 'delete', 'deletecollection', '*'],
    apiGroups: ['admissionregistration.k8s.io', '*'], resources: ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations', '*'] },
  // rule-can-create-service-account-token (C-0282, CIS 5.1.13)
  { controls: ['C-0282'], what: 'can create service account tokens', verbs: ['create', '*'], apiGroups: ['', '*'], resources: ['serviceaccounts/token', '*'] },
];

const hasAny = (list: unknown, values: string[]) => Array.isArray(list) && list.some(v => values.includes(v));

/** The role a binding references, when it is in the manifest set. */
function referencedRole(binding: K8sObject, objects: K8sObject[]): K8sObject | undefined {
  const ref = binding.roleRef ?? {};
  if (ref.kind === 'Role') return ofKind(objects, 'Role').find(r => r.metadata?.name === ref.name && namespaceOf(r) === namespaceOf(binding));
  if (ref.kind === 'ClusterRole') return ofKind(objects, 'ClusterRole').find(r => r.metadata?.name === ref.name);
  return undefined;
}

/**
 * rules/cluster-admin-role (C-0185, CIS 5.1.1, cloud scope): a subject bound through a
 * ClusterRoleBinding to the ClusterRole named `cluster-admin` whose rules grant `*` verbs on `*`
 * resources. The built-in `cluster-admin` is never in a manifest set, so the mirror assumes its
 * wildcard rule when the role is absent, and checks the rules when it is present.
 */
function clusterAdminBinding(binding: K8sObject, objects: K8sObject[]): boolean {
  if (binding.kind !== 'ClusterRoleBinding' || binding.roleRef?.kind !== 'ClusterRole' || binding.roleRef?.name !== 'cluster-admin') return false;
  const role = referencedRole(binding, objects);
  if (!role) return true;
  return (Array.isArray(role.rules) ? role.rules : []).some((r: K8sObject) =>
    hasAny(r?.verbs, ['*']) && hasAny(r?.apiGroups, ['*', '']) && hasAny(r?.resources, ['*']));
}

/** Every Kubescape RBAC-control failure in the manifest set, reported on the binding. */
export function ksRbacChecks(objects: K8sObject[]): Finding[] {
  const out: Finding[] = [];
  for (const binding of ofKind(objects, 'ClusterRoleBinding').filter(b => clusterAdminBinding(b, objects))) {
    for (const subject of Array.isArray(binding.subjects) ? binding.subjects : []) {
      out.push(ksFinding('C-0185', binding, `Subject: ${subject?.kind}-${subject?.name} is bound to cluster-admin role`));
    }
  }
  for (const binding of ofKind(objects, 'RoleBinding', 'ClusterRoleBinding')) {
    const role = referencedRole(binding, objects);
    if (!role) continue;
    for (const subject of Array.isArray(binding.subjects) ? binding.subjects : []) {
      for (const rule of RULES) {
        const hit = (Array.isArray(role.rules) ? role.rules : []).some((r: K8sObject) =>
          hasAny(r?.verbs, rule.verbs) && hasAny(r?.apiGroups, rule.apiGroups) && hasAny(r?.resources, rule.resources));
        if (!hit) continue;
        for (const id of rule.controls) out.push(ksFinding(id, binding, `Subject: ${subject?.kind}-${subject?.name} ${rule.what}`));
      }
    }
  }
  return out;
}
