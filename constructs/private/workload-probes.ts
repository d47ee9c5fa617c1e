import { canonicalJson } from '../../src/compliance/common/canonical-json';
import { credentialArguments } from '../../src/compliance/common/command-line-credentials';
import type { AppProtocol, CompliantWorkloadProps } from '../compliant-workload-props';
import { PropProblem } from '../errors';
import { HealthCheck } from '../health-check';
import { isPortNumber, whyHealthCheckInvalid } from './health-check';
import { checkNotMeshPort } from './mesh-ports';
import { probedPort } from './probed-port';

/**
 * The liveness and readiness checks of a workload: the props' own, else the defaults of its
 * protocol (none for a worker, which has no port to check, nor readiness for tcp), each problem
 * with them added to `found`. A command check may pass no credential, as for the container's
 * command (`mountPaths`: the container's own mounts, under which a value is a path).
 */
export function healthChecksOf(props: CompliantWorkloadProps, worker: boolean, protocol: AppProtocol,
  found: PropProblem[], mountPaths: readonly string[]): { liveness: HealthCheck | undefined; readiness: HealthCheck | undefined } {
  const liveness = props.liveness ?? (worker ? undefined : protocol === 'tcp' || protocol === 'grpc' ? HealthCheck.tcp() : HealthCheck.http('/healthz'));
  const readiness = props.readiness ?? (worker || protocol === 'tcp' ? undefined : protocol === 'grpc' ? HealthCheck.grpc() : HealthCheck.http('/readyz'));
  for (const [prop, check] of [['liveness', props.liveness], ['readiness', props.readiness]] as const) {
    const why = check === undefined ? undefined : whyHealthCheckInvalid(check);
    const meshPort = check === undefined || why ? undefined : checkNotMeshPort(`${prop} port`, probedPort(check));
    if (why) found.push({ prop, value: (check as HealthCheck)?.handler ?? check, problem: why, fix: 'e.g. HealthCheck.http("/healthz") or HealthCheck.command(["/bin/check"])' });
    else if (check?.handler.exec) {
      for (const at of credentialArguments(check.handler.exec.command, undefined, { mountPaths })) {
        found.push({ prop, value: '<redacted>', problem: `passes a credential on the command line (${at}), where it shows in the YAML, in Git and in the process list`,
          fix: 'mount it with secretFiles and point the check at the file, or give it to the program through its environment or standard input' });
      }
    }
    else if (meshPort) {
      found.push({ prop, value: meshPort.value, problem: `checks port ${meshPort.value}, which the Istio sidecar reserves in every pod: the kubelet would probe the proxy, not the application`,
        fix: 'probe a port the application listens on' });
    }
    else if (worker && check !== undefined && namesNoPort(check)) {
      found.push({ prop, value: check.handler, problem: 'checks the workload\'s port, and the workload has none',
        fix: `give the check its own port, e.g. HealthCheck.http("/healthz", ${isPortNumber(props.metricsPort) ? props.metricsPort : 9090}), or use HealthCheck.command([...])` });
    }
  }
  if (worker) {
    for (const [prop, check] of [['liveness', liveness], ['readiness', readiness]] as const) {
      if (check !== undefined) continue;
      found.push({ prop, value: undefined, problem: 'is required for a workload without port (there is no serving port to check)',
        fix: `pass ${prop}: HealthCheck.command([...]) or HealthCheck.http("/${prop === 'liveness' ? 'healthz' : 'readyz'}", <a port the worker listens on>)` });
    }
  } else if (readiness === undefined) {
    found.push({ prop: 'readiness', value: undefined, problem: 'is required for tcp workloads (a TCP check cannot tell ready from alive)', fix: 'pass readiness: HealthCheck.command([...]) or HealthCheck.grpc(port)' });
  }
  if (liveness !== undefined && readiness !== undefined && canonicalJson(onPort(readiness, props.port)) === canonicalJson(onPort(liveness, props.port))) {
    // The liveness the user did not write is named, so that the message points at what to change.
    const defaulted = props.liveness === undefined ? ` (the default liveness of a ${protocol} workload, ${describeCheck(liveness)})` : '';
    found.push({ prop: 'readiness', value: readiness.handler, problem: `is identical to liveness${defaulted}, so a slow dependency restarts the pod instead of taking it out of rotation`, fix: worker
      ? 'check readiness with its own command or endpoint, e.g. HealthCheck.command(["/app/ready"]) or HealthCheck.http("/readyz", <a port the worker listens on>)'
      // A plain TCP port serves no HTTP endpoint: only a command (or gRPC health) can tell ready from alive.
      : protocol === 'tcp' ? 'check readiness with a command that asks the application, e.g. HealthCheck.command(["/app/ready"]) (or HealthCheck.grpc(port) if it serves gRPC health)'
        : 'check readiness on a separate endpoint, e.g. HealthCheck.http("/readyz")' });
  }
  return { liveness, readiness };
}

/** A default health check as its factory call, e.g. `HealthCheck.tcp()`. */
function describeCheck(check: HealthCheck): string {
  const h = check.handler;
  return h.httpGet ? `HealthCheck.http(${JSON.stringify(h.httpGet.path)})` : h.grpc ? 'HealthCheck.grpc()' : 'HealthCheck.tcp()';
}

/** A health check's handler with the workload's port where it names none: what the kubelet probes. */
function onPort(check: HealthCheck, port: unknown): Record<string, unknown> {
  const h = check.handler;
  const key = h.httpGet ? 'httpGet' : h.tcpSocket ? 'tcpSocket' : h.grpc ? 'grpc' : undefined;
  return key === undefined ? h : { ...h, [key]: { ...h[key], port: h[key].port ?? port } };
}

/** Whether a health check names no port of its own (it would check the workload's). */
function namesNoPort(check: HealthCheck): boolean {
  const h = check.handler;
  return (h.httpGet !== undefined && h.httpGet.port === undefined) || (h.tcpSocket !== undefined && h.tcpSocket.port === undefined)
    || (h.grpc !== undefined && h.grpc.port === undefined);
}
