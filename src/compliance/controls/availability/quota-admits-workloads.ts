import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { readableAmount } from './private/limit-defaults';
import { COMPUTE_KEYS, ComputeKey } from './private/pod-compute';
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
    + 'rounded up by default, when maxUnavailable resolves to 0: a rollout that may stop old pods first fits), one pod of each running Job (further '
    + 'pods the quota refuses only slow it), and each bare Pod; an object declared twice counted once; each pod with its '
    + 'containers\' requests and limits (a request defaults to the limit, then to the LimitRange default; a limit to the LimitRange default), or its largest '
    + 'init container\'s when that is more, and the Istio proxy\'s where the pod\'s sidecar.istio.io/proxyCPU, proxyMemory, proxyCPULimit and '
    + 'proxyMemoryLimit annotations set them in a namespace the set declares injected (otherwise the proxy counts nothing); one claim per StatefulSet '
    + 'claim template and replica and each PersistentVolumeClaim of the set; and what Services use of services.nodeports and services.loadbalancers. DaemonSets, CronJobs, '
    + 'the pods of other APIs, and pods with pod-level resources count nothing, and pods are counted as the other admission checks admit them. '
    + 'A container of a Kubernetes workload that leaves a request or limit the quota tracks unset, without a LimitRange default in the namespace, fails on '
    + 'its workload: the quota admission refuses every pod of it, which then counts against none of the namespace\'s quotas (a Pod an export shows '
    + 'admitted, or a finished Job, is not refused). An amount that is not a quantity counts nothing.',
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
    const quotas: { quota: IndexedObject; hard: Record<string, unknown> }[] = [];
    for (const quota of ctx.index.ofKind('ResourceQuota', '')) {
      const hard = hardOf(quota);
      if (hard !== undefined) quotas.push({ quota, hard });
    }
    // The API server admits a pod against every quota of its namespace at once: a pod one of them
    // refuses is charged to none, so the keys all of them track decide which pods count.
    const tracked = new Map<string, Set<ComputeKey>>();
    for (const { quota, hard } of quotas) {
      const keys = tracked.get(namespaceOf(quota)) ?? new Set<ComputeKey>();
      for (const k of Object.keys(hard)) if ((COMPUTE_KEYS as readonly string[]).includes(ALIASES[k] ?? k)) keys.add((ALIASES[k] ?? k) as ComputeKey);
      tracked.set(namespaceOf(quota), keys);
    }
    const usages = new Map<string, Usage | undefined>();
    for (const { quota, hard } of quotas) {
      const namespace = namespaceOf(quota);
      if (!usages.has(namespace)) {
        const found = namespaceUsage(ctx.index, namespace);
        const keys = tracked.get(namespace)!;
        usages.set(namespace, found === undefined ? undefined : usageFor(found, key => keys.has(key)));
      }
      out.push(...checkQuota(quota, hard, usages.get(namespace), refused));
    }
    for (const [object, containers] of refused) {
      for (const [label, { path, keys, quotas: by }] of containers) out.push(fail(object, refusal(object, label, [...keys].sort(), [...by]), `${path}.resources`));
    }
    return out;
  },
});

/** Per workload, per container: the keys it leaves unset that quotas track, and those quotas. */
type Refusals = Map<IndexedObject, Map<string, { readonly path: string; readonly keys: Set<ComputeKey>; readonly quotas: Set<string> }>>;

/** The `spec.hard` of an unscoped quota; `undefined` for a scoped one or one without it. */
function hardOf(quota: IndexedObject): Record<string, unknown> | undefined {
  const spec = (quota.raw as any).spec;
  const hard = spec?.hard;
  return isScoped(spec) || hard === null || typeof hard !== 'object' || Array.isArray(hard) ? undefined : hard;
}

function namespaceOf(o: IndexedObject): string {
  return o.namespace ?? 'default';
}

/**
 * The results of one unscoped quota (its `spec.hard`), against what its namespace certainly uses (`usage`): a
 * failure per key of `spec.hard` that it exceeds, or its pass; adds to `refused` the containers
 * that leave a key it tracks unset.
 */
function checkQuota(quota: IndexedObject, hard: Record<string, unknown>, usage: Usage | undefined, refused: Refusals): CheckResult[] {
  const namespace = namespaceOf(quota);
  const written = Object.entries(hard).filter(([k]) => COUNTED.has(ALIASES[k] ?? k));
  const tracks = (key: ComputeKey): boolean => written.some(([k]) => (ALIASES[k] ?? k) === key);
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
  for (const u of usage?.unset ?? []) {
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
  // A request left unset defaults to the limit: setting the limit gives both.
  const toSet = keys.filter(k => !(k.startsWith('requests.') && keys.includes(`limits.${k.slice('requests.'.length)}` as ComputeKey)));
  return `${label} sets no ${keys.join(', ')}, and no LimitRange of namespace "${object.namespace ?? 'default'}" gives ${keys.length === 1 ? 'it' : 'them'} a default, `
    + `but ${quotas.join(', ')} ${quotas.length === 1 ? 'tracks' : 'track'} ${keys.length === 1 ? 'it' : 'them'}: the API server refuses every pod of ${object.ref}; `
    + `set ${toSet.map(k => `resources.${k}`).join(' and ')}${toSet.length < keys.length ? ' (a request defaults to the limit)' : ''}, or give the namespace a LimitRange with a Container default`;
}

/** Whether a quota counts only some pods (`scopes` or a `scopeSelector`): which ones it matches is not checked. */
function isScoped(spec: any): boolean {
  return (Array.isArray(spec?.scopes) && spec.scopes.length > 0) || (spec?.scopeSelector !== undefined && spec?.scopeSelector !== null);
}
