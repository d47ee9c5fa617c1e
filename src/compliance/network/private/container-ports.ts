import { PodTemplate } from '../../types';
import { portNumber, Protocol, protocolOf } from './ports';

/** A declared container port. */
export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** The container lists of a pod spec: init, regular and ephemeral containers. */
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** The declared ports of every container of a pod template: init, regular and ephemeral. */
export function containerPorts(pod: PodTemplate): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const list of CONTAINER_LISTS) {
    const containers = pod.spec[list];
    if (Array.isArray(containers)) out.push(...portsOf(containers));
  }
  return out;
}

/** The declared ports of some containers (`ports[].containerPort`, `protocol` and `name`), those that cannot be read left out. */
export function portsOf(containers: readonly unknown[]): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const c of containers) {
    if (!c || typeof c !== 'object' || !Array.isArray((c as any).ports)) continue;
    for (const p of (c as any).ports) {
      if (!p || typeof p !== 'object') continue;
      const port = portNumber(p.containerPort);
      const protocol = protocolOf(p.protocol);
      if (port === undefined || !protocol) continue;
      out.push({ name: typeof p.name === 'string' ? p.name : undefined, port, protocol });
    }
  }
  return out;
}
