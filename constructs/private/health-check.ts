import { HealthCheck } from '../health-check';
import { probedPort } from './probed-port';

/**
 * The handler with the workload's port filled in where none was given: by name for HTTP and
 * TCP checks, by number for gRPC (the API accepts only numbers there).
 */
export function bindHealthCheck(check: HealthCheck, portName: string, port: number | undefined): Record<string, unknown> {
  const h = check.handler;
  if (h.httpGet) return { httpGet: { ...h.httpGet, port: h.httpGet.port ?? portName } };
  if (h.tcpSocket) return { tcpSocket: { port: h.tcpSocket.port ?? portName } };
  if (h.grpc) return { grpc: { ...h.grpc, port: h.grpc.port ?? port } };
  return { ...h };
}

/** Why a health check is invalid, or `undefined`. */
export function whyHealthCheckInvalid(check: unknown): string | undefined {
  if (!(check instanceof HealthCheck)) return 'must be made with HealthCheck.http/tcp/grpc/command';
  const h = check.handler;
  const port = probedPort(check);
  if (port !== undefined && !isPortNumber(port)) return `has port ${showPort(port)}, not an integer from 1 to 65535`;
  if (h.httpGet && (typeof h.httpGet.path !== 'string' || !h.httpGet.path.startsWith('/'))) return 'has an HTTP path that does not start with "/"';
  if (h.grpc && h.grpc.service !== undefined && typeof h.grpc.service !== 'string') return `has a gRPC service name ${JSON.stringify(h.grpc.service)} that is not a string`;
  if (h.exec && !Array.isArray(h.exec.command)) return 'has a command that is not an array of arguments (HealthCheck.command(["pg_isready", "-q"]))';
  if (h.exec && (h.exec.command.length === 0 || h.exec.command.some((c: unknown) => typeof c !== 'string' || c === ''))) {
    return 'has an empty command or argument';
  }
  return undefined;
}

/** Whether `port` is a port number: an integer from 1 to 65535. */
export function isPortNumber(port: unknown): port is number {
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** A port as given, so that a string or a list reads as one: `"8080" (a string)`, `[]`, `1.5`. */
function showPort(port: unknown): string {
  if (typeof port === 'number') return String(port);
  if (typeof port === 'string') return `${JSON.stringify(port)} (a string)`;
  return JSON.stringify(port) ?? String(port);
}
