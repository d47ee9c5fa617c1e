import { defineControl, fail, failuresOrPass, pass } from '../../src/compliance/control';
import { runCompliance, suppressionProblem } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { parseSuppression, suppressionKey, suppressionValue } from '../../src/compliance/suppressions';
import { Control } from '../../src/compliance/types';

const cm = (name: string, annotations?: Record<string, string>) =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'team', ...(annotations ? { annotations } : {}) }, data: {} });

const noBadNames = defineControl({
  id: 'test-no-bad-names', title: 'No bad names', condition: 'ConfigMaps are not named bad.', severity: 'high',
  criteria: ['CC6.1'], references: {}, remediation: 'rename it',
  check: ctx => ctx.index.ofKind('ConfigMap').map(o => (o.name.startsWith('bad') ? fail(o, 'is bad', 'metadata.name') : pass(o))),
});
const locked = defineControl({ ...noBadNames, id: 'test-locked', suppressible: false });
const throws: Control = defineControl({ ...noBadNames, id: 'test-throws', check: () => { throw new Error('boom'); } });

function run(objects: unknown[], controls: Control[] = [noBadNames], today = '2026-11-27', maxSuppressionDays?: number) {
  return runCompliance(ManifestIndex.fromObjects(objects), { controls, config: { today, maxSuppressionDays } });
}

describe('the engine', () => {
  test('records every evaluation as evidence and only failures as findings', () => {
    const r = run([cm('good'), cm('bad-one')]);
    expect(r.evaluations.map(e => [e.object.name, e.status])).toEqual([['good', 'passed'], ['bad-one', 'failed']]);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ controlId: 'test-no-bad-names', message: 'is bad', path: 'metadata.name', severity: 'high' });
    expect(r.findings[0].object.ref).toBe('ConfigMap/team/bad-one');
  });

  test('a valid suppression turns a failure into a suppressed evaluation with its reason', () => {
    const r = run([cm('bad-one', { [suppressionKey('test-no-bad-names')]: suppressionValue('legacy name kept for the billing export', '2027-01-31') })]);
    expect(r.findings).toEqual([]);
    expect(r.evaluations[0].status).toBe('suppressed');
    expect(r.evaluations[0].suppression).toEqual({ controlId: 'test-no-bad-names', reason: 'legacy name kept for the billing export', expires: '2027-01-31' });
  });

  test('an expired suppression no longer applies', () => {
    const r = run([cm('bad-one', { [suppressionKey('test-no-bad-names')]: 'until 2026-11-26: legacy name kept for the export' })]);
    expect(r.findings).toHaveLength(1);
  });

  test('a suppression without a real reason does not apply', () => {
    const r = run([cm('bad-one', { [suppressionKey('test-no-bad-names')]: 'TODO' })]);
    expect(r.findings).toHaveLength(1);
  });

  test('a control that cannot be suppressed ignores suppressions', () => {
    const r = run([cm('bad-one', { [suppressionKey('test-locked')]: 'legacy name kept for the billing export' })], [locked]);
    expect(r.findings.map(f => f.controlId)).toEqual(['test-locked']);
  });

  test('a control that throws becomes a finding and the run goes on', () => {
    const r = run([cm('bad-one')], [throws, noBadNames]);
    expect(r.findings.map(f => [f.controlId, f.object.ref])).toEqual([
      ['test-throws', 'Control/test-throws'],
      ['test-no-bad-names', 'ConfigMap/team/bad-one'],
    ]);
    expect(r.findings[0].message).toBe('the control could not be evaluated: boom');
  });

  test('only, skip and minSeverity filter the controls', () => {
    const low = defineControl({ ...noBadNames, id: 'test-low', severity: 'low' });
    const objects = ManifestIndex.fromObjects([cm('bad')]);
    expect(runCompliance(objects, { controls: [noBadNames, low], only: ['test-low'] }).controls.map(c => c.id)).toEqual(['test-low']);
    expect(runCompliance(objects, { controls: [noBadNames, low], skip: ['test-low'] }).controls.map(c => c.id)).toEqual(['test-no-bad-names']);
    expect(runCompliance(objects, { controls: [noBadNames, low], minSeverity: 'medium' }).controls.map(c => c.id)).toEqual(['test-no-bad-names']);
  });

  test('documents that are not Kubernetes objects are kept apart, with their position', () => {
    const r = run([cm('good'), { hello: 'world' }, 'text', null]);
    expect(r.index.objects).toHaveLength(1);
    expect(r.rejected.map(x => [x.source.document, x.reason])).toEqual([
      [2, 'missing apiVersion'],
      [3, 'expected a mapping with apiVersion, kind and metadata, got string'],
      [4, 'expected a mapping with apiVersion, kind and metadata, got null'],
    ]);
  });
});

