import { defineControl, fail, pass } from '../../control';
import { ManifestIndex } from '../../manifest-index';
import { CheckResult, IndexedObject } from '../../types';
import { readableAmount } from './private/limit-defaults';
import { ComputeKey } from './private/pod-compute';
import { describeUse, formatAmount, lessOf } from './private/quota-amounts';
import { COUNTED_KEYS, CountedKey, namespaceUsage, Usage, usageFor } from './private/quota-usage';

/** Keys of `spec.hard` that name a counted key by another name. */
const ALIASES: Readonly<Record<string, CountedKey>> = { cpu: 'requests.cpu', memory: 'requests.memory' };
const COUNTED: ReadonlySet<string> = new Set(COUNTED_KEYS);

/** Every unscoped ResourceQuota holds the pods, claims and node ports its namespace's objects certainly use at once. */
export const quotaAdmitsWorkloads = defineControl({
  id: 'quota-admits-workloads',
  title: 'Namespace quotas hold what their workloads certainly run',
  condition: 'Every ResourceQuota without scopes or scopeSelector (a scoped one is not checked) holds, for each of pods, requests.cpu (cpu), requests.memory (memory), '
    + 'limits.cpu, limits.memory, requests.storage, persistentvolumeclaims, services.nodeports and services.loadbalancers in its spec.hard, what the objects of '
    + 'its namespace certainly use at once: the fewest replicas of each Deployment, StatefulSet, ReplicaSet and ReplicationController (the minReplicas of an '
    + 'autoscaler that scales it), plus the surge pods of the one RollingUpdate Deployment whose rollout needs the most (maxSurge, 25 % of the replicas '
    + 'rounded up by default), min(parallelism, completions) pods of each Job that is neither suspended nor finished, and each bare Pod; each pod with its '
    + 'containers\' requests and limits (a request defaults to the limit, then to the LimitRange default; a limit to the LimitRange default), or its largest '
    + 'init container\'s when that is more, and the Istio proxy\'s where the pod\'s sidecar.istio.io/proxyCPU, proxyMemory, proxyCPULimit and '
    + 'proxyMemoryLimit annotations set them in a namespace the set declares injected (otherwise the proxy counts nothing); one claim per StatefulSet '
    + 'claim template and replica and each PersistentVolumeClaim of the set; and what Services use of services.nodeports and services.loadbalancers. DaemonSets, CronJobs, '
    + 'the pods of other APIs, and pods with pod-level resources count nothing, and pods are counted as the other admission checks admit them. '
    + 'A container of a Kubernetes workload that leaves a request or limit the quota tracks unset, without a LimitRange default in the namespace, fails on '
    + 'its workload: the quota admission refuses every pod of it. An amount that is not a quantity counts nothing.',
  severity: 'medium',
  criteria: ['A1.2'],
  references: {
    nsa: 'Pod security: resource policies (LimitRange and ResourceQuota)',
  },
  remediation: 'Raise the quota\'s spec.hard to what the namespace\'s pods need at once (for a SensitiveNamespace, its quota prop, which the constructs\' own '
    + 'workloads are added to), or run fewer or smaller pods; give every container the requests and limits the quota tracks, or the namespace a LimitRange default.',
  example: 'kind: ResourceQuota\nspec:\n  hard:\n    pods: "20"\n    limits.cpu: "12"\n    limits.memory: 24Gi',
  check: ctx => {
    const out: CheckResult[] = [];
    const refused: Refusals = new Map();
    for (const quota of ctx.index.ofKind('ResourceQuota', '')) out.push(...checkQuota(ctx.index, quota, refused));
    for (const [object, containers] of refused) {
      for (const [label, { path, keys, quotas }] of containers) out.push(fail(object, refusal(object, label, [...keys].sort(), [...quotas]), `${path}.resources`));
    }
    return out;
  },
});

