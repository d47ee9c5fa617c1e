import { BenchFigures, CliJsonFigures, formatFigures, summaryLine } from '../../bench/summary';

const CLI_JSON: CliJsonFigures = {
  documents: 10_128, bytes: 26_017_343, runs: 5, checkWallMs: 2_142.8, checkCpuMs: 1_000, checkStatus: 0,
  checkSays: '0 findings', parseWallMs: 678.2, parseCpuMs: 280, parseMs: 389.8,
};
const OURS = { case: 'ours' as const, n: 1000, runs: 1, objects: 6954, ms: 4110, cpuMs: 1486, constructMs: 568, synthMs: 3542, loadMs: 603, wallMs: 4800 };

describe('the bench summary', () => {
  test('carries the cli json figures as fields after the existing ones, null when the case did not run', () => {
    const line = summaryLine({ scenario: [OURS], engine: [], cliJson: CLI_JSON });
    expect(Object.keys(line)).toEqual(['n', 'oursMs', 'kplusMs', 'coreMs', 'ratioKplus', 'ratioCore', 'engineObjPerSec10k', 'engineScale100k',
      'cliRatio', 'peakRssMb', 'scale100to1000', 'cliJsonCheckMs', 'cliJsonRatio']);
    expect([line.cliJsonCheckMs, line.cliJsonRatio]).toEqual([2143, 3.16]);
    const without = summaryLine({ scenario: [OURS], engine: [] });
    expect([without.cliJsonCheckMs, without.cliJsonRatio]).toEqual([null, null]);
  });

  test('prints the cli json table before the targets, which it is not one of', () => {
    const figures: BenchFigures = { scenario: [OURS], engine: [], cliJson: CLI_JSON };
    const text = formatFigures(figures);
    expect(text).toContain('CLI on one kubectl List JSON file of the same 10,128 documents (24.8 MiB; whole processes, medians of 5)\n');
    expect(text).toMatch(/\ncheck +2,143 +1,000 +—\nparse alone \(JSON\.parse\) +678 +280 +390\ncheck \/ parse alone: 3\.16 \(wall\), 3\.57 \(cpu\); not a target\n/);
    expect(text.indexOf('CLI on one kubectl List JSON file')).toBeLessThan(text.indexOf('Targets'));
    expect(text.slice(text.indexOf('Targets'))).not.toContain('JSON');
  });
});
