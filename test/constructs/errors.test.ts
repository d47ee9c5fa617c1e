import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { CompliantApp, CompliantWorkload, Soc2Error } from '../../constructs';
import { messageOf, synthFailure } from '../support/errors';
import { IMAGE, namespace, newChart } from '../support/synth';

const ROOT = path.resolve(__dirname, '..', '..');

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-errors-'));
}

/** A chart `shop` with its namespace, and a NodePort Service (a finding of service-no-external-exposure, and of quota-admits-workloads: the namespace's quota holds no node port). */
const APP_WITH_A_FINDING = `
const chart = new Chart(app, 'shop');
new SensitiveNamespace(chart, 'shop', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-a' });
new ApiObject(chart, 'exposed', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'exposed', namespace: 'shop' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
`;

/**
 * What Node prints on stderr when `body`, a user's main program, throws: run in a child process
 * that loads the TypeScript sources (transpiled as they are required) with cdk8s and the constructs
 * in scope, and `outdir` a temporary directory.
 */
function uncaught(body: string): { status: number | null; stderr: string } {
  const script = `
const ts = require('typescript');
const fs = require('fs');
require.extensions['.ts'] = (m, file) => m._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'),
  { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText, file);
const { App, ApiObject, Chart } = require('cdk8s');
const { CompliantApp, CompliantWorkload, DataClassification, SensitiveNamespace } = require(${JSON.stringify(path.join(ROOT, 'constructs'))});
const outdir = ${JSON.stringify(tmp())};
${body}`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stderr: run.stderr };
}

describe('an error a user\'s program does not catch prints its message, not its data again', () => {
  test('Soc2Error: the message, the stack and the code and construct path, without the problems repeated', () => {
    const { status, stderr } = uncaught(`
const app = new App({ outdir });
const chart = new Chart(app, 'shop');
const ns = new SensitiveNamespace(chart, 'shop', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-a' });
new CompliantWorkload(chart, 'w', { namespace: ns, image: 'nginx', port: 8080 });`);
    expect(status).toBe(1);
    expect(stderr).toContain('Soc2Error: [INVALID_PROP] shop/w: invalid prop\n  - image = "nginx": has no tag');
    expect(stderr).toMatch(/ \{\n {2}code: 'INVALID_PROP',\n {2}constructPath: 'shop\/w'\n\}\n/);
    expect(stderr).not.toMatch(/problems: \[|prop: '/);
  });

  test('ComplianceFailedError of CompliantApp.synth: the message, without every finding\'s object after it', () => {
    const { status, stderr } = uncaught(`
const app = new CompliantApp({ outdir, reportDir: false });
${APP_WITH_A_FINDING}
app.synth();`);
    expect(status).toBe(1);
    expect(stderr).toContain('ComplianceFailedError: compliance check failed with 2 findings');
    expect(stderr).toContain('service-no-external-exposure on Service/shop/exposed (shop/exposed): type NodePort opens the port on every node');
    expect(stderr).toMatch(/ \{\n {2}code: 'COMPLIANCE_FAILED'\n\}\n/);
    expect(stderr).not.toMatch(/findings: \[|apiVersion|raw:/);
  });

  test('the validation error of a plain App labels the findings with the chart that holds them', () => {
    const { status, stderr } = uncaught(`
const app = new App({ outdir });
${APP_WITH_A_FINDING}
app.synth();`);
    expect(status).toBe(1);
    expect(stderr).toContain('Error: Validation failed with the following errors:\n  [shop] compliance check failed with 2 findings');
    expect(stderr).not.toContain('[] ');
  });
});

describe('the data of an error stays readable for code', () => {
  test('Soc2Error.problems', () => {
    const { chart } = newChart('shop');
    let thrown: unknown;
    try {
      new CompliantWorkload(chart, 'w', { namespace: namespace(chart, 'shop'), image: 'nginx', port: 8080 });
    } catch (e) {
      thrown = e;
    }
    const err = thrown as Soc2Error;
    expect(err).toBeInstanceOf(Soc2Error);
    expect(err.problems).toEqual([expect.objectContaining({ prop: 'image', value: 'nginx' })]);
    expect(Object.keys(err)).not.toContain('problems');
    expect(Object.keys(err)).toEqual(expect.arrayContaining(['code', 'constructPath']));
  });

  test('ComplianceFailedError.findings', () => {
    const app = new CompliantApp({ outdir: tmp(), reportDir: false });
    const chart = new Chart(app, 'shop');
    new CompliantWorkload(chart, 'web', { namespace: namespace(chart, 'shop'), image: IMAGE, port: 8080 });
    new ApiObject(chart, 'exposed', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'exposed', namespace: 'shop' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
    const err = synthFailure(app);
    expect(err.findings.map(f => `${f.controlId} ${f.object.ref}`)).toEqual(['service-no-external-exposure Service/shop/exposed', 'quota-admits-workloads ResourceQuota/shop/quota']);
    expect(Object.keys(err)).not.toContain('findings');
    expect(Object.keys(err)).toContain('code');
  });
});

describe('a cdk8s Lazy given as a prop is named as one, with the fix to pass the value itself', () => {
  test('the value reads Lazy(…), not its internals, and the problem says when a Lazy resolves', () => {
    const { chart } = newChart('shop');
    const ns = namespace(chart, 'shop');
    expect(() => new CompliantWorkload(chart, 'w', { namespace: ns, image: IMAGE, port: Lazy.any({ produce: () => 8080 }) })).toThrow(
      '[INVALID_PROP] shop/w: invalid prop\n  - port = Lazy(…): is a cdk8s Lazy value, resolved only at synth, while port is checked when the construct is made '
      + '(must be an integer port from 1 to 65535). Fix: pass the value itself, computed before the construct is made; pass the port the container listens on, e.g. 8080');
  });

  test('a Lazy inside an object value is shown as Lazy(…) too', () => {
    const { chart } = newChart('shop');
    const ns = namespace(chart, 'shop');
    const message = messageOf(() => new CompliantWorkload(chart, 'w', { namespace: ns, image: IMAGE, port: 8080, env: { LOG_LEVEL: Lazy.any({ produce: () => 'info' }) } }));
    expect(message).toContain('- env.LOG_LEVEL = Lazy(…): is a cdk8s Lazy value');
    expect(message).not.toContain('producer');
  });
});
