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
