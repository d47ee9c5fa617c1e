import { defineControl } from '../../control';
import { checkGrantedRules } from './private/check-rules';
import { allowsVerb, coversResource, Rule, summariseGrants } from './private/policy-rule';

const CERTIFICATES_GROUP = 'certificates.k8s.io';
const ADMISSION_GROUP = 'admissionregistration.k8s.io';
/** The verbs that add, change or remove an admission webhook or policy (deletecollection removes them all at once). */
const CHANGE = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * Rights that lead around RBAC to more power than they name, with the verbs that open each path
 * (CIS Kubernetes Benchmark 5.1.9–5.1.13).
 */
const PATHS: readonly { readonly group: string; readonly resource: string; readonly verbs: readonly string[]; readonly clusterScoped?: true }[] = [
  // A PersistentVolume may be a hostPath: a pod claiming it mounts the node's file system.
  { group: '', resource: 'persistentvolumes', verbs: ['create'], clusterScoped: true },
  // The kubelet API behind nodes/proxy runs commands in every pod of the node, unaudited.
  { group: '', resource: 'nodes/proxy', verbs: ['get', 'create'], clusterScoped: true },
  // Approving a signing request mints a client certificate for any user or group.
  { group: CERTIFICATES_GROUP, resource: 'certificatesigningrequests/approval', verbs: ['update', 'patch'], clusterScoped: true },
  // Admission webhooks and policies see, change or wave through every object of the cluster.
  { group: ADMISSION_GROUP, resource: 'validatingwebhookconfigurations', verbs: CHANGE, clusterScoped: true },
  { group: ADMISSION_GROUP, resource: 'mutatingwebhookconfigurations', verbs: CHANGE, clusterScoped: true },
  { group: ADMISSION_GROUP, resource: 'validatingadmissionpolicies', verbs: CHANGE, clusterScoped: true },
  { group: ADMISSION_GROUP, resource: 'validatingadmissionpolicybindings', verbs: CHANGE, clusterScoped: true },
  { group: ADMISSION_GROUP, resource: 'mutatingadmissionpolicies', verbs: CHANGE, clusterScoped: true },
  { group: ADMISSION_GROUP, resource: 'mutatingadmissionpolicybindings', verbs: CHANGE, clusterScoped: true },
  // A token request mints a token of any ServiceAccount the rule covers.
  { group: '', resource: 'serviceaccounts/token', verbs: ['create'] },
  // Relabelling a namespace loosens its Pod Security level or lets it match NetworkPolicy
  // namespace selectors; a Role grants this on its own namespace.
  { group: '', resource: 'namespaces', verbs: ['update', 'patch'] },
];

function privilegePath(rule: Rule): string | undefined {
  const found: [string, string][] = [];
  // A Role grants nothing on cluster-scoped resources: only its namespaced paths count.
  const namespaced = rule.origin.kind === 'Role';
  for (const { group, resource, verbs, clusterScoped } of PATHS) {
    if ((namespaced && clusterScoped) || !coversResource(rule, group, resource)) continue;
    for (const verb of verbs) if (allowsVerb(rule, verb)) found.push([verb, resource]);
  }
  return found.length === 0 ? undefined : `grants ${summariseGrants(found)}`;
}

/**
 * No role grants a right that leads around RBAC to more than it names: creating PersistentVolumes
 * (a hostPath volume), the kubelet API through nodes/proxy, approving certificate signing
 * requests, changing admission webhooks or policies, minting ServiceAccount tokens, or changing
 * namespaces (their Pod Security and NetworkPolicy labels). Components that need one (an
 * admission controller patching its own webhook) carry a reasoned suppression.
 * @see https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks
 */
export const rbacNoPrivilegePaths = defineControl({
  id: 'rbac-no-privilege-paths',
  title: 'Roles open no path around RBAC',
  condition: 'No role grants create on persistentvolumes or serviceaccounts/token, get or create on nodes/proxy, update or patch on '
    + 'certificatesigningrequests/approval or on namespaces (a Role: its own namespace, whose labels set its Pod Security level), '
    + 'or create, update, patch, delete or deletecollection on admission webhook configurations and admission policies or their bindings.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.3'],
  references: {
    cis: '5.1.9–5.1.13',
    nsa: 'Authentication and authorization: role-based access control',
  },
  remediation: 'Remove the right; a component that truly needs it (an admission controller that patches its own webhook) gets a role '
    + 'limited to its own objects by resourceNames and a suppression that records why.',
  example: 'metadata:\n  annotations:\n    soc2.cdk8s.io/suppress.rbac-no-privilege-paths: "my-admission writes the caBundle of its own webhook only; SEC-101"\n'
    + 'rules:\n  - apiGroups: ["admissionregistration.k8s.io"]\n    resources: ["validatingwebhookconfigurations"]\n    resourceNames: ["my-admission"]\n    verbs: ["get", "update"]',
  check: ctx => checkGrantedRules(ctx, privilegePath),
});