describe('suppression annotations', () => {
  test('parse the expiry prefix', () => {
    expect(parseSuppression('x', 'until 2027-03-31: vendor image writes /var/cache')).toEqual({ controlId: 'x', reason: 'vendor image writes /var/cache', expires: '2027-03-31' });
    expect(parseSuppression('x', 'no expiry at all here')).toEqual({ controlId: 'x', reason: 'no expiry at all here' });
    // A value quoted with a leading space or newline is still dated, not refused as an undated date.
    expect(parseSuppression('x', ' \nuntil 2027-03-31: vendor image writes /var/cache')).toEqual({ controlId: 'x', reason: 'vendor image writes /var/cache', expires: '2027-03-31' });
  });
  test('problems name what is wrong', () => {
    expect(suppressionProblem({ controlId: 'x', reason: 'n/a' }, '2026-01-01')).toMatch(/no real reason/);
    expect(suppressionProblem({ controlId: 'x', reason: 'a real reason for this', expires: '2026-13-01' }, '2026-01-01')).toMatch(/expiry "2026-13-01" that is not a day of the calendar/);
    expect(suppressionProblem({ controlId: 'x', reason: 'a real reason for this', expires: '31.12.2026' }, '2026-01-01')).toMatch(/invalid expiry "31.12.2026" \(use YYYY-MM-DD\)/);
    expect(suppressionProblem({ controlId: 'x', reason: 'a real reason for this', expires: '2025-12-31' }, '2026-01-01')).toMatch(/expired on 2025-12-31/);
    expect(suppressionProblem({ controlId: 'x', reason: 'a real reason for this', expires: '2026-01-01' }, '2026-01-01')).toBeUndefined();
  });
});

describe('defineControl', () => {
  test('refuses ids that are not kebab-case', () => {
    expect(() => defineControl({ ...noBadNames, id: 'Bad_Id' })).toThrow(/must be kebab-case/);
  });
  test('refuses controls mapped to no criterion', () => {
    expect(() => defineControl({ ...noBadNames, id: 'x-y', criteria: [] })).toThrow(/maps to no SOC 2 criterion/);
  });
});

describe('failuresOrPass', () => {
  const [object] = ManifestIndex.fromObjects([cm('app')]).objects;
  test('keeps the failures of an object that has some', () => {
    const failures = [fail(object, 'one', 'data.a'), fail(object, 'two', 'data.b')];
    expect(failuresOrPass(failures, object)).toBe(failures);
  });
  test('passes an object without failures', () => {
    expect(failuresOrPass([], object)).toEqual([pass(object)]);
  });
});

describe('controls that accept only dated windows', () => {
  const windowed = defineControl({ ...noBadNames, id: 'test-windowed', suppressionRequiresExpiry: true });
  test('an undated suppression does not apply, a dated one does', () => {
    const undated = run([cm('bad-one', { [suppressionKey('test-windowed')]: 'legacy clients are moving; SEC-201' })], [windowed]);
    expect(undated.findings).toHaveLength(1);
    const dated = run([cm('bad-one', { [suppressionKey('test-windowed')]: 'until 2027-01-31: legacy clients are moving; SEC-201' })], [windowed]);
    expect(dated.findings).toEqual([]);
    expect(suppressionProblem({ controlId: 'test-windowed', reason: 'legacy clients are moving; SEC-201' }, '2026-11-27', windowed))
      .toMatch(/has no expiry, and test-windowed accepts suppressions only as a dated window/);
  });
});

