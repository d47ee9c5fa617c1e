import { Construct } from 'constructs';
import { propError } from '../errors';
import { checkNotMeshPort } from './mesh-ports';
import { checkPort } from './validate';

/**
 * The port `allowFrom` admits a caller on: the `requested` one, else the callee's port; throws
 * when there is none, when it is no valid port, or when it is not one of the callee's ports (only
 * the replicas of a stateful workload reaching each other, `replicaPort`, may use another).
 * `toSelf`: the callee admits its own replicas.
 */
export function allowedPort(callee: Construct & { readonly name: string; readonly port: number | undefined; readonly metricsPort?: number },
  requested: number | undefined, toSelf: boolean, replicaPort: boolean): number {
  const port = requested ?? callee.port;
  if (port === undefined) {
    throw propError(callee, 'INVALID_PORT', 'allowFrom(options.port)', undefined, `is required: workload "${callee.name}" serves on no port`,
      callee.metricsPort === undefined ? 'give the workload a port to be called on' : `pass { port: ${callee.metricsPort} } to let the peer scrape its metrics port`);
  }
  const invalid = checkPort('allowFrom(options.port)', port) ?? checkNotMeshPort('allowFrom(options.port)', port);
  if (invalid) throw propError(callee, 'INVALID_PORT', invalid.prop, invalid.value, invalid.problem, invalid.fix);
  if (port !== callee.port && port !== callee.metricsPort && !replicaPort) {
    const ports = [callee.port, callee.metricsPort].filter(x => x !== undefined);
    throw propError(callee, 'INVALID_PORT', 'allowFrom(options.port)', port,
      ports.length === 0 ? `is not a port of workload "${callee.name}", which serves on no port` : `is not a port of workload "${callee.name}" (ports: ${ports.join(', ')})`,
      callee.port === undefined ? 'a worker is reached only on its metricsPort, if it has one'
        : toSelf ? 'omit the port, or give the workload storage: the replicas of a stateful workload may reach each other on ports of their own'
          : 'omit the port to use the workload\'s port, or use its metricsPort');
  }
  return port;
}
