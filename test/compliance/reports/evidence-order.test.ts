import { defineControl, fail, pass } from '../../../src/compliance/control';
import { runCompliance } from '../../../src/compliance/engine';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { toJsonReport } from '../../../src/compliance/reports/json';
import { toEvidenceMarkdown } from '../../../src/compliance/reports/markdown';
import { deployment } from '../helpers';

/** Fails `zeta` three times (paths out of order) before passing `alpha` plainly and `beta` with a remark, and never looks at the ConfigMap. */
const unordered = defineControl({
  id: 'demo-unordered',
  title: 'Results in no particular order',
  condition: 'Holds for alpha only.',
  severity: 'low',
  criteria: ['CC8.1'],
  references: {},
  remediation: 'None.',
  check: ctx => {
    const [alpha, , zeta, beta] = ctx.index.ofKind('Deployment');
    return [fail(zeta, 'second', 'spec.b'), fail(zeta, 'first', 'spec.a'), pass(alpha), fail(zeta, 'third', 'spec.a'), pass(beta, 'verified')];
  },
});

const report = () => runCompliance(ManifestIndex.fromObjects([
  deployment('alpha', { containers: [] }),
  deployment('alpha', { containers: [] }),
  deployment('zeta', { containers: [] }),
  deployment('beta', { containers: [] }),
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team' } },
]), { controls: [unordered], config: { today: '2026-11-27' } });

describe('evidence of one control', () => {
  test('tables the remarked rows by object ref, then path, keeping the engine order of equal paths', () => {
    const md = toEvidenceMarkdown(report());
    const control = md.slice(md.indexOf('<a id="control-demo-unordered">'), md.indexOf('## Objects'));
    const rows = control.split('\n').filter(l => l.startsWith('| `Deployment/'));
    expect(rows.map(r => `${r.split(' | ')[0]} ${r.split(' | ').slice(2).join(' | ')}`)).toEqual([
      '| `Deployment/team/beta` passed | verified |',
      '| `Deployment/team/zeta` failed | first (at `spec.a`) |',
      '| `Deployment/team/zeta` failed | third (at `spec.a`) |',
      '| `Deployment/team/zeta` failed | second (at `spec.b`) |',
    ]);
    expect(control).toContain('Passed with nothing to remark (1):\n\n- Deployment in `team` (1): `alpha`\n');
  });

  test('lists the remarked evaluations of the JSON report in engine order, and the plain passes by ref', () => {
    const control = toJsonReport(report()).controls[0];
    expect(control.evaluations.map(e => `${e.status} ${e.message}`)).toEqual(['failed second', 'failed first', 'failed third', 'passed verified']);
    expect(control.passedObjects).toEqual(['Deployment/team/alpha']);
  });

  test('counts as not applicable only the objects whose ref no evaluation names, duplicates included', () => {
    expect(toJsonReport(report()).controls[0]).toMatchObject({ passed: 2, failed: 3, notApplicable: 1 });
    expect(toEvidenceMarkdown(report())).toContain('- Result: 2 passed, 3 failed, 0 suppressed, 1 not applicable');
  });

  test('gives the source of every object once, ordered by ref', () => {
    const md = toEvidenceMarkdown(report());
    const objects = md.slice(md.indexOf('## Objects')).split('\n').filter(l => l.startsWith('| `'));
    expect(objects.map(r => r.split(' | ')[0])).toEqual([
      '| `ConfigMap/team/settings`', '| `Deployment/team/alpha`', '| `Deployment/team/alpha`', '| `Deployment/team/beta`', '| `Deployment/team/zeta`',
    ]);
    expect(objects[0]).toBe('| `ConfigMap/team/settings` | document 5 |');
  });
});
