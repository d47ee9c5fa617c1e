import { PodTemplate } from '../../../types';

/** The namespace label that turns on sidecar injection. */
export const INJECTION_LABEL = 'istio-injection';
/** The namespace label that selects an Istio revision, which also turns on injection. */
export const REVISION_LABEL = 'istio.io/rev';
/** The pod label (or legacy annotation) that opts a pod in or out of injection. */
export const INJECT_POD_KEY = 'sidecar.istio.io/inject';

/**
 * Why a namespace's labels do not turn on sidecar injection, or `undefined` when they do.
 * `istio-injection` takes precedence over `istio.io/rev`; only `istio-injection=enabled` or a
 * non-empty revision turns injection on.
 */
export function whyNamespaceNotInjected(labels: Readonly<Record<string, string>>): string | undefined {
  const injection = labels[INJECTION_LABEL];
  if (injection !== undefined) {
    return injection === 'enabled' ? undefined : `is labelled ${INJECTION_LABEL}=${injection}`;
  }
  if ((labels[REVISION_LABEL] ?? '') !== '') return undefined;
  return `has neither ${INJECTION_LABEL}=enabled nor ${REVISION_LABEL}`;
}

/** Why a pod template opts out of injection, or `undefined` when it does not. */
export function whyPodOptsOut(pod: PodTemplate): string | undefined {
  if (pod.labels[INJECT_POD_KEY] === 'false') return `the pod label ${INJECT_POD_KEY}: "false" opts out of the mesh`;
  if (pod.annotations[INJECT_POD_KEY] === 'false') return `the pod annotation ${INJECT_POD_KEY}: "false" opts out of the mesh`;
  return undefined;
}

/** JSON path of the metadata of a pod template (`metadata` for a Pod, `spec.template.metadata` for a Deployment). */
export function podMetadataPath(pod: PodTemplate): string {
  const owner = pod.specPath.replace(/\.?spec$/, '');
  return owner === '' ? 'metadata' : `${owner}.metadata`;
}
