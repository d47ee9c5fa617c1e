/**
 * The resources of the Istio sidecar (and its init container) in the pods of a CompliantWorkload,
 * set with Istio's `sidecar.istio.io/proxy*` annotations. Istio's own defaults (a limit of 2 CPUs
 * and 1Gi) would spend a namespace's quota four times over on proxies; fixed values also let a
 * namespace know exactly what its workloads need.
 */
export const SIDECAR_RESOURCES = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
} as const;

/** The pod annotations that give the sidecar {@link SIDECAR_RESOURCES}. */
export function sidecarResourceAnnotations(): Record<string, string> {
  return {
    'sidecar.istio.io/proxyCPU': SIDECAR_RESOURCES.requests.cpu,
    'sidecar.istio.io/proxyCPULimit': SIDECAR_RESOURCES.limits.cpu,
    'sidecar.istio.io/proxyMemory': SIDECAR_RESOURCES.requests.memory,
    'sidecar.istio.io/proxyMemoryLimit': SIDECAR_RESOURCES.limits.memory,
  };
}
