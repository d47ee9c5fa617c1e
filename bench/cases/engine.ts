/**
 * Case `engine`: the compliance check alone (index build, then every control) over `--objects`
 * objects replicated from an `ours` dump. Replication happens before the timing. The timed check
 * is the first of the process (what a synth or a CLI run pays); a second one, reported apart as
 * `warm`, shows the rate once the code is compiled.
 */
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { arg, cpuNow, now, numberArg, report, round, runCase, settle, startProfile, stopProfile } from '../child';
import { objectsOf, readDump } from '../dump';
import { replicate } from '../replicate';

runCase(() => {
  const target = numberArg('objects');
  const objects = replicate(objectsOf(readDump(arg('dump'))), target);
  const docs = objects.map((doc, i) => ({ doc, source: { file: 'bench.yaml', document: i + 1 } }));

  settle();
  startProfile();
  const c0 = cpuNow();
  const t0 = now();
  const index = ManifestIndex.fromDocuments(docs);
  const t1 = now();
  const result = runCompliance(index);
  const t2 = now();
  const cpuMs = cpuNow() - c0;
  stopProfile();

  // The same check again on a fresh index, now that the engine's code is compiled and optimised:
  // the steady-state rate, apart from the cold start a fresh process pays once.
  const w0 = now();
  runCompliance(ManifestIndex.fromDocuments(docs));
  const warmMs = now() - w0;

  const ms = t2 - t0;
  report({
    case: 'engine', objects: objects.length, ms: round(ms), cpuMs: round(cpuMs), indexMs: round(t1 - t0), checkMs: round(t2 - t1),
    objPerSec: Math.round(objects.length / (ms / 1000)), usPerObject: round((ms * 1000) / objects.length),
    evaluations: result.evaluations.length, findings: result.findings.length,
    warmMs: round(warmMs), warmObjPerSec: Math.round(objects.length / (warmMs / 1000)),
  });
});
