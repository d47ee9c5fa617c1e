import { parseManifests } from '../../../src/compliance/load';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('parseManifests', () => {
  test('returns every object of a multi-document YAML with its document number and start line', () => {
    const text = `# leading comment\n${cm('a')}---\n${cm('b')}`;
    const result = parseManifests(text, 'app.yaml');
    expect(result.errors).toEqual([]);
    expect(result.documents.map(d => [(d.doc as any).metadata.name, d.source])).toEqual([
      ['a', { file: 'app.yaml', document: 1, line: 2 }],
      ['b', { file: 'app.yaml', document: 2, line: 7 }],
    ]);
  });

  test('reads JSON, which is YAML', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }, null, '\t');
    const result = parseManifests(text, 'ns.json');
    expect(result.errors).toEqual([]);
    expect(result.documents[0].doc).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  });

  test('skips empty documents but counts them, so numbers match what a reader counts', () => {
    const result = parseManifests(`---\n---\n# only a comment\n---\n${cm('c')}`, 'f.yaml');
    expect(result.documents.map(d => d.source.document)).toEqual([3]);
    expect(result.nonEmpty).toBe(1);
  });

  test('expands kind: List into its items, each keeping the document and starting on its own line', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n'
      + '- {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n'
      + '- apiVersion: v1\n  kind: Secret\n  metadata: {name: s}\n'
      + '- apiVersion: v1\n  kind: List\n  items:\n  - {apiVersion: v1, kind: ServiceAccount, metadata: {name: a}}\n';
    const result = parseManifests(`---\n${text}`, 'list.yaml');
    expect(result.errors).toEqual([]);
    expect(result.documents.map(d => (d.doc as any).kind)).toEqual(['ConfigMap', 'Secret', 'ServiceAccount']);
    // A list inside a list keeps the line of its outer item.
    expect(result.documents.map(d => d.source)).toEqual([
      { file: 'list.yaml', document: 1, line: 5 }, { file: 'list.yaml', document: 1, line: 6 }, { file: 'list.yaml', document: 1, line: 9 },
    ]);
  });

  test('gives the items of a typed list (DeploymentList) the apiVersion and kind they omit', () => {
    const text = 'apiVersion: apps/v1\nkind: DeploymentList\nitems:\n- metadata: {name: api}\n  spec: {}\n';
    const [d] = parseManifests(text, 'l.yaml').documents;
    expect(d.doc).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: {} });
  });

  test('reports list items that are not Kubernetes objects by their path', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n- 42\n';
    const result = parseManifests(text, 'l.yaml');
    expect(result.documents).toHaveLength(1);
    expect(result.errors).toEqual([expect.objectContaining({
      file: 'l.yaml', document: 1, code: 'not-kubernetes', message: expect.stringMatching(/^items\[1\]: not a Kubernetes object: expected a mapping/),
    })]);
  });

  test('reports a document that is not a Kubernetes object and still returns the others', () => {
    const result = parseManifests(`${cm('a')}---\nfoo: bar\n---\n${cm('b')}`, 'mixed.yaml');
    expect(result.documents.map(d => (d.doc as any).metadata.name)).toEqual(['a', 'b']);
    expect(result.errors).toEqual([{ file: 'mixed.yaml', document: 2, line: 6, code: 'not-kubernetes', message: 'not a Kubernetes object: missing apiVersion' }]);
  });

  test('reports invalid YAML with its document, line and column, and keeps the valid documents', () => {
    const result = parseManifests(`${cm('a')}---\nmetadata:\n  name: [unclosed\n---\n${cm('b')}`, 'bad.yaml');
    expect(result.documents.map(d => (d.doc as any).metadata.name)).toEqual(['a', 'b']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: 'bad.yaml', document: 2, code: 'syntax' });
    expect(result.errors[0].line).toBeGreaterThanOrEqual(7);
    expect(result.errors[0].message).not.toContain('\n');
  });

  test('refuses duplicate keys and names the key', () => {
    const result = parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n', 'dup.yaml');
    expect(result.documents).toEqual([]);
    expect(result.errors).toEqual([{ file: 'dup.yaml', document: 1, line: 5, column: 3, code: 'duplicate-key', message: 'duplicate key "name": the same mapping sets it at line 4, column 3 already (keep one of them)' }]);
  });

  test('refuses a key that is a sequence or mapping, which JSON cannot hold, without a runtime warning', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const result = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  ? [k1, k2]\n  : v\n---\n{ {a: 1}: b }\n', 'keys.yaml');
      expect(result.documents).toEqual([]);
      expect(result.errors).toEqual([
        { file: 'keys.yaml', document: 1, line: 6, column: 5, code: 'syntax', message: 'the key ["k1","k2"] is a mapping or sequence, which JSON and Kubernetes objects cannot hold' },
        { file: 'keys.yaml', document: 2, line: 9, column: 3, code: 'syntax', message: 'the key {"a":1} is a mapping or sequence, which JSON and Kubernetes objects cannot hold' },
      ]);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test('names the key of a duplicate in JSON too', () => {
    const result = parseManifests('{"apiVersion": "v1", "kind": "Pod", "kind": "Service"}', 'dup.json');
    expect(result.errors).toEqual([{ file: 'dup.json', document: 1, line: 1, column: 37, code: 'duplicate-key', message: 'duplicate key "kind": the same mapping sets it at line 1, column 22 already (keep one of them)' }]);
  });

  test('reports an alias to an undefined anchor as a syntax error', () => {
    expect(parseManifests('a: *nowhere\n', 'x.yaml').errors).toEqual([expect.objectContaining({ code: 'syntax', message: expect.stringContaining('Unresolved alias') })]);
  });

  test('refuses an alias bomb (billion laughs) without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n${levels.map(l => `  ${l}`).join('\n')}\n`;
    const started = Date.now();
    const result = parseManifests(text, 'bomb.yaml');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.documents).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ file: 'bomb.yaml', document: 1, code: 'alias-limit' })]);
  });

  test('reads floats as go-yaml does: a digit before or after the point, so e1, . and ._ stay strings', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {e1: a, E5: b, dot: ., u: ._, f: 1.5, g: .5, h: 1e3, i: 1_000.5, k: 3., l: -.5e1, m: 1e}\n';
    const result = parseManifests(text, 'f.yaml');
    expect(result.errors).toEqual([]);
    expect((result.documents[0].doc as any).data).toEqual({ e1: 'a', E5: 'b', dot: '.', u: '._', f: 1.5, g: 0.5, h: 1000, i: 1000.5, k: 3, l: -5, m: '1e' });
  });

  test('bounds what aliases copy across the whole file, not per document', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `k${i}: 1`).join(', ');
    const doc = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m${n}}\nanchor: &a {${keys}}\n${Array.from({ length: 30 }, (_, i) => `m${i}: {<<: *a}`).join('\n')}\n`;
    const result = parseManifests(Array.from({ length: 20 }, (_, n) => doc(n)).join('---\n'), 'm.yaml');
    // each document copies 30 × 4000 = 120,000 nodes: the first eight fit in the million
    expect(result.documents).toHaveLength(8);
    expect(result.errors).toHaveLength(12);
    expect(result.errors[0]).toEqual(expect.objectContaining({ document: 9, code: 'alias-limit', message: 'aliases and merge keys copy more than 1000000 nodes in the file (an alias bomb?)' }));
  });

  test('still resolves a few ordinary aliases', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &l {app: x}\n  annotations: *l\n';
    const [d] = parseManifests(text, 'a.yaml').documents;
    expect((d.doc as any).metadata.annotations).toEqual({ app: 'x' });
  });

  test('refuses a document nested too deep alone, and a file holding one nested ten times too deep whole, before parsing it', () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const one = parseManifests(`${cm('ok')}---\n${nested(500)}\n`, 'deep.yaml');
    expect(one.documents).toHaveLength(1);
    expect(one.errors).toEqual([{ file: 'deep.yaml', document: 2, line: 6, code: 'too-deep', message: 'nested more than 100 levels deep' }]);
    // Without the scan ahead, parsing a million levels takes gigabytes; block indicators on one line nest as deep.
    const padding = `# ${'x'.repeat(70_000)}\n`;
    for (const deep of [nested(1_000_000), `${'- '.repeat(1_000_000)}x`]) {
      const whole = parseManifests(`${padding}${cm('ok')}---\n${deep}\n`, 'deep.yaml');
      expect(whole.documents).toEqual([]);
      expect(whole.errors).toEqual([{ file: 'deep.yaml', document: 2, line: 6, code: 'too-deep', message: 'nested more than 1000 levels deep; the file is not read' }]);
    }
  });

  test('refuses a file with a document of too many tokens before building its syntax tree', () => {
    const text = `# header\n${cm('a')}...\n---\n${cm('b')}---\n[${Array(400).fill('1').join(',')}]\n`;
    const result = parseManifests(text, 'dense.yaml', { maxTokens: 500 });
    expect(result.documents).toEqual([]);
    expect(result.errors).toEqual([{ file: 'dense.yaml', document: 3, line: 12, code: 'too-complex',
      message: 'more than 500 YAML tokens in the file (reached in this document); the file is not read (split the file, or raise --max-file-size)' }]);
    expect(parseManifests(text, 'dense.yaml', { maxTokens: 2000 }).errors.map(e => e.code)).toEqual(['not-kubernetes']);
  });

  test('counts every line break, those inside the tokens of a broken document too, so that the next documents keep their lines', () => {
    const result = parseManifests(`- a\n]x\ny\n---\n${cm('b')}`, 'broken.yaml');
    expect(result.errors).toEqual([expect.objectContaining({ document: 1, line: 2, code: 'syntax' })]);
    expect(result.documents.map(d => d.source)).toEqual([{ file: 'broken.yaml', document: 2, line: 5 }]);
  });

  test('refuses deep block nesting above the configured depth', () => {
    const text = Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' x\n';
    expect(parseManifests(text, 'd.yaml', { maxDepth: 20 }).errors[0].code).toBe('too-deep');
    expect(parseManifests(text, 'd.yaml', { maxDepth: 40 }).errors[0].code).toBe('not-kubernetes');
  });

  test('refuses nesting built up through chained aliases', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: a}', 'data:', `  x0: &x0 ${'['.repeat(30)}1${']'.repeat(30)}`];
    for (let i = 1; i < 5; i++) lines.push(`  x${i}: &x${i} ${'['.repeat(30)}*x${i - 1}${']'.repeat(30)}`);
    const result = parseManifests(lines.join('\n'), 'chain.yaml');
    expect(result.errors).toEqual([expect.objectContaining({ code: 'too-deep', message: expect.stringContaining('once aliases are expanded') })]);
  });

  test('reads scalars as Kubernetes does (go-yaml v2: YAML 1.1 booleans and octals, no base 60, no timestamps)', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  privileged: yes\n  ro: off\n  mode: 0644\n'
      + '  port: 8080:80\n  when: 2024-01-01\n  plain: "yes"\n';
    const [d] = parseManifests(text, 'p.yaml').documents;
    expect((d.doc as any).spec).toEqual({ privileged: true, ro: false, mode: 420, port: '8080:80', when: '2024-01-01', plain: 'yes' });
  });

  test('reads numbers with Go\'s parsers, as kubectl does, not with YAML 1.1\'s patterns; explicit tags still apply', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsGroup: 0_, fsGroup: 0b-0, supplementalGroups: [0o0, +0_, 0X0]}\n'
      + '  a: .5_5\n  b: 0x_\n  c: 1e400\n  d: 08\n  e: "0o17"\n  f: !!float 1\n  g: !!str 0o17\n  h: .inf\n  i: e1\n';
    const [d] = parseManifests(text, 'p.yaml').documents;
    const spec = (d.doc as any).spec;
    expect(spec.securityContext).toEqual({ runAsGroup: 0, fsGroup: 0, supplementalGroups: [0, 0, 0] });
    expect(spec).toMatchObject({ a: 0.55, b: '0x_', c: '1e400', d: 8, e: '0o17', f: 1, g: '0o17', h: Infinity, i: 'e1' });
  });

  test('stops at the object limit and says so', () => {
    const text = [cm('a'), cm('b'), cm('c')].join('---\n');
    const result = parseManifests(text, 'many.yaml', { maxDocuments: 2 });
    expect(result.documents).toHaveLength(2);
    expect(result.truncated).toBe(true);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'too-many-documents', document: 3 })]);
  });

  test('stops reading a file after too many (even empty) YAML documents', () => {
    const result = parseManifests('---\n'.repeat(50), 'seps.yaml', { maxDocuments: 10 });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'too-many-documents', document: 11 })]);
    expect(result.truncated).toBe(false);
  });

  test('stops reading a file after too many documents without a kind, each of which would cost an error, in YAML and in JSON', () => {
    for (const [file, text] of [['empty-maps.yaml', '{}\n---\n'.repeat(50)], ['empty-maps.json', '{}\n'.repeat(50)], ['numbers.json', '[1]\n'.repeat(50)]]) {
      const result = parseManifests(text, file, { maxDocuments: 10 });
      expect(result.errors.map(e => e.code)).toEqual([...Array(10).fill('not-kubernetes'), 'too-many-documents']);
      expect(result.errors[10]).toEqual(expect.objectContaining({ document: 11, message: 'more than 10 YAML documents in one file; the rest of the file is not read' }));
    }
  });

  test('a refusal of the rest of the file past the document cap keeps its own reason', () => {
    // 3 tokens for the first `{}`, 4 for each later one: past 100 at the 26th.
    const result = parseManifests('{}\n'.repeat(50), 'dense.json', { maxDocuments: 10, maxTokens: 100 });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'too-complex', document: 26 })]);
  });

  test('finds duplicate keys in huge mappings in linear time', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `k${i}: v`);
    const started = Date.now();
    const result = parseManifests(`${keys.join('\n')}\nk7: again\n`, 'big.yaml');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.errors).toEqual([{ file: 'big.yaml', document: 1, line: 200_001, column: 1, code: 'duplicate-key', message: 'duplicate key "k7": the same mapping sets it at line 8, column 1 already (keep one of them)' }]);
  });

  test('counts keys equal once they are strings (1 and "1") as duplicates, but not merge keys', () => {
    expect(parseManifests('a:\n  1: x\n  "1": y\n', 'x.yaml').errors[0]).toMatchObject({ code: 'duplicate-key', message: 'duplicate key "1": the same mapping sets it at line 2, column 3 already (keep one of them)' });
    const merged = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\nbase: &b {p: 1}\nmore: &c {q: 2}\ndata:\n  <<: *b\n  <<: *c\n', 'm.yaml');
    expect(merged.errors).toEqual([]);
    expect((merged.documents[0].doc as any).data).toEqual({ p: 1, q: 2 });
  });

  test('never throws, whatever the text', () => {
    for (const text of ['', '\t', ':', '- - -', '{', '"', '!!binary xyz', '%YAML 3.0\n---\na: 1', '*undefined', '? [a]\n: b', '---\n...\n...\n']) {
      expect(() => parseManifests(text, 'x.yaml')).not.toThrow();
    }
  });
});
