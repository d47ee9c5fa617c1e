import { NANO } from '../../../common/quantity';
import { ManifestIndex } from '../../../manifest-index';
import { IndexedObject } from '../../../types';
import { whyNoSidecar } from '../../mesh/private/injection';
import { admitsPodsLater, admittedAsWritten, certainPods } from './certain-pods';
import { limitDefaults, readableAmount } from './limit-defaults';
import { COMPUTE_KEYS, ComputeKey, podCompute, UnsetAmounts } from './pod-compute';

/** The keys of a ResourceQuota's `spec.hard` this module counts. */
export const COUNTED_KEYS = [
  'pods', ...COMPUTE_KEYS, 'requests.storage', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
] as const;
/** A key of `spec.hard` that is counted. */
export type CountedKey = typeof COUNTED_KEYS[number];

/** What one object certainly uses of a key (nano-units), and how: `12 pods × 500m`. */
export interface Share {
  readonly object: IndexedObject;
  readonly amount: bigint;
  readonly count: number;
  /** What each of `count` uses, in nano-units. */
  readonly each: bigint;
  /** What `count` counts: `pods`, `surge pods`, `claims`, `ports`. */
  readonly unit: string;
}

/** A workload whose pods the quota admission refuses outright: a container sets no amount of a key the quota tracks. */
export interface Unset {
  readonly object: IndexedObject;
  readonly containers: readonly UnsetAmounts[];
}

/** What the objects of one namespace certainly use at once. */
export interface NamespaceUsage {
  /** Per key, what each object keeps using. */
  readonly shares: ReadonlyMap<CountedKey, readonly Share[]>;
  /** Per key, the largest rollout surge of one Deployment: rollouts of several at once are not certain. */
  readonly surge: ReadonlyMap<CountedKey, Share>;
  /** The workloads with containers that leave compute keys unset, with no default. */
  readonly unset: readonly Unset[];
}

/** What the objects of a namespace certainly use at once, for a quota that tracks `tracked` (which refusals leave pods out). */
export interface Usage extends NamespaceUsage {
  readonly total: ReadonlyMap<CountedKey, bigint>;
}

/** Mutable usage while it is built. */
interface Building {
  readonly shares: Map<CountedKey, Share[]>;
  readonly surge: Map<CountedKey, Share>;
  readonly unset: Unset[];
}

/**
 * What the objects of each namespace with a ResourceQuota certainly use at once (`undefined` for
 * another namespace, whose objects are not read), built once per index in one pass over
 * the pod templates, PersistentVolumeClaims and Services: the pods of {@link certainPods} with
 * what each uses ({@link podCompute}: its containers', the LimitRange defaults, and the Istio
 * proxy's where annotations set them and the namespace certainly injects it), the claims of
 * StatefulSets (one per template and replica, unless the set holds it) and of the set, the node
 * ports and load balancers of Services.
 */
export function namespaceUsage(index: ManifestIndex, namespace: string): NamespaceUsage | undefined {
  return index.cached('availability:quota-usage', () => {
    const m = new Map<string, Building>();
    const at = (ns: string | undefined): Building => {
      const key = ns ?? 'default';
      let b = m.get(key);
      if (b === undefined) m.set(key, b = { shares: new Map(), surge: new Map(), unset: [] });
      return b;
    };
    // Only a namespace with a quota is asked for: the objects of the others are not read.
    const asked = new Set(index.ofKind('ResourceQuota', '').map(q => q.namespace ?? 'default'));
    const claimed = claimOrdinals(index);
    const replaced = replacedDeclarations(index);
    for (const t of index.podTemplates) {
      if (!asked.has(t.owner.namespace ?? 'default') || replaced.has(t.owner)) continue;
      const counted = certainPods(index, t);
      const ns = t.owner.namespace;
      const labels = index.namespaceObject(ns ?? 'default')?.labels;
      // A pod that gets a sidecar is left to it, not to the ambient mesh (inAmbientMesh).
      const sidecar = labels !== undefined && whyNoSidecar(t, labels) === undefined;
      const compute = podCompute(t, limitDefaults(index, ns ?? 'default'), sidecar);
      const b = at(ns);
      if (compute.unset.length > 0 && admittedAsWritten(index, t.owner) && admitsPodsLater(t.owner)) b.unset.push({ object: t.owner, containers: compute.unset });
      if (counted === undefined) continue;
      addPods(b, t.owner, counted.pods, counted.surge, compute.amounts);
      if (t.owner.kind === 'StatefulSet') addClaims(b, t.owner, counted.pods, claimed);
    }
    for (const pvc of index.ofKind('PersistentVolumeClaim', '')) {
      if (!asked.has(pvc.namespace ?? 'default') || replaced.has(pvc)) continue;
      const storage = claimStorage((pvc.raw as any).spec);
      if (storage === undefined) continue;
      addShare(at(pvc.namespace), 'persistentvolumeclaims', pvc, 1, NANO, 'claims');
      addShare(at(pvc.namespace), 'requests.storage', pvc, 1, storage, 'claims');
    }
    for (const svc of index.ofKind('Service', '')) if (asked.has(svc.namespace ?? 'default') && !replaced.has(svc)) addService(at(svc.namespace), svc);
    return m;
  }).get(namespace);
}

/**
 * {@link namespaceUsage} summed for the quotas of a namespace, which `tracks` the keys of: a
 * workload some of whose containers leave a key one of them tracks unset counts nothing (the
 * admission, which checks a pod against every quota of its namespace, refuses its pods, which
 * then use nothing).
 */
