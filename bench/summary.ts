/**
 * The figures of a bench run: medians per case, the targets of the issue, the human-readable
 * table and the one-line JSON summary that runs are compared by.
 */

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Medians of one scenario case at one N. */
export interface ScenarioFigures {
  readonly case: 'ours' | 'kplus' | 'core';
  readonly n: number;
  readonly runs: number;
  readonly objects: number;
  /** Construct + synth, measured inside the process (module loading excluded). */
  readonly ms: number;
  readonly cpuMs: number;
  readonly constructMs: number;
  readonly synthMs: number;
  /** Node start and module loading before the measured section. */
  readonly loadMs: number;
  /** The whole process, measured from outside. */
  readonly wallMs: number;
  /** The largest peak RSS over the runs. */
  readonly peakRssMb?: number;
  /** Only for `core`: whether its YAML was byte-identical to that of the `ours` run. */
  readonly identicalYaml?: boolean;
}

/** Medians of the engine at one size. */
export interface EngineFigures {
  readonly target: number;
  readonly runs: number;
  readonly objects: number;
  readonly ms: number;
  readonly cpuMs: number;
  readonly indexMs: number;
  readonly checkMs: number;
  readonly objPerSec: number;
  readonly usPerObject: number;
  /** Objects per second of a second check in the same process (compiled code); not a target. */
  readonly warmObjPerSec: number;
  readonly findings: number;
  readonly peakRssMb?: number;
}

/** Medians of `check` against parsing alone, whole processes. */
export interface CliFigures {
  readonly documents: number;
  readonly bytes: number;
  readonly runs: number;
  readonly checkWallMs?: number;
  readonly checkCpuMs?: number;
  readonly checkStatus?: number | null;
  /** What `check` printed first (its verdict), or its error. */
  readonly checkSays?: string;
  readonly parseWallMs: number;
  readonly parseCpuMs?: number;
  readonly parseMs: number;
  readonly loadWallMs?: number;
  readonly loadMs?: number;
  /** Why `check` could not be measured. */
  readonly unavailable?: string;
}

/**
 * Medians of `check` of the same documents as one kubectl `List` JSON file, against `JSON.parse` of
 * it alone (`parse…`; `parseMs` inside the process), whole processes: the figures of the `cli` case
 * but the loader's.
 */
export type CliJsonFigures = Omit<CliFigures, 'loadWallMs' | 'loadMs'>;

/** Everything one bench run measured. */
export interface BenchFigures {
  readonly scenario: readonly ScenarioFigures[];
  readonly engine: readonly EngineFigures[];
  readonly cli?: CliFigures;
  readonly cliJson?: CliJsonFigures;
}

/** The summary line of the issue; `null` where a figure could not be measured. */
export interface SummaryLine {
  readonly n: number;
  readonly oursMs: number | null;
  readonly kplusMs: number | null;
  readonly coreMs: number | null;
  readonly ratioKplus: number | null;
  readonly ratioCore: number | null;
  readonly engineObjPerSec10k: number | null;
  readonly engineScale100k: number | null;
  readonly cliRatio: number | null;
  readonly peakRssMb: number | null;
  readonly scale100to1000: number | null;
  /** `check` of the kubectl `List` JSON file, whole process (ms); not a target. */
  readonly cliJsonCheckMs: number | null;
  /** `check` of the kubectl `List` JSON file / a process that only `JSON.parse`s it (wall); not a target. */
  readonly cliJsonRatio: number | null;
}

const r2 = (x: number | undefined | null): number | null => (x === undefined || x === null || !Number.isFinite(x) ? null : Math.round(x * 100) / 100);
const r0 = (x: number | undefined | null): number | null => (x === undefined || x === null || !Number.isFinite(x) ? null : Math.round(x));

function find(f: BenchFigures, c: ScenarioFigures['case'], n: number): ScenarioFigures | undefined {
  return f.scenario.find(s => s.case === c && s.n === n);
}

/** The figures the targets compare: the cases at the largest N, the engine sizes, ours at 100 and 1000. */
function figuresOf(f: BenchFigures) {
  const n = Math.max(...f.scenario.map(s => s.n));
  return {
    n,
    ours: find(f, 'ours', n),
    kplus: find(f, 'kplus', n),
    core: find(f, 'core', n),
    e10: f.engine.find(e => e.target === 10_000),
    e100: f.engine.find(e => e.target === 100_000),
    o100: find(f, 'ours', 100),
    o1000: find(f, 'ours', 1000),
  };
}

