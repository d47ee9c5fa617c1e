import { PodTemplate } from '../../../types';

/** The namespace label that turns on sidecar injection. */
export const INJECTION_LABEL = 'istio-injection';
/** The namespace (or pod) label that selects an Istio revision, which also turns on injection. */
export const REVISION_LABEL = 'istio.io/rev';
/** The pod label (or legacy annotation) that opts a pod in or out of injection. */
export const INJECT_POD_KEY = 'sidecar.istio.io/inject';
/** The pod annotation that keeps the inbound ports it lists out of the sidecar's capture. */
export const EXCLUDE_INBOUND_PORTS = 'traffic.sidecar.istio.io/excludeInboundPorts';
/** The pod annotation that names the inbound ports the sidecar captures (`*`: all). */
export const INCLUDE_INBOUND_PORTS = 'traffic.sidecar.istio.io/includeInboundPorts';

/** The values of {@link INJECT_POD_KEY} the injector reads as "inject" (lower-cased: YAML 1.1 booleans). */
const INJECT_VALUES: ReadonlySet<string> = new Set(['y', 'yes', 'true', 'on']);

/** What a namespace's labels say about injection when they do not turn it on. */
export interface NamespaceNotInjected {
  /** Why, completing `namespace "x" …`. */
  readonly why: string;
  /** Whether a pod label can still turn injection on (the namespace carries neither label). */
  readonly podMayOptIn: boolean;
}

/**
 * Why a namespace's labels do not turn on sidecar injection, or `undefined` when they do, as
 * Istio's injection webhooks select namespaces: `istio-injection=enabled`, or a non-empty
 * `istio.io/rev` without `istio-injection`. Any other `istio-injection` value, or an empty
 * revision, keeps every webhook off whatever the pod says; a namespace with neither label leaves
 * it to the pod's labels ({@link podOptsIn}).
 */
export function whyNamespaceNotInjected(labels: Readonly<Record<string, string>>): NamespaceNotInjected | undefined {
  const injection = labels[INJECTION_LABEL];
  if (injection !== undefined) {
    return injection === 'enabled' ? undefined : { why: `is labelled ${INJECTION_LABEL}=${injection}`, podMayOptIn: false };
  }
  const revision = labels[REVISION_LABEL];
  if (revision === undefined) return { why: `has neither ${INJECTION_LABEL}=enabled nor ${REVISION_LABEL}`, podMayOptIn: true };
  return revision === '' ? { why: `is labelled ${REVISION_LABEL} with an empty revision`, podMayOptIn: false } : undefined;
}

/**
 * Whether a pod's labels turn injection on in a namespace that carries neither label (Istio's
 * object-selector webhooks): `sidecar.istio.io/inject: "true"` without `istio.io/rev`, or a
 * non-empty `istio.io/rev` without `sidecar.istio.io/inject: "false"`.
 */
export function podOptsIn(pod: PodTemplate): boolean {
  const revision = pod.labels[REVISION_LABEL];
  if (revision !== undefined) return revision !== '' && pod.labels[INJECT_POD_KEY] !== 'false';
  return pod.labels[INJECT_POD_KEY] === 'true';
}

/** A reason of the pod itself for getting no sidecar, with the field that gives it. */
export interface PodNotInjected {
  readonly reason: string;
  /** JSON path on the owner of the deciding field. */
  readonly path: string;
}

/**
 * Why the injector skips a pod template once a webhook calls it, or `undefined` when it injects
 * it: the pod label `sidecar.istio.io/inject`, or when the pod has no such label the legacy
 * annotation (Istio prefers the label), is set to anything but y, yes, true or on (any case).
 */
export function whyPodOptsOut(pod: PodTemplate): PodNotInjected | undefined {
  const label = pod.labels[INJECT_POD_KEY];
  const [kind, value] = label !== undefined ? ['label', label] : ['annotation', pod.annotations[INJECT_POD_KEY]];
  if (value === undefined || value === '' || INJECT_VALUES.has(value.toLowerCase())) return undefined;
  const suffix = value.toLowerCase() === 'false' ? '' : ' (Istio injects only on y, yes, true or on)';
  return { reason: `the pod ${kind} ${INJECT_POD_KEY}: "${value}" opts out of the mesh${suffix}`, path: podMetadataPath(pod) };
}