export function usageFor(usage: NamespaceUsage, tracks: (key: ComputeKey) => boolean): Usage {
  const refused = new Set(usage.unset.filter(u => u.containers.some(c => c.keys.some(tracks))).map(u => u.object));
  const total = new Map<CountedKey, bigint>();
  const shares = new Map<CountedKey, readonly Share[]>();
  const surge = new Map<CountedKey, Share>();
  for (const key of COUNTED_KEYS) {
    const kept = (usage.shares.get(key) ?? []).filter(s => !refused.has(s.object));
    const extra = usage.surge.get(key);
    const s = extra !== undefined && !refused.has(extra.object) ? extra : undefined;
    shares.set(key, kept);
    if (s) surge.set(key, s);
    total.set(key, kept.reduce((sum, x) => sum + x.amount, s?.amount ?? 0n));
  }
  return { total, shares, surge, unset: usage.unset };
}

/** The keys a pod uses: one pod, and its compute amounts. */
const POD_KEYS = ['pods', ...COMPUTE_KEYS] as const;

function addPods(b: Building, o: IndexedObject, pods: number, surge: number, amounts: Readonly<Record<ComputeKey, bigint>>): void {
  for (const key of POD_KEYS) {
    const each = key === 'pods' ? NANO : amounts[key];
    if (each <= 0n) continue;
    if (pods > 0) addShare(b, key, o, pods, each, 'pods');
    if (surge > 0) {
      const amount = BigInt(surge) * each;
      const before = b.surge.get(key);
      if (before === undefined || amount > before.amount) b.surge.set(key, { object: o, amount, count: surge, each, unit: 'surge pods' });
    }
  }
}

function addShare(b: Building, key: CountedKey, object: IndexedObject, count: number, each: bigint, unit: string): void {
  const list = b.shares.get(key);
  const share = { object, amount: BigInt(count) * each, count, each, unit };
  if (list) list.push(share); else b.shares.set(key, [share]);
}

/** The storage a claim's spec requests, in nano-units; `undefined` when it requests none readable (the API server refuses it). */
function claimStorage(spec: any): bigint | undefined {
  const v = spec?.resources?.requests?.storage;
  if (v === undefined || v === null) return undefined;
  const q = readableAmount(v);
  return typeof q === 'bigint' ? q : undefined;
}

const ORDINAL = /^(.+)-(\d{1,9})$/;

/**
 * The ordinals of the PersistentVolumeClaims of the set named as a StatefulSet names its claims
 * (`<template>-<statefulset>-<ordinal>`), by namespace and prefix: a cluster export holds them,
 * and each is counted once, as a claim of the set.
 */
function claimOrdinals(index: ManifestIndex): ReadonlyMap<string, ReadonlySet<number>> {
  const m = new Map<string, Set<number>>();
  for (const c of index.ofKind('PersistentVolumeClaim', '')) {
    const match = ORDINAL.exec(c.name);
    if (!match) continue;
    const key = `${c.namespace}/${match[1]}`;
    let ordinals = m.get(key);
    if (ordinals === undefined) m.set(key, ordinals = new Set());
    ordinals.add(Number(match[2]));
  }
  return m;
}

/**
 * The claims a StatefulSet's controller makes, one per claim template and replica
 * (`<template>-<statefulset>-<ordinal>`, from `spec.ordinals.start`), but those the set holds
 * (counted as claims of the set).
 */
function addClaims(b: Building, sts: IndexedObject, replicas: number, claimed: ReadonlyMap<string, ReadonlySet<number>>): void {
  const templates = (sts.raw as any).spec?.volumeClaimTemplates;
  if (!Array.isArray(templates) || replicas === 0) return;
  // The pods, and so the claims, are numbered from spec.ordinals.start (0 by default).
  const given = (sts.raw as any).spec?.ordinals?.start;
  const start = Number.isSafeInteger(given) && given >= 0 ? given as number : 0;
  for (const tmpl of templates) {
    const name = tmpl?.metadata?.name;
    const storage = claimStorage(tmpl?.spec);
    if (typeof name !== 'string' || storage === undefined) continue;
    let count = replicas;
    for (const ordinal of claimed.get(`${sts.namespace}/${name}-${sts.name}`) ?? []) if (ordinal >= start && ordinal < start + replicas) count--;
    if (count === 0) continue;
    addShare(b, 'persistentvolumeclaims', sts, count, NANO, 'claims');
    addShare(b, 'requests.storage', sts, count, storage, 'claims');
  }
}

/** A NodePort or LoadBalancer Service's node ports (one per port, or only the set ones when a load balancer allocates none) and load balancer. */
function addService(b: Building, svc: IndexedObject): void {
  const spec = (svc.raw as any).spec;
  const type = spec?.type;
  if (type !== 'NodePort' && type !== 'LoadBalancer') return;
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  const nodePorts = type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === false
    ? ports.filter((p: any) => p?.nodePort !== undefined && p?.nodePort !== null && p?.nodePort !== 0).length
    : ports.length;
  if (nodePorts > 0) addShare(b, 'services.nodeports', svc, nodePorts, NANO, 'ports');
  if (type === 'LoadBalancer') addShare(b, 'services.loadbalancers', svc, 1, NANO, 'load balancers');
}

/**
 * The objects another object of the set declares again later (same API group, kind, namespace
 * and name): applied together, the later one replaces them, so each is counted once, as the later.
 */
function replacedDeclarations(index: ManifestIndex): ReadonlySet<IndexedObject> {
  const replaced = new Set<IndexedObject>();
  if (!index.repeatsARef) return replaced;
  const last = new Map<string, IndexedObject>();
  for (const o of index.objects) {
    const key = `${o.group}/${o.ref}`;
    const before = last.get(key);
    if (before !== undefined) replaced.add(before);
    last.set(key, o);
  }
  return replaced;
}
