/**
 * For the second round of stranger probes: run a mistake against a fresh copy of an app, and tell
 * apart the three outcomes a user can meet — an error at construction, a failed synth, or YAML that
 * differs from the app without the mistake (which must never be weaker).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompliantApp } from '../../index';
import { expectSoc2Error, ExpectedError } from '../support/errors';

/** Synthesizes the app and returns every manifest it wrote, in file order, as text. */
export function synthYaml(app: CompliantApp): string {
  app.synth();
  return readdirSync(app.outdir).filter(f => f.endsWith('.k8s.yaml')).sort().map(f => readFileSync(join(app.outdir, f), 'utf8')).join('---\n');
}

/** A mistake made on a fresh copy of an app (`T` is what the app's builder hands out), and the error it must get. */
export type Mistake<T> = readonly [name: string, make: (app: T) => unknown, expected: ExpectedError];

/** Asserts that `make` is refused at construction with `expected`, and that nothing was synthesized. */
export function expectRefused<T extends { app: CompliantApp }>(fresh: () => T, make: (app: T) => unknown, expected: ExpectedError): void {
  const app = fresh();
  expectSoc2Error(() => make(app), expected);
  expect(app.app.lastReport).toBeUndefined();
}

/** The lines of `after` that `before` lacks, and those it lost, as `+ line` and `- line` (a rough diff, for assertions). */
export function changedLines(before: string, after: string): string[] {
  const had = new Set(before.split('\n'));
  const has = new Set(after.split('\n'));
  return [...before.split('\n').filter(l => !has.has(l)).map(l => `- ${l}`), ...after.split('\n').filter(l => !had.has(l)).map(l => `+ ${l}`)];
}
