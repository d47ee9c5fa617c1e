import { runCompliance } from '../../../src/compliance/engine';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { toEvidenceMarkdown } from '../../../src/compliance/reports/markdown';
import { CRITERIA } from '../../../src/compliance/types';
import { sampleReport } from './fixtures';

describe('toEvidenceMarkdown', () => {
  const md = toEvidenceMarkdown(sampleReport());
  const section = (heading: string) => md.slice(md.indexOf(heading), md.indexOf('\n### ', md.indexOf(heading) + 1));

  test('reads as the snapshot', () => {
    expect(md).toMatchSnapshot();
  });

  test('lists the access the bindings grant, one row per subject and rule, and the egress reasons', () => {
    const rbac = 'rbac.authorization.k8s.io';
    const objects = [
      { apiVersion: `${rbac}/v1`, kind: 'Role', metadata: { name: 'reader', namespace: 'team' }, rules: [{ apiGroups: [''], resources: ['configmaps', 'services'], verbs: ['get', 'list'] }] },
      { apiVersion: `${rbac}/v1`, kind: 'RoleBinding', metadata: { name: 'reader', namespace: 'team' }, roleRef: { apiGroup: rbac, kind: 'Role', name: 'reader' }, subjects: [{ kind: 'Group', apiGroup: rbac, name: 'oidc:devs' }] },
      {
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'api', namespace: 'team', annotations: { 'soc2.cdk8s.io/egress-reasons': '203.0.113.0/24 TCP/443: card *authorisations* (PAY-17)' } },
        spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 443 }] }] },
      },
    ];
    const text = toEvidenceMarkdown(runCompliance(ManifestIndex.fromObjects(objects), { controls: [], config: { today: '2026-11-27' } }));
    expect(text).toContain('| `Group:oidc:devs` | get, list | `configmaps`, `services` (core) | `team` | `RoleBinding/team/reader` |\n');
    expect(text).toContain('| `NetworkPolicy/team/api` | `203.0.113.0/24 TCP/443` |  | card \\*authorisations\\* (PAY-17) |\n');
    const unknown = { apiVersion: `${rbac}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'ops' }, roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: 'ops-tools' }, subjects: [{ kind: 'User', apiGroup: rbac, name: 'alice' }] };
    expect(toEvidenceMarkdown(runCompliance(ManifestIndex.fromObjects([unknown]), { controls: [], config: { today: '2026-11-27' } })))
      .toContain('| `User:alice` | _all_ | everything `ClusterRole/ops-tools` grants (not in the manifests) | _cluster-wide_ | `ClusterRoleBinding/ops` |\n');
  });

  describe('the egress table', () => {
    const egress = (reasons: string) => toEvidenceMarkdown(runCompliance(ManifestIndex.fromObjects([{
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'api', namespace: 'team', annotations: { 'soc2.cdk8s.io/egress-reasons': reasons } },
      spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }, { ipBlock: { cidr: '10.20.0.10/32' } }], ports: [{ port: 443 }] }] },
    }]), { controls: [], config: { today: '2026-11-27' } }));
    const rows = (text: string) => text.split('\n').filter(l => l.includes(' TCP/443` | '));

    test('names the host a destination\'s line records, in a column of its own, and leaves it empty for a line without one', () => {
      const text = egress('203.0.113.0/24 TCP/443 (api.stripe.com): card authorisations\n10.20.0.10/32 TCP/443: the Kubernetes API server, for the rights granted to the workload');
      expect(text).toContain('| NetworkPolicy | Destination | Host | Reason |\n| --- | --- | --- | --- |\n');
      expect(rows(text)).toEqual([
        '| `NetworkPolicy/team/api` | `10.20.0.10/32 TCP/443` |  | the Kubernetes API server, for the rights granted to the workload |',
        '| `NetworkPolicy/team/api` | `203.0.113.0/24 TCP/443` | `api.stripe.com` | card authorisations |',
      ]);
    });

    test('escapes a recorded host for a table cell, and lists every line recorded for one destination', () => {
      const text = egress('203.0.113.0/24 TCP/443 (a|b*.example.com): one\n203.0.113.0/24 TCP/443 (`x`.example.com): two\n203.0.113.0/24 TCP/443 (`x`.example.com): two');
      expect(rows(text)).toEqual([
        '| `NetworkPolicy/team/api` | `10.20.0.10/32 TCP/443` |  | _no reason recorded_ |',
        '| `NetworkPolicy/team/api` | `203.0.113.0/24 TCP/443` | a\\|b\\*.example.com | one |',
        '| `NetworkPolicy/team/api` | `203.0.113.0/24 TCP/443` | `` `x`.example.com `` | two |',
      ]);
    });
  });

  test('lists egress rules that name no destination as every destination, and leaves out policies that do not govern egress', () => {
    const np = (name: string, spec: unknown) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'team' }, spec });
    const text = toEvidenceMarkdown(runCompliance(ManifestIndex.fromObjects([
      np('open', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }, {}] }),
      np('ingress-only', { podSelector: {}, policyTypes: ['Ingress'], egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }] }),
    ]), { controls: [], config: { today: '2026-11-27' } }));
    expect(text).toContain('| `NetworkPolicy/team/open` | `every destination UDP/53` |  | _no reason recorded_ |\n');
    expect(text).toContain('| `NetworkPolicy/team/open` | `every destination any port` |  | _no reason recorded_ |\n');
    expect(text).not.toContain('`NetworkPolicy/team/ingress-only` | `203.0.113.0/24');
  });

  test('a RoleBinding grants the resource rules of its role in its namespace, not its URLs', () => {
    const rbac = 'rbac.authorization.k8s.io';
    const bind = (kind: string, namespace?: string) => ({
      apiVersion: `${rbac}/v1`, kind, metadata: { name: 'admins', ...(namespace ? { namespace } : {}) },
      roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'Group', apiGroup: rbac, name: 'oncall' }],
    });
    const evidence = (o: unknown) => toEvidenceMarkdown(runCompliance(ManifestIndex.fromObjects([o]), { controls: [], config: { today: '2026-11-27' } }));
    const namespaced = evidence(bind('RoleBinding', 'tools'));
    expect(namespaced).toContain('| `Group:oncall` | * | `*` (all API groups) | `tools` | `RoleBinding/tools/admins` |\n');
    expect(namespaced).not.toContain('URLs');
    expect(evidence(bind('ClusterRoleBinding'))).toContain('| `Group:oncall` | * | URLs `*` | _cluster-wide_ | `ClusterRoleBinding/admins` |\n');
  });

  test('lists access and egress in the same order whatever the input order', () => {
    const rbac = 'rbac.authorization.k8s.io';
    const egress = (name: string, reason: string) => ({
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'team', annotations: { 'soc2.cdk8s.io/egress-reasons': reason } },
      spec: { podSelector: {}, policyTypes: ['Egress'] },
    });
    const part = (name: string, resource: string) => ({ apiVersion: `${rbac}/v1`, kind: 'ClusterRole', metadata: { name, labels: { agg: 'x' } }, rules: [{ apiGroups: [''], resources: [resource], verbs: ['get'] }] });
    const objects = [
      egress('b', '198.51.100.0/24 TCP/443: partner B sync'), egress('a', '203.0.113.0/24 TCP/443: partner A sync'),
      part('ra', 'configmaps'), part('rb', 'services'),
      { apiVersion: `${rbac}/v1`, kind: 'ClusterRole', metadata: { name: 'agg' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: 'x' } }] }, rules: [] },
      { apiVersion: `${rbac}/v1`, kind: 'RoleBinding', metadata: { name: 'agg', namespace: 'team' }, roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: 'agg' }, subjects: [{ kind: 'Group', apiGroup: rbac, name: 'oidc:devs' }] },
    ];
    const evidence = (list: unknown[]) => toEvidenceMarkdown(runCompliance(ManifestIndex.fromObjects(list), { controls: [], config: { today: '2026-11-27' } }));
    const text = evidence(objects);
    expect(text.indexOf('NetworkPolicy/team/a')).toBeLessThan(text.indexOf('NetworkPolicy/team/b'));
    expect(text.indexOf('`configmaps` (core)')).toBeLessThan(text.indexOf('`services` (core)'));
    expect(evidence([...objects].reverse()).replace(/\n## Objects[\s\S]*$/, '')).toBe(text.replace(/\n## Objects[\s\S]*$/, ''));
  });

  test('names the tool version, and lists every exception in force with its reason, expiry and source', () => {
    expect(md).toMatch(/^Produced by cdk8s-soc2 \d+\.\d+\.\d+ from 4 objects\./m);
    expect(md).toContain('## Exceptions\n\nThe findings suppressed by an annotation on the object');
    expect(md).toContain('| `demo-non-root` | `Deployment/team/web` | vendor image needs root until SEC-142 lands | 2027-03-31 | manifests/app.yaml:30 (document 2) |');
    const clean = toEvidenceMarkdown(runCompliance(ManifestIndex.fromObjects([]), { config: { today: '2026-11-27' } }));
    expect(clean).toContain('## Exceptions\n\nNo finding is suppressed.\n');
  });

  test('every link to a control\'s evidence has its anchor, controls that apply to nothing included', () => {
    const empty = toEvidenceMarkdown(runCompliance(ManifestIndex.fromObjects([]), { config: { today: '2026-11-27' } }));
    for (const text of [md, empty]) {
      const anchors = new Set([...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map(m => m[1]));
      const links = [...text.matchAll(/\]\(#(control-[^)]+)\)/g)].map(m => m[1]);
      expect(links.length).toBeGreaterThan(0);
      expect(links.filter(l => !anchors.has(l))).toEqual([]);
    }
  });

  test('says which controls the configuration turns off, instead of calling every object not applicable', () => {
    const off = toEvidenceMarkdown(runCompliance(ManifestIndex.fromObjects([]), { config: { today: '2026-11-27', requireMesh: false } }));
    expect(off).toContain('_Not checked: no allowed registries are configured (allowedRegistries)._');
    expect(off.split('_Not checked: the mesh is not required (requireMesh: false)._').length - 1).toBe(6);
    const on = toEvidenceMarkdown(runCompliance(ManifestIndex.fromObjects([]), { config: { today: '2026-11-27', allowedRegistries: ['registry.example.com/'] } }));
    expect(on).not.toContain('Not checked');
  });

  test('names the subjects that may create objects that make pods, which amounts to any ServiceAccount and Secret of the namespace', () => {
    expect(md).not.toContain('These subjects may create or change objects that make pods');
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'deployer', namespace: 'team' }, rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'get'] }] };
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'deployer', namespace: 'team' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer' }, subjects: [{ kind: 'Group', name: 'oidc:team-devs', apiGroup: 'rbac.authorization.k8s.io' }],
    };
    const text = toEvidenceMarkdown(runCompliance(ManifestIndex.fromObjects([role, binding]), { config: { today: '2026-11-27' } }));
    expect(text).toContain('so they may run pods under any ServiceAccount of the namespace and mount its Secrets, whatever the rows above say of secrets:\n\n- `Group:oidc:team-devs`: namespace team\n');
  });

  test('reads pod-making rights from the RBAC model: built-in roles by their rules, unknown roles as anything, cluster-wide bindings as every namespace', () => {
    const rbac = 'rbac.authorization.k8s.io';
    const bind = (kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleKind: string, role: string, subject: Record<string, string>) => ({
      apiVersion: `${rbac}/v1`, kind, metadata: { name, ...(kind === 'RoleBinding' ? { namespace: 'team' } : {}) },
      roleRef: { apiGroup: rbac, kind: roleKind, name: role }, subjects: [subject],
    });
    const objects = [
      bind('RoleBinding', 'viewers', 'ClusterRole', 'view', { kind: 'Group', name: 'oidc:viewers' }),
      bind('RoleBinding', 'editors', 'ClusterRole', 'edit', { kind: 'Group', name: 'oidc:editors' }),
      bind('RoleBinding', 'vendor', 'ClusterRole', 'vendor-operator', { kind: 'ServiceAccount', name: 'operator' }),
      bind('ClusterRoleBinding', 'ci', 'ClusterRole', 'job-runner', { kind: 'User', name: 'ci-bot' }),
      bind('RoleBinding', 'nobody', 'ClusterRole', 'edit', { kind: 'Robot', name: 'r2' }),
      { apiVersion: `${rbac}/v1`, kind: 'ClusterRole', metadata: { name: 'job-runner' }, rules: [{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['patch'] }] },
      // Argo Rollouts make pods as Deployments do.
      { apiVersion: `${rbac}/v1`, kind: 'Role', metadata: { name: 'release', namespace: 'team' }, rules: [{ apiGroups: ['argoproj.io'], resources: ['rollouts'], verbs: ['create'] }] },
      bind('RoleBinding', 'release', 'Role', 'release', { kind: 'Group', name: 'oidc:release' }),
      // A Role that reads pods only: not a pod maker.
      { apiVersion: `${rbac}/v1`, kind: 'Role', metadata: { name: 'reader', namespace: 'team' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] },
      bind('RoleBinding', 'readers', 'Role', 'reader', { kind: 'Group', name: 'oidc:readers' }),
    ];
    const text = toEvidenceMarkdown(runCompliance(ManifestIndex.fromObjects(objects), { controls: [], config: { today: '2026-11-27' } }));
    const list = text.slice(text.indexOf('mount its Secrets, whatever the rows above say of secrets:'), text.indexOf('## Egress') >= 0 ? text.indexOf('## Egress') : text.indexOf('## Criteria'));
    expect(list).toContain('- `Group:oidc:editors`: namespace team\n');
    expect(list).toContain('- `ServiceAccount:team/operator`: namespace team\n');
    expect(list).toContain('- `User:ci-bot`: every namespace\n');
    expect(list).toContain('- `Group:oidc:release`: namespace team\n');
    expect(list).not.toContain('oidc:viewers');
    expect(list).not.toContain('oidc:readers');
    expect(list).not.toContain('r2');
  });

  test('records the resolved configuration but not the date of the run', () => {
    expect(md).toContain('| `minReplicas` | `2` |');
    expect(md).toContain('| `ingressControllerNamespaces` | `ingress-nginx` |');
    expect(md).not.toContain('today');
    expect(md).not.toContain('2026-11-27');
    expect(toEvidenceMarkdown(sampleReport('2027-01-15'))).toBe(md);
  });

  test('records the date the settings gave, against which expiry dates were judged', () => {
    const set = toEvidenceMarkdown(sampleReport('2000-01-01', true));
    expect(set).toContain('| `today` | `2000-01-01` |');
    expect(set).not.toContain('todayFromSettings');
  });

  test('summarises the run', () => {
    for (const row of ['| Evaluations | 7 |', '| Passed | 3 |', '| Failed | 3 |', '| Suppressed | 1 |', '| Findings, critical | 1 |', '| Rejected documents | 1 |']) {
      expect(md).toContain(row);
    }
  });

  test('has one section per SOC 2 criterion, sorted', () => {
    const headings = md.split('\n').filter(l => l.startsWith('### ')).map(l => l.slice(4).split(' — ')[0]);
    expect(headings).toEqual(Object.keys(CRITERIA).sort());
    expect(section('### C1.1')).toContain('_No control of this run maps to C1.1._');
  });

  test('lists each control of a criterion with severity, condition and references', () => {
    const cc61 = section('### CC6.1');
    expect(cc61).toContain('#### `demo-non-root` — Containers run as a non-root user');
    expect(cc61).toContain('- Severity: high\n- Condition: Every container has runAsNonRoot: true.\n- SOC 2 criteria: CC6.1, CC6.8\n'
      + '- References: Pod Security Standards restricted: Running as Non-root; CIS 5.2.6; Kubescape C-0013\n'
      + '- Result: 1 passed, 1 failed, 1 suppressed, 1 not applicable');
  });

  test('tables every failure and suppression (reason and expiry), and lists the plain passes by namespace', () => {
    const cc61 = section('### CC6.1');
    expect(cc61).toContain('| `Deployment/team/api` | manifests/app.yaml:1 (document 1) | failed | container "app": runAsNonRoot is not true (at `spec.template.spec.containers[0].securityContext.runAsNonRoot`) |');
    expect(cc61).toContain('| `Deployment/team/web` | manifests/app.yaml:30 (document 2) | suppressed | vendor image needs root until SEC-142 lands (until 2027-03-31) — suppressed: container "app": runAsNonRoot is not true');
    expect(cc61).toContain('Passed with nothing to remark (1):\n\n- Deployment in `team` (1): `worker`\n');
    expect(cc61).not.toContain('| `Deployment/team/worker`');
    expect(cc61).not.toContain('ConfigMap/team/settings');
  });

  test('closes with the source of every object, once', () => {
    const objects = md.slice(md.indexOf('## Objects'));
    expect(objects).toContain('| `Deployment/team/worker` | manifests/app.yaml:61 (document 3) |');
    expect(objects).toContain('| `ConfigMap/team/settings` |');
    expect(objects.split('\n').filter(l => l.startsWith('| `'))).toHaveLength(4);
  });

  test('shows a control mapped to several criteria once, and links to it from the others', () => {
    expect(md.match(/<a id="control-demo-non-root"><\/a>/g)).toHaveLength(1);
    expect(section('### CC6.8')).toContain('Evidence: see [`demo-non-root` under CC6.1](#control-demo-non-root).');
  });

  test('lists rejected documents', () => {
    expect(md).toContain('| manifests/notes.yaml:1 (document 1) | expected a mapping with apiVersion, kind and metadata, got string |');
  });

  test('escapes table cells', () => {
    const report = sampleReport();
    const outcomes = report.outcomes.map(o => ({
      ...o,
      remarked: o.remarked.map(e => (e.status === 'failed' && e.control.id === 'demo-replicas' ? { ...e, message: 'a | b\nc <script>' } : e)),
    }));
    expect(toEvidenceMarkdown({ ...report, outcomes })).toContain('| failed | a \\| b<br>c &lt;script> (at `spec.replicas`) |');
  });
});
