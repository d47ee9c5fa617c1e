import { isVeryWide } from '../../common/ipv4-mapped';
import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { everyAddressText, exceptText } from './private/ip-block-text';
import { everyPodOfEveryNamespace, hasPolicyType, isAllAddresses, networkPolicies } from './private/network-policy';

/** ` on UDP/53, TCP/53` for a rule limited to ports (the whole internet on those ports), else nothing. */
function onPorts(ports: unknown): string {
  if (!Array.isArray(ports) || ports.length === 0) return '';
  const text = ports.map((p: any) => `${typeof p?.protocol === 'string' ? p.protocol : 'TCP'}/${p?.port ?? '*'}${typeof p?.endPort === 'number' ? `-${p.endPort}` : ''}`);
  return ` on ${text.join(', ')}`;
}

/**
 * Why an egress rule allows every destination, with the path of the offending field. Exceptions
 * do not narrow a range enough: every address but the private ranges is still the internet.
 */
function allDestinations(rule: any, i: number): { message: string; path: string } | undefined {
  const to = Array.isArray(rule?.to) ? rule.to : [];
  if (to.length === 0) return { message: `spec.egress[${i}] has no to, so it allows every destination${onPorts(rule?.ports)}`, path: `spec.egress[${i}]` };
  const everyPort = !Array.isArray(rule?.ports) || rule.ports.length === 0;
  for (let j = 0; j < to.length; j++) {
    const peer = to[j];
    const everyPod = everyPort ? everyPodOfEveryNamespace(peer) : undefined;
    if (everyPod !== undefined) {
      const path = `spec.egress[${i}].to[${j}]`;
      return { message: `${path} allows ${everyPod.what} on every port (${[...everyPod.why, 'no ports'].join(', ')})`, path };
    }
    const block = peer?.ipBlock;
    if (!block) continue;
    const except: unknown[] = Array.isArray(block.except) ? block.except : [];
    const path = `spec.egress[${i}].to[${j}]`;
    if (isAllAddresses(block.cidr)) {
      return { message: `${path} allows ipBlock ${block.cidr}${exceptText(except)}${everyAddressText(except)}`, path };
    }
    if (isVeryWide(block.cidr)) {
      return { message: `${path} allows ipBlock ${block.cidr}${exceptText(except)}, wider than an IPv4 /8 or an IPv6 /32: a large part of the internet`, path };
    }
  }
  return undefined;
}

function checkPolicy(np: IndexedObject, out: CheckResult[]): void {
  if (!hasPolicyType(np.raw, 'Egress')) return;
  const rules = (np.raw as any).spec?.egress;
  const before = out.length;
  if (Array.isArray(rules)) {
    for (let i = 0; i < rules.length; i++) {
      const why = allDestinations(rules[i], i);
      if (why) out.push(fail(np, why.message, why.path));
    }
  }
  if (out.length === before) out.push(pass(np));
}

/**
 * No NetworkPolicy egress rule allows every destination: a rule without `to`, every pod of every
 * namespace on every port, or an ipBlock of
 * `0.0.0.0/0`, `::/0` or any range wider than an IPv4 /8 or IPv6 /32, whatever it excepts. Rules
 * naming their destinations (e.g. DNS on port 53 to kube-dns) pass.
 */
export const networkNoOpenEgress = defineControl({
  id: 'network-no-open-egress',
  title: 'No NetworkPolicy allows egress everywhere',
  condition: 'No egress rule of a NetworkPolicy lacks to, allows every pod of every namespace on every port (a namespaceSelector that a namespace labelled only with its name matches, such as {} or one of only NotIn and DoesNotExist terms, without ports and without a podSelector or with one that a pod without labels matches), or allows an ipBlock of every address (0.0.0.0/0, ::/0, or every IPv4 address as ::ffff:0.0.0.0/96 or through the NAT64 prefix 64:ff9b::/96) or one wider than an IPv4 /8 or an IPv6 /32 (0.0.0.0/1 and 128.0.0.0/1 together are every address), whatever its except list leaves out.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.6'],
  references: {
    nsa: 'Network separation and hardening: network policies',
  },
  remediation: 'Name each destination: pods by selector, external services by CIDR, and DNS to kube-dns only.',
  example: 'egress:\n  - to:\n      - namespaceSelector:\n          matchLabels:\n            kubernetes.io/metadata.name: kube-system\n        podSelector:\n          matchLabels:\n            k8s-app: kube-dns\n    ports:\n      - { protocol: UDP, port: 53 }\n      - { protocol: TCP, port: 53 }',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const np of networkPolicies(ctx.index)) checkPolicy(np, out);
    return out;
  },
});
