import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findSynthesizedYaml, parseManifests } from './load';

describe('manifest loading for the scanner mirrors', () => {
  test('reads every non-empty document of a multi-document YAML text', () => {
    const objects = parseManifests('---\nkind: A\n---\n---\nkind: B\n');
    expect(objects.map(o => o.kind)).toEqual(['A', 'B']);
  });

  test('names the file and document of a YAML error', () => {
    expect(() => parseManifests('kind: A\n---\nkind: [B\n', 'x.k8s.yaml')).toThrow(/^x\.k8s\.yaml document 2: /);
  });

  test('finds *.k8s.yaml files in nested folders and nothing in a missing folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-'));
    fs.mkdirSync(path.join(dir, 'sub'));
    for (const f of ['b.k8s.yaml', 'sub/a.k8s.yaml', 'report.md', 'c.yaml']) fs.writeFileSync(path.join(dir, f), 'kind: X\n');
    expect(findSynthesizedYaml(dir).map(f => path.relative(dir, f))).toEqual(['b.k8s.yaml', path.join('sub', 'a.k8s.yaml')]);
    expect(findSynthesizedYaml(path.join(dir, 'missing'))).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