/** Why a pod template gets no sidecar, or `undefined` when Istio injects one. */
export interface NoSidecar {
  /** What its namespace's labels say, when they neither turn injection on nor leave it to a pod label the pod carries. */
  readonly namespace?: NamespaceNotInjected;
  /** What the pod itself says: it runs on the host's network, or it opts out. */
  readonly pod?: PodNotInjected;
}

/**
 * Why Istio injects no sidecar into the pods of a template, or `undefined` when it does: the pod
 * runs on the host's network (`hostNetwork: true`, which the injector never injects, whatever the
 * labels say), its namespace's labels do not turn injection on ({@link whyNamespaceNotInjected})
 * and, where they leave it to the pod, its labels do not either ({@link podOptsIn}), or it opts
 * out ({@link whyPodOptsOut}). `namespaceLabels` `undefined` stands for a namespace whose labels
 * are unknown, taken as turning injection on.
 */
export function whyNoSidecar(pod: PodTemplate, namespaceLabels: Readonly<Record<string, string>> | undefined): NoSidecar | undefined {
  const hostNetwork: PodNotInjected | undefined = pod.spec?.hostNetwork === true
    ? { reason: 'runs on the host network (hostNetwork: true), and Istio never injects a sidecar into such a pod', path: `${pod.specPath}.hostNetwork` }
    : undefined;
  const podProblem = hostNetwork ?? whyPodOptsOut(pod);
  const ns = namespaceLabels === undefined ? undefined : whyNamespaceNotInjected(namespaceLabels);
  const namespace = ns && !(ns.podMayOptIn && podOptsIn(pod)) ? ns : undefined;
  return namespace === undefined && podProblem === undefined ? undefined : { namespace, pod: podProblem };
}

/** JSON path of the metadata of a pod template (`metadata` for a Pod, `spec.template.metadata` for a Deployment). */
export function podMetadataPath(pod: PodTemplate): string {
  const owner = pod.specPath.replace(/\.?spec$/, '');
  return owner === '' ? 'metadata' : `${owner}.metadata`;
}

/** The label that puts a namespace or a pod into (or, set to `none`, takes a pod out of) Istio's ambient mesh. */
export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';

/**
 * Why a pod is in Istio's ambient mesh, where the node's ztunnel gives it a mesh identity and
 * mutual TLS without a sidecar, or `undefined` when it is not. Istio's CNI enrols a pod labelled
 * `istio.io/dataplane-mode: ambient`, or one of a namespace so labelled that is not labelled
 * `istio.io/dataplane-mode: none` itself (its default enablement selectors), unless it runs on the
 * host network or has a sidecar: a pod that gets one ({@link whyNoSidecar}) is left to it.
 * @see https://istio.io/latest/docs/ambient/usage/add-workloads/
 */
export function whyInAmbientMesh(pod: PodTemplate, namespaceLabels: Readonly<Record<string, string>> | undefined): string | undefined {
  if (pod.spec?.hostNetwork === true) return undefined;
  const own = pod.labels[DATAPLANE_MODE_LABEL];
  const why = own === 'ambient' ? `the pod template is labelled ${DATAPLANE_MODE_LABEL}=ambient, and ztunnel gives it mutual TLS`
    : own !== 'none' && namespaceLabels?.[DATAPLANE_MODE_LABEL] === 'ambient'
      ? `namespace "${pod.namespace}" is labelled ${DATAPLANE_MODE_LABEL}=ambient, and ztunnel gives its pods mutual TLS` : undefined;
  return why !== undefined && whyNoSidecar(pod, namespaceLabels ?? {}) !== undefined ? why : undefined;
}

/** Whether a pod is in Istio's ambient mesh ({@link whyInAmbientMesh}). */
export function inAmbientMesh(pod: PodTemplate, namespaceLabels: Readonly<Record<string, string>> | undefined): boolean {
  return whyInAmbientMesh(pod, namespaceLabels) !== undefined;
}
