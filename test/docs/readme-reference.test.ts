import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { resolveConfig } from '../../src/compliance/config';
import { CONFIG_KEYS } from '../../src/compliance/config-check';

const ROOT = path.join(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The README's table of settings: its rows as the settings each names (`a`, `b` in one row) and their default. */
function settingsTable(): Map<string, string> {
  const rows = new Map<string, string>();
  const table = /\| setting \| default \| what \|\n((?:\s*\|.*\|\n)+)/.exec(README);
  for (const line of table?.[1].split('\n') ?? []) {
    const cells = line.trim().split(' | ');
    for (const key of cells[0]?.matchAll(/`(\w+)`/g) ?? []) rows.set(key[1], cells[1]);
  }
  return rows;
}

/** The `--options` a CLI command's help lists, but `--help` and `--version`. */
function cliOptions(command: string): string[] {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'lib/src/cli/bin.js'), command, '--help'], { encoding: 'utf8' });
  return [...new Set([...r.stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map(m => m[1]))].filter(o => o !== '--help' && o !== '--version');
}

describe('the README names what a user can set', () => {
  test('every ComplianceConfig setting has a row in the settings table, and every row is a setting', () => {
    const rows = settingsTable();
    expect([...rows.keys()].sort()).toEqual([...CONFIG_KEYS].sort());
  });

  test.each([['minReplicas', 2], ['maxCertificateDays', 90], ['minRsaKeySize', 2048], ['requireMesh', true]] as const)(
    'the settings table gives the default of %s as resolveConfig applies it', (key, value) => {
      expect(resolveConfig({})[key]).toBe(value);
      expect(settingsTable().get(key)).toBe(`\`${value}\``);
    });

  test.each(['check', 'controls', 'explain', 'report', 'diagram', 'diff'])('every option of `%s` is named in its row of the CLI table', command => {
    const row = README.split('\n').find(l => l.startsWith(`| \`${command}`)) ?? '';
    // The options every command that reads manifests takes are named once, under the table.
    const shared = /Every command that reads\nmanifests [^.]*\./.exec(README)?.[0] ?? '';
    const documented = row + (['check', 'report', 'diagram', 'diff'].includes(command) ? shared : '');
    const options = cliOptions(command);
    expect(options.length).toBeGreaterThan(0);
    expect(options.filter(o => !documented.includes(o === '--output' ? '`-o' : `\`${o}`))).toEqual([]);
  });
});
