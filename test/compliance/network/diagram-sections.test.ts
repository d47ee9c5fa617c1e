import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveConfig } from '../../../src/compliance/config';
import { runCompliance } from '../../../src/compliance/engine';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { diagramSections, MERMAID_LIMITS } from '../../../src/compliance/network/diagram-sections';
import { computeFlows } from '../../../src/compliance/network/flows';
import { REPORT_FILES, writeReports } from '../../../src/compliance/write-reports';
import { ALLOW_DNS, DEFAULT_DENY, ingress, networkPolicy, service, workload } from './fixtures';

const model = (objects: unknown[]) => computeFlows(ManifestIndex.fromObjects(objects), resolveConfig({ today: '2026-11-27' }));
const edges = (mermaid: string) => mermaid.split('\n').filter(l => l.includes('->')).length;

describe('diagramSections', () => {
  test('is one untitled diagram while it fits what Mermaid renders', () => {
    const sections = diagramSections(model([workload('a', 'api'), workload('b', 'web')]));
    expect(sections.map(s => s.title)).toEqual([undefined]);
    expect(edges(sections[0].mermaid)).toBe(4);
  });

  test('splits a model beyond the edge limit per namespace, and a namespace beyond it into parts, each within the limits', () => {
    // Without policies each workload has two edges (any → it, it → any): 3 × 100 workloads give 600.
    const objects = ['alpha', 'beta', 'gamma'].flatMap(ns => Array.from({ length: 100 }, (_, i) => workload(ns, `w${i}`)));
    const big = Array.from({ length: 260 }, (_, i) => workload('delta', `w${i}`));
    const sections = diagramSections(model([...objects, ...big]));
    expect(sections.map(s => s.title)).toEqual([
      'namespace alpha', 'namespace beta', 'namespace delta, part 1 of 2', 'namespace delta, part 2 of 2', 'namespace gamma',
    ]);
    for (const s of sections) {
      expect(edges(s.mermaid)).toBeLessThanOrEqual(MERMAID_LIMITS.edges);
      expect(s.mermaid.length).toBeLessThanOrEqual(MERMAID_LIMITS.characters);
    }
    expect(sections.reduce((n, s) => n + edges(s.mermaid), 0)).toBe(2 * 560);
  });

  test('draws every flow: those from or to a whole namespace of the set in its section, the others apart', () => {
    const open = ['alpha', 'beta'].flatMap(ns => Array.from({ length: 150 }, (_, i) => workload(ns, `w${i}`)));
    const pay = [workload('pay', 'api', { ports: [{ containerPort: 8080 }] }), service('pay', 'api', { app: 'api' }, [{ port: 80, targetPort: 8080 }]),
      ingress('pay', 'api', 'pay.example.com', { service: 'api', port: 80 }), DEFAULT_DENY('pay'), ALLOW_DNS('pay'),
      networkPolicy('pay', 'api-in', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }] }] })];
    const m = model([...open, ...pay]);
    const sections = diagramSections(m);
    expect(sections.map(s => s.title)).toEqual(['namespace alpha', 'namespace beta', 'namespace pay', 'outside the set']);
    const drawn = sections.reduce((n, s) => n + edges(s.mermaid), 0);
    expect(drawn).toBe(m.flows.length);
    expect(sections[2].mermaid).toContain('kube-system');
    expect(sections[3].mermaid).toContain('internet');
  });

  test('keeps every part within the character limit, drawing only the nodes its flows use', () => {
    const long = (i: number) => `${'w'.repeat(50)}-${i}`;
    const sections = diagramSections(model(Array.from({ length: 1200 }, (_, i) => workload('big', long(i)))));
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) {
      expect(s.mermaid.length).toBeLessThanOrEqual(MERMAID_LIMITS.characters);
      expect(edges(s.mermaid)).toBeLessThanOrEqual(MERMAID_LIMITS.edges);
    }
    expect(sections.reduce((n, s) => n + edges(s.mermaid), 0)).toBe(2400);
  });

  test('the network document of a run holds one diagram per section, headed by its namespace', () => {
    const objects = ['alpha', 'beta', 'gamma'].flatMap(ns => Array.from({ length: 100 }, (_, i) => workload(ns, `w${i}`)));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-diagram-'));
    writeReports(runCompliance(ManifestIndex.fromObjects(objects), { controls: [], config: { today: '2026-11-27' } }), dir);
    const text = fs.readFileSync(path.join(dir, REPORT_FILES.diagram), 'utf8');
    expect(text.match(/^## .*$/gm)).toEqual(['## namespace alpha', '## namespace beta', '## namespace gamma']);
    expect(text.match(/^```mermaid$/gm)).toHaveLength(3);
    expect(text).toContain('The 600 flows are drawn per namespace');
    // The reader is told what the shapes and the dashed arrows mean before the first diagram.
    expect(text.indexOf('How to read it:')).toBeGreaterThan(0);
    expect(text.indexOf('How to read it:')).toBeLessThan(text.indexOf('```mermaid'));
    expect(text).toContain('it is dashed when one end is any source or destination, or the internet');
  });
});
