/**
 * Probe 2 (e): workloads that call the Kubernetes API with narrow grants (a feature-flag service
 * with leader election, a scaler of one Deployment, an access reviewer that reads two Roles), and
 * two legitimate exceptions taken the documented way under a one-year review limit: an upstream
 * image outside the allowed registry, and the Role that lets cert-manager mint tokens for a
 * namespaced Route 53 DNS-01 Issuer (README, "DNS-01 credentials of a namespaced Issuer").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, Chart } from 'cdk8s';
import {
  CertManagedIngress, Compliance, ComplianceFailedError, CompliantWorkload, DataClassification, Dns01Provider, HealthCheck, Issuer, Rule, SensitiveNamespace,
} from '../../index';
import { checkWithCli, one, probeApp, synthProbe, verdict } from './helpers';
import { changedLines, expectRefused, Mistake, synthYaml } from './mistake-helpers';

const API_SERVER = { cidr: '10.20.0.0/24', port: 443 };
const EXCEPTIONS = [
  ['image-registry-allowed', 'Deployment/flags/cache', 'upstream redis until the registry mirror lands (SEC-142)', '2027-03-31'],
  ['rbac-no-privilege-paths', 'Role/flags/cert-manager-route53-token', 'cert-manager mints tokens for its Route 53 role only (PKI-7)', '2027-06-30'],
] as const;

/** The ServiceAccount, Role and RoleBinding the README asks for beside a namespaced Route 53 Issuer. */
function route53TokenAccess(chart: Chart): ApiObject {
  new ApiObject(chart, 'dns01-sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'cert-manager-route53', namespace: 'flags' }, automountServiceAccountToken: false } as any);
  const role = new ApiObject(chart, 'dns01-token-role', {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'cert-manager-route53-token', namespace: 'flags' },
    rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: ['cert-manager-route53'], verbs: ['create'] }],
  } as any);
  new ApiObject(chart, 'dns01-token-binding', {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'cert-manager-route53-token', namespace: 'flags' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cert-manager-route53-token' },
    subjects: [{ kind: 'ServiceAccount', name: 'cert-manager', namespace: 'cert-manager' }],
  } as any);
  return role;
}

/** The app, not yet synthesized. */
function platformApi() {
  const app = probeApp({ allowedRegistries: ['registry.example.com/'], maxSuppressionDays: 365 });
  const chart = new Chart(app, 'ops');
  const ns = new SensitiveNamespace(chart, 'flags', {
    dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-platform', apiServer: API_SERVER,
    access: { editors: ['oidc:platform-devs'], viewers: ['oidc:auditors'] },
  });
  const flags = new CompliantWorkload(chart, 'flag-service', {
    namespace: ns, image: 'registry.example.com/platform/flags:3.1.0', port: 8080, configFiles: { 'flags.yaml': { configMap: 'flags', key: 'flags.yaml' } },
  });
  flags.grant(Rule.read('configmaps', ['flags']), Rule.write('leases', ['flag-service-leader']), Rule.create('events'));
  const scaler = new CompliantWorkload(chart, 'scaler', { namespace: ns, image: 'registry.example.com/platform/scaler:0.4.0', port: 8080 });
  scaler.grant(Rule.write('deployments/scale', ['flag-service']), Rule.read('deployments', ['flag-service']));
  const reviewer = new CompliantWorkload(chart, 'access-reviewer', { namespace: ns, image: 'registry.example.com/platform/access-reviewer:1.0.0', port: 8080 });
  reviewer.grant(Rule.read('roles', ['flag-service', 'scaler']), Rule.read('rolebindings', ['flag-service', 'scaler']));
  const cache = new CompliantWorkload(chart, 'cache', {
    namespace: ns, image: 'docker.io/library/redis:7.4.1', port: 6379, protocol: 'tcp', readiness: HealthCheck.command(['redis-cli', 'ping']),
  });
  Compliance.suppress(cache, EXCEPTIONS[0][0], EXCEPTIONS[0][2], { expires: EXCEPTIONS[0][3] });
  cache.allowFrom(flags);
  const role = route53TokenAccess(chart);
  Compliance.suppress(role, EXCEPTIONS[1][0], EXCEPTIONS[1][2], { expires: EXCEPTIONS[1][3] });
  new CertManagedIngress(chart, 'flags-ui', {
    host: 'flags.example.com', backend: flags,
    issuer: Issuer.acmeDns01({
      email: 'pki@example.com',
      provider: Dns01Provider.route53({ region: 'eu-west-1', serviceAccountName: 'cert-manager-route53', role: 'arn:aws:iam::123456789012:role/cert-manager-dns' }),
    }),
  });
  return { app, chart, ns, flags, scaler, reviewer, cache, role };
}
type PlatformApi = ReturnType<typeof platformApi>;

