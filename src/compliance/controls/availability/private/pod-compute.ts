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
  const amounts: Record<ComputeKey, bigint> = { 'requests.cpu': 0n, 'requests.memory': 0n, 'limits.cpu': 0n, 'limits.memory': 0n };
  const unset: UnsetAmounts[] = [];
  const spec = pod.spec;
  if (spec.resources !== undefined && spec.resources !== null) return { amounts, unset };
  const regular = containerList(spec.containers);
  const init = containerList(spec.initContainers);
  const proxied = sidecar && !regular.some(c => c.name === PROXY) && !init.some(c => c.name === PROXY);
  for (const key of COMPUTE_KEYS) {
    const [kind, r] = key.split('.') as [AmountKind, ComputeResource];
    let sum = proxied ? sidecarAmount(pod, key) : 0n;
    for (const c of regular) sum += amount(c, kind, r, defaults);
    let largestInit = 0n;
    for (const c of init) {
      const a = amount(c, kind, r, defaults);
      if (a > largestInit) largestInit = a;
    }
    amounts[key] = sum > largestInit ? sum : largestInit;
  }
  for (const [list, containers] of [['initContainers', init], ['containers', regular]] as const) {
    containers.forEach((c, i) => {
      const keys = COMPUTE_KEYS.filter(key => {
        const [kind, r] = key.split('.') as [AmountKind, ComputeResource];
        return own(c, kind, r) === undefined && defaults[kind][r] === undefined;
      });
      if (keys.length > 0) unset.push({ label: labelOf(list, c, i), path: `${pod.specPath}.${list}[${i}]`, keys });
    });
  }
  return { amounts, unset };
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
  const set = (list: AmountKind): unknown => {
    const v = resources?.[list]?.[r];
    return v === null ? undefined : v;
  };
  return set(kind) ?? (kind === 'requests' ? set('limits') : undefined);
}

/** A container's amount in nano-units: its own, else the LimitRange default; 0 when neither is a quantity. */
function amount(c: any, kind: AmountKind, r: ComputeResource, defaults: LimitDefaults): bigint {
  const v = own(c, kind, r);
  const a = v === undefined ? defaults[kind][r] : readableAmount(v);
  return typeof a === 'bigint' ? a : 0n;
}

/** The injected proxy's amount of a key, from the pod's annotation; 0 when it sets none (the mesh's own setting decides it). */
function sidecarAmount(pod: PodTemplate, key: ComputeKey): bigint {
  const v = pod.annotations[SIDECAR_ANNOTATIONS[key]];
  if (v === undefined) return 0n;
  const a = readableAmount(v);
  return typeof a === 'bigint' ? a : 0n;
}
