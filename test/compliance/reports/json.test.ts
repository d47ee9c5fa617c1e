import { resolveConfig } from '../../../src/compliance/config';
import { JSON_REPORT_FORMAT, toJsonReport } from '../../../src/compliance/reports/json';
import { sampleReport } from './fixtures';

describe('toJsonReport', () => {
  const json = toJsonReport(sampleReport());

  test('is identical from one day to the next and carries no date of the run', () => {
    const today = JSON.stringify(toJsonReport(sampleReport('2026-11-27')));
    expect(JSON.stringify(toJsonReport(sampleReport('2026-12-31')))).toBe(today);
    expect(today).not.toContain('2026-11-27');
    expect(json.config).not.toHaveProperty('today');
  });

  test('records the resolved configuration', () => {
    const expected: Record<string, unknown> = { ...resolveConfig({ today: '2026-11-27' }) };
    delete expected.today;
    delete expected.todayFromSettings;
    expect(json.config).toEqual(expected);
  });

  test('records the date the settings gave, against which expiry dates were judged', () => {
    const set = toJsonReport(sampleReport('2000-01-01', true));
    expect(set.config.today).toBe('2000-01-01');
    expect(set.config).not.toHaveProperty('todayFromSettings');
  });

  test('counts the evaluations and findings', () => {
    expect(json.format).toBe(JSON_REPORT_FORMAT);
    expect(json.version).toBe(2);
    expect(json.summary).toEqual({
      controls: 3, objects: 4, evaluations: 7, passed: 3, failed: 3, suppressed: 1, findings: 3,
      findingsBySeverity: { critical: 1, high: 1, medium: 1, low: 0 }, objectsWithFindings: 3, rejectedDocuments: 1,
    });
  });

  test('lists findings with object, source, path and remediation', () => {
    expect(json.findings[0]).toEqual({
      controlId: 'demo-non-root', title: 'Containers run as a non-root user', severity: 'high', criteria: ['CC6.1', 'CC6.8'],
      object: {
        ref: 'Deployment/team/api', apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'team', name: 'api',
        source: { file: 'manifests/app.yaml', document: 1, line: 1, constructPath: 'app/api/Resource' },
      },
      message: 'container "app": runAsNonRoot is not true',
      path: 'spec.template.spec.containers[0].securityContext.runAsNonRoot',
      remediation: 'Set securityContext.runAsNonRoot: true on the pod.',
    });
    expect(json.findings.map(f => `${f.controlId} ${f.object.ref}`)).toEqual([
      'demo-non-root Deployment/team/api', 'demo-replicas Deployment/team/web', 'demo-broken Control/demo-broken',
    ]);
  });

  test('lists suppressions with their reason and expiry', () => {
    expect(json.suppressions).toEqual([expect.objectContaining({
      controlId: 'demo-non-root', reason: 'vendor image needs root until SEC-142 lands', expires: '2027-03-31',
      object: expect.objectContaining({ ref: 'Deployment/team/web' }),
    })]);
  });

  test('gives per-control results with every evaluation and the count of objects not applicable', () => {
    const nonRoot = json.controls.find(c => c.id === 'demo-non-root')!;
    expect(nonRoot).toMatchObject({ passed: 1, failed: 1, suppressed: 1, notApplicable: 1, suppressible: true });
    expect(nonRoot.evaluations.map(e => [e.object, e.status])).toEqual([
      ['Deployment/team/api', 'failed'], ['Deployment/team/web', 'suppressed'],
    ]);
    expect(nonRoot.passedObjects).toEqual(['Deployment/team/worker']);
    for (const c of json.controls) expect(c.evaluations.length + c.passedObjects.length).toBe(c.passed + c.failed + c.suppressed);
    expect(nonRoot.evaluations[1]).toMatchObject({ reason: 'vendor image needs root until SEC-142 lands', expires: '2027-03-31' });
    expect(json.controls.find(c => c.id === 'demo-broken')).toMatchObject({ failed: 1, notApplicable: 4, suppressible: false });
  });

  test('lists every object and every rejected document', () => {
    expect(json.objects.map(o => o.ref)).toEqual(['Deployment/team/api', 'Deployment/team/web', 'Deployment/team/worker', 'ConfigMap/team/settings']);
    expect(json.rejected).toEqual([{ source: { file: 'manifests/notes.yaml', document: 1, line: 1 }, reason: 'expected a mapping with apiVersion, kind and metadata, got string' }]);
  });

  test('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
