import type { HealthCheck } from '../health-check';

/** The port a health check names, if it names one (without one it checks the workload's port). */
export function probedPort(check: HealthCheck): unknown {
  const h = check.handler;
  return h.httpGet?.port ?? h.tcpSocket?.port ?? h.grpc?.port;
}
