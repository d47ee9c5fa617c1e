import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { changedDistCopy } from '../support/changed-dist';

const ROOT = path.join(__dirname, '../..');
const BIN = path.join(ROOT, 'lib/src/cli/bin.js');

interface Transcript {
  readonly command: string;
  readonly expected: readonly string[];
}

/** The `$ cdk8s-soc2 …` commands of the README's console blocks, each with the output shown under it. */
function transcripts(): Transcript[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const out: Transcript[] = [];
  for (const block of readme.matchAll(/```console\n([\s\S]*?)```/g)) {
    let current: { command: string; expected: string[] } | undefined;
    for (const line of block[1].split('\n')) {
      if (line.startsWith('$ ')) {
        if (current) out.push(current);
        current = { command: line.slice(2), expected: [] };
      } else if (current) {
        current.expected.push(line);
      }
    }
    if (current) out.push(current);
  }
  return out.map(t => {
    const expected = [...t.expected];
    while (expected.length > 0 && expected[expected.length - 1] === '') expected.pop();
    return { command: t.command, expected };
  });
}

/** The `changed/` folder of the README's diff example, as its comment describes it. */
function changedCopy(): string {
  return changedDistCopy(path.join(ROOT, 'dist'));
}

/** Runs `cdk8s-soc2 ARGS [| head -N | tail -N]` from the repository root; the lines it prints. */
function run(command: string): string[] {
  const [cli, ...pipes] = command.replace(/\s+#.*$/, '').split('|').map(s => s.trim());
  const args = cli.split(/\s+/).slice(1).map(a => (a === 'changed/' ? `${changedCopy()}/` : a));
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  let lines = r.stdout.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const pipe of pipes) {
    const [tool, n] = pipe.split(/\s+-/);
    lines = tool === 'head' ? lines.slice(0, Number(n)) : lines.slice(-Number(n));
  }
  return lines;
}

/** Whether the output matches the transcript, where a line `…` stands for any number of lines. */
function matches(actual: readonly string[], expected: readonly string[]): boolean {
  const at = (a: number, e: number): boolean => {
    if (e === expected.length) return a === actual.length;
    if (expected[e] === '…') {
      for (let k = a; k <= actual.length; k++) if (at(k, e + 1)) return true;
      return false;
    }
    return a < actual.length && actual[a] === expected[e] && at(a + 1, e + 1);
  };
  return at(0, 0);
}

describe('the README\'s CLI transcripts', () => {
  const all = transcripts();

  test('are found, the diff example among them', () => {
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(all.some(t => t.command.startsWith('cdk8s-soc2 diff dist/ changed/'))).toBe(true);
  });

  test.each(all.map(t => [t.command, t] as const))('%s prints what the README shows', (_command, t) => {
    const actual = run(t.command);
    if (!matches(actual, t.expected)) expect(actual).toEqual(t.expected);
  });
});
