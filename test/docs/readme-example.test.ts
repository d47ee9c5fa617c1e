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

/** The second TypeScript block of the README: the mesh, a ClusterIssuer, an ingress and an external API. */
test('the README\'s second example runs and synthesizes with zero findings', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]);
  expect(blocks.length).toBeGreaterThanOrEqual(2);
  const js = ts.transpileModule(blocks[1], { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-readme2-'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const moduleRequire = (name: string) => (name === 'cdk8s-soc2' ? require('../../index') : require(name));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    new Function('require', 'exports', js)(moduleRequire, {});
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR; else process.env.CDK8S_OUTDIR = previous;
  }
  expect(fs.readdirSync(outdir).sort()).toEqual(['compliance', 'platform.k8s.yaml', 'shop.k8s.yaml']);
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'compliance', 'report.json'), 'utf8'));
  expect(report.summary.findings).toBe(0);
  const shop = fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8');
  for (const kind of ['kind: Certificate', 'kind: Ingress', 'kind: ServiceEntry', 'kind: Role', 'startupProbe:']) expect(shop).toContain(kind);
});
