import { configMapYaml, privilegedPodYaml, runners, Workspace } from './helpers';

let ws: Workspace;
beforeEach(() => { ws = new Workspace(); });
afterEach(() => ws.cleanup());

const STDIN_NOTE = 'note: the SARIF locates the objects read from stdin at <stdin>, which names no file of the repository; name the file they stand for with --stdin-filename PATH\n';

describe.each(runners())('--stdin-filename (%s)', (_runner, run) => {
  const pod = privilegedPodYaml('from-stdin');
  const sarifLocations = (stdout: string) => JSON.parse(stdout).runs[0].results.map((r: any) => r.locations[0].physicalLocation);

  test('names the file stdin stands for in the text report', async () => {
    const r = await run(['check', '-', '--stdin-filename', 'k8s/pod.json', '--control', 'pod-no-privileged'], { stdin: pod, cwd: ws.dir });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('Pod/team/from-stdin  k8s/pod.json:1 (document 1)');
    expect(r.stderr).toBe('');
  });

  test('names it when stdin holds no Kubernetes object, in the input error and in the verdict', async () => {
    const r = await run(['check', '-', '--stdin-filename', 'deploy/bad.yaml'], { stdin: 'kind: [\n', cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('deploy/bad.yaml');
    expect(r.stderr).toContain('cdk8s-soc2: no Kubernetes objects found in deploy/bad.yaml (stdin)\n');
  });

  test('names it in the JSON report, relative to the working directory like the path of a file', async () => {
    const r = await run(['check', '-', '--stdin-filename', './k8s/../k8s/pod.json', '--control', 'pod-no-privileged', '--format', 'json'], { stdin: pod, cwd: ws.dir });
    expect(JSON.parse(r.stdout).findings.map((f: any) => f.object.source)).toEqual([{ file: 'k8s/pod.json', document: 1, line: 1 }]);
  });

  test('SARIF locates the results in that file, under the source root, so code scanning shows them there', async () => {
    const r = await run(['check', '-', '--stdin-filename', 'k8s/pod.json', '--control', 'pod-no-privileged', '--format', 'sarif'], { stdin: pod, cwd: ws.dir });
    expect(r.code).toBe(1);
    expect(sarifLocations(r.stdout)).toEqual([{ artifactLocation: { uri: 'k8s/pod.json', uriBaseId: 'SRCROOT' }, region: { startLine: 1 } }]);
    expect(JSON.parse(r.stdout).runs[0].invocations[0].toolExecutionNotifications).toBeUndefined();
    expect(r.stderr).toBe('');
  });

  test('without it, SARIF locates the results at <stdin>, which code scanning accepts, and a note says how to name the file', async () => {
    const r = await run(['check', '-', '--control', 'pod-no-privileged', '--format', 'sarif'], { stdin: pod, cwd: ws.dir });
    expect(r.code).toBe(1);
    expect(sarifLocations(r.stdout)).toEqual([{ artifactLocation: { uri: '%3Cstdin%3E' }, region: { startLine: 1 } }]);
    expect(r.stderr).toBe(STDIN_NOTE);
    const text = await run(['check', '-', '--control', 'pod-no-privileged'], { stdin: pod, cwd: ws.dir });
    expect([text.stdout.split('\n')[0], text.stderr]).toEqual(['Pod/team/from-stdin  <stdin>:1 (document 1)', '']);
  });

  test('without it, the note follows what the SARIF locates at <stdin>: nothing when no result or error is about what stdin held', async () => {
    ws.write('pod.json', privilegedPodYaml('from-file'));
    const clean = await run(['check', 'pod.json', '-', '--control', 'pod-no-privileged', '--format', 'sarif'], { stdin: configMapYaml('a'), cwd: ws.dir });
    expect(clean.code).toBe(1);
    expect(sarifLocations(clean.stdout)).toEqual([{ artifactLocation: { uri: 'pod.json', uriBaseId: 'SRCROOT' }, region: { startLine: 1 } }]);
    expect(clean.stderr).toBe('');
    const failing = await run(['check', 'pod.json', '-', '--control', 'pod-no-privileged', '--format', 'sarif'], { stdin: pod, cwd: ws.dir });
    expect(sarifLocations(failing.stdout).map((l: any) => l.artifactLocation.uri)).toEqual(['pod.json', '%3Cstdin%3E']);
    expect(failing.stderr).toBe(STDIN_NOTE);
    const unreadable = await run(['check', 'pod.json', '-', '--control', 'pod-no-privileged', '--format', 'sarif'], { stdin: `${configMapYaml('a')}---\nkey: [unclosed\n`, cwd: ws.dir });
    expect(unreadable.code).toBe(2);
    expect(sarifLocations(unreadable.stdout).map((l: any) => l.artifactLocation.uri)).toEqual(['pod.json']);
    expect(unreadable.stderr).toBe(`error: <stdin>:10:1: document 2: a \`[\` above is not closed by \`]\`, or a line inside it is not indented deeper than the line where it opens (yaml: Flow sequence in block collection must be sufficiently indented and end with a ])\n${STDIN_NOTE}`);
  });

  test('names it in input errors and in the evidence report', async () => {
    const bad = await run(['check', '-', '--stdin-filename', 'chart/rendered.yaml'], { stdin: `${configMapYaml('a')}---\nkey: [unclosed\n`, cwd: ws.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: chart/rendered.yaml:10:1: document 2: a `[` above is not closed by `]`, or a line inside it is not indented deeper than the line where it opens (yaml: Flow sequence in block collection must be sufficiently indented and end with a ])\n');
    const report = await run(['report', '-', '--stdin-filename', 'chart/rendered.yaml'], { stdin: pod, cwd: ws.dir });
    expect(report.stdout).toContain('| `Pod/team/from-stdin` | chart/rendered.yaml:1 (document 1) | failed |');
  });

  test('is accepted by diff, diagram and report when an input is -', async () => {
    ws.write('old.yaml', configMapYaml('a'));
    const diff = await run(['diff', 'old.yaml', '-', '--stdin-filename', 'new.yaml', '--format', 'json'], { stdin: configMapYaml('a'), cwd: ws.dir });
    expect([diff.code, diff.stderr]).toEqual([0, '']);
    // Read on the old side, named there; the new side is read from its file.
    const oldSide = await run(['diff', '-', 'old.yaml', '--stdin-filename', 'base/old.yaml', '--format', 'json'], { stdin: `${configMapYaml('a')}---\nkey: [unclosed\n`, cwd: ws.dir });
    expect([oldSide.code, oldSide.stderr]).toEqual([2, 'error: base/old.yaml:10:1: document 2: a `[` above is not closed by `]`, or a line inside it is not indented deeper than the line where it opens (yaml: Flow sequence in block collection must be sufficiently indented and end with a ])\n']);
    expect(JSON.parse(oldSide.stdout)).toMatchObject({ inputErrors: 1, objects: { added: [], removed: [], changed: [] } });
    const diagram = await run(['diagram', '-', '--stdin-filename', 'app.yaml'], { stdin: configMapYaml('a'), cwd: ws.dir });
    expect([diagram.code, diagram.stderr]).toEqual([0, '']);
  });

  test('is refused when it names a file the run also reads, named or found in a directory, before anything is printed', async () => {
    ws.write('a.yaml', configMapYaml('a'));
    const named = await run(['check', 'a.yaml', '-', '--stdin-filename', 'a.yaml'], { stdin: pod, cwd: ws.dir });
    expect([named.code, named.stdout]).toEqual([2, '']);
    expect(named.stderr).toBe('cdk8s-soc2: --stdin-filename "a.yaml" names a file this run also reads: its objects and those read from stdin would be reported under one name\n'
      + 'Give --stdin-filename the path the manifests on stdin stand for and no other input reads (e.g. --stdin-filename chart/rendered.yaml), or leave a.yaml out of the inputs.\n');
    ws.write('k8s/cm.yaml', configMapYaml('b'));
    const inDirectory = await run(['check', '-', 'k8s', '--stdin-filename', './k8s/../k8s/cm.yaml'], { stdin: pod, cwd: ws.dir });
    expect([inDirectory.code, inDirectory.stdout, inDirectory.stderr.split('\n')[0]]).toEqual([2, '',
      'cdk8s-soc2: --stdin-filename "./k8s/../k8s/cm.yaml" names a file this run also reads (k8s/cm.yaml): its objects and those read from stdin would be reported under one name']);
    ws.write('bad.yaml', 'kind: [\n');
    const unreadable = await run(['report', 'bad.yaml', '-', '--stdin-filename', 'bad.yaml'], { stdin: pod, cwd: ws.dir });
    expect([unreadable.code, unreadable.stderr.split('\n')[0]]).toEqual([2,
      'cdk8s-soc2: --stdin-filename "bad.yaml" names a file this run also reads: its objects and those read from stdin would be reported under one name']);
  });

  test('may name a file of the other side of a diff, which is reported apart', async () => {
    ws.write('app.yaml', configMapYaml('a'));
    const r = await run(['diff', 'app.yaml', '-', '--stdin-filename', 'app.yaml', '--format', 'json'], { stdin: pod, cwd: ws.dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout).objects).toMatchObject({ added: ['Pod/team/from-stdin'], removed: ['ConfigMap/team/a'] });
  });

  test('is refused when no input is -, when it is - itself, and when it is empty', async () => {
    ws.write('cm.yaml', configMapYaml('a'));
    const noStdin = await run(['check', 'cm.yaml', '--stdin-filename', 'k8s/cm.yaml'], { cwd: ws.dir });
    expect(noStdin.code).toBe(2);
    expect(noStdin.stderr).toBe('cdk8s-soc2: --stdin-filename "k8s/cm.yaml" names the input read from stdin, but no input is -\n'
      + 'Pipe the manifests and give - as the path (helm template . | cdk8s-soc2 check - --stdin-filename chart/rendered.yaml), or leave out --stdin-filename.\n');
    const diff = await run(['diff', 'cm.yaml', 'cm.yaml', '--stdin-filename', 'k8s/cm.yaml'], { cwd: ws.dir });
    expect([diff.code, diff.stderr.split('\n')[0]]).toEqual([2, 'cdk8s-soc2: --stdin-filename "k8s/cm.yaml" names the input read from stdin, but no input is -']);
    const dash = await run(['check', '-', '--stdin-filename', '-'], { stdin: configMapYaml('a'), cwd: ws.dir });
    expect([dash.code, dash.stderr.split('\n')[0]]).toEqual([2, 'cdk8s-soc2: --stdin-filename - names stdin itself; give the path of the file the manifests on stdin stand for, e.g. --stdin-filename chart/rendered.yaml']);
    const empty = await run(['check', '-', '--stdin-filename', ''], { stdin: configMapYaml('a'), cwd: ws.dir });
    expect([empty.code, empty.stderr.split('\n')[0]]).toEqual([2, 'cdk8s-soc2: --stdin-filename is empty (an unset variable?); name a file']);
  });
});
