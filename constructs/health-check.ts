/** How the kubelet checks a container, for liveness or readiness. */
export class HealthCheck {
  /** An HTTP GET on `path`, on the workload's port unless one is given. */
  public static http(path: string, port?: number): HealthCheck {
    return new HealthCheck({ httpGet: { path, port: port ?? 'http' } });
  }

  /** A TCP connection to a port, the workload's port unless one is given. */
  public static tcp(port?: number): HealthCheck {
    return new HealthCheck({ tcpSocket: { port: port ?? 'http' } });
  }

  /** A gRPC health check (grpc.health.v1) on a port. */
  public static grpc(port: number, service?: string): HealthCheck {
    return new HealthCheck({ grpc: { port, ...(service ? { service } : {}) } });
  }

  /** A command run in the container; exit status 0 is healthy. */
  public static command(command: readonly string[]): HealthCheck {
    return new HealthCheck({ exec: { command: [...command] } });
  }

  /** The probe handler as in the Kubernetes API (timing fields are added by the workload). */
  public readonly handler: Readonly<Record<string, unknown>>;

  private constructor(handler: Record<string, unknown>) {
    this.handler = handler;
  }
}
