import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { isPlainWord, YamlWriter } from '../../../constructs/private/yaml-writer';
import { kubernetesReadsPlainAsString } from '../../../src/compliance/common/go-yaml-scalar';
import { parseYamlValues } from '../../../src/compliance/load/parse';

const DIST = path.join(__dirname, '../../../dist');

/** The writer's document, after checking that the line count it reports is the text's. */
function written(writer: YamlWriter, doc: unknown): string {
  const { text, lines } = writer.documentWithLines(doc);
  expect(lines).toBe(text.split('\n').length - 1);
  return text;
}

/** Every string of a value, keys included. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsOf(v, out);
    }
  }
  return out;
}

/**
 * What cdk8s writes, when Kubernetes reads every string of the document back as written;
 * otherwise the same text but for quotes, and read back by Kubernetes' rules as the document itself.
 */
function expectCdk8sOrKubernetesSafe(text: string, doc: unknown): void {
  if (stringsOf(doc).every(kubernetesReadsPlainAsString)) {
    expect(text).toBe(Yaml.stringify(doc));
    return;
  }
  expect(text.replace(/"/g, '')).toBe(Yaml.stringify(doc).replace(/"/g, ''));
  const { values, errors } = parseYamlValues(text, 'doc.yaml');
  expect(errors).toEqual([]);
  expect(JSON.stringify(values.map(v => v.value))).toBe(JSON.stringify([doc]));
}

describe('YamlWriter writes what cdk8s writes, byte for byte', () => {
  test('for every document of the reference app', () => {
    const files = fs.readdirSync(DIST).filter(f => f.endsWith('.k8s.yaml'));
    expect(files.length).toBeGreaterThan(0);
    const writer = new YamlWriter();
    for (const f of files) {
      const docs = parseAllDocuments(fs.readFileSync(path.join(DIST, f), 'utf8')).map(d => d.toJSON());
      for (const doc of docs) expect(written(writer, doc)).toBe(Yaml.stringify(doc));
    }
  });

  test('for awkward shapes and scalars', () => {
    const writer = new YamlWriter();
    const awkward = [
      { a: {}, b: [], c: [{ x: 1, y: [1, 2], z: {} }, [1, [2]]], d: 'y', e: 'multi\nline', f: '  sp', g: 'a: b', h: '#x' },
      { 'i': '@x', 'j': '/var/x', 'k': '*/*', 'm': 1.5, 'n': null, 'weird key: x': 1, 'p': '', 'q': [[]], 'r': [{}], 's': '0755', 't': '1.0', 'u': -3 },
      { list: [{ a: [{ b: [{ c: 'd' }] }] }], yes: 'no', on: true, off: false, '': 'empty key', 'ünï': 'çødé', 'long': 'x'.repeat(300) },
      'a scalar document', 42, [], {}, [[[]]], [{ a: 1 }, 'b', [{ c: 2 }]],
    ];
    for (const doc of awkward) expect(written(writer, doc)).toBe(Yaml.stringify(doc));
  });

  test('for words it writes without asking the yaml package (names, labels, YAML 1.1 look-alikes)', () => {
    const writer = new YamlWriter();
    const chars = [...'abeEnNoOyYtTfFlLsSuUxXiI0123456789_./-+: #@'];
    const word = fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 8 }).map(cs => cs.join(''));
    let plain = 0;
    fc.assert(fc.property(word, w => {
      if (isPlainWord(w)) plain++;
      expectCdk8sOrKubernetesSafe(writer.document({ [w]: w, list: [w] }), { [w]: w, list: [w] });
    }), { numRuns: 6000 });
    expect(plain).toBeGreaterThan(600);
    for (const w of ['e5', 'E-3', 'Yes', 'OFF', 'y', 'NULL', 'app.kubernetes.io/name', 'svc-0001', 'a.5', 'a:', '/x:', 'oidc:devs', '/healthz', '/', 'r.example.com/app@sha256:0a1b', 'r.example.com:5000/app:1.2+b']) {
      expect(writer.document({ [w]: w })).toBe(Yaml.stringify({ [w]: w }));
    }
    expect(['e5', 'E-3', 'Yes', 'OFF', 'y', 'NULL', 'a:', '/x:', '@x', ':a'].filter(isPlainWord)).toEqual([]);
    expect(['oidc:devs', '/healthz', 'r.example.com/app@sha256:0a1b'].every(isPlainWord)).toBe(true);
  });

  test('for random JSON values', () => {
    const writer = new YamlWriter();
    fc.assert(fc.property(fc.jsonValue(), doc => {
      expectCdk8sOrKubernetesSafe(written(writer, doc), doc);
    }), { numRuns: 2000 });
  });
});

describe('YamlWriter quotes what Kubernetes would read as another type', () => {
  test('strings that Go\'s number parsers take, though YAML 1.1 leaves them strings, are double-quoted, keys and multi-line documents included', () => {
    const writer = new YamlWriter();
    const doc = { metadata: { name: '0o17', namespace: '0X1F', labels: { version: '0B101', build: '08', ok: '1.2.3' } }, data: { '0x_1F': '0_x1F' }, args: ['0O7', 'run'] };
    expect(written(writer, doc)).toBe([
      'metadata:', '  name: "0o17"', '  namespace: "0X1F"', '  labels:', '    version: "0B101"', '    build: "08"', '    ok: 1.2.3',
      'data:', '  "0x_1F": "0_x1F"', 'args:', '  - "0O7"', '  - run', '',
    ].join('\n'));
    // A document the fast path hands to the yaml package whole (a multi-line string) is quoted the same way.
    const multiLine = { ...doc, script: 'a\nb' };
    const text = written(writer, multiLine);
    expect(text).toContain('name: "0o17"');
    expect(text).toContain('"0x_1F": "0_x1F"');
    expect(parseYamlValues(text, 'doc.yaml').values.map(v => v.value)).toEqual([multiLine]);
  });

  test('control characters a YAML 1.1 reader refuses are escaped in double quotes; keys longer than YAML allows implicitly are written explicitly', () => {
    const writer = new YamlWriter();
    const doc = { env: [{ name: 'A', value: 'a\u0080b\u007f\u0001\ufffe' }], ['k'.repeat(1025)]: 'v' };
    const text = written(writer, doc);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/);
    expect(text).toContain(`? ${'k'.repeat(1025)}`);
    expect(parseYamlValues(text, 'doc.yaml').values.map(v => v.value)).toEqual([doc]);
  });

  test('NEL, LS and PS, line breaks to YAML 1.1, are escaped in double quotes, in the fast path and in whole documents', () => {
    const writer = new YamlWriter();
    const doc = { env: [{ name: 'A', value: 'a\u2028b' }, { name: 'B', value: 'a\u0085b\u2029' }], 'k\u2028': 'v' };
    const text = written(writer, doc);
    expect(text).toBe('env:\n  - name: A\n    value: "a\\u2028b"\n  - name: B\n    value: "a\\u0085b\\u2029"\n"k\\u2028": v\n');
    expect(parseYamlValues(text, 'doc.yaml').values.map(v => v.value)).toEqual([doc]);
    const multiLine = { ...doc, script: 'a\nb' };
    const whole = written(writer, multiLine);
    expect(whole).not.toMatch(/[\u0085\u2028\u2029]/);
    expect(parseYamlValues(whole, 'doc.yaml').values.map(v => v.value)).toEqual([multiLine]);
  });
});
