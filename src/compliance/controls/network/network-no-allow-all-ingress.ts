import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { isAllAddresses, isRestrictingSelector, networkPolicies, policyTypesOf } from './private/network-policy';

/** Why an ingress rule admits every source, with the path of the offending field. */
function allSources(rule: any, i: number): { message: string; path: string } | undefined {
  const from = Array.isArray(rule?.from) ? rule.from : [];
  if (from.length === 0) return { message: `spec.ingress[${i}] has no from, so it admits every source`, path: `spec.ingress[${i}]` };
  for (let j = 0; j < from.length; j++) {
    const peer = from[j] ?? {};
    const path = `spec.ingress[${i}].from[${j}]`;
    if (peer.ipBlock && isAllAddresses(peer.ipBlock.cidr)) return { message: `${path} admits ipBlock ${peer.ipBlock.cidr}, every address`, path };
    if (peer.namespaceSelector && !isRestrictingSelector(peer.namespaceSelector) && !isRestrictingSelector(peer.podSelector)) {
      return { message: `${path} admits every pod of every namespace (empty namespaceSelector, no podSelector restriction)`, path };
    }
  }
  return undefined;
}

function checkPolicy(np: IndexedObject, controllerNamespaces: readonly string[]): CheckResult[] | undefined {
  if (!policyTypesOf(np.raw).includes('Ingress')) return undefined;
  if (controllerNamespaces.includes(np.namespace!)) return [pass(np, `namespace "${np.namespace}" runs an ingress controller, which admits traffic from outside`)];
  const rules = Array.isArray((np.raw as any).spec?.ingress) ? (np.raw as any).spec.ingress : [];
  const failures: CheckResult[] = [];
  rules.forEach((rule: any, i: number) => {
    const why = allSources(rule, i);
    if (why) failures.push(fail(np, why.message, why.path));
  });
  return failures.length > 0 ? failures : [pass(np)];
}

/**
 * No NetworkPolicy ingress rule admits every source: a rule without `from`, a peer with an empty
 * namespaceSelector and no podSelector restriction, or an ipBlock of `0.0.0.0/0` or `::/0`
 * (whatever its `except`). Policies in the ingress controller namespaces
 * (`ingressControllerNamespaces`) are exempt: admitting outside traffic is their job.
 */
export const networkNoAllowAllIngress = defineControl({
  id: 'network-no-allow-all-ingress',
  title: 'No NetworkPolicy admits every source',
  condition: 'No ingress rule of a NetworkPolicy outside the ingress controller namespaces lacks from, admits every namespace without a podSelector, or admits ipBlock 0.0.0.0/0 or ::/0.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.6'],
  references: {
    nsa: 'Network separation and hardening: network policies',
  },
  remediation: 'Name the sources: a podSelector for peers in the namespace, a namespaceSelector with a podSelector for peers elsewhere, and the ingress controller namespace for outside traffic.',
  example: 'ingress:\n  - from:\n      - podSelector:\n          matchLabels:\n            app.kubernetes.io/name: web',
  check: ctx => networkPolicies(ctx.index).flatMap(np => checkPolicy(np, ctx.config.ingressControllerNamespaces) ?? []),
});
