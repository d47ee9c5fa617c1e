import { defineControl, fail, pass } from '../../src/compliance/control';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { OutcomeCollector } from '../../src/compliance/outcome';
import { suppressionKey, suppressionValue } from '../../src/compliance/suppressions';
import { Evaluation } from '../../src/compliance/types';

const cm = (name: string, annotations?: Record<string, string>) =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'team', ...(annotations ? { annotations } : {}) }, data: {} });

/** Passes plainly, passes with a remark, fails (with and without path) and fails twice, by name. */
const mixed = defineControl({
  id: 'test-mixed', title: 'Mixed', condition: 'ConfigMaps are named well.', severity: 'high', criteria: ['CC6.1'], references: {},
  remediation: 'rename it',
  check: ctx => ctx.index.ofKind('ConfigMap').flatMap(o => {
    if (o.name.startsWith('noted')) return [pass(o, 'noted')];
    if (o.name.startsWith('twice')) return [fail(o, 'first', 'metadata.name'), fail(o, 'second')];
    if (o.name.startsWith('bad')) return [fail(o, 'is bad', 'metadata.name')];
    return [pass(o)];
  }),
});

const names = ['a', 'bad-1', 'b', 'noted-1', 'c', 'twice-1', 'bad-2', 'd', 'e'];

describe('control outcomes', () => {
  const index = ManifestIndex.fromObjects([
    ...names.map(n => cm(n)),
    cm('bad-3', { [suppressionKey('test-mixed')]: suppressionValue('kept for the export until it is renamed') }),
  ]);
  const report = runCompliance(index, { controls: [mixed, { ...mixed, id: 'test-mixed-2' }] });

  test('keep the plain passes as objects and every other evaluation in full', () => {
    const [outcome] = report.outcomes;
    expect(outcome.control.id).toBe('test-mixed');
    expect(outcome.passed.map(o => o.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(outcome.remarked.map(e => [e.object.name, e.status, e.message])).toEqual([
      ['bad-1', 'failed', 'is bad'], ['noted-1', 'passed', 'noted'], ['twice-1', 'failed', 'first'], ['twice-1', 'failed', 'second'],
      ['bad-2', 'failed', 'is bad'], ['bad-3', 'suppressed', 'is bad'],
    ]);
    expect(report.outcomes.map(o => o.control.id)).toEqual(['test-mixed', 'test-mixed-2']);
  });

  test('rebuild the evaluations in the order the controls returned their results', () => {
    const once = report.evaluations.filter(e => e.control.id === 'test-mixed');
    expect(once.map(e => [e.object.name, e.status])).toEqual([
      ['a', 'passed'], ['bad-1', 'failed'], ['b', 'passed'], ['noted-1', 'passed'], ['c', 'passed'], ['twice-1', 'failed'],
      ['twice-1', 'failed'], ['bad-2', 'failed'], ['d', 'passed'], ['e', 'passed'], ['bad-3', 'suppressed'],
    ]);
    expect(report.evaluations).toHaveLength(22);
    expect(report.evaluations[0]).toEqual({ control: mixed, object: index.objects[0], status: 'passed' });
    expect(report.evaluations).toBe(report.evaluations);
  });

  test('account for every evaluation and report only unsuppressed failures as findings (the suppression names the first control only)', () => {
    const total = report.outcomes.reduce((n, o) => n + o.passed.length + o.remarked.length, 0);
    expect(total).toBe(report.evaluations.length);
    expect(report.findings.map(f => f.object.name)).toEqual(['bad-1', 'twice-1', 'twice-1', 'bad-2', 'bad-1', 'twice-1', 'twice-1', 'bad-2', 'bad-3']);
  });

  test('a collector rebuilds runs of remarks at the start and the end', () => {
    const [a, b, c] = index.objects;
    const collector = new OutcomeCollector(mixed);
    const remark = (object: typeof a): Evaluation => ({ control: mixed, object, status: 'failed', message: 'm' });
    collector.addRemarked(remark(a));
    collector.addRemarked(remark(b));
    collector.addPassed(c);
    collector.addRemarked(remark(c));
    const out: Evaluation[] = [];
    collector.appendEvaluations(out);
    expect(out.map(e => [e.object.name, e.status])).toEqual([['a', 'failed'], ['bad-1', 'failed'], ['b', 'passed'], ['b', 'failed']]);
  });
});
