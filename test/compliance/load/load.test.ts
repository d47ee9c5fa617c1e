import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { loadManifests } from '../../../src/compliance/load';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
const names = (r: { documents: { doc: unknown }[] }) => r.documents.map(d => (d.doc as any).metadata.name);

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'soc2-load-')); });
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

function write(rel: string, content: string | Buffer): string {
  const path = join(dir, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

describe('loadManifests', () => {
  test('reads a file and names it relative to the working directory', async () => {
    write('app.yaml', cm('a'));
    const result = await loadManifests(['app.yaml'], { cwd: dir });
    expect(result).toEqual({ documents: [{ doc: expect.anything(), source: { file: 'app.yaml', document: 1, line: 1 } }], errors: [], skipped: [] });
  });

  test('walks directories recursively in sorted order, skipping dot-entries, node_modules and other files', async () => {
    write('m/b.yaml', cm('b'));
    write('m/a.yml', cm('a'));
    write('m/sub/c.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }));
    write('m/.hidden/x.yaml', cm('hidden'));
    write('m/.gitlab-ci.yml', 'stages: [test]\n');
    write('m/node_modules/pkg/x.yaml', cm('dep'));
    write('m/README.md', '# not a manifest\n');
    const result = await loadManifests(['m'], { cwd: dir });
    expect(result.errors).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(names(result)).toEqual(['a', 'b', 'c']);
    expect(result.documents.map(d => d.source.file)).toEqual(['m/a.yml', 'm/b.yaml', 'm/sub/c.json']);
  });

  test('skips files in directories that hold no kind at all (package.json, cdk8s.yaml, reports), and says which', async () => {
    write('dist/app.k8s.yaml', cm('a'));
    write('dist/construct-metadata.json', JSON.stringify({ version: '1.0.0', resources: {} }));
    write('dist/cdk8s.yaml', 'language: typescript\napp: node main.js\n');
    write('dist/empty.yaml', '');
    const result = await loadManifests(['dist'], { cwd: dir });
    expect(result.errors).toEqual([]);
    expect(names(result)).toEqual(['a']);
    expect(result.skipped).toEqual(['dist/cdk8s.yaml', 'dist/construct-metadata.json']);
  });

  test('still reports, inside directories, documents with a kind that are not valid objects, and non-manifests named explicitly', async () => {
    write('m/broken.yaml', 'apiVersion: v1\nkind: ConfigMap\n');
    write('tsconfig.json', '{"compilerOptions": {}}');
    const result = await loadManifests(['m', 'tsconfig.json'], { cwd: dir });
    expect(result.errors.map(e => [e.file, e.message])).toEqual([
      ['m/broken.yaml', 'not a Kubernetes object: missing metadata'],
      ['tsconfig.json', 'not a Kubernetes object: missing apiVersion'],
    ]);
    expect(result.skipped).toEqual([]);
  });

  test('reports a directory whose files all hold something other than manifests', async () => {
    write('proj/package.json', '{"name": "x"}');
    const result = await loadManifests(['proj'], { cwd: dir });
    expect(result.errors).toEqual([{ file: 'proj', code: 'no-manifests', message: 'no Kubernetes manifests in this directory' }]);
    expect(result.skipped).toEqual(['proj/package.json']);
  });

  test('reads a file named twice (directly and through its directory) only once', async () => {
    write('m/a.yaml', cm('a'));
    const result = await loadManifests(['m/a.yaml', 'm', './m/a.yaml'], { cwd: dir });
    expect(names(result)).toEqual(['a']);
  });

  test('keeps every problem of a file, however many (no spread that overflows the stack)', async () => {
    write('list.yaml', `apiVersion: v1\nkind: List\nitems: [${Array(130_000).fill('1').join(',')}]\n`);
    const result = await loadManifests(['list.yaml'], { cwd: dir });
    expect(result.errors).toHaveLength(130_000);
    expect(result.errors[129_999]).toEqual(expect.objectContaining({ file: 'list.yaml', code: 'not-kubernetes', message: expect.stringMatching(/^items\[129999\]: /) }));
  });

  test('the token budget grows with the size limit: a file refused at the default is read with a larger limit', async () => {
    const doc = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: "[${'1,'.repeat(10)}]"}\nlist: [${'{},'.repeat(300)}{}]\n`;
    write('dense.yaml', doc);
    const small = await loadManifests(['dense.yaml'], { cwd: dir, maxFileBytes: 2000 });
    expect(small.errors.map(e => e.code)).toEqual(['too-complex']);
    const large = await loadManifests(['dense.yaml'], { cwd: dir, maxFileBytes: 20_000 });
    expect(large.errors).toEqual([]);
    expect(names(large)).toEqual(['a']);
  });

  test('reads files joined with cat, each with its byte order mark, and files with CR line breaks', async () => {
    write('joined.yaml', Buffer.concat([Buffer.from('\ufeff'), Buffer.from(cm('a')), Buffer.from('---\n\ufeff'), Buffer.from(cm('b'))]));
    write('mac.yaml', cm('c').replace(/\n/g, '\r'));
    const result = await loadManifests(['joined.yaml', 'mac.yaml'], { cwd: dir });
    expect(result.errors).toEqual([]);
    expect(names(result)).toEqual(['a', 'b', 'c']);
  });

  test('reports a missing path and still reads the others', async () => {
    write('a.yaml', cm('a'));
    const result = await loadManifests(['nope.yaml', 'a.yaml'], { cwd: dir });
    expect(names(result)).toEqual(['a']);
    expect(result.errors).toEqual([{ file: 'nope.yaml', code: 'not-found', message: 'no such file or directory' }]);
  });

  test('reports a directory without manifests', async () => {
    write('empty/notes.txt', 'hello');
    const result = await loadManifests(['empty'], { cwd: dir });
    expect(result.errors).toEqual([{ file: 'empty', code: 'no-manifests', message: 'no .yaml, .yml or .json files in this directory' }]);
  });

  test('refuses a file above the size limit without reading it', async () => {
    write('big.yaml', `${cm('big')}data:\n  x: "${'x'.repeat(2000)}"\n`);
    const result = await loadManifests(['big.yaml'], { cwd: dir, maxFileBytes: 1000 });
    expect(result.documents).toEqual([]);
    expect(result.errors).toEqual([{ file: 'big.yaml', code: 'too-large', message: expect.stringMatching(/^\d+ bytes is larger than the limit of 1000 bytes$/) }]);
  });

  test('refuses binary data', async () => {
    write('bin.yaml', Buffer.from([0x61, 0x3a, 0x0a, 0x00, 0x01, 0x02]));
    const result = await loadManifests(['bin.yaml'], { cwd: dir });
    expect(result.errors).toEqual([{ file: 'bin.yaml', line: 2, code: 'binary', message: 'binary data (NUL byte); expected UTF-8 YAML or JSON' }]);
  });

  test('refuses invalid UTF-8 and gives the line of the first bad byte', async () => {
    write('latin1.yaml', Buffer.concat([Buffer.from(cm('a')), Buffer.from('data:\n  city: M'), Buffer.from([0xfc]), Buffer.from('nchen\n')]));
    const result = await loadManifests(['latin1.yaml'], { cwd: dir });
    expect(result.errors).toEqual([{ file: 'latin1.yaml', line: 6, code: 'encoding', message: expect.stringMatching(/^invalid UTF-8 \(byte 0xfc at offset \d+\)$/) }]);
  });

  test('names UTF-16 instead of calling it binary', async () => {
    write('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cm('a'), 'utf16le')]));
    const result = await loadManifests(['utf16.yaml'], { cwd: dir });
    expect(result.errors).toEqual([{ file: 'utf16.yaml', code: 'encoding', message: 'the file is UTF-16LE; convert it to UTF-8' }]);
  });

  test('accepts a UTF-8 byte-order mark', async () => {
    write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cm('a'))]));
    const result = await loadManifests(['bom.yaml'], { cwd: dir });
    expect(result.errors).toEqual([]);
    expect(names(result)).toEqual(['a']);
  });

  test('reports an empty file named explicitly, but not an empty file inside a directory', async () => {
    write('empty.yaml', '# nothing here\n');
    write('m/empty.yaml', '');
    write('m/a.yaml', cm('a'));
    const result = await loadManifests(['empty.yaml', 'm'], { cwd: dir });
    expect(names(result)).toEqual(['a']);
    expect(result.errors).toEqual([{ file: 'empty.yaml', code: 'empty', message: 'no documents (the input is empty or only comments)' }]);
  });

  test('reports no input at all', async () => {
    expect((await loadManifests([], { cwd: dir })).errors).toEqual([expect.objectContaining({ code: 'empty' })]);
  });

  test('reads stdin for -', async () => {
    const result = await loadManifests(['-'], { cwd: dir, stdin: Readable.from([Buffer.from(cm('in'))]) });
    expect(result).toEqual({ documents: [{ doc: expect.anything(), source: { file: '<stdin>', document: 1, line: 1 } }], errors: [], skipped: [] });
  });

  test('names stdin after the file it stands for, as the paths of files are named, in sources and errors', async () => {
    const named = await loadManifests(['-'], { cwd: dir, stdin: Readable.from([Buffer.from(cm('in'))]), stdinName: './chart/../chart/rendered.yaml' });
    expect(named.documents.map(d => d.source)).toEqual([{ file: join('chart', 'rendered.yaml'), document: 1, line: 1 }]);
    const outside = await loadManifests(['-'], { cwd: dir, stdin: Readable.from([]), stdinName: '/elsewhere/app.yaml' });
    expect(outside.errors).toEqual([{ file: resolve('/elsewhere/app.yaml'), code: 'empty', message: 'no documents (the input is empty or only comments)' }]);
  });

  test('reports empty stdin', async () => {
    const result = await loadManifests(['-'], { cwd: dir, stdin: Readable.from([]) });
    expect(result.errors).toEqual([{ file: '<stdin>', code: 'empty', message: 'no documents (the input is empty or only comments)' }]);
  });

  test('stops reading stdin at the size limit', async () => {
    let produced = 0;
    const endless = new Readable({ read() { produced += 1024; this.push(Buffer.alloc(1024, 0x61)); } });
    const result = await loadManifests(['-'], { cwd: dir, stdin: endless, maxFileBytes: 64 * 1024 });
    expect(result.errors).toEqual([{ file: '<stdin>', code: 'too-large', message: 'larger than the limit of 65536 bytes' }]);
    expect(produced).toBeLessThan(1024 * 1024);
    endless.destroy();
  });

  test('refuses a special file instead of blocking on it', async () => {
    const fifo = join(dir, 'pipe.yaml');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo on this system
    }
    const result = await loadManifests(['pipe.yaml'], { cwd: dir });
    expect(result.errors).toEqual([{ file: 'pipe.yaml', code: 'not-a-file', message: 'not a regular file' }]);
  });

  test('follows symbolic links but never loops', async () => {
    write('m/a.yaml', cm('a'));
    symlinkSync(join(dir, 'm'), join(dir, 'm', 'loop'));
    const result = await loadManifests(['m'], { cwd: dir });
    expect(result.errors).toEqual([]);
    expect(names(result)).toEqual(['a']);
  });

  test('names the manifests of a directory it cannot read: dangling links, pipes and devices; links elsewhere that lead nowhere are not manifests', async () => {
    write('m/a.yaml', cm('a'));
    symlinkSync(join(dir, 'missing', 'app.yaml'), join(dir, 'm', 'app.yaml'));
    symlinkSync('/dev/null', join(dir, 'm', 'null.yaml'));
    symlinkSync(join(dir, 'missing'), join(dir, 'm', 'README'));
    const result = await loadManifests(['m'], { cwd: dir });
    expect(names(result)).toEqual(['a']);
    expect(result.errors).toEqual([
      { file: 'm/app.yaml', code: 'not-found', message: 'no such file or directory' },
      { file: 'm/null.yaml', code: 'not-a-file', message: 'is not a regular file (a pipe, socket or device), so it was not read' },
    ]);
    mkdirSync(join(dir, 'n'));
    symlinkSync(join(dir, 'missing', 'app.yaml'), join(dir, 'n', 'app.yaml'));
    expect((await loadManifests(['n'], { cwd: dir })).errors).toEqual([{ file: 'n/app.yaml', code: 'not-found', message: 'no such file or directory' }]);
  });

  test('refuses a directory tree larger than the directory limit, instead of walking it', async () => {
    for (const d of ['a', 'b', 'c', 'd']) write(`m/${d}/x.yaml`, cm(d));
    const refused = await loadManifests(['m'], { cwd: dir, maxDirectories: 4 });
    expect(refused.documents).toEqual([]);
    expect(refused.errors).toEqual([{ file: 'm', code: 'too-many-directories',
      message: 'holds more than 4 directories, so none of it was read; name the directories that hold the manifests' }]);
    expect(names(await loadManifests(['m'], { cwd: dir, maxDirectories: 5 }))).toEqual(['a', 'b', 'c', 'd']);
  });

  test('keeps the good documents of a file that also holds bad ones', async () => {
    write('mixed.yaml', `${cm('a')}---\nkey: [unclosed\n---\nhello\n---\n${cm('b')}`);
    const result = await loadManifests(['mixed.yaml'], { cwd: dir });
    expect(names(result)).toEqual(['a', 'b']);
    expect(result.errors.map(e => [e.document, e.code])).toEqual([[2, 'syntax'], [3, 'not-kubernetes']]);
  });

  test('counts the object limit across files', async () => {
    write('m/a.yaml', `${cm('a1')}---\n${cm('a2')}`);
    write('m/b.yaml', `${cm('b1')}---\n${cm('b2')}`);
    const result = await loadManifests(['m'], { cwd: dir, maxDocuments: 3 });
    expect(names(result)).toEqual(['a1', 'a2', 'b1']);
    expect(result.errors).toEqual([expect.objectContaining({ file: 'm/b.yaml', document: 2, code: 'too-many-documents' })]);
  });
});
