/**
 * `npm run bench`: what a user pays for cdk8s-soc2, side by side, each figure in fresh child
 * processes and reported as medians. Prints the table, then one JSON summary as the last line.
 *
 * The `cli json` case can also run alone: see bench/cli-json.ts.
 *
 * Options: `--n 10,100,1000`, `--runs 5` (small N), `--runs-large 5` (N ≥ 1000), `--profile`
 * (also profile one run of each case and summarize the hot spots), `--keep` (keep the temp dir).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { CLI_DOCUMENTS, cliJson, CliInput, listJsonInput } from './cli-json';
import { objectsOf, readDump } from './dump';
import { formatSummary, summarize } from './profile';
import { replicate } from './replicate';
import { caseArgs, ChildRun, CLI_BIN, cliCheckArgs, runNode } from './spawn';
import { BenchFigures, CliFigures, EngineFigures, formatFigures, median, ScenarioFigures, summaryLine } from './summary';

interface Options {
  readonly ns: number[];
  readonly runs: number;
  readonly runsLarge: number;
  readonly profile: boolean;
  readonly keep: boolean;
}

const ENGINE_SIZES = [10_000, 100_000];
const PROFILE_DIR = path.resolve('.bench', 'profiles');

function options(argv: readonly string[]): Options {
  const value = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
  };
  return {
    ns: value('n', '10,100,1000').split(',').map(Number).filter(n => Number.isInteger(n) && n > 0),
    runs: Number(value('runs', '5')),
    runsLarge: Number(value('runs-large', '5')),
    profile: argv.includes('--profile'),
    keep: argv.includes('--keep'),
  };
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Failed child runs: the bench goes on without them and lists them at the end. */
const failures: string[] = [];

/** Runs one child; a failure is recorded and yields `undefined` instead of ending the bench. */
function attempt(label: string, run: () => ChildRun): ChildRun | undefined {
  try {
    return run();
  } catch (e) {
    const message = (e as Error).message.split('\n').filter(l => l.trim()).slice(0, 4).join(' | ');
    failures.push(`${label}: ${message}`);
    progress(`FAILED ${label}: ${message}`);
    return undefined;
  }
}

function push(list: ChildRun[], run: ChildRun | undefined): void {
  if (run) list.push(run);
}

