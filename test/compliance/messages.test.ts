import * as path from 'path';
import { runCompliance } from '../../src/compliance/engine';
import { loadManifests } from '../../src/compliance/load/load';
import { ManifestIndex } from '../../src/compliance/manifest-index';

const ROOT = path.join(__dirname, '../..');
/** What a message built from a missing or non-string value shows. */
const NOISE = /\bundefined\b|\[object Object\]|\bNaN\b|\bnull\b(?!")/;

describe('finding messages', () => {
  test.each(['test/fixtures/bad', 'dist'])('over %s name real values: no undefined, [object Object] or NaN', async dir => {
    const loaded = await loadManifests([path.join(ROOT, dir)]);
    const report = runCompliance(ManifestIndex.fromDocuments(loaded.documents), { config: { today: '2026-11-27' } });
    const texts = report.evaluations.filter(e => e.message !== undefined).map(e => `${e.control.id}: ${e.message}`);
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.filter(t => NOISE.test(t))).toEqual([]);
  });
});
