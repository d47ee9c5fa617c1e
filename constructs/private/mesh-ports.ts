import { PropProblem } from '../errors';

/** Ports the Istio sidecar and agent listen on inside every pod. */
const MESH_PORTS = new Set([15000, 15001, 15004, 15006, 15008, 15009, 15010, 15012, 15014, 15017, 15020, 15021, 15053, 15090]);

/** A problem with a port the Istio sidecar reserves in every pod, `undefined` for any other. */
export function checkNotMeshPort(prop: string, port: unknown): PropProblem | undefined {
  if (typeof port !== 'number' || !MESH_PORTS.has(port)) return undefined;
  return { prop, value: port, problem: 'is reserved by the Istio sidecar in every pod', fix: 'serve on another port, e.g. 8080' };
}
