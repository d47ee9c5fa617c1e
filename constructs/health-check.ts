import { probedPort } from './private/probed-port';

/**
 * How the kubelet checks a container, for liveness or readiness. An optional argument given as
 * `null` (from JSON) is the argument left out.
 */
export class HealthCheck {
  /** An HTTP GET on `path`, on the workload's port unless one is given. */
  public static http(path: string, port?: number): HealthCheck {
    port = port ?? undefined;
    return new HealthCheck({ httpGet: { path, ...(port !== undefined ? { port } : {}) } });
  }

  /** A TCP connection to a port, the workload's port unless one is given. */
  public static tcp(port?: number): HealthCheck {
    port = port ?? undefined;
    return new HealthCheck({ tcpSocket: port !== undefined ? { port } : {} });
  }

  /** A gRPC health check (grpc.health.v1), on the workload's port unless one is given. */
  public static grpc(port?: number, service?: string): HealthCheck {
    port = port ?? undefined;
    service = service ?? undefined;
    return new HealthCheck({ grpc: { ...(port !== undefined ? { port } : {}), ...(service !== undefined && service !== '' ? { service } : {}) } });
  }

  /** A command run in the container; exit status 0 is healthy. */
  public static command(command: readonly string[]): HealthCheck {
    return new HealthCheck({ exec: { command: Array.isArray(command) ? [...command] : command } });
  }

  /**
   * The probe handler as in the Kubernetes API, without timing fields (added by the workload)
   * and, where no port was given, without a port (the workload's own is filled in).
   */
  public readonly handler: Readonly<Record<string, any>>;

  private constructor(handler: Record<string, unknown>) {
    this.handler = handler;
  }
}

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
  if (port !== undefined && !(typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535)) return `has port ${port}, not an integer from 1 to 65535`;
  if (h.httpGet && (typeof h.httpGet.path !== 'string' || !h.httpGet.path.startsWith('/'))) return 'has an HTTP path that does not start with "/"';
  if (h.grpc && h.grpc.service !== undefined && typeof h.grpc.service !== 'string') return `has a gRPC service name ${JSON.stringify(h.grpc.service)} that is not a string`;
  if (h.exec && !Array.isArray(h.exec.command)) return 'has a command that is not an array of arguments (HealthCheck.command(["pg_isready", "-q"]))';
  if (h.exec && (h.exec.command.length === 0 || h.exec.command.some((c: unknown) => typeof c !== 'string' || c === ''))) {
    return 'has an empty command or argument';
  }
  return undefined;
}
