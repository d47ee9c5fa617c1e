import { makesPods, POD_MAKING_RESOURCES } from '../../src/compliance/common/pod-makers';
import { PolicyRule } from '../rule';

/** Resources no workload is granted, whatever the verb. */
const NEVER: Readonly<Record<string, string>> = {
  'secrets': 'secrets are passed to the workload by reference (secretFiles), never read through the API',
  'pods/ephemeralcontainers': 'a debug container is an exec into the pod',
  'pods/proxy': 'proxying to pods bypasses the network policies',
  'services/proxy': 'proxying to services bypasses the network policies',
  'nodes': 'node objects are cluster infrastructure',
  'nodes/proxy': 'proxying to the kubelet gives control of every pod on the node',
  'persistentvolumes': 'persistent volumes are cluster-scoped, beyond what a Role grants, and a volume may be a hostPath',
  'componentstatuses': 'component statuses are cluster-scoped, beyond what a Role grants',
  'pods/exec': 'exec into pods bypasses every control on the workload',
  'pods/attach': 'attach to pods bypasses every control on the workload',
  'pods/portforward': 'port-forward bypasses the network policies',
  'pods/eviction': 'evicting pods lets the workload stop the pods of every workload of its namespace, as far as their disruption budgets allow',
  'pods/binding': 'binding pods to nodes bypasses the scheduler: the nodes\' taints, the pods\' affinity and their spread',
  'bindings': 'binding pods to nodes bypasses the scheduler: the nodes\' taints, the pods\' affinity and their spread',
  'serviceaccounts/token': 'minting tokens lets the workload impersonate other identities',
};

/**
 * Kubernetes' cluster-scoped resources, by API group: a Role, which `grant` writes, gives no right
 * on them (the API server matches a Role's rules to requests in its namespace only), while the
 * grant would mount an API token and open egress to the API server for nothing. The core group's
 * (nodes, persistent volumes, component statuses) are refused above; a Role does reach the
 * Namespace object of its own namespace, so namespaces are not listed.
 */
