import { ResolvedComplianceConfig } from '../config';
import { ManifestIndex } from '../manifest-index';
import type { Endpoint, NetworkModel } from './model';
import { explainEgress } from './private/egress-reasons';
import { addIngressFlows, addServiceExposure } from './private/exposure';
import { FlowGraph } from './private/graph';
import { istioSources } from './private/istio';
import type { PolicyRule } from './private/network-policy';
import { collapsePlatformFlows } from './private/platform';
import { addUnheldPodFlows, dropEdgesTheNamespaceDraws } from './private/unheld-pods';
import type { WorkloadInfo } from './private/workloads';

export type { AnyEndpoint, Endpoint, ExternalEndpoint, Flow, FlowExplanation, InternetEndpoint, NamespaceEndpoint, NetworkModel, Workload, WorkloadEndpoint } from './model';
export { describeEndpoint, endpointKey, flowKey } from './model';

const ANY: Endpoint = { type: 'any' };

/**
 * The network flows a manifest set allows, drawn from its NetworkPolicies, Istio
 * AuthorizationPolicies, Ingresses and Services.
 *
 * A flow A → B on a port exists when B's ingress admits it (B is selected by no Ingress-type
 * NetworkPolicy, or a rule of one of its policies admits A on that port — pod and namespace
 * selectors with matchExpressions, namespace labels, ipBlocks, named ports resolved against B's
 * container ports, `endPort`), A's egress admits it (symmetrically), and B's sidecar admits it
 * when AuthorizationPolicies govern B (DENY first; then, if any ALLOW policy selects B, only what
 * one allows — by principal `cluster.local/ns/<ns>/sa/<serviceAccountName>` or namespace;
 * allow-nothing denies all).
 *
 * The work stays near-linear: each workload is evaluated only against the peers its own policies
 * name (and those naming it), never against every other workload. A workload whose ingress is not
 * restricted gets one edge from `any` instead of one per peer, and one whose egress is not
 * restricted one edge to `any`. Peers outside the set are drawn as namespace, external (CIDR) or
 * internet endpoints; an empty pod selector draws the namespace, not each of its pods. An edge
 * to such an endpoint is bounded by the source's egress only: the policies of pods that are not
 * drawn one by one are not evaluated.
 *
 * NetworkPolicies that select no pod template of the set govern pods created at run time (an ACME
 * HTTP-01 solver, an operator's pods): those pods are drawn as one endpoint per namespace and pod
 * selector, with what the policies admit into and out of them.
 *
 * Ingresses add internet → ingress controller namespace (the one the Ingress's
 * `soc2.cdk8s.io/ingress-controller-namespace` annotation names, else the one of
 * `ingressControllerNamespaces` whose name contains the ingress class, else the first) and
 * controller namespace → backend workloads through their Services; LoadBalancer and NodePort
 * Services, and Services with externalIPs, add internet → their pods.
 * DNS lookups (port 53 only) to kube-system and sidecars' connections to istiod (XDS ports only)
 * in the mesh root namespace are drawn once per source namespace when every workload of it has them.
 *
 * A flow to an ipBlock range carries, as {@link Flow.explained}, the host and reason the
 * `soc2.cdk8s.io/egress-reasons` annotation of the NetworkPolicies allowing it records for the range.
 */
export function computeFlows(index: ManifestIndex, config: ResolvedComplianceConfig): NetworkModel {
  const g = new FlowGraph(index, config);
  const workloads = g.workloads.all;
  for (let i = 0; i < workloads.length; i++) {
    const w = workloads[i];
    const gov = g.governanceOf(w);
    g.consider(ANY, w.endpoint);
    g.consider(w.endpoint, ANY);
    considerPeers(g, gov.ingress.rules, w, true);
    considerPeers(g, gov.egress.rules, w, false);
    const sources = istioSources(gov.authz, g.workloads);
    for (let j = 0; j < sources.length; j++) g.consider(sources[j], w.endpoint);
  }
  addUnheldPodFlows(g);
  addIngressFlows(g);
  addServiceExposure(g);
  collapsePlatformFlows(g);
  dropEdgesTheNamespaceDraws(g);
  return { workloads: g.workloads.all.map(w => w.workload), flows: explainEgress(g.flows(), index) };
}

/** Evaluates the flows between a workload and every endpoint the peers of its rules stand for: into it for ingress rules, out of it for egress rules. */
function considerPeers(g: FlowGraph, rules: readonly PolicyRule[], w: WorkloadInfo, ingress: boolean): void {
  for (let r = 0; r < rules.length; r++) {
    const peers = rules[r].peers;
    if (peers === undefined) continue;
    for (let p = 0; p < peers.length; p++) {
      const endpoints = g.endpointsOf(peers[p], w.namespace);
      for (let e = 0; e < endpoints.length; e++) {
        if (ingress) g.consider(endpoints[e], w.endpoint); else g.consider(w.endpoint, endpoints[e]);
      }
    }
  }
}
