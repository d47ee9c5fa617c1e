import { readFileSync } from 'node:fs';
import { CATALOGUE } from '../../src/compliance/catalogue';
import { CRITERIA } from '../../src/compliance/types';
import { configMapYaml, privilegedPodYaml, runners, Workspace } from './helpers';

let ws: Workspace;
beforeEach(() => { ws = new Workspace(); });
afterEach(() => ws.cleanup());

const NETWORK = [
  'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: api-from-web, namespace: team}',
  'spec:', '  podSelector: {matchLabels: {app: api}}', '  policyTypes: [Ingress]',
  '  ingress:', '    - from: [{podSelector: {matchLabels: {app: web}}}]', '      ports: [{port: 8080, protocol: TCP}]',
].join('\n');

describe.each(runners())('cdk8s-soc2 controls (%s)', (_runner, run) => {
  test('lists every control of the catalogue with severity, criteria and title', async () => {
    const r = await run(['controls']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID\s+SEVERITY\s+CRITERIA\s+TITLE$/);
    for (const c of CATALOGUE) expect(lines.some(l => l.startsWith(`${c.id} `) && l.includes(c.severity) && l.endsWith(c.title))).toBe(true);
    expect(r.stdout).toContain(`${CATALOGUE.length} control`);
  });

  test('--criterion keeps the controls mapped to that criterion', async () => {
    const r = await run(['controls', '--criterion', 'cc6.7', '--format', 'json']);
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.stdout).map((c: any) => c.id);
    expect(ids).toEqual(CATALOGUE.filter(c => c.criteria.includes('CC6.7')).map(c => c.id));
  });

  test('an unknown criterion exits 2 with a suggestion', async () => {
    const r = await run(['controls', '--criterion', 'CC6.9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdk8s-soc2: unknown criterion "CC6\.9"; did you mean "CC6\.\d"\?\nKnown criteria: /);
  });

  test('--framework keeps the controls that reference it', async () => {
    const r = await run(['controls', '--framework', 'kube-score', '--format', 'json']);
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.stdout).map((c: any) => c.id);
    expect(ids).toEqual(CATALOGUE.filter(c => (c.references.kubeScore ?? []).length > 0).map(c => c.id));
  });

  test('--format markdown prints a table', async () => {
    const r = await run(['controls', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['| Control | Severity | Criteria | Title |', '| --- | --- | --- | --- |']);
    expect(r.stdout.trim().split('\n')).toHaveLength(CATALOGUE.length + 2);
  });
});

describe.each(runners())('cdk8s-soc2 explain (%s)', (_runner, run) => {
  const control = CATALOGUE[0];

  test('explains a control: title, severity, criteria with their text, condition, remediation', async () => {
    const r = await run(['explain', control.id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${control.id} — ${control.title}`);
    expect(r.stdout).toContain(control.severity);
    for (const id of control.criteria) expect(r.stdout).toContain(`${id}  ${CRITERIA[id]}`);
    expect(r.stdout).toContain(control.condition);
    expect(r.stdout).toContain(control.remediation);
    expect(r.stdout).toContain(`soc2.cdk8s.io/suppress.${control.id}`);
  });

  test('--format json gives the control as data', async () => {
    const r = await run(['explain', control.id, '--format', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: control.id, title: control.title, severity: control.severity });
  });

  test('a misspelt id exits 2 with a suggestion', async () => {
    const typo = control.id.slice(0, -1);
    const r = await run(['explain', typo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`cdk8s-soc2: unknown control "${typo}"; did you mean "${control.id}"?\nRun "cdk8s-soc2 controls" to list the control ids.\n`);
  });

  test('a Polaris check id names the control that covers it', async () => {
    const r = await run(['explain', 'notReadOnlyRootFilesystem']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: unknown control "notReadOnlyRootFilesystem"; did you mean "pod-read-only-root-fs"? '
      + '(the control that covers Polaris notReadOnlyRootFilesystem)');
  });

  test('an id sharing words with a control names it, not the nearest spelling', async () => {
    const r = await run(['explain', 'network-no-node-port-load-balancer']);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: unknown control "network-no-node-port-load-balancer"; did you mean "service-no-external-exposure"?');
  });

  test('without an id exits 2', async () => {
    const r = await run(['explain']);
    expect(r.code).toBe(2);
  });
});

describe.each(runners())('cdk8s-soc2 report (%s)', (_runner, run) => {
  test('prints the evidence matrix as Markdown and exits 1 when it holds findings', async () => {
    ws.write('pod.json', privilegedPodYaml());
    const r = await run(['report', 'pod.json'], { cwd: ws.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^#/m);
    expect(r.stdout).toContain('CC6.1');
  });

  test('--output and --json write the Markdown and JSON evidence', async () => {
    ws.write('cm.yaml', configMapYaml('a'));
    const r = await run(['report', 'cm.yaml', '--output', 'evidence/EVIDENCE.md', '--json', 'evidence/evidence.json'], { cwd: ws.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('evidence for 1 object written to evidence/EVIDENCE.md and evidence/evidence.json\n');
    expect(readFileSync(ws.path('evidence/EVIDENCE.md'), 'utf8')).toMatch(/^#/m);
    expect(() => JSON.parse(readFileSync(ws.path('evidence/evidence.json'), 'utf8'))).not.toThrow();
  });

  test('--format json prints the same evidence as JSON, --format markdown the matrix, any other format exits 2', async () => {
    ws.write('pod.json', privilegedPodYaml());
    const json = await run(['report', 'pod.json', '--format', 'json'], { cwd: ws.dir });
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.findings.length).toBeGreaterThan(0);
    await run(['report', 'pod.json', '--json', 'evidence.json'], { cwd: ws.dir });
    expect(json.stdout).toBe(readFileSync(ws.path('evidence.json'), 'utf8'));
    const markdown = await run(['report', 'pod.json', '-f', 'markdown'], { cwd: ws.dir });
    expect(markdown.stdout).toMatch(/^#### `pod-no-privileged` — /m);
    expect(markdown.stdout).toMatch(/^\| `Pod\/team\/bad` \| pod\.json:1 \(document 1\) \| failed \|/m);
    expect((await run(['report', 'pod.json', '--format', 'sarif'], { cwd: ws.dir })).code).toBe(2);
  });

  test('needs a path', async () => {
    expect((await run(['report'])).code).toBe(2);
  });
});

describe.each(runners())('cdk8s-soc2 diagram (%s)', (_runner, run) => {
  test('prints a Mermaid flowchart of the allowed flows and exits 0', async () => {
    ws.write('np.yaml', NETWORK);
    const r = await run(['diagram', 'np.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^(flowchart|graph) /);
  });

  test('--format markdown wraps it in a mermaid block; --output writes it', async () => {
    ws.write('np.yaml', NETWORK);
    const r = await run(['diagram', 'np.yaml', '--format', 'markdown', '-o', 'NETWORK.md'], { cwd: ws.dir });
    expect(r.code).toBe(0);
    const text = readFileSync(ws.path('NETWORK.md'), 'utf8');
    expect(text).toMatch(/^```mermaid\n(flowchart|graph) /);
    expect(text.endsWith('```\n')).toBe(true);
  });

  test('exits 2 on input errors', async () => {
    ws.write('np.yaml', `${NETWORK}\n---\nnot: kubernetes\n`);
    expect((await run(['diagram', 'np.yaml'], { cwd: ws.dir })).code).toBe(2);
  });
});

describe.each(runners())('cdk8s-soc2 diff (%s)', (_runner, run) => {
  beforeEach(() => {
    ws.write('old/cm.yaml', configMapYaml('a'));
    ws.write('new/cm.yaml', configMapYaml('a'));
    ws.write('new/pod.json', privilegedPodYaml('intruder'));
  });

  test('prints the posture change as Markdown and exits 0 without --fail-on', async () => {
    const r = await run(['diff', 'old', 'new'], { cwd: ws.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pod-no-privileged');
  });

  test('--fail-on new-findings exits 1 when the new set adds findings, 0 when it does not', async () => {
    expect((await run(['diff', 'old', 'new', '--fail-on', 'new-findings'], { cwd: ws.dir })).code).toBe(1);
    expect((await run(['diff', 'new', 'old', '--fail-on', 'new-findings'], { cwd: ws.dir })).code).toBe(0);
    expect((await run(['diff', 'old', 'old', '--fail-on', 'any'], { cwd: ws.dir })).code).toBe(0);
  });

  test('--format json prints the diff as JSON', async () => {
    const r = await run(['diff', 'old', 'new', '--format', 'json'], { cwd: ws.dir });
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  test('lists an image change of a cluster export once, on the Deployment, with its ReplicaSet and Pod as copies', async () => {
    const exportOf = (tag: string, version: string) => {
      const owner = (kind: string, name: string) => [{ apiVersion: 'apps/v1', kind, name, uid: `uid-${name}`, controller: true }];
      const labels = { 'app': 'web', 'pod-template-hash': '7f9c' };
      const spec = { containers: [{ name: 'app', image: `registry.example.com/web:${tag}` }] };
      return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'team', resourceVersion: version },
          spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec } } },
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-7f9c', namespace: 'team', resourceVersion: version, ownerReferences: owner('Deployment', 'web') },
          spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-7f9c-abcde', namespace: 'team', labels, resourceVersion: version, ownerReferences: owner('ReplicaSet', 'web-7f9c') },
          spec, status: { phase: 'Running' } },
      ] });
    };
    ws.write('before.json', exportOf('1', '10'));
    ws.write('after.json', exportOf('2', '20'));
    const md = await run(['diff', 'before.json', 'after.json'], { cwd: ws.dir });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('1 changed object.');
    expect(md.stdout).toContain('- changed `Deployment/team/web` and 2 copies the same way: `Pod/team/web-7f9c-abcde`, `ReplicaSet/team/web-7f9c`\n'
      + '  - `metadata.resourceVersion`: `10` → `20`\n  - `spec.template.spec.containers[0].image`: `registry.example.com/web:1` → `registry.example.com/web:2`\n');
    const json = JSON.parse((await run(['diff', 'before.json', 'after.json', '--format', 'json'], { cwd: ws.dir })).stdout);
    expect(json.objects).toMatchObject({ changed: ['Deployment/team/web'], copies: [{ ref: 'Deployment/team/web', copies: ['Pod/team/web-7f9c-abcde', 'ReplicaSet/team/web-7f9c'] }] });

    // A rollout: the Pod replaced by one of a new ReplicaSet, the old ReplicaSet kept at 0.
    const rolled = JSON.parse(exportOf('2', '20'));
    const [, newSet, newPod] = rolled.items;
    const oldSet = JSON.parse(exportOf('1', '10')).items[1];
    rolled.items = [rolled.items[0], { ...oldSet, metadata: { ...oldSet.metadata, resourceVersion: '20' }, spec: { ...oldSet.spec, replicas: 0 } },
      ...[newSet, newPod].map((o: any) => JSON.parse(JSON.stringify(o).replaceAll('7f9c', '8d2b')))];
    ws.write('rolled.json', JSON.stringify(rolled));
    const rollout = JSON.parse((await run(['diff', 'before.json', 'rolled.json', '--format', 'json'], { cwd: ws.dir })).stdout);
    expect(rollout.objects).toMatchObject({ added: [], removed: [], changed: ['Deployment/team/web'], copies: [], templateCopies: [{
      ref: 'Deployment/team/web', added: ['Pod/team/web-8d2b-abcde', 'ReplicaSet/team/web-8d2b'], removed: ['Pod/team/web-7f9c-abcde'],
      scaled: ['ReplicaSet/team/web-7f9c'], replaced: [], updated: [],
    }] });
  });

  test('gives no verdict when a document cannot be read, says so in Markdown and JSON, and exits 2', async () => {
    ws.write('broken/cm.yaml', `${configMapYaml('a')}\n---\nkind: [unclosed\n`);
    const r = await run(['diff', 'old', 'broken'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')[0]).toBe('## ⚠️ Security posture not compared: 1 input error');
    expect(r.stdout).not.toMatch(/🟢|🟡|🔴/);
    const json = await run(['diff', 'old', 'broken', '--format', 'json'], { cwd: ws.dir });
    expect([json.code, JSON.parse(json.stdout).inputErrors]).toEqual([2, 1]);
  });

  test('a side that cannot be read at all still gives the comment, and both sides\' errors are shown', async () => {
    ws.write('binary/a.yaml', Buffer.from([0x00, 0x01]));
    ws.write('broken/cm.yaml', 'kind: [unclosed\n');
    const r = await run(['diff', 'binary', 'broken'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')[0]).toBe('## ⚠️ Security posture not compared: 2 input errors');
    expect(r.stderr).toMatch(/binary\/a\.yaml.*binary data/);
    expect(r.stderr).toMatch(/broken\/cm\.yaml/);
    const one = await run(['diff', 'old', 'binary', '--format', 'json'], { cwd: ws.dir });
    expect([one.code, JSON.parse(one.stdout).inputErrors]).toEqual([2, 1]);
  });

  test('needs both sides, and stdin only once', async () => {
    expect((await run(['diff', 'old'], { cwd: ws.dir })).code).toBe(2);
    const r = await run(['diff', '-', '-'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: stdin (-) can be only one side of the diff');
  });
});
