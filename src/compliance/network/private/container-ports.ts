import { containersOf } from '../../manifest-index';
import { PodTemplate } from '../../types';
import { portNumber, Protocol, protocolOf } from './ports';

/** A declared container port. */
export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/**
 * The declared ports of every container of a pod template ({@link containersOf}): init, regular
 * and ephemeral, those a platform injected into a Pod included, whose ports its pods have.
 */
export function containerPorts(pod: PodTemplate): ContainerPort[] {
  return portsOf(containersOf(pod).map(c => c.container));
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
