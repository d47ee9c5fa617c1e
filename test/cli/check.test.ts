import { readFileSync } from 'node:fs';
import { configMapYaml, privilegedPodYaml, runners, Workspace } from './helpers';

/**
 * A cluster export (`kubectl get deploy,pods -o json`): a Deployment and a Pod of it into which
 * Istio injected its proxy, running `proxyImage`.
 */
function mirroredProxyExport(proxyImage: string): string {
  const app = { name: 'app', image: 'registry.example.com/team/app@sha256:' + 'a'.repeat(64) };
  const labels = { 'app': 'web', 'pod-template-hash': '5d9c8f7b6' };
  return JSON.stringify({
    apiVersion: 'v1', kind: 'List', items: [
      {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'team' },
        spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [app] } } },
      },
      {
        apiVersion: 'v1', kind: 'Pod',
        metadata: {
          name: 'web-5d9c8f7b6-x1', namespace: 'team', labels,
          annotations: { 'sidecar.istio.io/status': JSON.stringify({ containers: ['istio-proxy'] }) },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d9c8f7b6', uid: 'u', controller: true }],
        },
        spec: { containers: [app, { name: 'istio-proxy', image: proxyImage, securityContext: { allowPrivilegeEscalation: false } }] },
      },
    ],
  });
}

let ws: Workspace;
beforeEach(() => { ws = new Workspace(); });
afterEach(() => ws.cleanup());

