import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { quotaRefusals } from '../support/quota';
import { asModule, readmeTsBlocks as readmeBlocks } from './readme';

/**
 * Compiles a README block and runs it against this repository's exports, on the day its dated
 * exceptions were written for (the constructs refuse an expired exception, and the test must not
 * fail once a date passes); returns the directory it synthesized into.
 */
function runBlock(source: string): string {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-readme-'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const moduleRequire = (name: string) => (name === 'cdk8s-soc2' ? require('../../index') : require(name));
  const previous = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  jest.useFakeTimers({ now: new Date('2026-11-28T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'hrtime', 'performance'] });
  try {
    new Function('require', 'exports', js)(moduleRequire, {});
  } finally {
    if (previous === undefined) delete process.env.CDK8S_OUTDIR; else process.env.CDK8S_OUTDIR = previous;
    jest.useRealTimers();
  }
  return outdir;
}

function findings(outdir: string): number {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'compliance', 'report.json'), 'utf8')).summary.findings;
}

test('the README example runs, synthesizes with zero findings and writes the evidence', () => {
  const outdir = runBlock(readmeBlocks()[0]);
  expect(fs.readdirSync(outdir).sort()).toEqual(['compliance', 'payments.k8s.yaml']);
  expect(findings(outdir)).toBe(0);
});

/** The second TypeScript block of the README: the mesh, a ClusterIssuer, an ingress and an external API. */
test('the README\'s second example runs and synthesizes with zero findings', () => {
  const blocks = readmeBlocks();
  expect(blocks.length).toBeGreaterThanOrEqual(2);
  const outdir = runBlock(blocks[1]);
  expect(fs.readdirSync(outdir).sort()).toEqual(['compliance', 'platform.k8s.yaml', 'shop.k8s.yaml']);
  expect(findings(outdir)).toBe(0);
  const shop = fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8');
  for (const kind of ['kind: Certificate', 'kind: Ingress', 'kind: Role', 'startupProbe:']) expect(shop).toContain(kind);
  // api.stripe.com is served mesh-wide on 443, the port web names it with: the shop namespace leaves it to that
  // ServiceEntry rather than shadow it with one of its own, and web's NetworkPolicy still admits only its range.
  expect(shop).not.toContain('kind: ServiceEntry');
  expect(shop).toContain('cidr: 203.0.113.0/24');
  const platform = parseAllDocuments(fs.readFileSync(path.join(outdir, 'platform.k8s.yaml'), 'utf8')).map(d => d.toJS());
  expect(platform.filter(o => o.kind === 'ServiceEntry').map(o => `${o.metadata.name} ${o.spec.hosts}`)).toEqual(['external-api-stripe-com api.stripe.com']);
});

/** The fragment under "Suppressions": a finding on another object the construct emits, suppressed by its kind. */
test('the README\'s suppression fragment puts its suppression on the Service, which then passes as suppressed', () => {
  const fragment = readmeBlocks().find(b => !/^import /m.test(b) && b.includes('Compliance.suppress'));
  expect(fragment).toBeDefined();
  const outdir = runBlock(`${asModule(fragment!)}\napp.synth();\n`);
  const objects = parseAllDocuments(fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8')).map(d => d.toJS());
  const service = objects.find(o => o.kind === 'Service' && o.metadata.name === 'api');
  expect(service.spec.type).toBe('NodePort');
  // The namespace's quota makes room for the NodePort, or the API server would refuse the Service.
  expect(objects.find(o => o.kind === 'ResourceQuota').spec.hard['services.nodeports']).toBe('1');
  expect(quotaRefusals(objects)).toEqual([]);
  expect(service.metadata.annotations['soc2.cdk8s.io/suppress.service-no-external-exposure']).toBe('debug access via bastion (OPS-3)');
  const deployment = objects.find(o => o.kind === 'Deployment' && o.metadata.name === 'api');
  expect(Object.keys(deployment.metadata.annotations ?? {}).filter(k => k.startsWith('soc2.cdk8s.io/suppress.'))).toEqual([]);
  const summary = JSON.parse(fs.readFileSync(path.join(outdir, 'compliance', 'report.json'), 'utf8')).summary;
  expect(summary).toMatchObject({ findings: 0, suppressed: 1 });
});
