/**
 * Probe 3 (c): escape hatches. cdk8s lets a user patch any object a construct emits
 * (`workload.resource.addJsonPatch`, `ApiObject.of(child)`, `metadata.addLabel`). A patch that
 * weakens what the constructs guarantee must fail the synth with the control that guards it.
 */
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { ComplianceFailedError, CompliantWorkload, DataClassification, Rule, SensitiveNamespace } from '../../index';
import { probeApp } from './helpers';

/** A namespace, a workload granted a read, and a hand-written pod guarded by the namespace's policies alone. */
function shop() {
  const app = probeApp();
  const chart = new Chart(app, 'shop');
  const namespace = new SensitiveNamespace(chart, 'shop', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-shop', apiServer: { cidr: '172.18.0.2/32', port: 6443 } });
  const api = new CompliantWorkload(chart, 'api', { namespace, image: 'registry.example.com/shop/api:1.0.0', port: 8080 });
  api.grant(Rule.read('configmaps', ['shop-flags']));
  return { app, chart, namespace, api };
}
type Shop = ReturnType<typeof shop>;

/** The `control object` pairs the synth fails with, sorted and unique; [] when it passes. */
function failures(s: Shop): string[] {
  try {
    s.app.synth();
    return [];
  } catch (e) {
    if (!(e instanceof ComplianceFailedError)) throw e;
    return [...new Set(e.findings.map(f => `${f.controlId} ${f.object.ref}`))].sort();
  }
}

const child = (scope: { node: { findChild(id: string): unknown } }, id: string) => ApiObject.of(scope.node.findChild(id) as any);
const POD = '/spec/template/spec';

const WEAKENINGS: [string, (s: Shop) => void, string[]][] = [
  ['runAsNonRoot removed from the pod and the container', s => {
    s.api.resource.addJsonPatch(JsonPatch.remove(`${POD}/securityContext/runAsNonRoot`), JsonPatch.remove(`${POD}/containers/0/securityContext/runAsNonRoot`));
  }, ['pod-run-as-non-root Deployment/shop/api']],
  ['runAsNonRoot: false on the pod', s => s.api.resource.addJsonPatch(JsonPatch.replace(`${POD}/securityContext/runAsNonRoot`, false)), ['pod-run-as-non-root Deployment/shop/api']],
  ['hostNetwork added', s => s.api.resource.addJsonPatch(JsonPatch.add(`${POD}/hostNetwork`, true)), [
    'mesh-sidecar-injection Deployment/shop/api', 'mesh-strict-mtls Deployment/shop/api', 'network-egress-default-deny Deployment/shop/api',
    'network-ingress-default-deny Deployment/shop/api', 'pod-no-host-namespaces Deployment/shop/api',
  ]],
  ['the default-deny made ingress-only, and the workload\'s and DNS policies dropped', s => {
    child(s.namespace, 'DefaultDenyAll').addJsonPatch(JsonPatch.remove('/spec/policyTypes'));
    s.namespace.node.tryRemoveChild('AllowDns');
    child(s.api, 'NetworkPolicy').addJsonPatch(JsonPatch.replace('/spec/policyTypes', ['Ingress']));
  }, ['network-egress-default-deny Deployment/shop/api']],
  ['a wildcard verb added to the granted rule', s => child(s.api, 'Role').addJsonPatch(JsonPatch.add('/rules/0/verbs/-', '*')), ['rbac-no-wildcards Role/shop/api']],
  ['a rule on Secrets added to the Role', s => child(s.api, 'Role').addJsonPatch(JsonPatch.add('/rules/-', { apiGroups: [''], resources: ['secrets'], verbs: ['get'] })), ['rbac-no-secrets-read Role/shop/api']],
  ['pods/exec added to the Role', s => child(s.api, 'Role').addJsonPatch(JsonPatch.add('/rules/-', { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] })), ['rbac-no-pod-exec Role/shop/api']],
  ['a privileged init container', s => s.api.resource.addJsonPatch(JsonPatch.add(`${POD}/initContainers`, [{
    name: 'init', image: 'registry.example.com/shop/init:1.0.0', imagePullPolicy: 'Always', securityContext: { privileged: true },
    resources: { requests: { 'cpu': '10m', 'memory': '16Mi', 'ephemeral-storage': '16Mi' }, limits: { 'cpu': '100m', 'memory': '64Mi', 'ephemeral-storage': '64Mi' } },
  }])), [
    'pod-drop-all-capabilities Deployment/shop/api', 'pod-no-privilege-escalation Deployment/shop/api', 'pod-no-privileged Deployment/shop/api', 'pod-read-only-root-fs Deployment/shop/api',
  ]],
  ['a capability added as kplus spells it (CAP_SYS_ADMIN)', s => s.api.resource.addJsonPatch(JsonPatch.add(`${POD}/containers/0/securityContext/capabilities/add`, ['CAP_SYS_ADMIN'])),
    ['pod-drop-all-capabilities Deployment/shop/api', 'pod-no-dangerous-capabilities Deployment/shop/api']],
  ['the namespace\'s Pod Security level overridden through its metadata', s => s.namespace.resource.metadata.addLabel('pod-security.kubernetes.io/enforce', 'privileged'),
    ['namespace-pod-security-restricted Namespace/shop']],
  ['the namespace\'s mTLS set to PERMISSIVE', s => child(s.namespace, 'StrictMtls').addJsonPatch(JsonPatch.replace('/spec/mtls/mode', 'PERMISSIVE')),
    ['mesh-no-permissive-mtls PeerAuthentication/shop/default', 'mesh-strict-mtls Deployment/shop/api']],
  ['a rule added to the allow-nothing AuthorizationPolicy', s => child(s.namespace, 'AllowNothing').addJsonPatch(JsonPatch.add('/spec/rules', [{}])),
    ['mesh-default-deny-authz Namespace/shop', 'mesh-no-allow-all-authz AuthorizationPolicy/shop/allow-nothing']],
  ['the Sidecar opened to any destination', s => child(s.namespace, 'Sidecar').addJsonPatch(JsonPatch.replace('/spec/outboundTrafficPolicy/mode', 'ALLOW_ANY')), ['mesh-registry-only-egress Namespace/shop']],
  ['the quota removed', s => s.namespace.node.tryRemoveChild('Quota'), ['namespace-resource-quota Namespace/shop']],
  ['the Service made a LoadBalancer', s => child(s.api, 'Service').addJsonPatch(JsonPatch.replace('/spec/type', 'LoadBalancer')), ['quota-admits-workloads ResourceQuota/shop/quota', 'service-no-external-exposure Service/shop/api']],
  ['the image moved to :latest', s => s.api.resource.addJsonPatch(JsonPatch.replace(`${POD}/containers/0/image`, 'registry.example.com/shop/api:latest')), ['image-pinned Deployment/shop/api']],
  ['a host path mounted', s => s.api.resource.addJsonPatch(JsonPatch.add(`${POD}/volumes/-`, { name: 'host', hostPath: { path: '/' } })),
    ['pod-no-host-path Deployment/shop/api', 'pod-restricted-volume-types Deployment/shop/api']],
  ['a suppression of a control that cannot be suppressed, written into the metadata', s => s.api.resource.metadata.addAnnotation('soc2.cdk8s.io/suppress.pod-no-host-namespaces', 'host networking until the CNI migration lands (OPS-1)'),
    ['suppression-known-control Deployment/shop/api']],
];

describe('probe 3 (c): escape hatches that weaken a construct fail the synth with the control that guards it', () => {
  test('the app unpatched passes', () => {
    expect(failures(shop())).toEqual([]);
  });

  test.each(WEAKENINGS)('%s', (_, patch, expected) => {
    const s = shop();
    patch(s);
    expect(failures(s)).toEqual(expected);
  });

  test('the pod label that opts out of the mesh fails STRICT mTLS and injection', () => {
    const s = shop();
    s.api.resource.addJsonPatch(JsonPatch.add('/spec/template/metadata/labels/sidecar.istio.io~1inject', 'false'));
    expect(failures(s)).toEqual(['mesh-sidecar-injection Deployment/shop/api', 'mesh-strict-mtls Deployment/shop/api']);
  });

  test('patches that change nothing the cluster enforces pass: the pod\'s own automount wins, a Deployment label is not a pod label', () => {
    const s = shop();
    child(s.api, 'ServiceAccount').addJsonPatch(JsonPatch.replace('/automountServiceAccountToken', true));
    s.api.resource.metadata.addLabel('sidecar.istio.io/inject', 'false');
    expect(failures(s)).toEqual([]);
  });
});
