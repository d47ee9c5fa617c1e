import { hasPolicyType } from '../../controls/network/private/network-policy';
import { ComplianceReport } from '../../engine';
import { EGRESS_REASONS_ANNOTATION, EgressReason, parseEgressReasons } from '../../network/model';
import { compare } from './format';
import { code, prose } from './markdown-text';

/**
 * The evidence section of the destinations outside the cluster the NetworkPolicies allow (CC6.6):
 * one row per policy and destination, with the host and reason its
 * {@link EGRESS_REASONS_ANNOTATION} line for the destination records (one row per line when
 * several lines name it), or `no reason recorded`. Empty when no policy allows such a destination.
 */
export function egressSection(report: ComplianceReport): string[] {
  const rows: string[] = [];
  const policies = [...report.index.ofKind('NetworkPolicy', 'networking.k8s.io')].sort((a, b) => compare(a.ref, b.ref));
  for (const np of policies) {
    if (!hasPolicyType(np.raw, 'Egress')) continue;
    // The lines recorded per destination, matched to the rules themselves.
    const recorded = new Map<string, EgressReason[]>();
    for (const r of parseEgressReasons(np.annotations[EGRESS_REASONS_ANNOTATION])) {
      const lines = recorded.get(r.destination) ?? [];
      if (!lines.some(l => l.host === r.host && l.reason === r.reason)) lines.push(r);
      recorded.set(r.destination, lines);
    }
    for (const destination of [...new Set(ipBlockDestinations(np.raw))].sort(compare)) {
      const lines = recorded.get(destination);
      if (lines === undefined) rows.push(`| ${code(np.ref)} | ${code(destination)} |  | _no reason recorded_ |`);
      for (const l of lines ?? []) rows.push(`| ${code(np.ref)} | ${code(destination)} | ${l.host === undefined ? '' : code(l.host)} | ${prose(l.reason)} |`);
    }
  }
  if (rows.length === 0) return [];
  return [
    '## Egress outside the cluster',
    '',
    'Every address range the NetworkPolicies allow traffic to, and every egress rule that names no destination at all, read from their egress rules, '
      + `with the host served there and the reason recorded in their \`${EGRESS_REASONS_ANNOTATION}\` annotation (CC6.6).`,
    '',
    '| NetworkPolicy | Destination | Host | Reason |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

/**
 * The destinations outside the cluster a NetworkPolicy's egress rules allow: each ipBlock, as
 * `<cidr>[ except …] <protocol>/<port>` (`any port` without ports), and `every destination …` for a
 * rule without `to`.
 */
function ipBlockDestinations(raw: any): string[] {
  const out: string[] = [];
  const rules = Array.isArray(raw?.spec?.egress) ? raw.spec.egress : [];
  for (const rule of rules) {
    const peers = Array.isArray(rule?.to) ? rule.to : [];
    const ports = Array.isArray(rule?.ports) && rule.ports.length > 0
      ? rule.ports.map((p: any) => `${typeof p?.protocol === 'string' ? p.protocol : 'TCP'}/${p?.port ?? '*'}${p?.endPort !== undefined ? `-${p.endPort}` : ''}`)
      : ['any port'];
    // A rule without `to` allows every destination, the whole internet included.
    if (peers.length === 0) for (const port of ports) out.push(`every destination ${port}`);
    for (const peer of peers) {
      const block = peer?.ipBlock;
      if (!block || typeof block.cidr !== 'string') continue;
      const except = Array.isArray(block.except) && block.except.length > 0 ? ` except ${block.except.join(', ')}` : '';
      for (const port of ports) out.push(`${block.cidr}${except} ${port}`);
    }
  }
  return out;
}
