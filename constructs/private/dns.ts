/**
 * Egress to cluster DNS (kube-dns in kube-system) on port 53. The namespace's `allow-dns`
 * policy already allows it; each workload's own policy repeats it so the policy names every
 * destination of the workload (Polaris missingNetworkPolicy counts egress rules per policy).
 */
export const DNS_EGRESS: readonly Record<string, unknown>[] = [{
  to: [{
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
    podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
  }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
}];
