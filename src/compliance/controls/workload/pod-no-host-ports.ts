import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** No container binds a port of the node: no non-zero `hostPort`. */
export const podNoHostPorts = defineControl({
  id: 'pod-no-host-ports',
  title: 'Containers do not bind host ports',
  condition: 'No container port sets a hostPort other than 0.',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.6'],
  references: {
    pss: 'baseline: Host Ports',
    cis: '5.2.13',
    nsa: NSA.enforcement,
    kubescape: ['C-0044', 'C-0204'],
    polaris: ['hostPortSet'],
  },
  remediation: 'Remove hostPort from the container ports and expose the pod through a ClusterIP Service (and an Ingress for outside traffic).',
  example: 'ports:\n  - name: http\n    containerPort: 8080',
  check: ctx => evaluatePods(ctx, {
    platformContainers: true,
    container: c => {
      const ports: unknown[] = Array.isArray(c.container.ports) ? c.container.ports : [];
      const i = ports.findIndex((p: any) => p && p.hostPort !== undefined && p.hostPort !== null && p.hostPort !== 0);
      return i < 0 ? undefined : { message: `binds host port ${(ports[i] as any).hostPort}`, path: `ports[${i}].hostPort` };
    },
  }),
});