describe('the maxSuppressionDays setting', () => {
  const suppressed = (value: string) => [cm('bad-one', { [suppressionKey('test-no-bad-names')]: value })];
  const reason = 'legacy name kept for the billing export';
  const status = (value: string, maxSuppressionDays?: number) => run(suppressed(value), [noBadNames], '2026-11-27', maxSuppressionDays).evaluations[0].status;

  test('honours a suppression that expires within the limit, to its last day', () => {
    expect(status(`until 2027-11-27: ${reason}`, 365)).toBe('suppressed');
    expect(status(`until 2026-12-27: ${reason}`, 30)).toBe('suppressed');
  });

  test('does not honour one that expires a day beyond the limit, or never, which it honours without the setting', () => {
    expect(status(`until 2027-11-28: ${reason}`)).toBe('suppressed');
    expect(status(`until 2027-11-28: ${reason}`, 365)).toBe('failed');
    expect(status(reason)).toBe('suppressed');
    expect(status(reason, 365)).toBe('failed');
    const r = run(suppressed(reason), [noBadNames], '2026-11-27', 365);
    expect(r.findings.map(f => `${f.controlId} ${f.object.ref} ${f.message}`)).toEqual(['test-no-bad-names ConfigMap/team/bad-one is bad']);
  });

  test('applies the shorter of a control\'s own window and the limit', () => {
    const capped = defineControl({ ...noBadNames, id: 'test-capped', suppressionRequiresExpiry: true, maxSuppressionDays: 180 });
    const window = (expires: string, maxSuppressionDays: number) =>
      run([cm('bad-one', { [suppressionKey('test-capped')]: `until ${expires}: ${reason}` })], [capped], '2026-11-27', maxSuppressionDays).evaluations[0].status;
    expect(window('2027-05-26', 365)).toBe('suppressed');
    expect(window('2027-05-27', 365)).toBe('failed');
    expect(window('2026-12-27', 30)).toBe('suppressed');
    expect(window('2026-12-28', 30)).toBe('failed');
  });

  test('is recorded in the report\'s configuration only when set', () => {
    expect(run([cm('good')], [noBadNames], '2026-11-27', 90).config.maxSuppressionDays).toBe(90);
    expect('maxSuppressionDays' in run([cm('good')]).config).toBe(false);
  });

  test('is refused with the key, the value and the fix when it is not a positive integer of at most 3650', () => {
    for (const value of [0, -1, 1.5, '365', 3651]) {
      expect(() => runCompliance(ManifestIndex.fromObjects([]), { config: { maxSuppressionDays: value as number } }))
        .toThrow(new RegExp(`runCompliance\\(options\\.config\\.maxSuppressionDays\\) = ${JSON.stringify(value).replace('.', '\\.')}: must be .*Fix: correct the value, or remove the setting for its default`));
    }
  });
});

describe('controls that cap how long a suppression may run', () => {
  const capped = defineControl({ ...noBadNames, id: 'test-capped', suppressionRequiresExpiry: true, maxSuppressionDays: 180 });
  test('a window within the cap applies; a longer one does not', () => {
    const within = run([cm('bad-one', { [suppressionKey('test-capped')]: 'until 2027-05-26: legacy clients are moving; SEC-201' })], [capped]);
    expect(within.findings).toEqual([]);
    const beyond = run([cm('bad-one', { [suppressionKey('test-capped')]: 'until 2027-05-27: legacy clients are moving; SEC-201' })], [capped]);
    expect(beyond.findings).toHaveLength(1);
    expect(suppressionProblem({ controlId: 'test-capped', reason: 'legacy clients are moving; SEC-201', expires: '2099-12-31' }, '2026-11-27', capped))
      .toBe('suppression of test-capped runs until 2099-12-31, more than 180 days ahead (latest 2027-05-26)');
  });
});
