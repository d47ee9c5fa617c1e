/**
 * Section names of the NSA/CISA Kubernetes Hardening Guidance (v1.2) that the workload controls
 * cite, kept in one place so every control spells them the same way.
 */
export const NSA = {
  nonRoot: 'Kubernetes Pod security: Non-root containers and rootless container engines',
  immutableFs: 'Kubernetes Pod security: Immutable container file systems',
  secureImages: 'Kubernetes Pod security: Building secure container images',
  enforcement: 'Kubernetes Pod security: Pod security enforcement',
  serviceAccountTokens: 'Kubernetes Pod security: Protecting Pod service account tokens',
  namespaces: 'Network separation and hardening: Namespaces',
  resourcePolicies: 'Network separation and hardening: Resource policies',
  secrets: 'Network separation and hardening: Secrets',
} as const;

