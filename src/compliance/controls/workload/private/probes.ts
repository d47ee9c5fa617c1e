/**
 * Compares container probes by what they check, as kube-score's pod-probes-identical does:
 * the same HTTP path and port, TCP port, gRPC port and service, or exec command. Timing fields
 * are ignored, because a readiness probe that only waits longer still restarts the container on
 * the same failure.
 */

/** Whether two probes run the same check against the container. */
export function sameProbeHandler(a: any, b: any, container: any): boolean {
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a.httpGet && b.httpGet) {
    return (a.httpGet.path ?? '/') === (b.httpGet.path ?? '/') && samePort(a.httpGet.port, b.httpGet.port, container);
  }
  if (a.tcpSocket && b.tcpSocket) return samePort(a.tcpSocket.port, b.tcpSocket.port, container);
  if (a.grpc && b.grpc) return samePort(a.grpc.port, b.grpc.port, container) && (a.grpc.service ?? '') === (b.grpc.service ?? '');
  if (a.exec && b.exec) return sameCommand(a.exec.command, b.exec.command);
  return false;
}

function samePort(a: unknown, b: unknown, container: any): boolean {
  return resolvePort(a, container) === resolvePort(b, container);
}

/** A named port resolved to its number through the container's ports, as a string. */
function resolvePort(port: unknown, container: any): string {
  if (typeof port === 'string' && Array.isArray(container?.ports)) {
    const named = container.ports.find((p: any) => p && p.name === port);
    if (named && named.containerPort !== undefined) return String(named.containerPort);
  }
  return String(port);
}

function sameCommand(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}