describe.each(runners())('cdk8s-soc2 check (%s)', (_runner, run) => {
  test('exits 0 on manifests without findings', async () => {
    ws.write('cm.yaml', configMapYaml('settings'));
    const r = await run(['check', 'cm.yaml'], { cwd: ws.dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('exits 1 on findings and names the failed control', async () => {
    ws.write('pod.json', privilegedPodYaml('shell'));
    const r = await run(['check', 'pod.json'], { cwd: ws.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('pod-no-privileged');
    expect(r.stdout).toContain('shell');
  });

  test('checks a synth output directory, skipping the non-manifest files beside the YAML with a note', async () => {
    ws.write('dist/app.k8s.yaml', configMapYaml('settings'));
    ws.write('dist/construct-metadata.json', JSON.stringify({ version: '1.0.0', resources: {} }));
    const r = await run(['check', 'dist'], { cwd: ws.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('note: skipped 1 file without Kubernetes objects: dist/construct-metadata.json\n');
  });

  test('reads stdin for -', async () => {
    const r = await run(['check', '-'], { stdin: privilegedPodYaml('from-stdin') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('from-stdin');
  });

  test('records the documents it could not read in the reports, with their file and document', async () => {
    ws.write('m/a.yaml', configMapYaml('settings'));
    ws.write('m/b.yaml', `${configMapYaml('other')}---\nhello\n---\nkey: [unclosed\n`);
    const r = await run(['check', 'm', '--format', 'json'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.summary.rejectedDocuments).toBe(2);
    expect(json.rejected.map((x: any) => [x.source.file, x.source.document])).toEqual([['m/b.yaml', 2], ['m/b.yaml', 3]]);
    const sarif = JSON.parse((await run(['check', 'm', '--format', 'sarif'], { cwd: ws.dir })).stdout);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toHaveLength(2);
  });

  test('--format json prints one JSON document', async () => {
    ws.write('pod.json', privilegedPodYaml());
    const r = await run(['check', 'pod.json', '--format', 'json'], { cwd: ws.dir });
    expect(r.code).toBe(1);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stdout).toContain('"pod-no-privileged"');
  });

  test('--format sarif prints SARIF 2.1.0 with a result per finding', async () => {
    ws.write('pod.json', privilegedPodYaml());
    const r = await run(['check', 'pod.json', '--format', 'sarif'], { cwd: ws.dir });
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((x: any) => x.ruleId)).toContain('pod-no-privileged');
  });

  test('--format markdown prints the evidence', async () => {
    ws.write('pod.json', privilegedPodYaml());
    const r = await run(['check', 'pod.json', '--format', 'markdown'], { cwd: ws.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^#/m);
    expect(r.stdout).toContain('pod-no-privileged');
  });

  test('--output writes the report to a file (directories created) and a summary to stderr', async () => {
    ws.write('pod.json', privilegedPodYaml());
    const r = await run(['check', 'pod.json', '--format', 'sarif', '--output', 'out/soc2.sarif'], { cwd: ws.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\d+ findings? \(1 object checked\); report written to out\/soc2\.sarif\n$/);
    expect(JSON.parse(readFileSync(ws.path('out/soc2.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  test('--control runs only the named controls (repeatable and comma-separated)', async () => {
    ws.write('pod.json', privilegedPodYaml());
    const r = await run(['check', 'pod.json', '--format', 'sarif', '--control', 'pod-no-privileged,pod-run-as-non-root', '--control', 'image-pinned'], { cwd: ws.dir });
    expect(r.code).toBe(1);
    const ruleIds = new Set<string>(JSON.parse(r.stdout).runs[0].results.map((x: any) => x.ruleId));
    expect([...ruleIds]).toEqual(['pod-no-privileged']);
  });

  test('--skip drops a control: the privileged pod passes once pod-no-privileged is skipped', async () => {
    ws.write('pod.json', privilegedPodYaml());
    const r = await run(['check', 'pod.json', '--control', 'pod-no-privileged,pod-no-host-path', '--skip', 'pod-no-privileged'], { cwd: ws.dir });
    expect(r.code).toBe(0);
    expect((await run(['check', 'pod.json', '--control', 'pod-no-privileged,pod-no-host-path'], { cwd: ws.dir })).code).toBe(1);
  });

  test('--severity is a floor: a medium-only finding passes at high', async () => {
    ws.write('deploy.yaml', readFileSync('test/fixtures/bad/no-limits.yaml', 'utf8'));
    const all = await run(['check', 'deploy.yaml', '--control', 'container-resource-limits'], { cwd: ws.dir });
    expect(all.code).toBe(1);
    const high = await run(['check', 'deploy.yaml', '--control', 'container-resource-limits,pod-no-privileged', '--severity', 'high'], { cwd: ws.dir });
    expect(high.code).toBe(0);
  });

  test('an unknown control id exits 2 with a suggestion', async () => {
    ws.write('cm.yaml', configMapYaml('a'));
    const r = await run(['check', 'cm.yaml', '--control', 'pod-no-privilegd'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdk8s-soc2: unknown control "pod-no-privilegd" in --control; did you mean "pod-no-privileged"?\n'
      + 'Run "cdk8s-soc2 controls" to list the control ids.\n');
  });

  test('another scanner\'s check id in --skip names the control that covers it', async () => {
    const r = await run(['check', '-', '--skip', 'service-type'], { stdin: configMapYaml('a') });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: unknown control "service-type" in --skip; did you mean "service-no-external-exposure"? '
      + '(the control that covers kube-score service-type)');
  });

  test('an unknown --skip id exits 2 too', async () => {
    const r = await run(['check', '-', '--skip', 'no-such-control-at-all'], { stdin: configMapYaml('a') });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: unknown control "no-such-control-at-all" in --skip');
  });

  test('--config applies organisation settings', async () => {
    ws.write('deploy.yaml', readFileSync('test/fixtures/bad/latest-tag.yaml', 'utf8'));
    ws.write('soc2.yaml', 'allowedRegistries: [registry.example.com/]\n');
    ws.write('other.json', JSON.stringify({ allowedRegistries: ['ghcr.io/acme/'] }));
    const allowed = await run(['check', 'deploy.yaml', '--control', 'image-registry-allowed', '--config', 'soc2.yaml'], { cwd: ws.dir });
    expect(allowed.code).toBe(0);
    const refused = await run(['check', 'deploy.yaml', '--control', 'image-registry-allowed', '--config', 'other.json'], { cwd: ws.dir });
    expect(refused.code).toBe(1);
  });

  test('--config maxSuppressionDays fails a suppression without an expiry, which passes without it; a wrong value exits 2', async () => {
    ws.write('cm.yaml', configMapYaml('a').replace('  namespace: team\n',
      '  namespace: team\n  annotations:\n    soc2.cdk8s.io/suppress.pod-read-only-root-fs: "vendor image writes /var/cache; SEC-142"\n'));
    ws.write('soc2.yaml', 'maxSuppressionDays: 365\ntoday: 2026-11-27\n');
    ws.write('bad.yaml', 'maxSuppressionDays: 1y\n');
    const args = ['check', 'cm.yaml', '--control', 'suppression-reasoned'];
    expect((await run(args, { cwd: ws.dir })).code).toBe(0);
    const limited = await run([...args, '--config', 'soc2.yaml'], { cwd: ws.dir });
    expect(limited.code).toBe(1);
    expect(limited.stdout).toContain('suppression of pod-read-only-root-fs has no expiry, and every suppression must expire within 365 days of 2026-11-27 (maxSuppressionDays): '
      + 'set an expiry on or before 2027-11-27 ("until 2027-11-27: reason")');
    const bad = await run([...args, '--config', 'bad.yaml'], { cwd: ws.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('cdk8s-soc2: invalid config bad.yaml: maxSuppressionDays must be a positive integer, got "1y"');
  });

  test('--config istioProxyImages leaves the proxy of a mirror to the mesh in a cluster export, and judges it without', async () => {
    ws.write('export.json', mirroredProxyExport('registry.corp.example/istio/proxyv2:1.24.2'));
    ws.write('soc2.yaml', 'istioProxyImages: [registry.corp.example/istio/proxyv2]\n');
    const proxyFindings = (stdout: string) => (JSON.parse(stdout).findings as { message: string }[]).filter(f => f.message.includes('"istio-proxy"'));
    const without = await run(['check', 'export.json', '--format', 'json'], { cwd: ws.dir });
    expect(proxyFindings(without.stdout).length).toBeGreaterThan(0);
    const withMirror = await run(['check', 'export.json', '--format', 'json', '--config', 'soc2.yaml'], { cwd: ws.dir });
    expect(withMirror.stderr).toBe('');
    expect(proxyFindings(withMirror.stdout)).toEqual([]);
    expect(JSON.parse(withMirror.stdout).config.istioProxyImages).toEqual(['docker.io/istio/proxyv2', 'gcr.io/istio-release/proxyv2', 'registry.corp.example/istio/proxyv2']);
  });

  test('a --config istioProxyImages entry with a tag exits 2, naming the setting, the entry and the fix', async () => {
    ws.write('cm.yaml', configMapYaml('a'));
    ws.write('soc2.yaml', 'istioProxyImages: ["registry.corp.example/istio/proxyv2:1.24.2"]\n');
    const r = await run(['check', 'cm.yaml', '--config', 'soc2.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: invalid config soc2.yaml: istioProxyImages entry "registry.corp.example/istio/proxyv2:1.24.2" names a tag: '
      + 'write the repository alone, "registry.corp.example/istio/proxyv2", whose every tag and digest counts');
  });

  test('--config apiServerAudiences takes a projected token for one of them for an API credential, and records them', async () => {
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'team' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            automountServiceAccountToken: false, containers: [{ name: 'app', image: 'registry.example.com/team/app@sha256:' + 'a'.repeat(64) }],
            volumes: [{ name: 'oidc-token', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'https://oidc.example.com' } }] } }],
          },
        },
      },
    };
    ws.write('deploy.json', JSON.stringify(deployment));
    ws.write('soc2.yaml', 'apiServerAudiences: [" https://oidc.example.com"]\n');
    const args = ['check', 'deploy.json', '--control', 'pod-service-account-token', '--format', 'json'];
    const without = await run(args, { cwd: ws.dir });
    expect(without.code).toBe(0);
    expect(JSON.parse(without.stdout).config.apiServerAudiences).toEqual([]);
    const withAudience = await run([...args, '--config', 'soc2.yaml'], { cwd: ws.dir });
    expect(withAudience.stderr).toBe('');
    expect(withAudience.code).toBe(1);
    const report = JSON.parse(withAudience.stdout);
    expect(report.findings.map((f: { message: string; path: string }) => [f.message, f.path])).toEqual([[
      'mounts an API token it has no binding for: volume "oidc-token" projects a token of ServiceAccount "default" for audience "https://oidc.example.com"',
      'spec.template.spec.volumes[0]']]);
    expect(report.config.apiServerAudiences).toEqual(['https://oidc.example.com']);
  });

  test('a --config apiServerAudiences entry that is empty or not a string exits 2, naming the setting, the entry and the fix', async () => {
    ws.write('cm.yaml', configMapYaml('a'));
    ws.write('soc2.yaml', 'apiServerAudiences: ["", 6443]\n');
    const r = await run(['check', 'cm.yaml', '--config', 'soc2.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: invalid config soc2.yaml: '
      + 'apiServerAudiences has an empty entry: name an audience the API server accepts (https://oidc.example.com), or remove the entry, got ""; '
      + 'apiServerAudiences entry 6443 is not a string: write each audience as a string (https://oidc.example.com), quoted in YAML if it reads as a number or boolean');
  });

  test('an invalid --config exits 2 and lists every problem, with suggestions', async () => {
    ws.write('cm.yaml', configMapYaml('a'));
    ws.write('soc2.yaml', 'minReplica: 3\nmaxCertificateDays: -1\nrequireMesh: "yes"\n');
    const r = await run(['check', 'cm.yaml', '--config', 'soc2.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: invalid config soc2.yaml: unknown key "minReplica"; did you mean "minReplicas"?; '
      + 'maxCertificateDays must be a positive integer, got -1; requireMesh must be true or false, got "yes"');
    expect(r.stderr.split('\n')[1]).toMatch(/^Valid keys: allowedRegistries, /);
  });

  test('a --config that is not YAML, or missing, exits 2', async () => {
    ws.write('cm.yaml', configMapYaml('a'));
    ws.write('bad.yaml', 'a: [\n');
    expect((await run(['check', 'cm.yaml', '--config', 'bad.yaml'], { cwd: ws.dir })).stderr).toMatch(/^cdk8s-soc2: invalid config: bad\.yaml:\d+:\d+: document 1: /);
    expect((await run(['check', 'cm.yaml', '--config', 'none.yaml'], { cwd: ws.dir })).stderr)
      .toBe('cdk8s-soc2: cannot read the config: none.yaml: no such file or directory\n');
  });

  test('--output to an unwritable place exits 2 with a clean message', async () => {
    ws.write('cm.yaml', configMapYaml('a'));
    ws.write('file', 'not a directory');
    const r = await run(['check', 'cm.yaml', '--output', 'file/out.txt'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^cdk8s-soc2: cannot write file\/out\.txt \(E[A-Z]+\)$/);
  });

  test('input errors outrank findings: exit 2 while the findings are still reported', async () => {
    ws.write('pod.json', privilegedPodYaml('still-checked'));
    ws.write('junk.yaml', 'hello: world\n');
    const r = await run(['check', 'pod.json', 'junk.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('still-checked');
  });
});
