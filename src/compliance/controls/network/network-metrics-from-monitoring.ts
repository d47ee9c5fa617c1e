import { defineControl, fail, pass } from '../../control';
import { namedNamespaces, selectorIsEmpty } from '../../selectors';
import { CheckResult, ContainerRef, IndexedObject } from '../../types';
import { hasPolicyType, networkPolicies, policiesByTemplate } from './private/network-policy';
import { reachesTcpPort } from './private/rule-ports';

/** The name Prometheus conventions and the library give a container's metrics port. */
const METRICS_PORT_NAME = 'metrics';

/** The numbers of the container ports named `metrics` among a pod template's containers. */
function metricsPorts(containers: readonly ContainerRef[]): number[] {
  const out: number[] = [];
  for (const c of containers) {
    const ports: unknown[] = Array.isArray(c.container.ports) ? c.container.ports : [];
    for (const p of ports as any[]) if (p?.name === METRICS_PORT_NAME && typeof p.containerPort === 'number') out.push(p.containerPort);
  }
  return out;
}

/**
 * Whether a selector names the pods it selects: by a `matchLabels` pair or an `In` expression. One
 * that only excludes (`NotIn`, `DoesNotExist`) or only asks for a label to exist selects pods that
 * anyone may label so.
 */
function names(selector: any): boolean {
  if (!selector || typeof selector !== 'object') return false;
  const labels = selector.matchLabels && typeof selector.matchLabels === 'object' ? Object.keys(selector.matchLabels).length : 0;
  const expressions: any[] = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return labels > 0 || expressions.some(e => e?.operator === 'In' && Array.isArray(e.values) && e.values.length > 0);
}

/**
 * What a peer admits wholesale, or `undefined` when it is the monitoring namespaces or named
 * scrapers: pods named by a pod selector, in the policy's namespace or in namespaces named by
 * `kubernetes.io/metadata.name`. Wholesale: an address range, every pod of a namespace other than
 * the monitoring ones, or pods of namespaces chosen by other labels than their name.
 */
function wholesale(peer: any, monitoring: readonly string[]): string | undefined {
  if (!peer || typeof peer !== 'object') return 'a peer that is not a mapping';
  if (peer.ipBlock) return `ipBlock ${peer.ipBlock.cidr}`;
  const namedPods = names(peer.podSelector);
  const ns = peer.namespaceSelector;
  if (!ns || typeof ns !== 'object') return namedPods ? undefined : 'every pod of the policy\'s own namespace';
  const named = namedNamespaces(ns);
  if (named === undefined) {
    const which = selectorIsEmpty(ns) ? 'every namespace' : 'namespaces chosen by labels other than their name';
    return `${namedPods ? 'pods' : 'every pod'} of ${which}`;
  }
  if (namedPods) return undefined;
  const others = named.filter(n => !monitoring.includes(n));
  return others.length === 0 ? undefined : `every pod of namespace ${others.map(n => `"${n}"`).join(', ')}`;
}

function checkPolicy(np: IndexedObject, numbers: readonly number[], monitoring: readonly string[], out: CheckResult[]): void {
  const rules = (np.raw as any).spec?.ingress;
  const before = out.length;
  const allowed = monitoring.length === 0 ? 'no namespace is configured as monitoring' : `of whole namespaces, only ${monitoring.map(n => `"${n}"`).join(', ')} may`;
  for (let i = 0; i < (Array.isArray(rules) ? rules.length : 0); i++) {
    // An empty list item (`-` alone, null) decodes to the zero rule `{}`, which admits every source.
    const rule = rules[i] === null ? {} : rules[i];
    if (!rule || typeof rule !== 'object' || !reachesTcpPort(rule.ports, numbers, name => name === METRICS_PORT_NAME)) continue;
    const from: unknown[] = Array.isArray(rule.from) ? rule.from : [];
    if (from.length === 0) {
      out.push(fail(np, `spec.ingress[${i}] admits every source to the metrics port (${numbers.join(', ')}); ${allowed}`, `spec.ingress[${i}]`));
      continue;
    }
    for (let j = 0; j < from.length; j++) {
      const who = wholesale(from[j], monitoring);
      if (who) out.push(fail(np, `spec.ingress[${i}].from[${j}] admits ${who} to the metrics port (${numbers.join(', ')}); ${allowed}`, `spec.ingress[${i}].from[${j}]`));
    }
  }
  if (out.length === before) out.push(pass(np));
}

/**
 * Metrics are read by the monitoring namespaces and by named scrapers only: every NetworkPolicy
 * ingress rule that reaches a container port named `metrics` of the pods it selects admits whole
 * namespaces only when they are among `monitoringNamespaces` (named through
 * `kubernetes.io/metadata.name`), no address range, and other callers only as pods named by a pod
 * selector (`matchLabels` or `In`) in the policy's namespace or in namespaces named so. Metrics
 * describe the service from the inside (paths, tenants, errors) and are served without
 * authentication.
 */
export const networkMetricsFromMonitoring = defineControl({
  id: 'network-metrics-from-monitoring',
  title: 'Metrics ports are open to the monitoring namespaces and named scrapers only',
  condition: 'Every NetworkPolicy ingress rule that reaches a container port named metrics of the pods it selects (by name, by number, '
    + 'or with no ports at all) has from peers, admits whole namespaces only from config.monitoringNamespaces (named through '
    + 'kubernetes.io/metadata.name), no ipBlock, and other pods only through a podSelector that names them (matchLabels or In) in its own namespace '
    + 'or in namespaces named through kubernetes.io/metadata.name.',
  severity: 'medium',
  criteria: ['CC6.1', 'CC6.6'],
  references: {
    nsa: 'Network separation and hardening: network policies',
  },
  remediation: 'Admit the metrics port in a rule of its own, from a namespaceSelector on kubernetes.io/metadata.name of the monitoring namespace '
    + '(or from the scraper\'s pods by podSelector); give the other callers rules that name their own port.',
  example: 'ingress:\n  - from:\n      - namespaceSelector:\n          matchLabels:\n            kubernetes.io/metadata.name: monitoring\n    ports:\n      - port: 9090',
  check: ctx => {
    // The metrics ports of the pods each Ingress-type policy selects.
    const numbers = new Map<IndexedObject, number[]>();
    const selecting = policiesByTemplate(ctx.index);
    const templates = ctx.index.podTemplates;
    const containers = ctx.index.containersFor(ctx.config);
    for (let t = 0; t < templates.length; t++) {
      const ports = metricsPorts(containers[t]);
      if (ports.length === 0) continue;
      const policies = selecting.get(templates[t]) ?? [];
      for (const np of policies) {
        if (!hasPolicyType(np.raw, 'Ingress')) continue;
        const list = numbers.get(np) ?? [];
        for (const p of ports) if (!list.includes(p)) list.push(p);
        numbers.set(np, list);
      }
    }
    const out: CheckResult[] = [];
    for (const np of networkPolicies(ctx.index)) {
      const ports = numbers.get(np);
      if (ports) checkPolicy(np, ports.sort((a, b) => a - b), ctx.config.monitoringNamespaces, out);
    }
    return out;
  },
});
