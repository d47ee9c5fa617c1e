import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT } from './helpers';

const built = existsSync(BIN);
const describeBuilt = built ? describe : describe.skip;
if (!built) {
  console.warn(`bin.test.ts skipped: ${BIN} is missing. Build with "npx tsc -p tsconfig.json" to run it.`);
}

describe('package.json', () => {
  test('installs the cdk8s-soc2 command from the compiled bin', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ 'cdk8s-soc2': 'lib/src/cli/bin.js' });
  });
});

describeBuilt('the compiled bin', () => {
  test('starts with a node shebang so it runs as a command', () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  test('keeps its exit code and prints no stack when the reader closes the pipe early', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>(done => {
      const child = spawn(process.execPath, [BIN, 'check', 'test/fixtures/bad', '--format', 'json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', code => done({ code, stderr }));
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
  });
});
