/**
 * What the API server's ResourceQuota admission would refuse when a manifest set is applied,
 * computed from the objects alone, independently of the constructs' own quota sizing.
 */

/**
 * A Kubernetes quantity in its base unit (cores, bytes); NaN when it cannot be read. The whole
 * grammar of k8s.io/apimachinery's resource.Quantity: a signed decimal, then a binary SI suffix, a
 * decimal SI suffix or a decimal exponent (`2e9`, `1E3`).
 */
function quantity(value: unknown): number {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/.exec(String(value ?? ''));
  if (!m) return NaN;
  const scale: Record<string, number> = {
    '': 1, 'n': 1e-9, 'u': 1e-6, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
    'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60,
  };
  return Number(m[1]) * (m[3] !== undefined ? 10 ** Number(m[3]) : scale[m[2] ?? '']);
}

/** cert-manager's ACME HTTP-01 solver pod: its container's limits, outside the mesh. */
const SOLVER_POD = { 'limits.cpu': 0.1, 'limits.memory': 64 * 2 ** 20 };

/**
 * What the API server's quota admission would refuse when the manifests are applied, computed
 * from the objects alone (not from the library's own sizing): per namespace, the pods every
 * workload may run at once (its replicas or its autoscaler's maximum, plus the surge pod of a
 * RollingUpdate Deployment: its `maxSurge`, 25 % by default, a percentage rounded up), each with
 * its containers' limits (a LimitRange's default where a container sets none; a pod with neither
 * is refused outright when the quota tracks that limit) and the Istio sidecar's limits from its
 * annotations, one ACME HTTP-01 solver pod per host of an Ingress whose Certificate an HTTP-01
 * issuer solves, the claims of StatefulSets, and the NodePort and LoadBalancer Services.
 */
/** The surge pods of a Deployment's rollout: `maxSurge` of a RollingUpdate (25 % by default, a percentage rounded up), none with Recreate. */
function surgePods(workload: Record<string, any>, replicas: number): number {
  const strategy = workload.spec.strategy ?? {};
  if (workload.kind !== 'Deployment' || strategy.type === 'Recreate') return 0;
  const maxSurge = strategy.rollingUpdate?.maxSurge ?? '25%';
  const percent = typeof maxSurge === 'string' ? /^(\d+)%$/.exec(maxSurge) : null;
  return percent ? Math.ceil((replicas * Number(percent[1])) / 100) : Number(maxSurge);
}

/** The default limit (`cpu`, `memory`) a LimitRange of the namespace gives a container that sets none, if any. */
function defaultLimit(objects: readonly Record<string, any>[], namespace: string, resource: string): unknown {
  return objects.filter(o => o.kind === 'LimitRange' && o.metadata.namespace === namespace)
    .flatMap(o => o.spec?.limits ?? []).find((l: any) => l.type === 'Container' && l.default?.[resource] !== undefined)?.default[resource];
}

export function quotaRefusals(objects: readonly Record<string, any>[]): string[] {
  const out: string[] = [];
  const http01Issuers = new Set(objects.filter(o => (o.kind === 'Issuer' || o.kind === 'ClusterIssuer')
    && (o.spec?.acme?.solvers ?? []).some((s: any) => s.http01)).map(o => `${o.kind}/${o.kind === 'Issuer' ? o.metadata.namespace : ''}/${o.metadata.name}`));
  for (const quota of objects.filter(o => o.kind === 'ResourceQuota')) {
    const ns = quota.metadata.namespace;
    const hard = quota.spec?.hard ?? {};
    const used: Record<string, number> = { 'pods': 0, 'limits.cpu': 0, 'limits.memory': 0, 'requests.storage': 0, 'services.nodeports': 0, 'services.loadbalancers': 0 };
    for (const w of objects.filter(o => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.metadata.namespace === ns)) {
      const hpa = objects.find(o => o.kind === 'HorizontalPodAutoscaler' && o.metadata.namespace === ns && o.spec?.scaleTargetRef?.name === w.metadata.name);
      const replicas = hpa ? hpa.spec.maxReplicas : (w.spec.replicas ?? 1);
      const pods = replicas + surgePods(w, replicas);
      const pod = w.spec.template;
      const annotations = pod.metadata?.annotations ?? {};
      const containers = pod.spec.containers ?? [];
      const limit = (c: any, resource: string) => quantity(c.resources?.limits?.[resource] ?? defaultLimit(objects, ns, resource));
      for (const resource of ['cpu', 'memory']) {
        if (hard[`limits.${resource}`] !== undefined && containers.some((c: any) => Number.isNaN(limit(c, resource)))) {
          out.push(`ResourceQuota/${ns}/${quota.metadata.name}: limits.${resource} needs a limit on every container, which ${w.kind}/${ns}/${w.metadata.name} does not set`);
        }
      }
      const cpu = containers.reduce((s: number, c: any) => s + limit(c, 'cpu'), 0) + quantity(annotations['sidecar.istio.io/proxyCPULimit'] ?? '2');
      const memory = containers.reduce((s: number, c: any) => s + limit(c, 'memory'), 0) + quantity(annotations['sidecar.istio.io/proxyMemoryLimit'] ?? '1Gi');
      used.pods += pods;
      used['limits.cpu'] += pods * cpu;
      used['limits.memory'] += pods * memory;
      for (const claim of w.kind === 'StatefulSet' ? w.spec.volumeClaimTemplates ?? [] : []) used['requests.storage'] += replicas * quantity(claim.spec.resources.requests.storage);
    }
    for (const cert of objects.filter(o => o.kind === 'Certificate' && o.metadata.namespace === ns)) {
      const ref = cert.spec.issuerRef;
      if (!http01Issuers.has(`${ref.kind}/${ref.kind === 'Issuer' ? ns : ''}/${ref.name}`)) continue;
      const hosts = cert.spec.dnsNames.length;
      used.pods += hosts;
      used['limits.cpu'] += hosts * SOLVER_POD['limits.cpu'];
      used['limits.memory'] += hosts * SOLVER_POD['limits.memory'];
    }
    for (const s of objects.filter(o => o.kind === 'Service' && o.metadata.namespace === ns)) {
      if (s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer') used['services.nodeports'] += (s.spec.ports ?? []).length;
      if (s.spec?.type === 'LoadBalancer') used['services.loadbalancers'] += 1;
    }
    for (const [resource, amount] of Object.entries(used)) {
      const limit = hard[resource] === undefined ? Infinity : quantity(hard[resource]);
      if (amount > limit * (1 + 1e-9)) out.push(`ResourceQuota/${ns}/${quota.metadata.name}: ${resource} needs ${amount}, holds ${hard[resource]}`);
    }
  }
  return out;
}