/** The summary line: figures at the largest N, engine, CLI, memory and scaling. */
export function summaryLine(f: BenchFigures): SummaryLine {
  const { n, ours, kplus, core, e10, e100, o100, o1000 } = figuresOf(f);
  return {
    n,
    oursMs: r0(ours?.ms),
    kplusMs: r0(kplus?.ms),
    coreMs: r0(core?.ms),
    ratioKplus: ours && kplus ? r2(ours.ms / kplus.ms) : null,
    ratioCore: ours && core ? r2(ours.ms / core.ms) : null,
    engineObjPerSec10k: r0(e10?.objPerSec),
    engineScale100k: e10 && e100 ? r2(e100.usPerObject / e10.usPerObject) : null,
    cliRatio: f.cli?.checkWallMs !== undefined ? r2(f.cli.checkWallMs / f.cli.parseWallMs) : null,
    peakRssMb: r0(ours?.peakRssMb),
    scale100to1000: o100 && o1000 ? r2((o1000.ms / 1000) / (o100.ms / 100)) : null,
    cliJsonCheckMs: r0(f.cliJson?.checkWallMs),
    cliJsonRatio: f.cliJson?.checkWallMs !== undefined ? r2(f.cliJson.checkWallMs / f.cliJson.parseWallMs) : null,
  };
}

/**
 * The same ratios from CPU time (user + system of the measured section, or of the whole process
 * for the CLI): steadier than wall time when other work shares the machine.
 */
export function cpuRatios(f: BenchFigures): Partial<Record<keyof SummaryLine, number | null>> {
  const { ours, kplus, core, e10, e100, o100, o1000 } = figuresOf(f);
  return {
    ratioKplus: ours && kplus ? r2(ours.cpuMs / kplus.cpuMs) : null,
    ratioCore: ours && core ? r2(ours.cpuMs / core.cpuMs) : null,
    engineObjPerSec10k: e10 ? r0(e10.objects / (e10.cpuMs / 1000)) : null,
    engineScale100k: e10 && e100 ? r2((e100.cpuMs / e100.objects) / (e10.cpuMs / e10.objects)) : null,
    cliRatio: f.cli?.checkCpuMs !== undefined && f.cli.parseCpuMs !== undefined ? r2(f.cli.checkCpuMs / f.cli.parseCpuMs) : null,
    scale100to1000: o100 && o1000 ? r2((o1000.cpuMs / 1000) / (o100.cpuMs / 100)) : null,
  };
}

/** One target of the issue and whether the run met it. */
export interface TargetCheck {
  readonly name: string;
  readonly field: keyof SummaryLine;
  readonly value: number | null;
  readonly limit: string;
  readonly met: boolean | null;
}

/** The targets of the issue, checked against a summary line. */
export function checkTargets(s: SummaryLine): TargetCheck[] {
  const atMost = (name: string, field: keyof SummaryLine, limit: number): TargetCheck =>
    ({ name, field, value: s[field] as number | null, limit: `≤ ${limit}`, met: s[field] === null ? null : (s[field] as number) <= limit });
  const atLeast = (name: string, field: keyof SummaryLine, limit: number): TargetCheck =>
    ({ name, field, value: s[field] as number | null, limit: `≥ ${limit.toLocaleString('en-US')}`, met: s[field] === null ? null : (s[field] as number) >= limit });
  return [
    atMost(`ours / kplus at N = ${s.n}`, 'ratioKplus', 1.0),
    atMost(`ours / core at N = ${s.n}`, 'ratioCore', 1.25),
    atLeast('engine objects/s at 10,000', 'engineObjPerSec10k', 100_000),
    atMost('engine per-object time 100,000 / 10,000', 'engineScale100k', 1.3),
    atMost('cli check / parse alone at 10,000 documents', 'cliRatio', 1.5),
    atMost(`peak RSS of ours at N = ${s.n} (MB)`, 'peakRssMb', 512),
    atMost('time per workload N = 1000 / N = 100', 'scale100to1000', 1.2),
  ];
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const fmt = (x: number | undefined | null, digits = 0): string =>
  (x === undefined || x === null || !Number.isFinite(x) ? '—' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));

