import { runCompliance } from '../../../src/compliance/engine';
import { ManifestIndex } from '../../../src/compliance/manifest-index';
import { formatText } from '../../../src/compliance/reports/text';
import { suppressionKey, suppressionValue } from '../../../src/compliance/suppressions';
import { cleanReport, demoBroken, demoNonRoot, demoReplicas, sampleDocuments, sampleReport } from './fixtures';

describe('formatText', () => {
  const text = formatText(sampleReport());

  test('reads as the snapshot', () => {
    expect(text).toMatchSnapshot();
  });

  test('heads each object with its ref, file, line, document and construct path', () => {
    expect(text).toContain('Deployment/team/api  manifests/app.yaml:1 (document 1)  construct app/api/Resource\n');
    expect(text).toContain('Deployment/team/web  manifests/app.yaml:30 (document 2)\n');
  });

  test('groups findings under their object, in input order', () => {
    const heads = text.split('\n').filter(l => /^\S/.test(l) && l.includes('/'));
    expect(heads.map(l => l.split(' ')[0])).toEqual(['Control/demo-broken', 'Deployment/team/api', 'Deployment/team/web']);
    expect(text.indexOf('HIGH     demo-non-root')).toBeGreaterThan(text.indexOf('Deployment/team/api'));
    expect(text.indexOf('MEDIUM   demo-replicas')).toBeGreaterThan(text.indexOf('Deployment/team/web  '));
  });

  test('gives the path and the fix of each finding', () => {
    expect(text).toMatch(/HIGH {5}demo-non-root {2}container "app": runAsNonRoot is not true\n {26}at spec\.template\.spec\.containers\[0\]\.securityContext\.runAsNonRoot\n {26}fix: Set securityContext\.runAsNonRoot: true on the pod\./);
  });

  test('lists suppressions with their reason and expiry, and rejected documents', () => {
    expect(text).toContain('  Deployment/team/web demo-non-root: vendor image needs root until SEC-142 lands (until 2027-03-31)\n');
    expect(text).toContain('  manifests/notes.yaml:1 (document 1): expected a mapping with apiVersion, kind and metadata, got string\n');
  });

  test('ends with the summary line', () => {
    // The third object with a finding is the control that could not run, which the input does not hold.
    expect(text.trimEnd().split('\n').pop()).toBe('3 findings (1 critical, 1 high, 1 medium, 0 low) in 2 of 4 objects and 1 not in the input; 3 passed, 1 suppressed');
  });

  test('prints only the summary when nothing fails', () => {
    expect(formatText(cleanReport())).toBe('0 findings (0 critical, 0 high, 0 medium, 0 low) in 0 of 1 object; 2 passed, 0 suppressed\n');
  });

  test('shows escape sequences and line breaks from the manifests instead of running them, coloured or not', () => {
    const hostile = '\u001b[8mhidden\u001b]8;;http://example.com\u0007 \u202e reversed\nsecond line';
    const docs = sampleDocuments();
    (docs[1].doc as any).metadata.annotations[suppressionKey('demo-non-root')] = suppressionValue(`vendor image ${hostile}`, '2027-03-31');
    const report = runCompliance(ManifestIndex.fromDocuments(docs), { controls: [demoNonRoot, demoReplicas, demoBroken], config: { today: '2026-11-27' } });
    for (const color of [false, true]) {
      const out = formatText(report, { color });
      const line = out.split('\n').find(l => l.includes('vendor image'))!;
      expect(line).toContain('\\u{1b}[8mhidden\\u{1b}]8;;http://example.com\\u{7} \\u{202e} reversed second line');
      // Control characters are what these patterns are about.
      // eslint-disable-next-line no-control-regex
      expect(out.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    }
  });

  test('colours only when asked', () => {
    expect(text).not.toContain('\u001b[');
    const coloured = formatText(sampleReport(), { color: true });
    expect(coloured).toContain('\u001b[31mHIGH    \u001b[0m');
    const plain = coloured.split('\u001b').map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, ''))).join('');
    expect(plain).toBe(text);
  });
});