const CLUSTER_SCOPED: Readonly<Record<string, ReadonlySet<string>>> = {
  'admissionregistration.k8s.io': new Set(['mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies',
    'validatingadmissionpolicybindings', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings']),
  'apiextensions.k8s.io': new Set(['customresourcedefinitions']),
  'apiregistration.k8s.io': new Set(['apiservices']),
  'authentication.k8s.io': new Set(['tokenreviews', 'selfsubjectreviews']),
  'authorization.k8s.io': new Set(['subjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
  'certificates.k8s.io': new Set(['certificatesigningrequests', 'clustertrustbundles']),
  'flowcontrol.apiserver.k8s.io': new Set(['flowschemas', 'prioritylevelconfigurations']),
  'networking.k8s.io': new Set(['ingressclasses', 'ipaddresses', 'servicecidrs']),
  'node.k8s.io': new Set(['runtimeclasses']),
  'rbac.authorization.k8s.io': new Set(['clusterroles', 'clusterrolebindings']),
  'resource.k8s.io': new Set(['deviceclasses', 'resourceslices']),
  'scheduling.k8s.io': new Set(['priorityclasses']),
  'storage.k8s.io': new Set(['storageclasses', 'csidrivers', 'csinodes', 'volumeattachments', 'volumeattributesclasses']),
  'cert-manager.io': new Set(['clusterissuers']),
};

/** Resources of any API group that a workload may read but not change. */
const READ_ONLY: Readonly<Record<string, string>> = {
  'networkpolicies': 'changing network policies lets the workload undo its own isolation',
  'ingresses': 'changing ingresses lets the workload expose services to the internet',
  'serviceaccounts': 'creating identities lets the workload escalate',
  'roles': 'changing RBAC lets the workload grant itself more rights',
  'rolebindings': 'changing RBAC lets the workload grant itself more rights',
  'clusterroles': 'changing RBAC lets the workload grant itself more rights',
  'clusterrolebindings': 'changing RBAC lets the workload grant itself more rights',
};

/** Resources of one API group that a workload may read but not change: changing them weakens the namespace it runs in. */
const READ_ONLY_IN_GROUP: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '': {
    'namespaces': 'changing its namespace lets the workload remove the Pod Security, mesh and classification labels',
    'resourcequotas': 'changing the quota lifts the namespace\'s resource limits and its ban on NodePort and LoadBalancer Services',
    'limitranges': 'changing the limit ranges lifts the default limits of every container of the namespace',
    'services': 'changing Services lets the workload expose pods outside the cluster or take over another Service\'s traffic',
    'endpoints': 'changing endpoints lets the workload redirect another Service\'s traffic (CVE-2021-25740)',
  },
  'discovery.k8s.io': {
    'endpointslices': 'changing endpoint slices lets the workload redirect another Service\'s traffic (CVE-2021-25740)',
  },
  'policy': {
    'poddisruptionbudgets': 'changing disruption budgets lets the workload have a drain stop every replica of a service, or block node maintenance',
  },
};

/**
 * Objects of the core API group that a workload may read but not change or delete, by resource and
 * name: the trust anchors published into every namespace, which its pods' clients and sidecars trust.
 */
const TRUST_ANCHORS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  configmaps: {
    'kube-root-ca.crt': 'the cluster CA that every pod\'s API client trusts',
    'istio-ca-root-cert': 'the mesh root certificate that every sidecar trusts',
    'openshift-service-ca.crt': 'the OpenShift service CA that every pod trusts for in-cluster TLS',
  },
};

/**
 * Status the cluster's own components write, which a workload may read but not change (an
 * operator writing the status of its own custom resources stays allowed).
 */
const READ_ONLY_CORE_STATUS: Readonly<Record<string, string>> = {
  'pods/status': 'a pod\'s status is the kubelet\'s record of its readiness and addresses: writing it can put any pod of the namespace behind its Services, or take it out',
  'services/status': 'a Service\'s status records the load balancer the cloud gave it: writing it misleads everything that reads where the Service is exposed',
};

/** Why a rule may not be given, and how to fix it. */
export interface Refusal {
  readonly why: string;
  readonly fix: string;
}

const REMOVE_RULE = 'remove the rule; ask the platform team if the workload truly needs it';

/**
 * API domains whose objects a workload may read but not change (the group itself and its subgroups:
 * `istio.io` covers `security.istio.io` and `extensions.istio.io`): they police or route traffic,
 * hold policy or identities, or run pods and deploy what they are given.
 */
const READ_ONLY_DOMAINS: readonly (readonly [domain: string, why: string])[] = [
  ['rbac.authorization.k8s.io', 'changing RBAC lets the workload grant itself more rights'],
  ['admissionregistration.k8s.io', 'admission webhooks and policies control every object of the cluster'],
  ['certificates.k8s.io', 'signing certificates lets the workload mint identities'],
  ['istio.io', 'changing mesh objects lets the workload undo its own isolation, redirect traffic, switch off its access logs or run code in the sidecars'],
  ['gateway.networking.k8s.io', 'changing Gateway API objects lets the workload expose or re-route services'],
  ['policy.networking.k8s.io', 'changing cluster network policies lets the workload undo its own isolation'],
  ['cilium.io', 'Cilium policies add to the NetworkPolicies: changing them lets the workload undo its own isolation'],
  ['projectcalico.org', 'Calico policies add to the NetworkPolicies: changing them lets the workload undo its own isolation'],
  ['antrea.io', 'Antrea policies add to the NetworkPolicies: changing them lets the workload undo its own isolation'],
  ['cert-manager.io', 'requesting certificates lets the workload obtain one for any host the issuers serve'],
  ['external-secrets.io', 'external secrets copy any secret of the store into the namespace'],
  ['kyverno.io', 'changing admission policies lets the workload lift the cluster\'s rules'],
  ['gatekeeper.sh', 'changing admission policies lets the workload lift the cluster\'s rules'],
  ['argoproj.io', 'Argo objects run pods and deploy applications of the caller\'s choosing'],
  ['kruise.io', 'OpenKruise objects run pods, inject containers and run commands in them'],
  ['knative.dev', 'Knative objects run pods and adapters under ServiceAccounts of the caller\'s choosing'],
  ['keda.sh', 'KEDA objects run pods and read the namespace\'s Secrets for the workload'],
  ['fluxcd.io', 'GitOps objects deploy whatever their source holds'],
  ['tekton.dev', 'Tekton objects run pods of the caller\'s choosing'],
  ['x-k8s.io', 'these SIG APIs run pods or shape the cluster (JobSet, LeaderWorkerSet, Cluster API, Gateway API)'],
  ['kubeflow.org', 'Kubeflow objects run pods of the caller\'s choosing'],
  ['ray.io', 'Ray objects run pods of the caller\'s choosing'],
  ['sparkoperator.k8s.io', 'Spark applications run pods of the caller\'s choosing'],
];

/** The names of Kubernetes' own pod-making resources, refused in any API group (a copy under another group is no safer). */
const WORKLOAD_RESOURCES: ReadonlySet<string> = new Set(
  POD_MAKING_RESOURCES.filter(([group]) => ['', 'apps', 'batch', 'extensions'].includes(group)).map(([, resource]) => resource));

/** The verbs that leave the pods a resource makes as they are. */
const POD_SAFE_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'watch', 'delete']);
/** The verbs that only read. */
const READ_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'watch']);