/** Per workload, per container: the keys it leaves unset that quotas track, and those quotas. */
type Refusals = Map<IndexedObject, Map<string, { readonly path: string; readonly keys: Set<ComputeKey>; readonly quotas: Set<string> }>>;

/**
 * The results of one quota: a failure per key of `spec.hard` that what its namespace certainly
 * uses exceeds, or its pass; adds to `refused` the containers that leave a key it tracks unset.
 * A scoped quota, or one without `spec.hard`, has none.
 */
function checkQuota(index: ManifestIndex, quota: IndexedObject, refused: Refusals): CheckResult[] {
  const spec = (quota.raw as any).spec;
  const hard = spec?.hard;
  if (isScoped(spec) || hard === null || typeof hard !== 'object' || Array.isArray(hard)) return [];
  const namespace = quota.namespace ?? 'default';
  const written = Object.entries(hard as Record<string, unknown>).filter(([k]) => COUNTED.has(ALIASES[k] ?? k));
  const tracks = (key: ComputeKey): boolean => written.some(([k]) => (ALIASES[k] ?? k) === key);
  const found = namespaceUsage(index, namespace);
  const usage = found === undefined ? undefined : usageFor(found, tracks);
  const failures: CheckResult[] = [];
  const held: string[] = [];
  for (const [k, value] of written) {
    const key = ALIASES[k] ?? k as CountedKey;
    const limit = readableAmount(value);
    if (limit === 'unreadable') continue;
    const need = usage?.total.get(key) ?? 0n;
    if (need <= limit) held.push(`${k} ${formatAmount(key, need)} of ${formatAmount(key, limit)}`);
    else failures.push(fail(quota, exceeded(namespace, k, key, value, need, usage!), `spec.hard["${k}"]`));
  }
  for (const u of found?.unset ?? []) {
    for (const c of u.containers) {
      const keys = c.keys.filter(tracks);
      if (keys.length === 0) continue;
      let byContainer = refused.get(u.object);
      if (byContainer === undefined) refused.set(u.object, byContainer = new Map());
      let entry = byContainer.get(c.label);
      if (entry === undefined) byContainer.set(c.label, entry = { path: c.path, keys: new Set(), quotas: new Set() });
      for (const key of keys) entry.keys.add(key);
      entry.quotas.add(quota.ref);
    }
  }
  return failures.length > 0 ? failures : [pass(quota, held.length > 0 ? `holds ${held.join(', ')}` : undefined)];
}

/** Why a quota's key is exceeded: how much, by whom, and the fix. */
function exceeded(namespace: string, written: string, key: CountedKey, value: unknown, need: bigint, usage: Usage): string {
  const needed = formatAmount(key, need);
  return `${written}: the objects of namespace "${namespace}" certainly use ${needed} at once, above the ${String(value)} this quota holds `
    + `(${describeUse(key, usage)}), so the API server refuses what goes beyond it; raise spec.hard["${written}"] to at least ${needed}, `
    + `or ${lessOf(key)}`;
}

/** Why a container's pods are refused outright: the keys it leaves unset that quotas track. */
function refusal(object: IndexedObject, label: string, keys: readonly ComputeKey[], quotas: readonly string[]): string {
  return `${label} sets no ${keys.join(', ')}, and no LimitRange of namespace "${object.namespace ?? 'default'}" gives containers a default, `
    + `but ${quotas.join(', ')} ${quotas.length === 1 ? 'tracks' : 'track'} ${keys.length === 1 ? 'it' : 'them'}: the API server refuses every pod of ${object.ref}; `
    + `set ${keys.map(k => `resources.${k}`).join(' and ')} (a request defaults to the limit), or give the namespace a LimitRange with a Container default`;
}

/** Whether a quota counts only some pods (`scopes` or a `scopeSelector`): which ones it matches is not checked. */
function isScoped(spec: any): boolean {
  return (Array.isArray(spec?.scopes) && spec.scopes.length > 0) || (spec?.scopeSelector !== undefined && spec?.scopeSelector !== null);
}
