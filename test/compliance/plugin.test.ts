import * as fs from 'fs';
import { builtinModules } from 'module';
import * as os from 'os';
import * as path from 'path';
import { ValidationContext } from 'cdk8s-cli/plugins';
import * as ts from 'typescript';
import { Soc2Validation } from '../../src/compliance/plugin';

const ROOT = path.join(__dirname, '../..');

describe('Soc2Validation under cdk8s-cli', () => {
  function context(docs: string): ValidationContext {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-plugin-'));
    const file = path.join(dir, 'app.k8s.yaml');
    fs.writeFileSync(file, docs);
    return new ValidationContext([file], 'cdk8s-soc2', '0.0.0', {}, false);
  }

  test('reports one violation per failed control through cdk8s-cli\'s own context and report', async () => {
    const ctx = context([
      'apiVersion: v1\nkind: Service\nmetadata: { name: exposed, namespace: shop }\nspec: { type: NodePort, ports: [{ port: 80 }] }',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: { name: all, namespace: shop }\nrules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]',
    ].join('\n---\n'));
    await new Soc2Validation().validate(ctx);
    const report = ctx.report.toJson();
    expect(report.summary.status).toBe('failure');
    expect(report.violations.map(v => v.ruleName)).toContain('service-no-external-exposure');
    expect(report.violations.find(v => v.ruleName === 'rbac-no-wildcards')?.violatingConstructs.map(c => c.resourceName)).toEqual(['all']);
  });

  test('judges the proxy Istio injected from a mirror unless istioProxyImages names the mirror', async () => {
    const proxy = '{ name: istio-proxy, image: "registry.example.com/istio/proxyv2:1.24.2", securityContext: { allowPrivilegeEscalation: false } }';
    const docs = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\n'
        + 'spec: { selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: app, image: "registry.example.com/app:1" }] } } }',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-5d9c8f7b6-x1\n  namespace: shop\n  labels: { app: web, pod-template-hash: 5d9c8f7b6 }\n'
        + '  annotations: { sidecar.istio.io/status: \'{"containers":["istio-proxy"]}\' }\n'
        + '  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-5d9c8f7b6, uid: u, controller: true }]\n'
        + `spec: { containers: [{ name: app, image: "registry.example.com/app:1" }, ${proxy}] }`,
    ].join('\n---\n');
    const judgesProxy = async (properties: { istioProxyImages?: string[] }) => {
      const ctx = context(docs);
      await new Soc2Validation(properties).validate(ctx);
      return ctx.report.toJson().violations.some(v => v.recommendation.includes('container "istio-proxy"'));
    };
    expect(await judgesProxy({})).toBe(true);
    expect(await judgesProxy({ istioProxyImages: ['registry.example.com/istio/proxyv2'] })).toBe(false);
  });

  test('takes a projected token for an audience apiServerAudiences lists for an API credential', async () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\n'
      + 'spec: { selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { automountServiceAccountToken: false, '
      + 'containers: [{ name: app, image: "registry.example.com/app:1" }], '
      + 'volumes: [{ name: token, projected: { sources: [{ serviceAccountToken: { path: token, audience: "https://oidc.example.com" } }] } }] } } }';
    const tokenViolation = async (properties: { apiServerAudiences?: string[] }) => {
      const ctx = context(deployment);
      await new Soc2Validation(properties).validate(ctx);
      return ctx.report.toJson().violations.find(v => v.ruleName === 'pod-service-account-token')?.recommendation;
    };
    expect(await tokenViolation({})).toBeUndefined();
    expect(await tokenViolation({ apiServerAudiences: ['https://oidc.example.com'] })).toBe('Pods mount an API token only when granted API access: Deployment/shop/web: '
      + 'mounts an API token it has no binding for: volume "token" projects a token of ServiceAccount "default" for audience "https://oidc.example.com"');
  });

  test('the plugin\'s declared context is the one cdk8s-cli passes (type check)', () => {
    const file = path.join(ROOT, 'test/compliance/plugin-types.check.ts');
    fs.writeFileSync(file, [
      "import type { Validation, ValidationContext } from 'cdk8s-cli/plugins';",
      "import { Soc2Validation, Soc2ValidationContext } from '../../src/compliance/plugin';",
      'export const asValidation: Validation = new Soc2Validation();',
      'export const fits = (c: ValidationContext): Soc2ValidationContext => c;',
    ].join('\n'));
    try {
      const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: ['node'] });
      expect(ts.getPreEmitDiagnostics(program).map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    } finally {
      fs.rmSync(file);
    }
  });
});

describe('the public types', () => {
  /** The source files reachable from index.ts through relative imports: what lib/index.d.ts makes a consumer's compiler read. */
  function publicSources(): string[] {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'(\.[^']+)'/g)) {
        const base = path.resolve(path.dirname(file), m[1]);
        const next = [`${base}.ts`, path.join(base, 'index.ts')].find(f => fs.existsSync(f));
        if (next) visit(next);
      }
    };
    visit(path.join(ROOT, 'index.ts'));
    return [...seen];
  }

  test('import only the package\'s runtime dependencies and Node built-ins, so an app compiles without our dev tools', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
    const files = publicSources();
    expect(files.length).toBeGreaterThan(50);
    const outside: string[] = [];
    for (const file of files) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'([^.'][^']*)'/g)) {
        const name = m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0];
        if (!allowed.has(name.replace(/^node:/, ''))) outside.push(`${path.relative(ROOT, file)}: ${m[1]}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
