import { resolveConfig } from '../../../src/compliance/config';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { computeFlows, Flow, NetworkModel } from '../../../src/compliance/network/flows';
import { toMermaid } from '../../../src/compliance/network/mermaid';
import { API_SERVER_EGRESS_REASON, EGRESS_REASONS_ANNOTATION, EgressReason, ExternalEndpoint, formatEgressReason, parseEgressReasons } from '../../../src/compliance/network/model';
import { ALLOW_DNS, DEFAULT_DENY, networkPolicy, workload } from './fixtures';

/** A workload of namespace `team` allowed out to 203.0.113.0/24 on the given ports, its policy annotated with `reasons`. */
function egressTo(name: string, ports: number[], reasons?: string): unknown[] {
  const np = networkPolicy('team', `${name}-egress`, {
    podSelector: { matchLabels: { app: name } }, policyTypes: ['Egress'],
    egress: ports.map(port => ({ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ protocol: 'TCP', port }] })),
  });
  if (reasons !== undefined) np.metadata.annotations = { [EGRESS_REASONS_ANNOTATION]: reasons };
  return [workload('team', name), np];
}

const model = (objects: unknown[]): NetworkModel => computeFlows(ManifestIndex.fromObjects(objects), resolveConfig({ today: '2026-11-27' }));
const external = (m: NetworkModel) => m.flows.filter((f): f is Flow & { to: ExternalEndpoint } => f.to.type === 'external');
const node = (text: string) => text.split('\n').find(l => l.startsWith('  ext_'));
const withoutLabels = (m: NetworkModel) => m.flows.map(({ explained: _, ...f }) => f);

describe('parseEgressReasons', () => {
  test('reads the destination, the host in parentheses and the reason of each line', () => {
    expect(parseEgressReasons('203.0.113.0/24 TCP/443 (api.example.com): card payments: PAY-17\n10.0.0.0/8 except 10.1.0.0/16 any port: internal\r\nno reason here')).toEqual([
      { destination: '203.0.113.0/24 TCP/443', host: 'api.example.com', reason: 'card payments: PAY-17' },
      { destination: '10.0.0.0/8 except 10.1.0.0/16 any port', reason: 'internal' },
    ]);
    expect(parseEgressReasons(undefined)).toEqual([]);
  });

  test('reads back each line formatEgressReason writes', () => {
    const reasons: EgressReason[] = [
      { destination: '203.0.113.0/24 TCP/443', host: 'api.example.com', reason: 'card payments: PAY-17' },
      { destination: '2001:db8::/32 UDP/53', reason: 'resolver (upstream)' },
      { destination: '10.0.0.0/8 except 10.1.0.0/16 any port', reason: API_SERVER_EGRESS_REASON },
    ];
    expect(formatEgressReason(reasons[0])).toBe('203.0.113.0/24 TCP/443 (api.example.com): card payments: PAY-17');
    for (const r of reasons) expect(parseEgressReasons(formatEgressReason(r))).toStrictEqual([r]);
    expect(parseEgressReasons(reasons.map(formatEgressReason).join('\n'))).toStrictEqual(reasons);
  });
});

