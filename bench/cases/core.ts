/**
 * Case `core`: the framework's floor for our output — the exact objects an `ours` run emitted,
 * re-created as plain cdk8s ApiObjects (one chart per original chart) in a fresh App and
 * synthesized. Afterwards it compares its YAML files byte for byte with those of the `ours` run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, ApiObjectProps, App, Chart } from 'cdk8s';
import { arg, cpuNow, now, report, round, runCase, settle, startProfile, stopProfile } from '../child';
import { readDump } from '../dump';

runCase(() => {
  const loadMs = now();
  const dump = readDump(arg('dump'));
  const outdir = arg('out');
  const compareWith = arg('compare', '');

  settle();
  startProfile();
  const c0 = cpuNow();
  const t0 = now();
  const app = new App({ outdir });
  let objects = 0;
  for (const c of dump.charts) {
    const chart = new Chart(app, c.id);
    c.objects.forEach((obj, i) => { new ApiObject(chart, String(i), obj as ApiObjectProps); });
    objects += c.objects.length;
  }
  const t1 = now();
  app.synth();
  const t2 = now();
  const cpuMs = cpuNow() - c0;
  stopProfile();

  report({
    case: 'core', n: dump.n, ms: round(t2 - t0), cpuMs: round(cpuMs), constructMs: round(t1 - t0), synthMs: round(t2 - t1), loadMs: round(loadMs),
    objects, identicalYaml: compareWith ? sameYaml(outdir, compareWith) : undefined,
  });
});

/** Whether every YAML file of `dir` exists in `other` with the same bytes, and vice versa. */
function sameYaml(dir: string, other: string): boolean {
  const yamls = (d: string) => fs.readdirSync(d).filter(f => f.endsWith('.yaml')).sort();
  const mine = yamls(dir);
  const theirs = yamls(other);
  if (mine.join('\n') !== theirs.join('\n')) return false;
  return mine.every(f => fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(other, f))));
}
