import { isVeryWide } from '../../common/ipv4-mapped';
import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { everyAddressText, exceptText } from './private/ip-block-text';
import { everyPodOfEveryNamespace, hasPolicyType, isAllAddresses, networkPolicies } from './private/network-policy';

/** Why an ingress rule admits every source, with the path of the offending field. */
function allSources(rule: any, i: number): { message: string; path: string } | undefined {
  const from = Array.isArray(rule?.from) ? rule.from : [];
  if (from.length === 0) return { message: `spec.ingress[${i}] has no from, so it admits every source`, path: `spec.ingress[${i}]` };
  for (let j = 0; j < from.length; j++) {
    const why = whyPeerAdmitsAll(from[j] ?? {});
    if (why) {
      const path = `spec.ingress[${i}].from[${j}]`;
      return { message: `${path} ${why}`, path };
    }
  }
  return undefined;
}

/** Why an ingress peer admits every source, or `undefined`. */
function whyPeerAdmitsAll(peer: any): string | undefined {
  const except = peer.ipBlock?.except;
  if (peer.ipBlock && isAllAddresses(peer.ipBlock.cidr)) return `admits ipBlock ${peer.ipBlock.cidr}${exceptText(except)}${everyAddressText(except)}`;
  // Exceptions do not narrow a range enough: every address but a few is still the internet.
  if (peer.ipBlock && isVeryWide(peer.ipBlock.cidr)) {
    return `admits ipBlock ${peer.ipBlock.cidr}${exceptText(except)}, wider than an IPv4 /8 or an IPv6 /32: a large part of the internet`;
  }
  const everyPod = everyPodOfEveryNamespace(peer);
  return everyPod === undefined ? undefined : `admits ${everyPod.what} (${everyPod.why.join(', ')})`;
}

function checkPolicy(np: IndexedObject, controllerNamespaces: readonly string[], out: CheckResult[]): void {
  if (!hasPolicyType(np.raw, 'Ingress')) return;
  if (controllerNamespaces.includes(np.namespace!)) {
    out.push(pass(np, `namespace "${np.namespace}" runs an ingress controller, which admits traffic from outside`));
    return;
  }
  const rules = (np.raw as any).spec?.ingress;
  const before = out.length;
  if (Array.isArray(rules)) {
    for (let i = 0; i < rules.length; i++) {
      const why = allSources(rules[i], i);
      if (why) out.push(fail(np, why.message, why.path));
    }
  }
  if (out.length === before) out.push(pass(np));
}

/**
 * No NetworkPolicy ingress rule admits every source: a rule without `from`, a peer whose
 * namespaceSelector a new namespace matches (empty, or only excluding) and whose podSelector, if
 * any, a pod without labels matches, or an ipBlock of `0.0.0.0/0`, `::/0` or any
 * range wider than an IPv4 /8 or IPv6 /32 (whatever its `except`). Policies in the ingress controller namespaces
 * (`ingressControllerNamespaces`) are exempt: admitting outside traffic is their job.
 */
export const networkNoAllowAllIngress = defineControl({
  id: 'network-no-allow-all-ingress',
  title: 'No NetworkPolicy admits every source',
  condition: 'No ingress rule of a NetworkPolicy outside the ingress controller namespaces lacks from, admits every pod of every namespace (a namespaceSelector that a namespace labelled only with its name matches, such as {} or one of only NotIn and DoesNotExist terms, without a podSelector or with one that a pod without labels matches), or admits an ipBlock of every address (0.0.0.0/0, ::/0, or every IPv4 address as ::ffff:0.0.0.0/96 or through the NAT64 prefix 64:ff9b::/96), or one wider than an IPv4 /8 or an IPv6 /32, whatever its except list leaves out.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.6'],
  references: {
    nsa: 'Network separation and hardening: network policies',
  },
  remediation: 'Name the sources: a podSelector for peers in the namespace, a namespaceSelector with a podSelector for peers elsewhere, and the ingress controller namespace for outside traffic.',
  example: 'ingress:\n  - from:\n      - podSelector:\n          matchLabels:\n            app.kubernetes.io/name: web',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const np of networkPolicies(ctx.index)) checkPolicy(np, ctx.config.ingressControllerNamespaces, out);
    return out;
  },
});
