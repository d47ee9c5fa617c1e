import { defineControl, fail, pass } from '../../control';
import { CheckResult } from '../../types';
import { applicationNamespaceSet } from '../namespace/private/application-namespaces';
import { EXCLUDE_INBOUND_PORTS, inAmbientMesh, INCLUDE_INBOUND_PORTS, podMetadataPath, whyNoSidecar } from './private/injection';
import { meshNotRequired, policyScopes, SECURITY_GROUP, wideIn } from './private/istio';
import { whyNotStrict } from './private/peer-authentication';

/** Which inbound ports a pod keeps out of its sidecar's capture, as a clause of the finding, or `undefined` when it captures them all. */
function inboundBypass(annotations: Readonly<Record<string, string>>): string | undefined {
  const excluded = annotations[EXCLUDE_INBOUND_PORTS]?.trim();
  if (excluded) return `${EXCLUDE_INBOUND_PORTS}: "${excluded}" keeps those ports out of the sidecar`;
  const included = annotations[INCLUDE_INBOUND_PORTS];
  if (included !== undefined && included.trim() !== '*') return `${INCLUDE_INBOUND_PORTS}: "${included}" captures only the ports it lists`;
  return undefined;
}

/** Every pod in an application namespace receives only mutual TLS, on every port. */
export const meshStrictMtls = defineControl({
  id: 'mesh-strict-mtls',
  title: 'Workloads accept only mutual TLS',
  condition: 'Every pod template in an application namespace is under an effective PeerAuthentication mode of STRICT on all its ports, '
    + 'and gets a sidecar as far as the pod itself decides: it does not run on the host network (hostNetwork: true) nor opt out with sidecar.istio.io/inject '
    + '(unless it is in the ambient mesh, where ztunnel enforces the PeerAuthentication), '
    + 'and keeps no inbound port out of it (traffic.sidecar.istio.io/excludeInboundPorts, or includeInboundPorts other than "*"), '
    + 'since without a sidecar no PeerAuthentication applies.',
  severity: 'high',
  criteria: ['CC6.7', 'CC6.1'],
  references: {
    nsa: 'Network separation and hardening: encrypt traffic in transit (service mesh mTLS)',
  },
  remediation: 'Apply a PeerAuthentication with mtls.mode STRICT in the mesh root namespace (mesh-wide) or in the namespace, '
    + 'remove namespace, workload or port-level modes that weaken it to PERMISSIVE or DISABLE, take pods off the host network and remove sidecar.istio.io/inject opt-outs.',
  example: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT',
  inactive: meshNotRequired,
  check: ctx => {
    if (meshNotRequired(ctx.config)) return [];
    const root = ctx.config.meshRootNamespace;
    const scopes = policyScopes(ctx.index, 'PeerAuthentication', SECURITY_GROUP, 'spec.selector.matchLabels');
    const application = applicationNamespaceSet(ctx);
    // Without a workload policy the verdict depends on the namespace only: judge each namespace once.
    const byNamespace = new Map<string, readonly string[]>();
    const out: CheckResult[] = [];
    for (const pod of ctx.index.podTemplates) {
      if (!application.has(pod.namespace)) continue;
      // What the pod itself says about its sidecar (its namespace's labels are mesh-sidecar-injection's to judge).
      // A pod of the ambient mesh has no sidecar: ztunnel enforces its PeerAuthentication.
      const noSidecar = whyNoSidecar(pod, undefined)?.pod;
      if (noSidecar && !inAmbientMesh(pod, ctx.index.namespaceLabels(pod.namespace))) {
        out.push(fail(pod.owner, `${noSidecar.reason}: without a sidecar no PeerAuthentication applies, so it accepts plaintext`, noSidecar.path));
        continue;
      }
      const bypass = inboundBypass(pod.annotations);
      if (bypass) {
        out.push(fail(pod.owner, `${bypass}: traffic to those ports bypasses the sidecar, where no PeerAuthentication applies, so it is accepted in plaintext`,
          `${podMetadataPath(pod)}.annotations`));
        continue;
      }
      const inRoot = pod.namespace === root;
      // Istio ignores workload selectors on PeerAuthentications in the root namespace.
      const workload = inRoot ? [] : scopes.workload.match(pod.namespace, pod.labels).filter(pa => pa.namespace === pod.namespace);
      let problems = workload.length === 0 ? byNamespace.get(pod.namespace) : undefined;
      if (problems === undefined) {
        problems = whyNotStrict({ mesh: wideIn(scopes, root), namespace: inRoot ? [] : wideIn(scopes, pod.namespace), workload });
        if (workload.length === 0) byNamespace.set(pod.namespace, problems);
      }
      out.push(problems.length === 0 ? pass(pod.owner) : fail(pod.owner, problems.join('; ')));
    }
    return out;
  },
});
