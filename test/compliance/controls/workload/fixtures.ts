import { deployment } from '../../helpers';

/** A digest-pinned image from the example registry. */
export const PINNED_IMAGE = `registry.example.com/team/app:1.4.2@sha256:${'a'.repeat(64)}`;

/**
 * Applies a patch to a fixture: objects merge key by key, arrays and scalars replace, and an
 * `undefined` value removes the key.
 */
export function patch<T>(base: T, changes: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(changes)) return changes === undefined ? base : changes as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = patch(out[k], v);
  }
  return out as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A container that satisfies every workload control, with optional changes. */
export function hardenedContainer(name = 'app', changes: Record<string, unknown> = {}): any {
  return patch({
    name,
    image: PINNED_IMAGE,
    imagePullPolicy: 'Always',
    ports: [{ name: 'http', containerPort: 8080 }],
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    resources: {
      requests: { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '64Mi' },
      limits: { 'cpu': '500m', 'memory': '256Mi', 'ephemeral-storage': '256Mi' },
    },
    readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
  }, changes);
}

/** A pod spec that satisfies every workload control, with optional changes. */
export function hardenedPodSpec(changes: Record<string, unknown> = {}): any {
  return patch({
    serviceAccountName: 'api',
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [hardenedContainer()],
  }, changes);
}

/** The Deployment `team/api` around a hardened pod spec with optional changes. */
export function hardenedDeployment(changes: Record<string, unknown> = {}, extra: Parameters<typeof deployment>[2] = {}): any {
  return deployment('api', hardenedPodSpec(changes), extra);
}

/** An object without a pod template, for the not-applicable cases. */
export const CONFIG_MAP = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team' }, data: { LOG_LEVEL: 'info' } };