/** The human-readable report: scenario table, engine, CLI, targets. */
export function formatFigures(f: BenchFigures): string {
  const out: string[] = [];
  out.push('Scenario (medians; ms = construct + synth inside the process, module loading excluded)');
  out.push(table(
    ['case', 'N', 'runs', 'objects', 'ms', 'ms/workload', 'ms/object', 'cpu ms', 'construct', 'synth', 'load', 'process', 'peak RSS MB'],
    f.scenario.map(s => [s.case, fmt(s.n), String(s.runs), fmt(s.objects), fmt(s.ms), fmt(s.ms / s.n, 2), fmt(s.ms / s.objects, 3),
      fmt(s.cpuMs), fmt(s.constructMs), fmt(s.synthMs), fmt(s.loadMs), fmt(s.wallMs), fmt(s.peakRssMb)]),
  ));
  const core = f.scenario.filter(s => s.case === 'core' && s.identicalYaml !== undefined);
  if (core.length > 0) out.push(`core YAML byte-identical to ours: ${core.map(s => `N=${s.n} ${s.identicalYaml ? 'yes' : 'NO'}`).join(', ')}`);
  out.push('');
  out.push('Engine (index build + every control, first check of a fresh process; medians; warm = a second check in that process)');
  out.push(table(
    ['objects', 'runs', 'ms', 'cpu ms', 'index ms', 'check ms', 'objects/s', 'µs/object', 'warm objects/s', 'findings', 'peak RSS MB'],
    f.engine.map(e => [fmt(e.objects), String(e.runs), fmt(e.ms), fmt(e.cpuMs), fmt(e.indexMs), fmt(e.checkMs), fmt(e.objPerSec), fmt(e.usPerObject, 1),
      fmt(e.warmObjPerSec), fmt(e.findings), fmt(e.peakRssMb)]),
  ));
  out.push('');
  if (f.cli) {
    const c = f.cli;
    out.push(`CLI on one file of ${fmt(c.documents)} documents (${fmt(c.bytes / 1024 / 1024, 1)} MiB; whole processes, medians of ${c.runs})`);
    out.push(table(['command', 'process ms', 'process cpu ms', 'in-process ms'], [
      ['check', c.checkWallMs === undefined ? `— (${c.unavailable ?? 'not run'})` : fmt(c.checkWallMs), fmt(c.checkCpuMs), '—'],
      ['parse alone (yaml parseAllDocuments)', fmt(c.parseWallMs), fmt(c.parseCpuMs), fmt(c.parseMs)],
      ['load alone (library loader)', fmt(c.loadWallMs), '—', fmt(c.loadMs)],
    ]));
    if (c.checkStatus !== undefined) out.push(`check exited with status ${c.checkStatus}: ${c.checkSays ?? ''}`);
    out.push('');
  }
  if (f.cliJson) out.push(formatCliJson(f.cliJson), '');
  out.push('Targets');
  const cpu = cpuRatios(f);
  out.push(table(['target', 'value (wall)', 'limit', 'met', 'value (cpu)'], checkTargets(summaryLine(f)).map(t =>
    [t.name, fmt(t.value, 2), t.limit, t.met === null ? 'n/a' : t.met ? 'yes' : 'NO', fmt(cpu[t.field] as number | null | undefined, 2)])));
  return out.join('\n');
}

/** The table of the `cli json` case: `check` of the kubectl `List` JSON file against `JSON.parse` of it alone. */
export function formatCliJson(c: CliJsonFigures): string {
  const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '—' : fmt(a / b, 2));
  return [
    `CLI on one kubectl List JSON file of the same ${fmt(c.documents)} documents (${fmt(c.bytes / 1024 / 1024, 1)} MiB; whole processes, medians of ${c.runs})`,
    table(['command', 'process ms', 'process cpu ms', 'in-process ms'], [
      ['check', c.checkWallMs === undefined ? `— (${c.unavailable ?? 'not run'})` : fmt(c.checkWallMs), fmt(c.checkCpuMs), '—'],
      ['parse alone (JSON.parse)', fmt(c.parseWallMs), fmt(c.parseCpuMs), fmt(c.parseMs)],
    ]),
    `check / parse alone: ${ratio(c.checkWallMs, c.parseWallMs)} (wall), ${ratio(c.checkCpuMs, c.parseCpuMs)} (cpu); not a target`,
    ...(c.checkStatus !== undefined ? [`check exited with status ${c.checkStatus}: ${c.checkSays ?? ''}`] : []),
  ].join('\n');
}