/** Medians of the scenario cases: ours, kplus and core interleaved run by run, so drift hits all three. */
function scenario(opts: Options, tmp: string): ScenarioFigures[] {
  const figures: ScenarioFigures[] = [];
  for (const n of opts.ns) {
    const runs = n >= 1000 ? opts.runsLarge : opts.runs;
    const dump = path.join(tmp, `dump-${n}.json`);
    const oursFirst = path.join(tmp, `ours-${n}-0`);
    const results: Record<'ours' | 'kplus' | 'core', ChildRun[]> = { ours: [], kplus: [], core: [] };
    for (let r = 0; r < runs; r++) {
      progress(`N=${n} run ${r + 1}/${runs}`);
      const oursOut = r === 0 ? oursFirst : path.join(tmp, `ours-${n}-${r}`);
      push(results.ours, attempt(`ours N=${n}`, () => runNode(caseArgs('ours', '--n', String(n), '--out', oursOut, ...(r === 0 ? ['--dump', dump] : [])))));
      const kplusOut = path.join(tmp, `kplus-${n}-${r}`);
      push(results.kplus, attempt(`kplus N=${n}`, () => runNode(caseArgs('kplus', '--n', String(n), '--out', kplusOut))));
      const coreOut = path.join(tmp, `core-${n}-${r}`);
      if (fs.existsSync(dump)) push(results.core, attempt(`core N=${n}`, () => runNode(caseArgs('core', '--dump', dump, '--out', coreOut, '--compare', oursFirst))));
      for (const dir of [r === 0 ? undefined : oursOut, kplusOut, coreOut]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
    for (const c of ['ours', 'kplus', 'core'] as const) if (results[c].length > 0) figures.push(scenarioFigures(c, n, results[c]));
  }
  return figures;
}

function scenarioFigures(c: ScenarioFigures['case'], n: number, runs: readonly ChildRun[]): ScenarioFigures {
  const m = (k: string) => median(runs.map(r => Number(r.result[k])));
  const rss = runs.map(r => r.peakRssMb).filter((x): x is number => x !== undefined);
  const identical = runs.map(r => r.result.identicalYaml).filter((x): x is boolean => typeof x === 'boolean');
  return {
    case: c, n, runs: runs.length, objects: m('objects'), ms: m('ms'), cpuMs: m('cpuMs'), constructMs: m('constructMs'),
    synthMs: m('synthMs'), loadMs: m('loadMs'), wallMs: median(runs.map(r => r.wallMs)),
    peakRssMb: rss.length > 0 ? Math.max(...rss) : undefined,
    identicalYaml: identical.length > 0 ? identical.every(x => x) : undefined,
  };
}

/** The engine on replicated output of the largest scenario. */
function engine(opts: Options, dump: string): EngineFigures[] {
  return ENGINE_SIZES.flatMap((target): EngineFigures[] => {
    const runs = target >= 100_000 ? opts.runsLarge : opts.runs;
    const results: ChildRun[] = [];
    for (let r = 0; r < runs; r++) {
      progress(`engine ${target.toLocaleString('en-US')} objects run ${r + 1}/${runs}`);
      push(results, attempt(`engine ${target}`, () => runNode(caseArgs('engine', '--dump', dump, '--objects', String(target)))));
    }
    if (results.length === 0) return [];
    const m = (k: string) => median(results.map(x => Number(x.result[k])));
    const rss = results.map(x => x.peakRssMb).filter((x): x is number => x !== undefined);
    return [{
      target, runs: results.length, objects: m('objects'), ms: m('ms'), cpuMs: m('cpuMs'), indexMs: m('indexMs'), checkMs: m('checkMs'), objPerSec: m('objPerSec'),
      usPerObject: m('usPerObject'), warmObjPerSec: m('warmObjPerSec'), findings: m('findings'), peakRssMb: rss.length > 0 ? Math.max(...rss) : undefined,
    }];
  });
}

/** Writes the CLI input: replicated scenario output as one multi-document YAML file, as cdk8s writes it. */
function cliInput(docs: readonly unknown[], tmp: string): CliInput {
  const file = path.join(tmp, `cli-${docs.length}.k8s.yaml`);
  fs.writeFileSync(file, Yaml.stringify(...docs), 'utf8');
  return { file, documents: docs.length, bytes: fs.statSync(file).size };
}

/** `check` of one file against parsing it alone, whole processes, interleaved. */
function cli(opts: Options, input: CliInput): CliFigures {
  const checks: ChildRun[] = [];
  const parses: ChildRun[] = [];
  const loads: ChildRun[] = [];
  let unavailable = fs.existsSync(CLI_BIN) ? undefined : 'lib/src/cli/bin.js is not built';
  for (let r = 0; r < opts.runsLarge; r++) {
    progress(`cli ${input.documents.toLocaleString('en-US')} documents run ${r + 1}/${opts.runsLarge}`);
    if (!unavailable) {
      try {
        checks.push(runNode(cliCheckArgs(input.file, input.bytes), { okStatus: [0, 1] }));
      } catch (e) {
        unavailable = (e as Error).message.split('\n').slice(0, 3).join(' | ');
      }
    }
    push(parses, attempt('parse (yaml)', () => runNode(caseArgs('parse', '--mode', 'yaml', '--file', input.file))));
    push(loads, attempt('parse (loader)', () => runNode(caseArgs('parse', '--mode', 'load', '--file', input.file))));
  }
  const ok = !unavailable && checks.length > 0;
  return {
    documents: input.documents, bytes: input.bytes, runs: opts.runsLarge,
    checkWallMs: ok ? median(checks.map(c => c.wallMs)) : undefined,
    checkCpuMs: ok ? medianOf(checks.map(c => c.processCpuMs)) : undefined,
    checkStatus: ok ? checks[0].status : undefined,
    checkSays: ok ? (checks[0].stdoutHead.split('\n')[0] || checks[0].stderr.trim().split('\n')[0]) : undefined,
    parseWallMs: median(parses.map(p => p.wallMs)),
    parseCpuMs: medianOf(parses.map(p => p.processCpuMs)),
    parseMs: median(parses.map(p => Number(p.result.ms))),
    loadWallMs: loads.length > 0 ? median(loads.map(p => p.wallMs)) : undefined,
    loadMs: loads.length > 0 ? median(loads.map(p => Number(p.result.ms))) : undefined,
    unavailable,
  };
}

/** The median of the values that are known, or `undefined`. */
function medianOf(xs: readonly (number | undefined)[]): number | undefined {
  const known = xs.filter((x): x is number => x !== undefined);
  return known.length > 0 ? median(known) : undefined;
}

/** One profiled run of each case; returns the summaries as text. */
function profiles(n: number, dump: string, tmp: string, input?: { file: string; bytes: number }): string {
  fs.rmSync(PROFILE_DIR, { recursive: true, force: true });
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const jobs: [string, string[]][] = [
    [`ours-${n}`, caseArgs('ours', '--n', String(n), '--out', path.join(tmp, 'prof-ours'))],
    [`core-${n}`, caseArgs('core', '--dump', dump, '--out', path.join(tmp, 'prof-core'))],
    [`kplus-${n}`, caseArgs('kplus', '--n', String(n), '--out', path.join(tmp, 'prof-kplus'))],
    ...ENGINE_SIZES.map((s): [string, string[]] => [`engine-${s}`, caseArgs('engine', '--dump', dump, '--objects', String(s))]),
  ];
  if (input) jobs.push(['parse-yaml', caseArgs('parse', '--mode', 'yaml', '--file', input.file)]);
  const texts: string[] = [];
  for (const [name, args] of jobs) {
    progress(`profiling ${name}`);
    const file = path.join(PROFILE_DIR, `${name}.cpuprofile`);
    if (!attempt(`profile ${name}`, () => runNode(args, { env: { BENCH_CPU_PROFILE: file } }))) continue;
    texts.push(formatSummary(`${name} (measured section)`, summarize(file)));
  }
  if (input && fs.existsSync(CLI_BIN)) {
    progress('profiling cli check');
    const dir = path.join(PROFILE_DIR, 'cli-check');
    try {
      runNode(['--cpu-prof', '--cpu-prof-dir', dir, ...cliCheckArgs(input.file, input.bytes)], { okStatus: [0, 1] });
      for (const f of fs.readdirSync(dir)) texts.push(formatSummary('cli check (whole process)', summarize(path.join(dir, f))));
    } catch (e) {
      texts.push(`cli check could not be profiled: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return `${texts.join('\n\n')}\n\nProfiles: ${PROFILE_DIR}`;
}

function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map(x => x.toFixed(2)).join(' ');
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}; load average ${load}`;
}

function main(): void {
  const opts = options(process.argv.slice(2));
  if (opts.ns.length === 0) throw new Error('--n must list positive integers, e.g. 10,100,1000');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-soc2-bench-'));
  const started = Date.now();
  const before = machine();
  try {
    progress(`machine: ${before}`);
    const scenarioFigures = scenario(opts, tmp);
    const dump = path.join(tmp, `dump-${Math.max(...opts.ns)}.json`);
    if (!fs.existsSync(dump)) throw new Error(`the ours run at N=${Math.max(...opts.ns)} failed, so there is no output to check:\n${failures.join('\n')}`);
    const engineFigures = engine(opts, dump);
    const docs = replicate(objectsOf(readDump(dump)), CLI_DOCUMENTS);
    const input = cliInput(docs, tmp);
    const cliFigures = cli(opts, input);
    const cliJsonFigures = cliJson(opts.runsLarge, listJsonInput(docs, tmp), { progress, attempt });
    const figures: BenchFigures = { scenario: scenarioFigures, engine: engineFigures, cli: cliFigures, cliJson: cliJsonFigures };
    const profileText = opts.profile ? profiles(Math.max(...opts.ns), dump, tmp, input) : undefined;
    const line = summaryLine(figures);
    fs.mkdirSync(path.dirname(PROFILE_DIR), { recursive: true });
    fs.writeFileSync(path.join(path.dirname(PROFILE_DIR), 'last.json'), `${JSON.stringify({ machine: before, figures, summary: line }, null, 2)}\n`);
    const out: string[] = [];
    if (profileText) out.push('Profiles (self time)', profileText, '');
    out.push(`Machine: ${before}`, `Load average after: ${os.loadavg().map(x => x.toFixed(2)).join(' ')}; bench took ${Math.round((Date.now() - started) / 1000)} s`, '');
    out.push(formatFigures(figures), '');
    if (failures.length > 0) out.push(`Failed runs (left out of the medians):\n${failures.map(f => `  ${f}`).join('\n')}`, '');
    out.push(JSON.stringify(line));
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    if (opts.keep) progress(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
