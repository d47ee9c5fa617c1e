import type { HealthCheck } from '../health-check';
import { probedPort } from './probed-port';

/**
 * The first port a process without CAP_NET_BIND_SERVICE may bind, as the kernel sets
 * `net.ipv4.ip_unprivileged_port_start` unless the container runtime lowers it (containerd 1.x
 * with `enable_unprivileged_ports = false`, its default, and CRI-O do not).
 */
const KERNEL_UNPRIVILEGED_PORT_START = 1024;

/**
 * The sysctl that moves that boundary. It is namespaced (it applies to the pod's own network
 * namespace only) and in the safe set of the kubelet (since Kubernetes 1.22) and of the Pod
 * Security baseline and restricted profiles.
 * @see https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
 */
const UNPRIVILEGED_PORT_START = 'net.ipv4.ip_unprivileged_port_start';

/** One entry of a pod's `securityContext.sysctls`. */
export interface Sysctl {
  readonly name: string;
  readonly value: string;
}

/** What the container listens on, as the pod spec knows it. */
export interface ListeningPortsInput {
  /** The serving port; `undefined` for a worker. */
  readonly port: number | undefined;
  readonly metricsPort?: number;
  /** The liveness and readiness checks (the startup probe is the liveness check). */
  readonly checks: readonly HealthCheck[];
  /** The ports the replicas of a stateful workload reach each other on. */
  readonly peerPorts: readonly number[];
}

/**
 * The ports the application binds, in ascending order: its serving and metrics ports, the ports its
 * replicas reach each other on, and the ports its health checks name. A check passes only when
 * something in the pod listens on its port, and the only other container of the pod, the Istio
 * sidecar, keeps to ports a workload may not use, so a port a check names is the application's.
 */
export function listeningPorts(p: ListeningPortsInput): number[] {
  const named = p.checks.map(probedPort).filter((x): x is number => typeof x === 'number');
  const all = [p.port, p.metricsPort, ...p.peerPorts, ...named].filter((x): x is number => x !== undefined);
  return [...new Set(all)].sort((a, b) => a - b);
}

/**
 * The pod sysctls that let the container, non-root and without capabilities, bind its ports: with
 * a port below 1024, the first unprivileged port lowered to the lowest of them and no further (the
 * ports below it stay privileged); `undefined` when every port is 1024 or above. Adding
 * NET_BIND_SERVICE instead would not help: Kubernetes grants no ambient capabilities, and
 * `allowPrivilegeEscalation: false` keeps a binary's file capabilities from applying.
 */
export function unprivilegedPortSysctls(ports: readonly number[]): Sysctl[] | undefined {
  const lowest = Math.min(...ports);
  return lowest < KERNEL_UNPRIVILEGED_PORT_START ? [{ name: UNPRIVILEGED_PORT_START, value: String(lowest) }] : undefined;
}
