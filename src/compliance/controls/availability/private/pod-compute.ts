import { PodTemplate } from '../../../types';
import { AmountKind, ComputeResource, LimitDefaults, readableAmount } from './limit-defaults';

/** The compute keys of a ResourceQuota that a pod's containers use. */
export const COMPUTE_KEYS = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'] as const;
/** A compute key of a ResourceQuota. */
export type ComputeKey = typeof COMPUTE_KEYS[number];

/** A container that sets no amount for some compute keys, and gets no default for them. */
export interface UnsetAmounts {
  /** `container "app"` or `initContainer "migrate"`. */
  readonly label: string;
  /** JSON path of the container on its owner. */
  readonly path: string;
  readonly keys: readonly ComputeKey[];
}

/** What one pod of a template uses of each compute key (nano-units), and the containers that leave some unset. */
export interface PodCompute {
  readonly amounts: Readonly<Record<ComputeKey, bigint>>;
  readonly unset: readonly UnsetAmounts[];
}

/** Istio's annotations that set the injected proxy's resources. */
const SIDECAR_ANNOTATIONS: Readonly<Record<ComputeKey, string>> = {
  'requests.cpu': 'sidecar.istio.io/proxyCPU',
  'requests.memory': 'sidecar.istio.io/proxyMemory',
  'limits.cpu': 'sidecar.istio.io/proxyCPULimit',
  'limits.memory': 'sidecar.istio.io/proxyMemoryLimit',
};
const PROXY = 'istio-proxy';

/**
 * What one pod of a template uses of each compute key as the quota admission counts it: the sum
 * over its containers, or the largest of its init containers when that is more (they run one at
 * a time, before the others). A container's amount is its own; for a request, else its own limit
 * (the API server's defaulting); else the namespace's LimitRange default. Init containers that
 * keep running (`restartPolicy: Always`) count as init containers, the least any Kubernetes
 * version counts. `sidecar`: Istio injects its proxy, whose amounts count only where the pod's
 * annotations set them. A pod with pod-level `resources` counts nothing (what it is charged
 * depends on a feature gate).
 */
export function podCompute(pod: PodTemplate, defaults: LimitDefaults, sidecar: boolean): PodCompute {
  const unset: UnsetAmounts[] = [];
  const spec = pod.spec;
  if (spec.resources !== undefined && spec.resources !== null) return { amounts: { 'requests.cpu': 0n, 'requests.memory': 0n, 'limits.cpu': 0n, 'limits.memory': 0n }, unset };
  const regular = containerList(spec.containers);
  const init = containerList(spec.initContainers);
  const proxied = sidecar && !regular.some(c => c.name === PROXY) && !init.some(c => c.name === PROXY);
  const sums = proxied ? KEYS.map(k => sidecarAmount(pod, k.key)) : [0n, 0n, 0n, 0n];
  const largestInit = [0n, 0n, 0n, 0n];
  init.forEach((c, i) => {
    const keys = addAmounts(c, defaults, largestInit, true);
    if (keys !== undefined) unset.push({ label: labelOf('initContainers', c, i), path: `${pod.specPath}.initContainers[${i}]`, keys });
  });
  regular.forEach((c, i) => {
    const keys = addAmounts(c, defaults, sums, false);
    if (keys !== undefined) unset.push({ label: labelOf('containers', c, i), path: `${pod.specPath}.containers[${i}]`, keys });
  });
  const larger = (k: number): bigint => (sums[k] > largestInit[k] ? sums[k] : largestInit[k]);
  return { amounts: { 'requests.cpu': larger(0), 'requests.memory': larger(1), 'limits.cpu': larger(2), 'limits.memory': larger(3) }, unset };
}

/** The compute keys in the order of {@link COMPUTE_KEYS}, each with the kind and resource it names. */
const KEYS: readonly { readonly key: ComputeKey; readonly kind: AmountKind; readonly resource: ComputeResource }[] = COMPUTE_KEYS.map(key => {
  const [kind, resource] = key.split('.') as [AmountKind, ComputeResource];
  return { key, kind, resource };
});

/**
 * Adds a container's amount of each key (in the order of {@link KEYS}) to `into`, or keeps the
 * larger of the two with `largest`; returns the keys it sets no amount of and gets no default for.
 */
function addAmounts(c: any, defaults: LimitDefaults, into: bigint[], largest: boolean): ComputeKey[] | undefined {
  let unsetKeys: ComputeKey[] | undefined;
  for (let k = 0; k < KEYS.length; k++) {
    const { key, kind, resource } = KEYS[k];
    const v = own(c, kind, resource);
    const fallback = defaults[kind][resource];
    if (v === undefined && fallback === undefined) (unsetKeys ??= []).push(key);
    const a = v === undefined ? fallback : readableAmount(v);
    if (typeof a !== 'bigint') continue;
    if (!largest) into[k] += a;
    else if (a > into[k]) into[k] = a;
  }
  return unsetKeys;
}

function containerList(v: unknown): any[] {
  return Array.isArray(v) ? v.map(c => (c !== null && typeof c === 'object' ? c : {})) : [];
}

function labelOf(list: 'initContainers' | 'containers', c: any, i: number): string {
  if (typeof c.name !== 'string' || c.name === '') return `${list}[${i}]`;
  return `${list === 'containers' ? 'container' : 'initContainer'} "${c.name}"`;
}

/** A container's own amount: for a request, its request, else its limit (the API server defaults the one to the other). */
function own(c: any, kind: AmountKind, r: ComputeResource): unknown {
  const resources = c.resources;
  const v = resources?.[kind]?.[r];
  if (v !== undefined && v !== null) return v;
  if (kind !== 'requests') return undefined;
  const limit = resources?.limits?.[r];
  return limit === null ? undefined : limit;
}

/** The injected proxy's amount of a key, from the pod's annotation; 0 when it sets none (the mesh's own setting decides it). */
function sidecarAmount(pod: PodTemplate, key: ComputeKey): bigint {
  const v = pod.annotations[SIDECAR_ANNOTATIONS[key]];
  if (v === undefined) return 0n;
  const a = readableAmount(v);
  return typeof a === 'bigint' ? a : 0n;
}
