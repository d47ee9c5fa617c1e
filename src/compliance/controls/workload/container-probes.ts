import { KNATIVE_SERVING_GROUP } from '../../common/knative';
import { defineControl } from '../../control';
import { ContainerRef, PodTemplate } from '../../types';
import { evaluatePods } from './private/pod-checks';
import { sameProbeHandler } from './private/probes';

/** Kinds whose pods run to completion: health probes do not apply to them. */
const BATCH_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob']);

/**
 * Whether the pods run to completion: a Job or CronJob, a template under a job template of another
 * API, or a pod that is not restarted when its containers exit (a test or migration pod).
 */
function runsToCompletion(pod: PodTemplate): boolean {
  if (BATCH_KINDS.has(pod.owner.kind) && pod.owner.group === 'batch') return true;
  if (pod.specPath.includes('jobTemplate') || pod.specPath.includes('jobTargetRef')) return true;
  return pod.spec.restartPolicy === 'Never' || pod.spec.restartPolicy === 'OnFailure';
}

/**
 * Whether Knative gives the container a readiness probe of its own (its queue-proxy probes the
 * serving container's port when it declares no readinessProbe): a TCP check of the traffic port,
 * for the serving container (the only one, or the one that declares the port) of a Knative Serving
 * workload that declares none.
 */
function knativeProbesReadiness(c: ContainerRef): boolean {
  if (c.container.readinessProbe || c.pod.owner.group !== KNATIVE_SERVING_GROUP) return false;
  const ports = c.container.ports;
  return (Array.isArray(ports) && ports.length > 0) || (Array.isArray(c.pod.spec.containers) && c.pod.spec.containers.length === 1);
}

/** Knative's port when a container declares none. */
const KNATIVE_DEFAULT_PORT = 8080;

/** The readiness check Knative gives a serving container that declares none: TCP on its traffic port. */
function knativeReadiness(c: ContainerRef): { tcpSocket: { port: unknown } } {
  const ports = c.container.ports;
  const port = Array.isArray(ports) && ports.length > 0 ? ports[0]?.containerPort : undefined;
  return { tcpSocket: { port: port ?? KNATIVE_DEFAULT_PORT } };
}

/** Every long-running container has a readiness and a liveness probe, and they check different things. */
export const containerProbes = defineControl({
  id: 'container-probes',
  title: 'Containers have distinct readiness and liveness probes',
  condition: 'Every regular container of a long-running workload (not a Job or CronJob, nor a pod with restartPolicy Never or OnFailure) has a readinessProbe and a livenessProbe, and the two do not run the same check; '
    + 'a sidecar (an init container with restartPolicy Always) that has both does not run the same check in them. '
    + 'The serving container of a Knative Serving workload may leave out its readinessProbe: Knative then probes its traffic port itself.',
  severity: 'medium',
  criteria: ['A1.2', 'CC7.2'],
  references: {
    kubescape: ['C-0018', 'C-0056'],
    polaris: ['readinessProbeMissing', 'livenessProbeMissing'],
    kubeScore: ['pod-probes', 'pod-probes-identical'],
  },
  remediation: 'Add a readinessProbe that reports when the container can serve traffic and a livenessProbe that reports only whether the process must be restarted (a different endpoint or check).',
  example: 'readinessProbe:\n  httpGet: { path: /ready, port: http }\nlivenessProbe:\n  httpGet: { path: /healthz, port: http }',
  check: ctx => evaluatePods(ctx, {
    lists: ['initContainers', 'containers'],
    appliesTo: pod => !runsToCompletion(pod),
    container: c => {
      const { readinessProbe, livenessProbe } = c.container;
      if (c.list === 'initContainers') {
        // Native sidecars may go without probes, but two identical ones restart what is only unready.
        if (c.container.restartPolicy !== 'Always' || !readinessProbe || !livenessProbe) return undefined;
        return sameProbeHandler(readinessProbe, livenessProbe, c.container)
          ? { message: 'has identical readiness and liveness probes', path: 'livenessProbe' } : undefined;
      }
      const readinessDefaulted = knativeProbesReadiness(c);
      const missing = [readinessProbe || readinessDefaulted ? undefined : 'readinessProbe', livenessProbe ? undefined : 'livenessProbe'].filter(p => p !== undefined);
      if (missing.length > 0) return `has no ${missing.join(' and no ')}`;
      if (readinessDefaulted) {
        const knative = knativeReadiness(c);
        return sameProbeHandler(knative, livenessProbe, c.container)
          ? { message: `has a livenessProbe identical to the readiness check Knative gives it (TCP on port ${knative.tcpSocket.port})`, path: 'livenessProbe' } : undefined;
      }
      return sameProbeHandler(readinessProbe, livenessProbe, c.container)
        ? { message: 'has identical readiness and liveness probes', path: 'livenessProbe' } : undefined;
    },
  }),
});
