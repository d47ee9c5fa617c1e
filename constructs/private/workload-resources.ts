import { NANO, parseQuantity } from '../../src/compliance/common/quantity';
import { PropProblem } from '../errors';
import type { ResourceAmountsProps, SidecarAmountsProps, SidecarResources, WorkloadResources } from '../workload-resources';
import { cpuInByteUnit, foreignByteUnitFix, inBinaryUnit } from './byte-units';
import { SIDECAR_RESOURCES, SidecarAmounts } from './sidecar';
import { isWholeBytes } from './storage';
import { KeyShape, settingsOf } from './validate';

/** The container's requests, or its limits: an amount of each resource. */
export interface ResourceAmounts {
  readonly cpu: string;
  readonly memory: string;
  readonly ephemeralStorage: string;
}

/** The settings of `resources` and of its levels. */
const RESOURCES_PROPS = { requests: false, limits: false, sidecar: false } as const satisfies KeyShape<WorkloadResources>;
const SIDECAR_PROPS = { requests: false, limits: false } as const satisfies KeyShape<SidecarResources>;
const AMOUNT_PROPS = { cpu: false, memory: false, ephemeralStorage: false } as const satisfies KeyShape<ResourceAmountsProps>;
const SIDECAR_AMOUNT_PROPS = { cpu: false, memory: false } as const satisfies KeyShape<SidecarAmountsProps>;

/**
 * The container's and the sidecar's requests and limits: the amounts the props give, the defaults
 * for those they leave unset (`undefined` or `null`); each level an object of known settings.
 */
export function normaliseResources(r: WorkloadResources | undefined, defaultRequests: ResourceAmounts, defaultLimits: ResourceAmounts,
  found: PropProblem[]): { requests: ResourceAmounts; limits: ResourceAmounts; sidecar: SidecarAmounts } {
  const given = settingsOf('resources', r, RESOURCES_PROPS, '{ limits: { memory: "512Mi" } }', found) ?? {};
  const requests = amountsOf('resources.requests', given.requests, AMOUNT_PROPS, defaultRequests, '{ cpu: "250m", memory: "256Mi" }', found);
  const limits = amountsOf('resources.limits', given.limits, AMOUNT_PROPS, defaultLimits, '{ cpu: "1", memory: "512Mi" }', found);
  checkAmounts('resources', ['cpu', 'memory', 'ephemeralStorage'], requests, limits, found);
  const s = settingsOf('resources.sidecar', given.sidecar, SIDECAR_PROPS, '{ limits: { cpu: "200m" } }', found) ?? {};
  const sidecar: SidecarAmounts = {
    requests: amountsOf('resources.sidecar.requests', s.requests, SIDECAR_AMOUNT_PROPS, SIDECAR_RESOURCES.requests, '{ cpu: "50m", memory: "64Mi" }', found),
    limits: amountsOf('resources.sidecar.limits', s.limits, SIDECAR_AMOUNT_PROPS, SIDECAR_RESOURCES.limits, '{ cpu: "200m", memory: "128Mi" }', found),
  };
  checkAmounts('resources.sidecar', ['cpu', 'memory'], sidecar.requests, sidecar.limits, found);
  return { requests, limits, sidecar };
}

/** The amounts under `prop` (an object of the keys of `shape`), each default where they leave it unset. */
function amountsOf<P extends object, T extends Readonly<Record<keyof P, string>>>(prop: string, value: P | undefined, shape: KeyShape<P>, defaults: T,
  example: string, found: PropProblem[]): T {
  const given: Partial<Record<keyof P, unknown>> = settingsOf(prop, value, shape, example, found) ?? {};
  return Object.fromEntries(Object.keys(shape).map(k => [k, given[k as keyof P] ?? defaults[k as keyof P]])) as unknown as T;
}

