import * as path from 'path';
import { hardened } from './fixtures';
import { findSynthesizedYaml, loadManifestFile } from './load';
import { SCANNERS } from './scanners';
import { Finding } from './shared';

const DIST = path.join(__dirname, '..', '..', 'dist');

/** Findings of every mirrored scanner, as readable lines. */
function allFindings(objects: Record<string, any>[]): string[] {
  return Object.values(SCANNERS).flatMap(check => check(objects)).map((f: Finding) => `${f.check} ${f.object}: ${f.message}`);
}

describe('third-party scanners over our output', () => {
  test('the hand-written hardened sample passes every mirrored scanner', () => {
    expect(allFindings(hardened())).toEqual([]);
  });

  test('every synthesized manifest under dist/ passes every mirrored scanner', () => {
    const files = findSynthesizedYaml(DIST);
    if (files.length === 0) throw new Error('dist/ is empty: run npm run synth');
    const objects = files.flatMap(loadManifestFile);
    expect(allFindings(objects)).toEqual([]);
  });
});
