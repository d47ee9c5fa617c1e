/** Objects with missing, null or wrongly typed fields, for robustness tests of controls. */
export function malformedObjects(): unknown[] {
  const odd = [undefined, null, 'text', 42, [], {}];
  const out: unknown[] = [];
  for (const value of odd) {
    for (const [apiVersion, kind] of [
      ['security.istio.io/v1', 'PeerAuthentication'], ['security.istio.io/v1beta1', 'AuthorizationPolicy'], ['security.istio.io/v1', 'RequestAuthentication'],
      ['networking.istio.io/v1', 'DestinationRule'], ['networking.istio.io/v1alpha3', 'Sidecar'], ['telemetry.istio.io/v1', 'Telemetry'],
      ['policy/v1', 'PodDisruptionBudget'], ['autoscaling/v2', 'HorizontalPodAutoscaler'], ['v1', 'ResourceQuota'], ['v1', 'LimitRange'],
    ]) {
      out.push({ apiVersion, kind, metadata: { name: `${kind}-${String(value)}`, namespace: 'team' }, spec: value });
      out.push({ apiVersion, kind, metadata: { name: `${kind}-nested-${String(value)}`, namespace: 'team' }, spec: {
        mtls: value, portLevelMtls: value, rules: [value, { from: value }, { from: [value, { source: value }] }], selector: value,
        workloadSelector: value, outboundTrafficPolicy: value, accessLogging: [value], trafficPolicy: value, subsets: [value], host: value,
        hard: value, limits: [value], minAvailable: value, maxUnavailable: value, scaleTargetRef: value, minReplicas: value,
      } });
    }
    out.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `d-${String(value)}`, namespace: 'team', annotations: { 'soc2.cdk8s.io/suppress.': String(value) } },
      spec: { replicas: value, selector: value, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [], topologySpreadConstraints: [value], affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [value] } } } } } });
  }
  out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', labels: { 'pod-security.kubernetes.io/enforce': '' } } });
  return out;
}
