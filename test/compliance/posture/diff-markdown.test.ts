import { EGRESS_REASONS_ANNOTATION } from '../../../src/compliance/network/model';
import { formatDiffMarkdown } from '../../../src/compliance/posture/diff-markdown';
import { networkPolicy } from '../network/fixtures';
import { afterObjects, beforeObjects, diffOf } from './fixtures';

describe('formatDiffMarkdown', () => {
  const md = formatDiffMarkdown(diffOf(beforeObjects(), afterObjects()));
  const headings = (text: string) => text.split('\n').filter(l => l.startsWith('#'));

  test('reads as the snapshot', () => {
    expect(md).toMatchSnapshot();
  });

  test('opens with a verdict and a count of the changes', () => {
    const [head, , summary] = md.split('\n');
    expect(head).toBe('## 🔴 Security posture regresses: 2 new findings');
    expect(summary).toBe('2 new findings, 2 new allowed flows, 1 changed flow, 2 new RBAC rights, 1 changed suppression, 1 expired suppression, '
      + '1 fixed finding, 1 removed suppression, 2 added objects, 1 removed object, 5 changed objects.');
  });

  test('has a section only for the kinds of change present', () => {
    expect(headings(md)).toEqual([
      '## 🔴 Security posture regresses: 2 new findings',
      '### New findings', '### Fixed findings', '### New allowed flows', '### Changed flows', '### New RBAC rights',
      '### Changed suppressions', '### Expired suppressions', '### Removed suppressions', '### Objects',
    ]);
  });

  test('tabulates findings, flows, rights and suppressions', () => {
    expect(md).toContain('| high | `demo-non-root` | `Deployment/team/jobs` | container "app": runAsNonRoot is not true (at `spec.template.spec.containers[0].securityContext.runAsNonRoot`) |');
    expect(md).toContain('| team/jobs | internet | TCP/443 | `NetworkPolicy/team/jobs-egress` |');
    expect(md).toContain('| namespace ingress-nginx | team/api | TCP/8080 | TCP/8080, TCP/8443 | `NetworkPolicy/team/api-from-ingress` |');
    expect(md).toContain('| `User:alice@example.com` | get, list | `configmaps` | `team` | `RoleBinding/team/reader` |');
    expect(md).toContain('| `Deployment/team/web` | `demo-non-root` | vendor image needs root until SEC-142 lands (until 2026-12-31) | vendor image needs root until SEC-142 lands (until 2027-03-31) |');
  });

  test('says of a removed suppression what it was, of a new one what it is, and gives an expired one no status column', () => {
    expect(md).toContain(['### Expired suppressions', '',
      '| Object | Control | Reason | Expires |', '| --- | --- | --- | --- |',
      '| `Deployment/team/batch` | `demo-non-root` | legacy batch job is being rewritten in SEC-150 | 2026-11-30 |', ''].join('\n'));
    expect(md).toContain(['### Removed suppressions', '',
      '| Object | Control | Reason | Expires | Status |', '| --- | --- | --- | --- | --- |',
      '| `Deployment/team/legacy` | `demo-non-root` | kept for the migration of the billing data | _never_ | was active |', ''].join('\n'));
    const added = formatDiffMarkdown(diffOf(afterObjects(), beforeObjects()));
    expect(added).toContain(['### New suppressions', '',
      '| Object | Control | Reason | Expires | Status |', '| --- | --- | --- | --- | --- |',
      '| `Deployment/team/legacy` | `demo-non-root` | kept for the migration of the billing data | _never_ | active |', ''].join('\n'));
  });

  test('asks for review when only flows, rights or suppressions are new', () => {
    const after = beforeObjects().map((o: any) => (o.kind === 'Role' ? { ...o, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] } : o));
    const text = formatDiffMarkdown(diffOf(beforeObjects(), after, '2026-11-27'));
    expect(headings(text)).toEqual(['## 🟡 Security posture changes need review', '### New RBAC rights', '### Removed RBAC rights', '### Objects']);
    expect(text).toContain('<summary>0 added, 0 removed, 1 changed</summary>\n\n- changed `Role/team/reader`');
  });

  test('names objects whose contents changed when nothing else did', () => {
    const after = beforeObjects().map((o: any) => (o.kind === 'Deployment' && o.metadata.name === 'api' ? { ...o, spec: { ...o.spec, replicas: 5 } } : o));
    const text = formatDiffMarkdown(diffOf(beforeObjects(), after, '2026-11-27'));
    expect(text.split('\n')[0]).toBe('## 🟢 No change to the security posture; objects changed');
    expect(text.split('\n')[2]).toBe('1 changed object.');
    expect(text).toContain('- changed `Deployment/team/api`');
  });

  test('lists under each changed object the fields that changed, with their values before and after', () => {
    expect(md).toContain([
      '- changed `Deployment/team/api`',
      '  - `spec.template.spec.securityContext`: added `{"runAsNonRoot":true}`',
      '- changed `Deployment/team/web`',
      '  - `metadata.annotations["soc2.cdk8s.io/suppress.demo-non-root"]`: `until 2026-12-31: vendor image needs root until SEC-142 lands` → `until 2027-03-31: vendor image needs root until SEC-142 lands`',
      '- changed `NetworkPolicy/team/api-from-ingress`',
      '  - `spec.ingress[0].ports[1]`: added `TCP/8443`',
      '- changed `Role/team/reader`',
      '  - `rules[0].verbs`: added `list`',
    ].join('\n'));
  });

  test('shows ten fields per object, cuts long values, and never shows a Secret\'s data', () => {
    const config = (v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' }, data: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${String(i).padStart(2, '0')}`, v])) });
    const secret = (v: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'team' }, data: { password: v } });
    const text = formatDiffMarkdown(diffOf([...beforeObjects(), config('a'), secret('aHVudGVyMg==')], [...beforeObjects(), config('x'.repeat(200)), secret('c2VjcmV0')], '2026-11-27'));
    const lines = text.split('\n');
    const at = lines.indexOf('- changed `ConfigMap/team/c`');
    expect(lines.slice(at + 1, at + 12).filter(l => l.startsWith('  - `data.'))).toHaveLength(10);
    expect(lines[at + 1]).toBe(`  - \`data.k00\`: \`a\` → \`${'x'.repeat(79)}…\``);
    expect(lines[at + 11]).toBe('  - … and 2 more fields');
    expect(text).toContain("- changed `Secret/team/s`\n  - `data.password`: changed (the value is not shown)");
    expect(text).not.toMatch(/aHVudGVyMg|c2VjcmV0/);
  });

  test('shows long values from a little before where they differ, short ones whole', () => {
    const cm = (v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'team' }, data: { url: v, short: v.slice(-12) } });
    const long = (tail: string) => `https://reporting.partner.example.com/api/v2/export/${'x'.repeat(60)}?tenant=${tail}`;
    const text = formatDiffMarkdown(diffOf([...beforeObjects(), cm(long('one'))], [...beforeObjects(), cm(long('two'))], '2026-11-27'));
    const line = text.split('\n').find(l => l.startsWith('  - `data.url`'))!;
    expect(line).toBe(`  - \`data.url\`: \`…${'x'.repeat(12)}?tenant=one\` → \`…${'x'.repeat(12)}?tenant=two\``);
    expect(text).toContain('  - `data.short`: `x?tenant=one` → `x?tenant=two`');
  });

  test('names the items added to and removed from a list of plain values', () => {
    const sidecar = (hosts: string[]) => ({ apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'default', namespace: 'team' }, spec: { egress: [{ hosts }] } });
    const long = ['./*', 'istio-system/*', 'pay/api.pay.svc.cluster.local', 'ledger/ledger.ledger.svc.cluster.local'];
    const text = formatDiffMarkdown(diffOf([...beforeObjects(), sidecar(long)], [...beforeObjects(), sidecar([...long.slice(0, 3), 'default/kubernetes.default.svc.cluster.local'])], '2026-11-27'));
    expect(text).toContain('  - `spec.egress[0].hosts`: added `default/kubernetes.default.svc.cluster.local`; removed `ledger/ledger.ledger.svc.cluster.local`');
    const reordered = formatDiffMarkdown(diffOf([...beforeObjects(), sidecar(['a', 'b'])], [...beforeObjects(), sidecar(['b', 'a'])], '2026-11-27'));
    expect(reordered).toContain('  - `spec.egress[0].hosts`: reordered: `["b","a"]`');
  });

  describe('a changed rule of a NetworkPolicy or AuthorizationPolicy', () => {
    const api = (ingress: unknown[]) => networkPolicy('team', 'api-from-ingress', { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, ingress });
    const authz = (rules: unknown[]) => ({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'api', namespace: 'team' }, spec: { action: 'ALLOW', rules } });
    const fromOrders = { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'orders' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'checkout' } } }], ports: [{ port: 8080, protocol: 'TCP' }] };
    const others = () => beforeObjects().filter((o: any) => o.metadata.name !== 'api-from-ingress');
    const lineOf = (text: string, path: string) => text.split('\n').find(l => l.startsWith(`  - \`${path}\``));

    test('reads as the peers and ports it admits, not as cut JSON', () => {
      const before = [...others(), api([]), authz([])];
      const after = [...others(), api([fromOrders]),
        authz([{ from: [{ source: { principals: ['cluster.local/ns/orders/sa/checkout'] } }], to: [{ operation: { ports: ['8080'] } }] }])];
      const text = formatDiffMarkdown(diffOf(before, after, '2026-11-27'));
      expect(lineOf(text, 'spec.ingress[0]')).toBe('  - `spec.ingress[0]`: added `from pods app.kubernetes.io/name=checkout in namespace orders; ports TCP/8080`');
      expect(lineOf(text, 'spec.rules[0]')).toBe('  - `spec.rules[0]`: added `from principals cluster.local/ns/orders/sa/checkout; to ports 8080`');
      const removed = formatDiffMarkdown(diffOf(after, before, '2026-11-27'));
      expect(lineOf(removed, 'spec.ingress[0]')).toBe('  - `spec.ingress[0]`: removed (was `from pods app.kubernetes.io/name=checkout in namespace orders; ports TCP/8080`)');
    });

    test('shows a rule the API does not define as JSON, cut at 300 characters rather than 80', () => {
      const odd = { ...fromOrders, comment: 'x'.repeat(400) };
      const text = formatDiffMarkdown(diffOf([...others(), api([])], [...others(), api([odd])], '2026-11-27'));
      const line = lineOf(text, 'spec.ingress[0]')!;
      expect(line).toContain('added `{"from":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"orders"}},"podSelector":{"matchLabels":{"app.kubernetes.io/name":"checkout"}}}]');
      expect(line).toHaveLength('  - `spec.ingress[0]`: added ``'.length + 300);
      expect(line.endsWith('…`')).toBe(true);
    });

    test('stays bounded for a huge rule', () => {
      const peers = Array.from({ length: 5000 }, (_, i) => ({ podSelector: { matchLabels: { app: `a${i}` } } }));
      const text = formatDiffMarkdown(diffOf([...others(), api([])], [...others(), api([{ from: peers }])], '2026-11-27'));
      const line = lineOf(text, 'spec.ingress[0]')!;
      expect(line).toBe('  - `spec.ingress[0]`: added `from pods app=a0 or pods app=a1 or pods app=a2 or pods app=a3 or pods app=a4 or pods app=a5 or pods app=a6 or pods app=a7 or +4992 more; any port`');
    });

    test('a rule of another API\'s NetworkPolicy is shown as JSON, and of another kind cut at 80 characters', () => {
      const calico = (kind: string, rules: unknown[]) => ({ apiVersion: 'crd.projectcalico.org/v1', kind, metadata: { name: 'calico', namespace: 'team' }, spec: { ingress: rules } });
      const rule = { action: 'Allow', source: { namespaceSelector: `kubernetes.io/metadata.name == '${'o'.repeat(400)}'` } };
      const [before, after] = [[], [rule]].map(rules => [...beforeObjects(), calico('NetworkPolicy', rules), calico('GlobalNetworkPolicy', rules)]);
      const text = formatDiffMarkdown(diffOf(before, after, '2026-11-27'));
      const lines = text.split('\n').filter(l => l.startsWith('  - `spec.ingress[0]`'));
      expect(lines.map(l => l.length)).toEqual([80, 300].map(n => '  - `spec.ingress[0]`: added ``'.length + n));
      expect(lines.every(l => l.includes('added `{"action":"Allow","source":{"namespaceSelector":"kubernetes.io/metadata.name'))).toBe(true);
    });

    test('a selector added to a peer reads as the namespace or pods it names', () => {
      const rule = (peer: unknown) => ({ from: [peer], ports: [{ port: 8080 }] });
      const long = 'o'.repeat(60);
      const text = formatDiffMarkdown(diffOf([...others(), api([rule({ podSelector: { matchLabels: { app: 'checkout' } } })])],
        [...others(), api([rule({ podSelector: { matchLabels: { app: 'checkout' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': long } } })])], '2026-11-27'));
      expect(lineOf(text, 'spec.ingress[0].from[0].namespaceSelector')).toBe(`  - \`spec.ingress[0].from[0].namespaceSelector\`: added \`namespace ${long}\``);
    });
  });

  test('says when the posture tightens', () => {
    const text = formatDiffMarkdown(diffOf(afterObjects(), afterObjects().filter((o: any) => o.metadata.name !== 'jobs-egress'), '2026-11-27'));
    expect(text.split('\n')[0]).toBe('## 🟢 Security posture tightens');
    expect(text).toContain('### Removed flows\n\n| From | To | Ports | Allowed by |\n| --- | --- | --- | --- |\n| team/jobs | internet | TCP/443 | `NetworkPolicy/team/jobs-egress` |');
  });

  test('says when nothing changed', () => {
    expect(formatDiffMarkdown(diffOf(beforeObjects(), beforeObjects(), '2026-11-27'))).toBe(
      '## 🟢 No change to the security posture\n\nNo finding, allowed flow, RBAC right, suppression or object changed.\n');
  });

  describe('a flow to an address range', () => {
    /** The after platform with jobs allowed out to 198.51.100.0/24 on `ports` instead of the internet, its policy annotated with `reasons`. */
    const toRange = (reasons?: string, ports = [443]) => afterObjects().map((o: any) => (o.metadata?.name !== 'jobs-egress' ? o : {
      ...o,
      metadata: { ...o.metadata, ...(reasons === undefined ? {} : { annotations: { [EGRESS_REASONS_ANNOTATION]: reasons } }) },
      spec: { ...o.spec, egress: ports.map(port => ({ to: [{ ipBlock: { cidr: '198.51.100.0/24' } }], ports: [{ protocol: 'TCP', port }] })) },
    }));
    const flowRows = (text: string) => text.split('\n').filter(l => l.startsWith('| team/jobs |'));

    test('is listed by its address when its policy records nothing', () => {
      expect(flowRows(formatDiffMarkdown(diffOf(beforeObjects(), toRange())))).toEqual(['| team/jobs | 198.51.100.0/24 | TCP/443 | `NetworkPolicy/team/jobs-egress` |']);
    });

    test('names the host and the reason its policy records', () => {
      const diff = diffOf(beforeObjects(), toRange('198.51.100.0/24 TCP/443 (hooks.slack.com): Slack notifications, ticket OPS-12'));
      expect(flowRows(formatDiffMarkdown(diff))).toEqual([
        '| team/jobs | 198.51.100.0/24 (hooks.slack.com: Slack notifications, ticket OPS-12) | TCP/443 | `NetworkPolicy/team/jobs-egress` |',
      ]);
      // The JSON output carries them as a field of the flow.
      expect(JSON.parse(JSON.stringify(diff)).flows.added.find((f: any) => f.to.type === 'external').explained).toEqual([{ host: 'hooks.slack.com', reason: 'Slack notifications, ticket OPS-12' }]);
    });

    test('names two hosts on one range, and a reason without a host', () => {
      const text = formatDiffMarkdown(diffOf(beforeObjects(), toRange('198.51.100.0/24 TCP/443 (hooks.slack.com): notifications\n198.51.100.0/24 TCP/8443 (api.slack.com): the API\n198.51.100.0/24 TCP/9443: metrics', [443, 8443, 9443])));
      expect(flowRows(text)).toEqual([
        '| team/jobs | 198.51.100.0/24 (metrics; api.slack.com: the API; hooks.slack.com: notifications) | TCP/443, TCP/8443, TCP/9443 | `NetworkPolicy/team/jobs-egress` |',
      ]);
    });

    test('shows a hostile annotation as text on one row, cut, without adding a flow', () => {
      const hostile = `198.51.100.0/24 TCP/443 (<img|src=x>*[a]\`b\`): *bold* | cell <script>\`x\` ${'long '.repeat(60)}\n| team/evil | internet | any | forged |\n203.0.113.0/24 TCP/22 (ssh.example.com): not allowed`;
      const text = formatDiffMarkdown(diffOf(beforeObjects(), toRange(hostile)));
      const plain = formatDiffMarkdown(diffOf(beforeObjects(), toRange()));
      expect(text.split('\n').length).toBe(plain.split('\n').length);
      expect(text).not.toContain('forged');
      expect(text).not.toContain('ssh.example.com');
      const [row] = flowRows(text);
      expect(row.startsWith('| team/jobs | 198.51.100.0/24 (&lt;img\\|src=x>\\*\\[a\\]\\`b\\`: \\*bold\\* \\| cell &lt;script>\\`x\\` long long')).toBe(true);
      expect(row).toMatch(/ lon…\) \| TCP\/443 \| `NetworkPolicy\/team\/jobs-egress` \|$/);
    });

    test('a change of the recorded host or reason alone changes no flow', () => {
      const text = formatDiffMarkdown(diffOf(toRange('198.51.100.0/24 TCP/443 (a.example.com): before'), toRange('198.51.100.0/24 TCP/443 (b.example.com): after'), '2026-11-27'));
      expect(text.split('\n').filter(l => l.startsWith('#'))).toEqual(['## 🟢 No change to the security posture; objects changed', '### Objects']);
      expect(text).toContain('- changed `NetworkPolicy/team/jobs-egress`');
    });
  });
});
