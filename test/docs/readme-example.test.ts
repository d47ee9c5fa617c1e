import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '../..');

/**
 * The first TypeScript block of the README, compiled and run against this repository's exports, on
 * the day its dated exceptions were written for: the example's expiry dates must not make the test
 * fail once they pass (the constructs refuse an expired exception).
 */
test('the README example runs, synthesizes with zero findings and writes the evidence', () => {
  jest.useFakeTimers({ now: new Date('2026-11-28T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'hrtime', 'performance'] });
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const source = /```ts\n([\s\S]*?)```/.exec(readme)![1];
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-readme-'));
  const moduleRequire = (name: string) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return name === 'cdk8s-soc2' ? require('../../index') : require(name);
  };
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    new Function('require', 'exports', js)(moduleRequire, {});
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR; else process.env.CDK8S_OUTDIR = previous;
    jest.useRealTimers();
  }
  expect(fs.readdirSync(outdir).sort()).toEqual(['compliance', 'payments.k8s.yaml']);
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'compliance', 'report.json'), 'utf8'));
  expect(report.summary.findings).toBe(0);
});
