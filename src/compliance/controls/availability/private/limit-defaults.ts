import { parseQuantity } from '../../../common/quantity';
import { ManifestIndex } from '../../../manifest-index';

/** A compute resource a container's requests and limits name, which quotas track. */
export type ComputeResource = 'cpu' | 'memory';
/** Whether a container's amount is its request or its limit. */
export type AmountKind = 'requests' | 'limits';

/**
 * The default a LimitRange gives the containers of a namespace that set none, in nano-units:
 * `undefined` when none does. `'unreadable'` when the only defaults are not quantities (the API
 * server refuses such a LimitRange, but that is another control's finding).
 */
export type LimitDefault = bigint | 'unreadable' | undefined;

/** The defaults of a namespace, by kind and resource. */
export type LimitDefaults = Readonly<Record<AmountKind, Readonly<Record<ComputeResource, LimitDefault>>>>;

const NONE: LimitDefaults = { requests: { cpu: undefined, memory: undefined }, limits: { cpu: undefined, memory: undefined } };

/**
 * The defaults the LimitRanges of each namespace give containers, as the API server completes a
 * `Container` item (`default` from `max`; `defaultRequest` from `default`, else `min`) and as the
 * LimitRanger admission applies them: where several items give one, which applies first is not
 * known, so the lowest counts. Built once per index.
 */
export function limitDefaults(index: ManifestIndex, namespace: string): LimitDefaults {
  return index.cached('availability:limit-defaults', () => {
    const m = new Map<string, Record<AmountKind, Record<ComputeResource, LimitDefault>>>();
    for (const range of index.ofKind('LimitRange', '')) {
      const items = (range.raw as any).spec?.limits;
      if (!Array.isArray(items)) continue;
      const ns = range.namespace ?? 'default';
      let d = m.get(ns);
      if (d === undefined) m.set(ns, d = { requests: { cpu: undefined, memory: undefined }, limits: { cpu: undefined, memory: undefined } });
      for (const item of items) {
        if (item === null || typeof item !== 'object' || item.type !== 'Container') continue;
        for (const r of ['cpu', 'memory'] as const) {
          const limit = field(item.default, r) ?? field(item.max, r);
          d.limits[r] = lowest(d.limits[r], limit);
          d.requests[r] = lowest(d.requests[r], field(item.defaultRequest, r) ?? limit ?? field(item.min, r));
        }
      }
    }
    return m;
  }).get(namespace) ?? NONE;
}

function field(list: unknown, r: ComputeResource): unknown {
  if (list === null || typeof list !== 'object') return undefined;
  const v = (list as Record<string, unknown>)[r];
  return v === null ? undefined : v;
}

/** The lower of a default so far and another value given for it: a readable value wins over an unreadable one. */
function lowest(so: LimitDefault, value: unknown): LimitDefault {
  if (value === undefined) return so;
  const q = readableAmount(value);
  if (q === 'unreadable') return so ?? 'unreadable';
  return typeof so === 'bigint' && so < q ? so : q;
}

/** A quantity a resource list holds, in nano-units, or `'unreadable'` when it is not a quantity of at least zero. */
export function readableAmount(value: unknown): bigint | 'unreadable' {
  const q = parseQuantity(value);
  return q === undefined || q < 0n ? 'unreadable' : q;
}
