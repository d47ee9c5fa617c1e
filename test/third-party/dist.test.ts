import * as path from 'path';
import { DELIBERATE_EXCEPTIONS, isDeliberateException } from './exceptions';
import { hardened } from './fixtures';
import { findSynthesizedYaml, loadManifestFile } from './load';
import { SCANNERS, SCANNERS_WITH_EXCEPTIONS } from './scanners';
import { Finding, K8sObject } from './shared';

const DIST = path.join(__dirname, '..', '..', 'dist');

/** Findings of every mirrored scanner, as readable lines. */
function allFindings(objects: Record<string, any>[]): string[] {
  return Object.values(SCANNERS).flatMap(check => check(objects)).map((f: Finding) => `${f.check} ${f.object}: ${f.message}`);
}

/** Every object of the synthesized manifests under dist/; throws when there are none. */
function distObjects(): K8sObject[] {
  const files = findSynthesizedYaml(DIST);
  if (files.length === 0) throw new Error('dist/ is empty: run npm run synth');
  return files.flatMap(loadManifestFile);
}

describe('third-party scanners over our output', () => {
  test('the hand-written hardened sample passes every mirrored scanner', () => {
    expect(allFindings(hardened())).toEqual([]);
  });

  test('every synthesized manifest under dist/ passes every mirrored scanner', () => {
    expect(allFindings(distObjects())).toEqual([]);
  });

  test('the scanners as they run report on dist/ the deliberate exceptions, each with its reason, and nothing else', () => {
    const raw = Object.values(SCANNERS_WITH_EXCEPTIONS).flatMap(check => check(distObjects()));
    expect(raw.filter(f => !isDeliberateException(f))).toEqual([]);
    // every listed exception still fires, so a stale one fails here
    expect([...new Set(raw.map(f => f.check))].sort()).toEqual(DELIBERATE_EXCEPTIONS.map(e => e.check).sort());
  });

  test.each(DELIBERATE_EXCEPTIONS.map(e => [e.check, e] as const))('the deliberate exception %s states its reason and the rule it mirrors', (_, e) => {
    expect(e.reason).toMatch(/^CIS \d(\.\d+)+ .{60,}$/);
    expect(e.source).toMatch(/^kubescape\/regolibrary (rules|controls)\/\S+$/);
  });
});
