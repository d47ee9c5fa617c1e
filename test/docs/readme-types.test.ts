import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { asModule, readmeTsBlocks } from './readme';

const ROOT = path.join(__dirname, '../..');

/**
 * Type-checks sources as a user's app would be: strict, with `cdk8s-soc2` resolved to the package's
 * built declarations (lib/index.d.ts, what `main`/`types` publish); the diagnostics as text.
 * (The specifier is rewritten rather than mapped: a `baseUrl` would resolve `constructs` to this
 * repository's folder of that name.)
 */
function typeCheck(sources: readonly string[]): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true, noEmit: true, esModuleInterop: true, skipLibCheck: true, types: ['node'],
  };
  const packageRoot = JSON.stringify(path.join(ROOT, 'lib/index'));
  const names = sources.map((_, i) => path.join(ROOT, 'test/docs', `README.block${i + 1}.ts`));
  const host = ts.createCompilerHost(options);
  const virtual = new Map(names.map((n, i) => [n, sources[i].replace(/(from\s+)'cdk8s-soc2'/g, `$1${packageRoot}`)]));
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, version, onError, create) => virtual.has(name)
    ? ts.createSourceFile(name, virtual.get(name)!, version) : getSourceFile(name, version, onError, create);
  host.fileExists = name => virtual.has(name) || fileExists(name);
  const program = ts.createProgram(names, options, host);
  return ts.getPreEmitDiagnostics(program).map(d => {
    const where = d.file && d.start !== undefined ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

describe('the README\'s TypeScript blocks', () => {
  const blocks = readmeTsBlocks();

  test('are found: the two examples and the suppression fragment', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    expect(blocks.filter(b => !/^import /m.test(b)).length).toBeGreaterThanOrEqual(1);
  });

  test('compile against the package\'s public API, strict, with no error', () => {
    expect(fs.existsSync(path.join(ROOT, 'lib/index.d.ts'))).toBe(true);
    expect(typeCheck(blocks.map(asModule))).toEqual([]);
  });

  test('a block that misuses the API fails the check (the check can fail)', () => {
    const wrong = "import { CompliantApp } from 'cdk8s-soc2';\nnew CompliantApp({ outDir: 'dist' });\nexport {};\n";
    expect(typeCheck([wrong]).join('\n')).toMatch(/outDir/);
  });
});