describe('flows to an address range explained by the egress-reasons annotation', () => {
  const objects = [DEFAULT_DENY('team'), ALLOW_DNS('team')];

  test('without the annotation the range is drawn and listed by its address only', () => {
    const m = model([...objects, ...egressTo('worker', [443])]);
    expect(external(m)).toEqual([{ from: { type: 'workload', id: 'team/worker' }, to: { type: 'external', cidr: '203.0.113.0/24' }, ports: ['TCP/443'], via: ['NetworkPolicy/team/worker-egress'] }]);
    expect(node(toMermaid(m))).toBe('  ext_203_0_113_0_24[/"203.0.113.0/24"/]');
  });

  test('the host and reason of the line for the range and port label the flow and the node, whose id stays', () => {
    const m = model([...objects, ...egressTo('worker', [443], '203.0.113.0/24 TCP/443 (hooks.slack.com): Slack notifications, ticket OPS-12\n203.0.113.0/24 TCP/22 (ssh.example.com): not a port of the flow')]);
    expect(external(m).map(f => f.explained)).toEqual([[{ host: 'hooks.slack.com', reason: 'Slack notifications, ticket OPS-12' }]]);
    expect(node(toMermaid(m))).toBe('  ext_203_0_113_0_24[/"203.0.113.0/24 (hooks.slack.com)"/]');
  });

  test('a line names its range however its CIDRs are spelt: IPv6 in capitals, exceptions in another order', () => {
    const np = networkPolicy('team', 'worker-egress', {
      podSelector: { matchLabels: { app: 'worker' } }, policyTypes: ['Egress'],
      egress: [
        { to: [{ ipBlock: { cidr: '2001:DB8::/32' } }], ports: [{ protocol: 'TCP', port: 443 }] },
        { to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.9.0.0/16', '10.1.0.0/16'] } }], ports: [{ protocol: 'TCP', port: 5432 }] },
      ],
    });
    np.metadata.annotations = { [EGRESS_REASONS_ANNOTATION]: '2001:DB8::/32 TCP/443 (v6.example.com): partner API\n10.0.0.0/8 except 10.9.0.0/16, 10.1.0.0/16 TCP/5432: the database' };
    const m = model([...objects, workload('team', 'worker'), np]);
    expect(external(m).map(f => [f.to.cidr, f.explained])).toEqual([
      ['10.0.0.0/8', [{ reason: 'the database' }]],
      ['2001:db8::/32', [{ host: 'v6.example.com', reason: 'partner API' }]],
    ]);
  });

  test('a line without a host gives the reason to the flow and nothing to the node', () => {
    const m = model([...objects, ...egressTo('worker', [443], '203.0.113.0/24 TCP/443: card payments')]);
    expect(external(m).map(f => f.explained)).toEqual([[{ reason: 'card payments' }]]);
    expect(node(toMermaid(m))).toBe('  ext_203_0_113_0_24[/"203.0.113.0/24"/]');
  });

  test('the line CompliantWorkload writes for the API server labels its range as the Kubernetes API server', () => {
    const m = model([...objects, ...egressTo('worker', [443], `203.0.113.0/24 TCP/443: ${API_SERVER_EGRESS_REASON}`)]);
    expect(external(m).map(f => f.explained)).toEqual([[{ reason: 'the Kubernetes API server, for the rights granted to the workload' }]]);
    expect(node(toMermaid(m))).toBe('  ext_203_0_113_0_24[/"203.0.113.0/24 (Kubernetes API server)"/]');
  });

  test('the API server label comes from the recorded reason, not from the address', () => {
    const other = model([...objects, ...egressTo('worker', [443], '203.0.113.0/24 TCP/443: the Kubernetes API server of the staging cluster')]);
    expect(node(toMermaid(other))).toBe('  ext_203_0_113_0_24[/"203.0.113.0/24"/]');
    const unrecorded = model([...objects, ...egressTo('worker', [443])]);
    expect(node(toMermaid(unrecorded))).toBe('  ext_203_0_113_0_24[/"203.0.113.0/24"/]');
    const withHost = model([...objects, ...egressTo('worker', [443], `203.0.113.0/24 TCP/443 (api.example.com): ${API_SERVER_EGRESS_REASON}`)]);
    expect(node(toMermaid(withHost))).toBe('  ext_203_0_113_0_24[/"203.0.113.0/24 (api.example.com)"/]');
  });

  test('two hosts on one range, from one workload or two, are both named on the one node', () => {
    const m = model([...objects,
      ...egressTo('worker', [443, 8443], '203.0.113.0/24 TCP/443 (hooks.slack.com): notifications\n203.0.113.0/24 TCP/8443 (api.slack.com): the API'),
      ...egressTo('mailer', [443], '203.0.113.0/24 TCP/443 (smtp.example.com): mail')]);
    expect(external(m).map(f => [f.from, f.ports, f.explained])).toEqual([
      [{ type: 'workload', id: 'team/mailer' }, ['TCP/443'], [{ host: 'smtp.example.com', reason: 'mail' }]],
      [{ type: 'workload', id: 'team/worker' }, ['TCP/443', 'TCP/8443'], [{ host: 'api.slack.com', reason: 'the API' }, { host: 'hooks.slack.com', reason: 'notifications' }]],
    ]);
    const text = toMermaid(m);
    expect(text.split('\n').filter(l => l.includes('ext_'))).toEqual([
      '  ext_203_0_113_0_24[/"203.0.113.0/24 (api.slack.com, hooks.slack.com, smtp.example.com)"/]',
      '  w_team_mailer -->|"TCP/443"| ext_203_0_113_0_24',
      '  w_team_worker -->|"TCP/443, TCP/8443"| ext_203_0_113_0_24',
    ]);
  });

  test('a hostile annotation is escaped, cut and kept to one line, and changes no flow, node or edge', () => {
    const plain = model([...objects, ...egressTo('worker', [443])]);
    const hostile = [
      `203.0.113.0/24 TCP/443 ("]-->evil[<b>|x&y|${'h'.repeat(300)}): ${'why '.repeat(100)}`,
      '203.0.113.0/24 TCP/443 (second.example.com): line one',
      'click ext_203_0_113_0_24 "javascript:alert(1)"',
      '198.51.100.0/24 TCP/443 (not.allowed.example.com): a range no rule allows',
      '0.0.0.0/0 any port (everything.example.com): anywhere',
    ].join('\n');
    const m = model([...objects, ...egressTo('worker', [443], hostile)]);
    expect(withoutLabels(m)).toEqual(plain.flows);
    const [evil, second] = external(m)[0].explained!;
    expect(evil.host).toHaveLength(100);
    expect(evil.host!.endsWith('…')).toBe(true);
    expect(evil.reason).toHaveLength(160);
    expect(second).toEqual({ host: 'second.example.com', reason: 'line one' });
    const text = toMermaid(m);
    expect(text.split('\n').length).toBe(toMermaid(plain).split('\n').length);
    expect(node(text)).toMatch(/^ {2}ext_203_0_113_0_24\[\/"203\.0\.113\.0\/24 \(#quot;\]--#gt;evil\[#lt;b#gt;\|x#amp;y\|h+…, second\.example\.com\)"\/\]$/);
    expect(text).not.toContain('everything.example.com');
    expect(text).not.toContain('not.allowed.example.com');
  });

  test('more than three hosts are counted', () => {
    const lines = [443, 444, 445, 446, 447].map((port, i) => `203.0.113.0/24 TCP/${port} (h${i}.example.com): r`).join('\n');
    const m = model([...objects, ...egressTo('worker', [443, 444, 445, 446, 447], lines)]);
    expect(node(toMermaid(m))).toBe('  ext_203_0_113_0_24[/"203.0.113.0/24 (h0.example.com, h1.example.com, h2.example.com, +2 more)"/]');
  });
});
