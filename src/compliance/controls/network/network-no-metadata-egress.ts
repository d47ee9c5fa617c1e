import { cidrContains, METADATA_ADDRESSES } from '../../common/ipv4-mapped';
import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { hasPolicyType, networkPolicies } from './private/network-policy';
import { reachesTcpPort } from './private/rule-ports';

/** The metadata address an ipBlock opens (it holds it and does not except it), if any. */
function openedMetadataAddress(block: any): string | undefined {
  if (!block || typeof block.cidr !== 'string') return undefined;
  const except: unknown[] = Array.isArray(block.except) ? block.except : [];
  return METADATA_ADDRESSES.find(a => cidrContains(block.cidr, a) && !except.some(e => typeof e === 'string' && cidrContains(e, a)));
}

/** The metadata services answer HTTP on TCP port 80. */
const METADATA_PORT = 80;

function checkPolicy(np: IndexedObject, out: CheckResult[]): void {
  if (!hasPolicyType(np.raw, 'Egress')) return;
  const rules = (np.raw as any).spec?.egress;
  const before = out.length;
  for (let i = 0; i < (Array.isArray(rules) ? rules.length : 0); i++) {
    // Any named port may be port 80 of the destination.
    if (!reachesTcpPort(rules[i]?.ports, [METADATA_PORT], () => true)) continue;
    const to: unknown[] = Array.isArray(rules[i]?.to) ? rules[i].to : [];
    // A rule without destinations allows every address, the metadata service's among them.
    if (to.length === 0) {
      out.push(fail(np, `spec.egress[${i}] has no to, so it allows every destination, the cloud instance metadata address ${METADATA_ADDRESSES[0]} among them`, `spec.egress[${i}]`));
      continue;
    }
    for (let j = 0; j < to.length; j++) {
      const block = (to[j] as any)?.ipBlock;
      const address = openedMetadataAddress(block);
      if (address) {
        out.push(fail(np, `spec.egress[${i}].to[${j}] allows ipBlock ${block.cidr}, which holds the cloud instance metadata address ${address}`, `spec.egress[${i}].to[${j}]`));
      }
    }
  }
  if (out.length === before) out.push(pass(np));
}

/**
 * No NetworkPolicy lets pods reach the cloud instance metadata service (169.254.169.254, Alibaba
 * Cloud's 100.100.100.200, AWS's fd00:ec2::254 and Google Cloud's fd20:ce::254): it hands out the node's cloud credentials to any pod that asks, a step from one
 * compromised container to the cloud account. An ipBlock that holds the address passes only when
 * its `except` leaves the address out; an egress rule without `to` allows every address, so it
 * fails too (a suppression of network-no-open-egress does not accept the metadata service).
 */
export const networkNoMetadataEgress = defineControl({
  id: 'network-no-metadata-egress',
  title: 'No NetworkPolicy opens the cloud metadata service',
  condition: 'No NetworkPolicy egress rule that reaches TCP port 80 (no ports, port 80, a range or a named port) lacks to (every destination), and no ipBlock of one holds the cloud instance '
    + 'metadata address 169.254.169.254 or Alibaba Cloud\'s 100.100.100.200 (also written IPv4-mapped, ::ffff:169.254.169.254, or through the NAT64 prefix, '
    + '64:ff9b::169.254.169.254) or the IPv6 ones of AWS, fd00:ec2::254, and Google Cloud, fd20:ce::254, without excepting it.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.6'],
  references: {
    nsa: 'Network separation and hardening: network policies',
  },
  remediation: 'Name the destinations of a rule without to; except the metadata address from the range (except: [169.254.169.254/32], [100.100.100.200/32], or [fd00:ec2::254/128, fd20:ce::254/128] in an IPv6 range), and give workloads that call the cloud a cloud identity of their own (IRSA, Workload Identity).',
  example: 'egress:\n  - to:\n      - ipBlock:\n          cidr: 169.254.0.0/16\n          except:\n            - 169.254.169.254/32',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const np of networkPolicies(ctx.index)) checkPolicy(np, out);
    return out;
  },
});