describe('probe 2 (e): narrow API grants, and two documented exceptions under a review limit', () => {
  const built = platformApi();
  const out = synthProbe(built.app);
  const objects = out.objects;

  test('an independent judge finds nothing but what the exceptions accept: engine, schemas, quota admission, every scanner mirror', () => {
    // The README's Route 53 recipe: Kubescape C-0282 reports the token Role's binding whatever its resourceNames.
    expect(verdict(out, ['kubescape/C-0282 RoleBinding/flags/cert-manager-route53-token'])).toEqual([]);
  });

  test('the report holds the two exceptions as suppressions with their reasons and expiries, and no other', () => {
    const suppressed = out.report.evaluations.filter(e => e.status === 'suppressed').map(e => [e.control.id, e.object.ref, e.suppression?.reason, e.suppression?.expires]);
    expect(suppressed.sort()).toEqual(EXCEPTIONS.map(x => [...x]).sort());
    expect(one(objects, 'Role', 'cert-manager-route53-token', 'flags').metadata.annotations)
      .toEqual({ 'soc2.cdk8s.io/suppress.rbac-no-privilege-paths': `until ${EXCEPTIONS[1][3]}: ${EXCEPTIONS[1][2]}` });
  });

  test('each grant is a Role of named objects and explicit verbs, bound to the workload\'s own ServiceAccount', () => {
    const rules = (name: string) => one(objects, 'Role', name, 'flags').rules.map((r: any) => `${r.apiGroups[0]}/${r.resources[0]}${r.resourceNames ? `[${r.resourceNames}]` : ''}: ${r.verbs}`);
    expect(rules('flag-service')).toEqual(['coordination.k8s.io/leases[flag-service-leader]: get,patch,update', '/configmaps[flags]: get,list,watch', '/events: create']);
    expect(rules('scaler')).toEqual(['apps/deployments/scale[flag-service]: get,patch,update', 'apps/deployments[flag-service]: get,list,watch']);
    expect(rules('access-reviewer')).toEqual(['rbac.authorization.k8s.io/rolebindings[flag-service,scaler]: get,list,watch', 'rbac.authorization.k8s.io/roles[flag-service,scaler]: get,list,watch']);
    for (const name of ['flag-service', 'scaler', 'access-reviewer']) {
      expect(one(objects, 'RoleBinding', name, 'flags').subjects).toEqual([{ kind: 'ServiceAccount', name, namespace: 'flags' }]);
    }
    expect(objects.filter(o => o.kind === 'Role' && o.metadata.name === 'cache')).toEqual([]);
  });

  test('only the granted workloads mount a short-lived API token and reach the API server, with the reason recorded', () => {
    for (const name of ['flag-service', 'scaler', 'access-reviewer', 'cache']) {
      const granted = name !== 'cache';
      const pod = one(objects, 'Deployment', name, 'flags').spec.template.spec;
      expect(pod.automountServiceAccountToken).toBe(false);
      const token = pod.volumes.find((v: any) => v.name === 'kube-api-access');
      expect(token?.projected.sources[0]).toEqual(granted ? { serviceAccountToken: { expirationSeconds: 3600, path: 'token' } } : undefined);
      const np = one(objects, 'NetworkPolicy', name, 'flags');
      const toApi = np.spec.egress.filter((r: any) => r.to[0].ipBlock?.cidr === API_SERVER.cidr);
      expect(toApi).toEqual(granted ? [{ to: [{ ipBlock: { cidr: API_SERVER.cidr } }], ports: [{ port: 443, protocol: 'TCP' }] }] : []);
      expect(np.metadata.annotations?.['soc2.cdk8s.io/egress-reasons']).toBe(granted ? `${API_SERVER.cidr} TCP/443: the Kubernetes API server, for the rights granted to the workload` : undefined);
    }
    expect(one(objects, 'Sidecar', 'default', 'flags').spec.egress[0].hosts).toContain('default/kubernetes.default.svc.cluster.local');
  });

  test('the namespaced Issuer uses its own ServiceAccount for Route 53, never cert-manager\'s ambient credentials', () => {
    expect(one(objects, 'Issuer', 'acme-dns01', 'flags').spec.acme.solvers).toEqual([{ dns01: { route53: {
      region: 'eu-west-1', role: 'arn:aws:iam::123456789012:role/cert-manager-dns', auth: { kubernetes: { serviceAccountRef: { name: 'cert-manager-route53' } } },
    } } }]);
  });

  test('evidence.md lists both exceptions with reason and expiry, and the rights every binding grants', () => {
    const evidence = readFileSync(join(out.outdir, 'compliance', 'evidence.md'), 'utf8');
    const exceptions = evidence.split('## Exceptions')[1].split('\n## ')[0];
    for (const [control, object, reason, expires] of EXCEPTIONS) expect(exceptions).toContain(`| \`${control}\` | \`${object}\` | ${reason} | ${expires} |`);
    const access = evidence.split('## Access granted')[1].split('\n## ')[0];
    expect(access).toContain('| `ServiceAccount:flags/scaler` | get, patch, update | `deployments/scale` (apps) named `flag-service` | `flags` | `RoleBinding/flags/scaler` |');
    expect(access).toContain('| `ServiceAccount:cert-manager/cert-manager` | create | `serviceaccounts/token` (core) named `cert-manager-route53` | `flags` | `RoleBinding/flags/cert-manager-route53-token` |');
    expect(access).toContain('| `ServiceAccount:flags/access-reviewer` | get, list, watch | `roles` (rbac.authorization.k8s.io) named `flag-service`, `scaler` | `flags` | `RoleBinding/flags/access-reviewer` |');
  });

  test('the CLI, with the app\'s settings, reports the two exceptions as suppressed with their reasons', async () => {
    const run = await checkWithCli(out);
    expect([run.code, run.stderr]).toEqual([0, '']);
    for (const [control, object, reason, expires] of EXCEPTIONS) expect(run.stdout).toContain(`${object} ${control}: ${reason} (until ${expires})`);
    expect(run.stdout).toMatch(/^0 findings .*; \d+ passed, 2 suppressed$/m);
  });
});

