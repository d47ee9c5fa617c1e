import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';

/** The probes and lifecycle hooks of a container, by their path below it. */
const HANDLERS = ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle.postStart', 'lifecycle.preStop'] as const;

/** The handler at a dotted path below the container (`lifecycle.preStop`), or `undefined`. */
function handlerAt(container: any, path: string): any {
  let value = container;
  for (const key of path.split('.')) value = value !== null && typeof value === 'object' ? value[key] : undefined;
  return value !== null && typeof value === 'object' ? value : undefined;
}

/** The `host` of an httpGet or tcpSocket action when it is set to a non-empty value. */
function hostOf(action: unknown): unknown {
  if (action === null || typeof action !== 'object') return undefined;
  const host = (action as any).host;
  return host === undefined || host === null || host === '' ? undefined : host;
}

/** No probe or lifecycle hook sends the kubelet to another host than the pod. */
export const podNoProbeHost = defineControl({
  id: 'pod-no-probe-host',
  title: 'Probes and lifecycle hooks target the pod itself',
  condition: 'No container sets a host in the httpGet or tcpSocket action of its liveness, readiness or startup probe or of its postStart or preStop hook (Pod Security baseline, v1.34 on).',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.6'],
  references: {
    pss: 'baseline: Probes / Lifecycle Hooks (v1.34+)',
  },
  remediation: 'Remove host from the httpGet and tcpSocket actions of probes and lifecycle hooks, so that the kubelet connects to the pod\'s IP; for a name-based virtual host, send a Host header in httpGet.httpHeaders instead.',
  example: 'livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n    httpHeaders:\n      - name: Host\n        value: api.example.com',
  check: ctx => evaluatePods(ctx, {
    // The API server's Pod Security admission refuses it whoever configured the container.
    platformContainers: true,
    container: c => {
      for (const path of HANDLERS) {
        const handler = handlerAt(c.container, path);
        if (handler === undefined) continue;
        for (const action of ['httpGet', 'tcpSocket'] as const) {
          const host = hostOf(handler[action]);
          if (host !== undefined) {
            return { message: `${path} ${action} targets host ${JSON.stringify(host)}: the kubelet connects to it from the node`, path: `${path}.${action}.host` };
          }
        }
      }
      return undefined;
    },
  }),
});
