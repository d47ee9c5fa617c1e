import { CONFIG_DIR, CONFIG_VOLUME, configFilesVolume } from './config-files';
import { bindHealthCheck } from './health-check';
import { DEV_SHM } from './paths';
import { podInfoEnvVars } from './pod-info-env';
import { RESERVED_VOLUMES, SECRETS_DIR, SERVICE_ACCOUNT_DIR, STORAGE_VOLUME, writableVolumeNames } from './pod-volumes';
import { startupProbe } from './startup';
import { listeningPorts, unprivilegedPortSysctls } from './unprivileged-ports';
import type { NormalisedWorkload } from './workload-props';
import type { ResourceAmounts } from './workload-resources';

/** Everything the pod template is built from: the validated props plus the workload's wiring. */
export interface PodSpecInput extends Pick<NormalisedWorkload,
  'name' | 'image' | 'port' | 'portName' | 'metricsPort' | 'user' | 'group' | 'requests' | 'limits' | 'env' | 'podInfoEnv' | 'secretFiles' | 'configFiles'
  | 'priorityClassName' | 'command' | 'args' | 'writablePaths' | 'readOnlyRootFilesystem' | 'liveness' | 'readiness' | 'startupSeconds' | 'storage'> {
  readonly selector: Readonly<Record<string, string>>;
  readonly serviceAccountName: string;
  /** The ports the replicas of a stateful workload reach each other on, beside its own. */
  readonly peerPorts: readonly number[];
  /** Whether the workload is granted API rights: its token is then mounted explicitly. */
  readonly apiAccess: boolean;
}

/**
 * What automounting would project, made explicit: a short-lived, audience-bound token, the
 * cluster CA and the namespace. Only for workloads granted API rights (SOC 2 CC6.1; CIS 5.1.6).
 */
const API_ACCESS_SOURCES = [
  { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
  { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
  { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
];

function amounts(a: ResourceAmounts): Record<string, string> {
  return { 'cpu': a.cpu, 'memory': a.memory, 'ephemeral-storage': a.ephemeralStorage };
}

/**
 * The hardened pod spec: the Pod Security Standards restricted profile in full (non-root user and
 * group, seccomp RuntimeDefault, no privilege escalation, all capabilities dropped, read-only root
 * filesystem with emptyDir mounts), requests and limits, distinct liveness and readiness probes,
 * spread over nodes and zones. A container listening below port 1024 gets the pod's first
 * unprivileged port lowered to its lowest port, not a capability. SOC 2 CC6.1, CC6.8, A1.2.
 */
export function buildPodSpec(p: PodSpecInput): Record<string, unknown> {
  const ports: Record<string, unknown>[] = p.port === undefined ? [] : [{ name: p.portName, containerPort: p.port, protocol: 'TCP' }];
  if (p.metricsPort !== undefined) ports.push({ name: 'metrics', containerPort: p.metricsPort, protocol: 'TCP' });
  // The pod's facts first (they refer to nothing), then `env` in its normalised order, each
  // variable after those it refers to: Kubernetes expands `$(NAME)` only to the variables before it
  // in the list. The library adds no variables of its own.
  const env = [...podInfoEnvVars(p.podInfoEnv), ...p.env.map(([name, value]) => ({ name, value }))];
  const own = [...RESERVED_VOLUMES, ...Object.keys(p.configFiles).length > 0 ? [CONFIG_VOLUME] : [], ...p.storage ? [STORAGE_VOLUME] : []];
  const names = writableVolumeNames(p.writablePaths, own);
  const mounts: Record<string, unknown>[] = p.writablePaths.map((path, i) => ({ name: names[i], mountPath: path }));
  // Each writable directory may fill what the container may use of the node's disk, no more: past
  // its sizeLimit (or the container's ephemeral-storage limit) the kubelet evicts the pod. Shared
  // memory stays memory (tmpfs), as the runtime's own /dev/shm is, within the container's memory limit.
  const volumes: Record<string, unknown>[] = mounts.map(m => ({
    name: m.name,
    emptyDir: m.mountPath === DEV_SHM ? { medium: 'Memory', sizeLimit: p.limits.memory } : { sizeLimit: p.limits.ephemeralStorage },
  }));
  // The persistent volume comes from the StatefulSet's claim template, not from the pod's volumes.
  if (p.storage) mounts.push({ name: STORAGE_VOLUME, mountPath: p.storage.mountPath });
  const files = Object.keys(p.secretFiles).sort();
  if (files.length > 0) {
    mounts.push({ name: 'secrets', mountPath: SECRETS_DIR, readOnly: true });
    volumes.push({
      name: 'secrets',
      projected: {
        defaultMode: 0o440,
        sources: files.map(f => ({ secret: { name: p.secretFiles[f].secret, items: [{ key: p.secretFiles[f].key, path: f }] } })),
      },
    });
  }
  if (Object.keys(p.configFiles).length > 0) {
    mounts.push({ name: CONFIG_VOLUME, mountPath: CONFIG_DIR, readOnly: true });
    volumes.push(configFilesVolume(p.configFiles));
  }
  if (p.apiAccess) {
    mounts.push({ name: 'kube-api-access', mountPath: `${SERVICE_ACCOUNT_DIR}/serviceaccount`, readOnly: true });
    volumes.push({ name: 'kube-api-access', projected: { defaultMode: 0o440, sources: API_ACCESS_SOURCES } });
  }
  const liveness = bindHealthCheck(p.liveness, p.portName, p.port);
  const sysctls = unprivilegedPortSysctls(listeningPorts({ ...p, checks: [p.liveness, p.readiness] }));
  const spread = (topologyKey: string) => ({
    maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { ...p.selector } },
  });
  return {
    serviceAccountName: p.serviceAccountName,
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    priorityClassName: p.priorityClassName,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: p.user,
      runAsGroup: p.group,
      fsGroup: p.group,
      // A persistent volume keeps its ownership: change it only when its root does not match yet,
      // instead of walking the whole volume at every start.
      ...(p.storage ? { fsGroupChangePolicy: 'OnRootMismatch' } : {}),
      seccompProfile: { type: 'RuntimeDefault' },
      ...(sysctls ? { sysctls } : {}),
    },
    containers: [{
      name: p.name,
      image: p.image,
      imagePullPolicy: 'Always',
      ...(p.command ? { command: [...p.command] } : {}),
      ...(p.args ? { args: [...p.args] } : {}),
      ...(ports.length > 0 ? { ports } : {}),
      ...(env.length > 0 ? { env } : {}),
      resources: { requests: amounts(p.requests), limits: amounts(p.limits) },
      livenessProbe: { ...liveness, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
      readinessProbe: { ...bindHealthCheck(p.readiness, p.portName, p.port), periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2 },
      ...(p.startupSeconds === undefined ? {} : { startupProbe: startupProbe(liveness, p.startupSeconds) }),
      securityContext: {
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: p.readOnlyRootFilesystem,
        runAsNonRoot: true,
        runAsUser: p.user,
        runAsGroup: p.group,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      },
      ...(mounts.length > 0 ? { volumeMounts: mounts } : {}),
    }],
    ...(volumes.length > 0 ? { volumes } : {}),
    topologySpreadConstraints: [spread('kubernetes.io/hostname'), spread('topology.kubernetes.io/zone')],
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 100,
          podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { ...p.selector } } },
        }],
      },
    },
  };
}