/** Requests and limits under `prefix` that are positive quantities, each limit at least its request. */
function checkAmounts<K extends string>(prefix: string, keys: readonly K[], requests: Readonly<Record<K, string>>, limits: Readonly<Record<K, string>>, found: PropProblem[]): void {
  for (const key of keys) {
    for (const [kind, v] of [['requests', requests[key]], ['limits', limits[key]]] as const) {
      if (typeof v === 'string' && v !== v.trim()) found.push({ prop: `${prefix}.${kind}.${key}`, value: v, problem: 'has spaces around it, which the API server refuses', fix: `use "${v.trim()}"` });
    }
    const req = parseQuantity(requests[key]);
    const lim = parseQuantity(limits[key]);
    if (req === undefined || req <= 0n) found.push({ prop: `${prefix}.requests.${key}`, value: requests[key], problem: 'must be a positive Kubernetes quantity', fix: quantityFix(key, 'requests', requests[key]) });
    if (lim === undefined || lim <= 0n) found.push({ prop: `${prefix}.limits.${key}`, value: limits[key], problem: 'must be a positive Kubernetes quantity', fix: quantityFix(key, 'limits', limits[key]) });
    if (key === 'cpu') {
      let inBytes = false;
      for (const [kind, v] of [['requests', requests[key]], ['limits', limits[key]]] as const) {
        const bytes = cpuInByteUnit(v);
        if (bytes) found.push({ prop: `${prefix}.${kind}.${key}`, value: v, ...bytes });
        inBytes ||= bytes !== undefined;
      }
      // A limit below its request is beside the point when either is in bytes.
      if (inBytes) continue;
    }
    if (req !== undefined && lim !== undefined && req > 0n && lim > 0n && lim < req) {
      found.push({ prop: `${prefix}.limits.${key}`, value: limits[key], problem: `is below the request ${requests[key]}`, fix: `raise the limit to at least ${requests[key]} or lower the request` });
    }
    if (!BYTE_AMOUNTS.has(key)) continue;
    for (const [kind, q, v] of [['requests', req, requests[key]], ['limits', lim, limits[key]]] as const) {
      if (q !== undefined && q > 0n && !isWholeBytes(q)) found.push(fractionalBytes(`${prefix}.${kind}.${key}`, v, q));
    }
  }
}

/** Amounts counted in bytes, which Kubernetes takes only as whole numbers. */
const BYTE_AMOUNTS: ReadonlySet<string> = new Set(['memory', 'ephemeralStorage']);
const MI = 1n << 20n;

/** How to write a CPU or byte amount that is no quantity: the binary unit a byte amount meant, else an example of its kind. */
function quantityFix(key: string, kind: 'requests' | 'limits', value: unknown): string {
  if (!BYTE_AMOUNTS.has(key)) return kind === 'requests' ? 'e.g. "250m" (a quarter of a CPU) or "1"' : 'e.g. "500m" (half a CPU) or "1"';
  return foreignByteUnitFix(value) ?? (kind === 'requests' ? 'e.g. "256Mi"' : 'e.g. "512Mi"');
}

/** The problem with a byte amount that is no whole number of bytes (`q` in nano-units), and the whole amount to use. */
function fractionalBytes(prop: string, value: unknown, q: bigint): PropProblem {
  const fraction = (q % NANO).toString().padStart(9, '0').replace(/0+$/, '');
  const bytes = (q + NANO - 1n) / NANO;
  const whole = bytes >= MI ? `${(bytes + MI - 1n) / MI}Mi` : String(bytes);
  const sizeLimit = prop === 'resources.limits.ephemeralStorage' ? ', and it is the sizeLimit of every writable path\'s emptyDir too' : '';
  // Less than a MiB in thousandths of a byte ("512m") is a mebibyte amount with the wrong suffix.
  const milli = typeof value === 'string' && bytes < MI ? /^\s*(\d+(?:\.\d+)?)m\s*$/.exec(value) : null;
  const meant = milli ? inBinaryUnit(milli[1], 'M') : undefined;
  return { prop, value, problem: `is ${q / NANO}.${fraction} bytes, not a whole number: the API server warns that a fractional byte value is invalid ("must be an integer")${sizeLimit}`,
    fix: meant ? `did you mean "${meant.amount}"? ("m" is a thousandth, "Mi" a mebibyte${meant.note})` : `give whole bytes, e.g. "${whole}"` };
}
