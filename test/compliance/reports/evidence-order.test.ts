import { defineControl, fail, pass } from '../../../src/compliance/control';
import { runCompliance } from '../../../src/compliance/engine';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { toJsonReport } from '../../../src/compliance/reports/json';
import { toEvidenceMarkdown } from '../../../src/compliance/reports/markdown';
import { deployment } from '../helpers';

/** Fails `zeta` twice (paths out of order) before passing `alpha`, and never looks at the ConfigMap. */
const unordered = defineControl({
  id: 'demo-unordered',
  title: 'Results in no particular order',
  condition: 'Holds for alpha only.',
  severity: 'low',
  criteria: ['CC8.1'],
  references: {},
  remediation: 'None.',
  check: ctx => {
    const [alpha, , zeta] = ctx.index.ofKind('Deployment');
    return [fail(zeta, 'second', 'spec.b'), fail(zeta, 'first', 'spec.a'), pass(alpha), fail(zeta, 'third', 'spec.a')];
  },
});

const report = () => runCompliance(ManifestIndex.fromObjects([
  deployment('alpha', { containers: [] }),
  deployment('alpha', { containers: [] }),
  deployment('zeta', { containers: [] }),
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team' } },
]), { controls: [unordered], config: { today: '2026-11-27' } });

describe('evidence of one control', () => {
  test('tables rows by object ref, then path, keeping the engine order of equal paths', () => {
    const rows = toEvidenceMarkdown(report()).split('\n').filter(l => l.startsWith('| `Deployment/'));
    expect(rows.map(r => r.split(' | ').slice(2).join(' | '))).toEqual([
      'passed |  |',
      'failed | first (at `spec.a`) |',
      'failed | third (at `spec.a`) |',
      'failed | second (at `spec.b`) |',
    ]);
  });

  test('lists the evaluations of the JSON report in engine order', () => {
    const control = toJsonReport(report()).controls[0];
    expect(control.evaluations.map(e => e.message ?? e.status)).toEqual(['second', 'first', 'passed', 'third']);
  });

  test('counts as not applicable only the objects whose ref no evaluation names, duplicates included', () => {
    expect(toJsonReport(report()).controls[0]).toMatchObject({ passed: 1, failed: 3, notApplicable: 1 });
    expect(toEvidenceMarkdown(report())).toContain('- Result: 1 passed, 3 failed, 0 suppressed, 1 not applicable');
  });
});
