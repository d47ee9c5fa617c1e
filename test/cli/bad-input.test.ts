import { readFileSync, symlinkSync } from 'fs';
import { join } from 'path';
import { configMapYaml, runners, Workspace } from './helpers';

const NO_STACK = /\n\s+at .+:\d+:\d+/;

let ws: Workspace;
beforeEach(() => { ws = new Workspace(); });
afterEach(() => ws.cleanup());

/** The `error:` lines of stderr. */
const errorLines = (stderr: string) => stderr.split('\n').filter(l => l.startsWith('error: '));

describe.each(runners())('check on bad input (%s)', (_runner, run) => {
  test('invalid YAML: exit 2, file, line, column and document named, valid documents still checked', async () => {
    ws.write('app.yaml', `${configMapYaml('a')}---\nmetadata:\n  name: [unclosed\n---\n${configMapYaml('b')}`);
    const r = await run(['check', 'app.yaml', '--format', 'json'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/^error: app\.yaml:\d+:\d+: document 2: .*(sequence|\])/)]);
    expect(r.stdout).toContain('"b"');
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('a mis-indented key: its line and column and a hint in stderr, the text report and SARIF', async () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n    ports:\n    - port: 80\n     targetPort: 8080\n';
    ws.write('broken.yaml', `${configMapYaml('a')}---\n${configMapYaml('b')}---\n${service}`);
    const line = 24; // two ConfigMaps of 7 lines and their `---`, then the 8th line of the Service
    const hint = 'bad indentation: align `targetPort` with `port` (a key of the same mapping starts in the same column) (yaml: Sequence item without - indicator)';
    const text = await run(['check', 'broken.yaml'], { cwd: ws.dir });
    expect(text.code).toBe(2);
    expect(errorLines(text.stderr)).toEqual([`error: broken.yaml:${line}:6: document 3: ${hint}`]);
    expect(text.stdout).toContain(`  broken.yaml:${line}:6 (document 3): ${hint}\n`);
    const sarif = await run(['check', 'broken.yaml', '--format', 'sarif'], { cwd: ws.dir });
    const notes = JSON.parse(sarif.stdout).runs[0].invocations[0].toolExecutionNotifications;
    expect(notes).toEqual([expect.objectContaining({
      message: { text: `not a Kubernetes object, not checked: ${hint}` },
      locations: [{ physicalLocation: { artifactLocation: expect.objectContaining({ uri: 'broken.yaml' }), region: { startLine: line, startColumn: 6 } } }],
    })]);
  });

  test('binary data: exit 2', async () => {
    ws.write('image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const r = await run(['check', 'image.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: image.yaml:3: binary data (NUL byte); expected UTF-8 YAML or JSON\n');
    expect(r.stderr).toContain('cdk8s-soc2: no Kubernetes objects found in image.yaml\n');
  });

  test('invalid UTF-8: exit 2 with the line of the bad byte', async () => {
    ws.write('latin1.yaml', Buffer.concat([Buffer.from(configMapYaml('a')), Buffer.from('  CITY: M'), Buffer.from([0xfc]), Buffer.from('nchen\n')]));
    const r = await run(['check', 'latin1.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/^error: latin1\.yaml:8: invalid UTF-8 \(byte 0xfc at offset \d+\)$/)]);
  });

  test('documents that are not Kubernetes objects: exit 2, each named, the others checked', async () => {
    ws.write('mixed.yaml', `${configMapYaml('ok')}---\nname: just some config\n---\n- a\n- list\n`);
    const r = await run(['check', 'mixed.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([
      'error: mixed.yaml:9: document 2: not a Kubernetes object: missing apiVersion',
      'error: mixed.yaml:11: document 3: not a Kubernetes object: expected a mapping with apiVersion, kind and metadata, got a sequence',
    ]);
  });

  test('duplicate keys: exit 2, the key named', async () => {
    ws.write('dup.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: team\n  name: b\n');
    const r = await run(['check', 'dup.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual(['error: dup.yaml:6:3: document 1: duplicate key "name": the same mapping sets it at line 4, column 3 already (keep one of them)']);
  });

  test('an alias bomb: exit 2 quickly, nothing expanded', async () => {
    const levels = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 12; i++) levels.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    ws.write('bomb.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n${levels.map(l => `  ${l}`).join('\n')}\n`);
    const started = Date.now();
    const r = await run(['check', 'bomb.yaml'], { cwd: ws.dir });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual(['error: bomb.yaml:1: document 1: aliases and merge keys copy more than 1000000 nodes in the file (an alias bomb?)']);
  });

  test('100 000 nested brackets: exit 2, no stack overflow', async () => {
    ws.write('deep.yaml', `${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    const r = await run(['check', 'deep.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual(['error: deep.yaml:1: document 1: nested more than 1000 levels deep; the file is not read']);
    expect(r.stderr).not.toMatch(/Maximum call stack|RangeError/);
  });

  test('deeply nested JSON: exit 2', async () => {
    ws.write('deep.json', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`);
    const r = await run(['check', 'deep.json'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual(['error: deep.json:1: document 1: nested more than 100 levels deep']);
  });

  test('a flow sequence too dense to parse within memory: exit 2 before any syntax tree is built', async () => {
    // 6.3 million YAML tokens; as JSON, which JSON.parse reads, 4.2 million JSON tokens.
    for (const [text, tokens] of [[`x: [${'1,'.repeat(2_100_000)}1]\n`, 'YAML'], [`[${'1,'.repeat(2_100_000)}1]\n`, 'JSON']]) {
      ws.write('dense.yaml', text);
      const r = await run(['check', 'dense.yaml'], { cwd: ws.dir, env: { NODE_OPTIONS: '--max-old-space-size=256' } });
      expect(r.code).toBe(2);
      expect(errorLines(r.stderr)).toEqual([`error: dense.yaml:1: document 1: more than 3145728 ${tokens} tokens in the file (reached in this document); the file is not read (split the file, or raise --max-file-size)`]);
    }
  });

  test('merge keys that copy a large mapping many times: exit 2 before anything is expanded', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join(', ');
    const merges = Array.from({ length: 60 }, (_, i) => `m${i}: {<<: *a}`).join('\n');
    ws.write('merge.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m, namespace: team}\nanchor: &a {${keys}}\n${merges}\n`);
    const r = await run(['check', 'merge.yaml'], { cwd: ws.dir, env: { NODE_OPTIONS: '--max-old-space-size=256' } });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual(['error: merge.yaml:1: document 1: aliases and merge keys copy more than 1000000 nodes in the file (an alias bomb?)']);
  });

  test('a file of many small documents, each too small for the budget, that together are too dense: exit 2', async () => {
    const doc = `x: [${'{},'.repeat(300_000)}{}]\n`;
    ws.write('many.yaml', Array.from({ length: 6 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a${i}}\n${doc}`).join('---\n'));
    const r = await run(['check', 'many.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/^error: many\.yaml:\d+: document 4: more than 3145728 YAML tokens in the file \(reached in this document\); the file is not read/)]);
  });

  test('130 000 problems in one file: listed up to the limits and counted, no stack overflow', async () => {
    ws.write('list.yaml', `apiVersion: v1\nkind: List\nitems: [${'1,'.repeat(130_000)}1]\n`);
    const r = await run(['check', 'list.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    // the CLI prints 50 problems and counts the others
    const lines = errorLines(r.stderr);
    expect(lines).toHaveLength(51);
    expect(lines[50]).toBe('error: … and 129951 more input errors');
    expect(r.stderr).not.toMatch(/Maximum call stack|internal error/);
  });

  test('a file over the size limit: exit 2 with a hint, and the limit is configurable', async () => {
    ws.write('big.yaml', `${configMapYaml('big')}  PAD: "${'x'.repeat(4096)}"\n`);
    const r = await run(['check', 'big.yaml', '--max-file-size', '1KiB'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual([expect.stringMatching(/^error: big\.yaml: \d+ bytes is larger than the limit of 1024 bytes$/)]);
    expect(r.stderr).toContain('hint: raise the limit with --max-file-size');
    const ok = await run(['check', 'big.yaml', '--max-file-size', '1MiB'], { cwd: ws.dir });
    expect(ok.code).toBe(0);
  });

  test('stdin over the size limit: exit 2', async () => {
    const r = await run(['check', '-', '--max-file-size', '2048'], { stdin: `${configMapYaml('a')}# ${'x'.repeat(8192)}\n` });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual(['error: <stdin>: larger than the limit of 2048 bytes']);
  });

  test('an invalid --max-file-size: exit 2', async () => {
    const r = await run(['check', '-', '--max-file-size', '-5']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('cdk8s-soc2: invalid --max-file-size "-5": expected a positive size such as 10485760, 512KiB or 10MiB');
  });

  test('empty stdin: exit 2', async () => {
    const r = await run(['check', '-'], { stdin: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: <stdin>: no documents (the input is empty or only comments)\n');
    expect(r.stderr).toContain('cdk8s-soc2: no Kubernetes objects found in -\n');
  });

  test('an empty file: exit 2', async () => {
    ws.write('empty.yaml', '# TODO\n');
    const r = await run(['check', 'empty.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual(['error: empty.yaml: no documents (the input is empty or only comments)']);
  });

  test('a missing path: exit 2, the other paths still checked', async () => {
    ws.write('a.yaml', configMapYaml('a'));
    const r = await run(['check', 'missing.yaml', 'a.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual(['error: missing.yaml: no such file or directory']);
  });

  test('a directory without manifests: exit 2', async () => {
    ws.write('docs/README.md', '# docs\n');
    const r = await run(['check', 'docs'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(errorLines(r.stderr)).toEqual(['error: docs: no .yaml, .yml or .json files in this directory']);
  });

  test('no path at all: exit 2 with what to give', async () => {
    const r = await run(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdk8s-soc2: check needs at least one path: a file, a directory, or - for stdin\nRun "cdk8s-soc2 check --help" for usage.\n');
  });

  test('control characters in file names and messages are shown escaped, never sent to the terminal', async () => {
    ws.write('evil\u001b[2J.yaml', 'foo: bar\n');
    const r = await run(['check', 'evil\u001b[2J.yaml'], { cwd: ws.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain('evil\\u{1b}[2J.yaml');
  });

  test('more findings than a report can hold: JSON, SARIF and Markdown refused with what to do, the text lists the first ones and counts all', async () => {
    const pod = (i: number) => `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: x\n`;
    ws.write('pods.yaml', Array.from({ length: 1100 }, (_, i) => pod(i)).join(''));
    for (const format of ['json', 'sarif', 'markdown']) {
      const r = await run(['check', 'pods.yaml', '--format', format, '-o', `out.${format}`], { cwd: ws.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^cdk8s-soc2: \d+ findings are too many to write as (JSON|SARIF|Markdown) \(at most 20000\)\nNarrow the run with --control, --skip or --severity/);
    }
    const text = await run(['check', 'pods.yaml', '-o', 'out.txt'], { cwd: ws.dir });
    expect(text.code).toBe(1);
    const written = readFileSync(join(ws.dir, 'out.txt'), 'utf8');
    expect(written).toMatch(/\n… and \d+ more findings on \d+ more objects, not listed \(run fewer controls or files to see them\)\n/);
    expect(written).toMatch(/\n2\d{4} findings \(/);
    expect(written.split('\n').filter(l => /^ {2}(CRITICAL|HIGH|MEDIUM|LOW) /.test(l)).length).toBeLessThanOrEqual(20_000 + 30);
  });

  test('a failed write says why: a directory, a file where a directory should be', async () => {
    ws.write('app.yaml', configMapYaml('a'));
    ws.write('out/keep.txt', '');
    const dir = await run(['check', 'app.yaml', '-o', 'out'], { cwd: ws.dir });
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain('cannot write out (EISDIR)\nThe path is a directory: name a file.');
    const file = await run(['check', 'app.yaml', '-o', 'app.yaml/x.txt'], { cwd: ws.dir });
    expect(file.stderr).toMatch(/cannot write app\.yaml\/x\.txt \((EEXIST|ENOTDIR)\)\nA part of the path is a file, not a directory\./);
  });

  test('an output that is an input, or two outputs that are one file, are refused before anything is written', async () => {
    ws.write('app.yaml', configMapYaml('a'));
    ws.write('m/b.yaml', configMapYaml('b'));
    const over = await run(['check', 'app.yaml', '-o', 'app.yaml'], { cwd: ws.dir });
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('app.yaml is also an input: writing the result there would overwrite it');
    expect(readFileSync(join(ws.dir, 'app.yaml'), 'utf8')).toBe(configMapYaml('a'));
    const inDir = await run(['check', 'm', '-o', 'm/b.yaml'], { cwd: ws.dir });
    expect(inDir.stderr).toContain('m/b.yaml is also an input');
    const twice = await run(['report', 'app.yaml', '-o', 'x.md', '--json', 'x.md'], { cwd: ws.dir });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('x.md is named for two outputs: one would overwrite the other');
    const stdout = await run(['report', 'app.yaml', '--json', '-'], { cwd: ws.dir });
    expect(stdout.code).toBe(2);
    expect(stdout.stderr).toContain('two outputs go to stdout, where they would run together');
    // Through a symbolic link to an input, or to the folder that holds it.
    symlinkSync(join(ws.dir, 'm', 'b.yaml'), join(ws.dir, 'link.yaml'));
    symlinkSync(join(ws.dir, 'm'), join(ws.dir, 'mlink'));
    for (const [input, output] of [['m', 'link.yaml'], ['link.yaml', 'm/b.yaml'], ['mlink', 'm/b.yaml']]) {
      const linked = await run(['check', input, '-o', output], { cwd: ws.dir });
      expect(linked.code).toBe(2);
      expect(linked.stderr).toContain('is also an input');
    }
    expect(readFileSync(join(ws.dir, 'm', 'b.yaml'), 'utf8')).toBe(configMapYaml('b'));
    const fine = await run(['report', 'app.yaml', '-o', 'm/evidence.md'], { cwd: ws.dir });
    expect(fine.code).toBe(0);
  });
});