const MISTAKES: Mistake<PlatformApi>[] = [
  ['a wildcard object name', p => p.flags.grant(Rule.read('configmaps', ['*'])),
    { code: 'INVALID_RULE', path: 'ops/flag-service', prop: 'grant(rules[0]).resourceNames', value: '["*"]', problem: /holds a wildcard/, fix: /Rule\.read\("configmaps", \["app-config"\]\)/ }],
  ['no object names for a read', p => p.flags.grant(Rule.read('configmaps', [])),
    { code: 'INVALID_RULE', path: 'ops/flag-service', prop: 'grant(rules[0]).resourceNames', value: '[]', problem: /is empty: .* must name each object it reaches/, fix: /add resourceNames/ }],
  ['all verbs by hand', p => p.flags.grant({ apiGroup: '', resource: 'configmaps', verbs: ['*'], resourceNames: ['flags'] }),
    { code: 'INVALID_RULE', path: 'ops/flag-service', prop: 'grant(rules[0]).verbs', value: '["*"]', problem: /not a verb a workload may be granted/, fix: /Rule\.read, Rule\.write or Rule\.create/ }],
  ['one verb as a string', p => p.flags.grant({ apiGroup: '', resource: 'configmaps', verbs: 'get' as any, resourceNames: ['flags'] }),
    { code: 'INVALID_RULE', path: 'ops/flag-service', prop: 'grant(rules[0]).verbs', value: '"get"', problem: /must be a list of verbs/, fix: /\["get"\]/ }],
  ['a resource name in the singular', p => p.flags.grant(Rule.read('configmap', ['flags'])),
    { code: 'INVALID_RULE', path: 'ops/flag-service', prop: 'grant(rules[0]).apiGroup', value: '""', problem: /no resource "configmap"/, fix: /did you mean "configmaps"\?/ }],
  ['deployments put in the core group by hand', p => p.scaler.grant(Rule.read('deployments', ['flag-service'], { apiGroup: '' })),
    { code: 'INVALID_RULE', path: 'ops/scaler', prop: 'grant(rules[0]).apiGroup', value: '""', problem: /no resource "deployments"/, fix: /belongs to API group "apps": omit apiGroup/ }],
  ['changing a Deployment instead of scaling it', p => p.scaler.grant(Rule.write('deployments', ['flag-service'])),
    { code: 'INVALID_RULE', path: 'ops/scaler', prop: 'grant(rules[0])', value: '"deployments"', problem: /runs containers of the caller's choosing/, fix: /remove the rule/ }],
  ['creating pods', p => p.scaler.grant(Rule.create('pods')),
    { code: 'INVALID_RULE', path: 'ops/scaler', prop: 'grant(rules[0])', value: '"pods"', problem: /runs containers of the caller's choosing/, fix: /remove the rule/ }],
  ['changing its own Role', p => p.reviewer.grant(Rule.write('roles', ['access-reviewer'])),
    { code: 'INVALID_RULE', path: 'ops/access-reviewer', prop: 'grant(rules[0])', value: '"roles"', problem: /changing RBAC lets the workload grant itself more rights/, fix: /remove the rule/ }],
  ['minting tokens', p => p.flags.grant(Rule.create('serviceaccounts/token')),
    { code: 'INVALID_RULE', path: 'ops/flag-service', prop: 'grant(rules[0])', value: '"serviceaccounts/token"', problem: /impersonate other identities/, fix: /remove the rule/ }],
  ['nodes, cluster-scoped', p => p.flags.grant(Rule.read('nodes', ['node-1'])),
    { code: 'INVALID_RULE', path: 'ops/flag-service', prop: 'grant(rules[0])', value: '"nodes"', problem: /cluster infrastructure/, fix: /remove the rule/ }],
  ['a grant of nothing', p => p.flags.grant(),
    { code: 'INVALID_RULE', path: 'ops/flag-service', prop: 'grant(rules)', value: '[]', problem: /grants nothing/, fix: /Rule\.read\("configmaps", \["app-config"\]\)/ }],
  ['a resource name for a rule', p => p.flags.grant('configmaps' as any),
    { code: 'INVALID_RULE', path: 'ops/flag-service', prop: 'grant(rules[0])', value: '"configmaps"', problem: /must name one resource and API group/, fix: /Rule\.read\(resource, names\)/ }],
  ['an exception without an expiry under the review limit', p => Compliance.suppress(p.flags, 'pod-read-only-root-fs', 'vendor writes its cache (VEND-3)'),
    { code: 'INVALID_SUPPRESSION', path: 'ops/flag-service', prop: 'options.expires', value: 'undefined', problem: /maxSuppressionDays setting \(365\)/, fix: /on or before 2027-11-28/ }],
  ['an exception beyond the review limit', p => Compliance.suppress(p.flags, 'pod-read-only-root-fs', 'vendor writes its cache (VEND-3)', { expires: '2029-01-01' }),
    { code: 'INVALID_SUPPRESSION', path: 'ops/flag-service', prop: 'options.expires', value: '"2029-01-01"', problem: /more than 365 days after 2026-11-28/, fix: /on or before 2027-11-28/ }],
  ['an expiry in day/month/year', p => Compliance.suppress(p.flags, 'pod-read-only-root-fs', 'vendor writes its cache (VEND-3)', { expires: '31/03/2027' }),
    { code: 'INVALID_SUPPRESSION', path: 'ops/flag-service', prop: 'options.expires', value: '"31/03/2027"', problem: /YYYY-MM-DD/, fix: /"2027-03-31"/ }],
  ['a placeholder reason', p => Compliance.suppress(p.flags, 'pod-read-only-root-fs', 'n/a', { expires: '2027-01-31' }),
    { code: 'INVALID_SUPPRESSION', path: 'ops/flag-service', prop: 'reason', value: '"n/a"', problem: /placeholder/, fix: /write why/ }],
  ['the kind of an object the workload does not have', p => Compliance.suppress(p.cache, 'rbac-no-privilege-paths', 'cert-manager mints tokens (PKI-7)', { kind: 'Role', expires: '2027-01-31' }),
    { code: 'INVALID_SUPPRESSION', path: 'ops/cache', prop: 'options.kind', value: '"Role"', problem: /kind of no object under ops\/cache/, fix: /pass one of those kinds/ }],
  ['the same exception twice', p => Compliance.suppress(p.cache, 'image-registry-allowed', 'another reason for the same image (SEC-143)', { expires: '2027-01-31' }),
    { code: 'INVALID_SUPPRESSION', path: 'ops/cache', prop: 'controlId', value: '"image-registry-allowed"', problem: /already suppressed/, fix: /keep one suppression per control/ }],
  ['a misremembered control id', p => Compliance.suppress(p.ns, 'namespace-quota', 'quota handled by the platform team (PLAT-9)', { expires: '2027-01-31' }),
    { code: 'INVALID_SUPPRESSION', path: 'ops/flags', prop: 'controlId', value: '"namespace-quota"', problem: /not a control of the catalogue/, fix: /did you mean "namespace-resource-quota"\?/ }],
  ['a control that cannot be suppressed', p => Compliance.suppress(p.role, 'rbac-no-cluster-admin-binding', 'the platform needs it (PLAT-1)', { expires: '2027-01-31' }),
    { code: 'INVALID_SUPPRESSION', path: 'ops/dns01-token-role', prop: 'controlId', value: '"rbac-no-cluster-admin-binding"', problem: /cannot be suppressed/, fix: /change the configuration/ }],
  ['an API server range open to everything', p => new SensitiveNamespace(p.chart, 'jobs', { dataClassification: DataClassification.INTERNAL, owner: 'team-platform', apiServer: { cidr: '0.0.0.0/0' } }),
    { code: 'INVALID_PROP', path: 'ops/jobs', prop: 'apiServer.cidr', value: '"0.0.0.0/0"', problem: /far wider than the API server endpoints/, fix: /kubectl get endpoints kubernetes -n default/ }],
  ['a user as editor', p => new SensitiveNamespace(p.chart, 'jobs', { dataClassification: DataClassification.INTERNAL, owner: 'team-platform', access: { editors: ['user:alice@example.com'] } }),
    { code: 'INVALID_PROP', path: 'ops/jobs', prop: 'access.editors[0]', value: '"user:alice@example.com"', problem: /names a user or service account/, fix: /OIDC group/ }],
  ['access.editor for editors', p => new SensitiveNamespace(p.chart, 'jobs', { dataClassification: DataClassification.INTERNAL, owner: 'team-platform', access: { editor: ['oidc:a'] } as any }),
    { code: 'INVALID_PROP', path: 'ops/jobs', prop: 'access.editor', value: '["oidc:a"]', problem: /not a setting of this prop/, fix: /did you mean "editors"\?/ }],
];

describe('probe 2 (e): grant and exception mistakes, each refused with the path, the prop, the value and the fix', () => {
  test.each(MISTAKES)('%s', (_, make, expected) => expectRefused(platformApi, make, expected));

  test('an exception for a finding the object does not have fails the synth, naming the object, the path and the fix', () => {
    const p = platformApi();
    Compliance.suppress(p.flags, 'image-registry-allowed', 'upstream image until the mirror lands (SEC-142)', { expires: '2027-01-31' });
    expect(() => p.app.synth()).toThrow(ComplianceFailedError);
    expect(() => p.app.synth()).toThrow(/\[low\] suppression-needed on Deployment\/flags\/flag-service \(ops\/flag-service\/Resource\): suppresses image-registry-allowed, which has nothing to report on this object\. Fix: Remove the suppression/);
  });

  test('a rule granted twice, and a group listed twice, change nothing', () => {
    const before = synthYaml(platformApi().app);
    const p = platformApi();
    p.flags.grant(Rule.read('configmaps', ['flags']));
    new SensitiveNamespace(p.chart, 'jobs', { dataClassification: DataClassification.INTERNAL, owner: 'team-platform', access: { editors: ['oidc:jobs', 'oidc:jobs'] } });
    const q = platformApi();
    new SensitiveNamespace(q.chart, 'jobs', { dataClassification: DataClassification.INTERNAL, owner: 'team-platform', access: { editors: ['oidc:jobs'] } });
    const twice = synthYaml(p.app);
    expect(twice).toBe(synthYaml(q.app));
    expect(changedLines(before, twice).filter(l => l.startsWith('- '))).toEqual([]);
  });
});