/**
 * Why a workload may not be granted a rule, and the fix, or `undefined` when it may: resources no
 * workload gets, pod makers it may not create or change, resources and API domains it may only
 * read, and the trust anchors among the objects it names.
 */
export function whyNotGrantable(r: PolicyRule): Refusal | undefined {
  const why = whyResourceRefused(r);
  if (why !== undefined) return { why, fix: REMOVE_RULE };
  return trustAnchorRefusal(r);
}

function whyResourceRefused(r: PolicyRule): string | undefined {
  const verbs = verbsOf(r);
  const base = r.resource.split('/')[0];
  if (Object.hasOwn(NEVER, r.resource)) return NEVER[r.resource];
  if (Object.hasOwn(CLUSTER_SCOPED, r.apiGroup) && CLUSTER_SCOPED[r.apiGroup].has(base)) {
    return `${base} (${r.apiGroup}) are cluster-scoped: the Role that grant writes gives no right on them, and the workload would get an API token and a path to the API server for nothing`;
  }
  if ((makesPods(r.apiGroup, r.resource) || WORKLOAD_RESOURCES.has(r.resource)) && verbs.some(v => !POD_SAFE_VERBS.has(v))) {
    return `creating or changing ${r.resource} runs containers of the caller's choosing, outside the workload's hardening`;
  }
  if (verbs.every(v => READ_VERBS.has(v))) return undefined;
  if (r.apiGroup === '' && Object.hasOwn(READ_ONLY_CORE_STATUS, r.resource)) return READ_ONLY_CORE_STATUS[r.resource];
  if (Object.hasOwn(READ_ONLY, base)) return READ_ONLY[base];
  const inGroup = Object.hasOwn(READ_ONLY_IN_GROUP, r.apiGroup) ? READ_ONLY_IN_GROUP[r.apiGroup] : undefined;
  if (inGroup && Object.hasOwn(inGroup, base)) return inGroup[base];
  return READ_ONLY_DOMAINS.find(([domain]) => r.apiGroup === domain || r.apiGroup.endsWith(`.${domain}`))?.[1];
}

/** The refusal of a rule that would change or delete a trust anchor of the namespace by name. */
function trustAnchorRefusal(r: PolicyRule): Refusal | undefined {
  const anchors = r.apiGroup === '' && Object.hasOwn(TRUST_ANCHORS, r.resource) ? TRUST_ANCHORS[r.resource] : undefined;
  if (anchors === undefined || verbsOf(r).every(v => READ_VERBS.has(v))) return undefined;
  const named = [...new Set(Array.isArray(r.resourceNames) ? r.resourceNames : [])].filter(n => typeof n === 'string' && Object.hasOwn(anchors, n));
  if (named.length === 0) return undefined;
  return {
    why: `${named.map(n => `"${n}" holds ${anchors[n]}`).join('; ')}: changing or deleting ${named.length > 1 ? 'them' : 'it'} lets the workload have the pods of its namespace trust a CA of its choosing`,
    fix: `name only the application's own ${r.resource} (reading ${named.map(n => `"${n}"`).join(' and ')} stays possible: Rule.read)`,
  };
}

/** The verbs of a rule; none when a JavaScript caller gave something other than a list (reported by the grant's checks). */
export function verbsOf(r: PolicyRule): readonly string[] {
  return Array.isArray(r.verbs) ? r.verbs : [];
}
