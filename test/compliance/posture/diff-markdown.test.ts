import { EGRESS_REASONS_ANNOTATION } from '../../../src/compliance/network/model';
import { formatDiffMarkdown } from '../../../src/compliance/posture/diff-markdown';
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
    expect(summary).toBe('2 new findings, 1 new allowed flow, 1 changed flow, 2 new RBAC rights, 1 changed suppression, 1 expired suppression, '
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
      '  - `spec.ingress[0].ports[1]`: added `{"port":8443}`',
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
