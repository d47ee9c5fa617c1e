/**
 * Case `ours`: construct the scenario in a CompliantApp and synthesize it as `npm run synth` does
 * (render, full compliance check, YAML files, evidence reports). With `--dump FILE`, afterwards
 * and outside the timing, writes the exact objects emitted for the `core` and `engine` cases.
 */
import { CompliantApp } from '../../constructs';
import { arg, cpuNow, now, numberArg, report, round, runCase, settle, startProfile, stopProfile } from '../child';
import { writeDump } from '../dump';
import { buildScenario } from '../scenario';

runCase(() => {
  const loadMs = now();
  const n = numberArg('n');
  const outdir = arg('out');
  const dumpFile = arg('dump', '');

  settle();
  startProfile();
  const c0 = cpuNow();
  const t0 = now();
  const app = new CompliantApp({ outdir });
  buildScenario(app, n);
  const t1 = now();
  app.synth();
  const t2 = now();
  const cpuMs = cpuNow() - c0;
  stopProfile();

  const last = app.lastReport!;
  if (dumpFile) {
    app.checkingItself = true;
    writeDump(dumpFile, { n, charts: app.charts.map(c => ({ id: c.node.id, objects: c.toJson() })) });
  }
  report({
    case: 'ours', n, ms: round(t2 - t0), cpuMs: round(cpuMs), constructMs: round(t1 - t0), synthMs: round(t2 - t1), loadMs: round(loadMs),
    objects: last.index.objects.length, evaluations: last.evaluations.length, findings: last.findings.length,
  });
});
