/**
 * The default resources of the Istio sidecar (and its init container) in the pods of a
 * CompliantWorkload, set with Istio's `sidecar.istio.io/proxy*` annotations. Istio's own defaults
 * (a limit of 2 CPUs and 1Gi) would spend a namespace's quota four times over on proxies; known
 * values also let a namespace know exactly what its workloads need.
 */
export const SIDECAR_RESOURCES = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
} as const;

/** The sidecar's requests and limits, as a workload resolves them. */
export interface SidecarAmounts {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** The pod annotations that give the sidecar its resources. */
export function sidecarResourceAnnotations(r: SidecarAmounts): Record<string, string> {
  // Annotation values are strings; a quantity given as a number (`cpu: 1`) is written as one.
  return {
    'sidecar.istio.io/proxyCPU': String(r.requests.cpu),
    'sidecar.istio.io/proxyCPULimit': String(r.limits.cpu),
    'sidecar.istio.io/proxyMemory': String(r.requests.memory),
    'sidecar.istio.io/proxyMemoryLimit': String(r.limits.memory),
  };
}
