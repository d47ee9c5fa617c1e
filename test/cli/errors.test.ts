import { Readable } from 'node:stream';
import { main } from '../../src/cli/main';
import { ROOT } from './helpers';

/** Runs main with a stdout that fails, to reach the unexpected-error path. */
async function runWithBrokenStdout(env: Record<string, string>) {
  let stderr = '';
  const code = await main(['controls'], {
    stdout: { write: () => { throw new Error('disk on fire'); } },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    stdin: Readable.from([]),
    cwd: ROOT,
    env,
  });
  return { code, stderr };
}

describe('an unexpected error', () => {
  test('is one clean line with exit code 2, and says how to get details', async () => {
    const r = await runWithBrokenStdout({});
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdk8s-soc2: internal error: disk on fire\nThis is a bug in cdk8s-soc2. Run again with SOC2_DEBUG=1 for details and report it.\n');
  });

  test('shows its stack trace with SOC2_DEBUG=1', async () => {
    const r = await runWithBrokenStdout({ SOC2_DEBUG: '1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdk8s-soc2: internal error: disk on fire\nError: disk on fire\n\s+at /);
  });
});
