import * as fs from 'fs';
import * as path from 'path';
import { CATALOGUE, findControl } from '../../src/compliance/catalogue';
import { CRITERIA } from '../../src/compliance/types';

describe('the control catalogue', () => {
  test('is pinned: ids, severities, criteria and suppressibility change only as a visible diff', () => {
    const pinned = CATALOGUE.map(c => `${c.id} | ${c.severity} | ${c.criteria.join(' ')}${c.suppressible === false ? ' | not suppressible' : ''}${c.suppressionRequiresExpiry ? ' | dated windows only' : ''}`);
    expect(pinned).toMatchSnapshot();
  });

  test('holds at least 45 controls with unique kebab-case ids', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(45);
    expect(new Set(CATALOGUE.map(c => c.id)).size).toBe(CATALOGUE.length);
    for (const c of CATALOGUE) expect(c.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  test('every control is fully described: title, condition, criteria known to the report, remediation', () => {
    for (const c of CATALOGUE) {
      expect([c.id, c.title.length > 5, c.condition.endsWith('.'), c.remediation.length > 10]).toEqual([c.id, true, true, true]);
      for (const k of c.criteria) expect(Object.keys(CRITERIA)).toContain(k);
    }
  });

  test('covers every SOC 2 criterion the design names', () => {
    const covered = new Set(CATALOGUE.flatMap(c => c.criteria));
    for (const k of ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.6', 'CC6.7', 'CC6.8', 'CC7.2', 'CC8.1', 'A1.2', 'C1.1']) expect(covered).toContain(k);
  });

  test('one source file per control, named after its id, each with its own test file', () => {
    const root = path.join(__dirname, '../../src/compliance/controls');
    for (const c of CATALOGUE) {
      const area = fs.readdirSync(root).find(d => fs.existsSync(path.join(root, d, `${c.id}.ts`)));
      expect([c.id, area !== undefined]).toEqual([c.id, true]);
      expect([c.id, fs.existsSync(path.join(__dirname, 'controls', area!, `${c.id}.test.ts`))]).toEqual([c.id, true]);
    }
  });

  test('the controls that must never be waived cannot be suppressed', () => {
    for (const id of ['pod-no-privileged', 'pod-no-host-namespaces', 'pod-no-host-path', 'rbac-no-cluster-admin-binding', 'mesh-no-mtls-disable', 'objects-unique', 'workload-pod-spec-readable', 'suppression-reasoned']) {
      expect([id, findControl(id)?.suppressible]).toEqual([id, false]);
    }
  });
});
