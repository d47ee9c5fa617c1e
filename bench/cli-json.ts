/**
 * The `cli json` case: the documents of the `cli` case written as one kubectl `List` JSON file (as
 * `kubectl get … -o json` writes it), `check` of it against a process that only reads it and
 * `JSON.parse`s it: the loader's JSON path, whole processes. `npm run bench` runs it after the
 * `cli` case; alone, on the dump of an `ours` run:
 *
 *   node --expose-gc lib/bench/cases/ours.js --n 1000 --out /tmp/ours --dump /tmp/dump.json
 *   node lib/bench/cli-json.js --dump /tmp/dump.json [--runs 5]
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { objectsOf, readDump } from './dump';
import { replicate } from './replicate';
import { caseArgs, ChildRun, CLI_BIN, cliCheckArgs, runNode } from './spawn';
import { CliJsonFigures, formatCliJson, median } from './summary';

/** How many documents the CLI inputs hold (at least: whole namespaces are copied). */
export const CLI_DOCUMENTS = 10_000;

/** A CLI input file: how many documents it holds and its size. */
export interface CliInput {
  readonly file: string;
  readonly documents: number;
  readonly bytes: number;
}

/** How the bench reports progress and runs a child whose failure it records and goes on. */
export interface BenchHooks {
  readonly progress: (message: string) => void;
  readonly attempt: (label: string, run: () => ChildRun) => ChildRun | undefined;
}

/** The documents as one kubectl `List` JSON file, indented by four spaces as kubectl writes it. */
export function listJsonInput(docs: readonly unknown[], tmp: string): CliInput {
  const file = path.join(tmp, `cli-${docs.length}.list.json`);
  fs.writeFileSync(file, `${JSON.stringify({ apiVersion: 'v1', items: docs, kind: 'List', metadata: { resourceVersion: '' } }, null, 4)}\n`, 'utf8');
  return { file, documents: docs.length, bytes: fs.statSync(file).size };
}

/** `check` of the List file against `JSON.parse` of it alone, whole processes, interleaved, `runs` times. */
export function cliJson(runs: number, input: CliInput, hooks: BenchHooks): CliJsonFigures {
  const checks: ChildRun[] = [];
  const parses: ChildRun[] = [];
  let unavailable = fs.existsSync(CLI_BIN) ? undefined : 'lib/src/cli/bin.js is not built';
  for (let r = 0; r < runs; r++) {
    hooks.progress(`cli json ${input.documents.toLocaleString('en-US')} documents run ${r + 1}/${runs}`);
    if (!unavailable) {
      try {
        checks.push(runNode(cliCheckArgs(input.file, input.bytes), { okStatus: [0, 1] }));
      } catch (e) {
        unavailable = (e as Error).message.split('\n').slice(0, 3).join(' | ');
      }
    }
    const parse = hooks.attempt('parse (JSON.parse)', () => runNode(caseArgs('parse', '--mode', 'json', '--file', input.file)));
    if (parse) parses.push(parse);
  }
  const ok = !unavailable && checks.length > 0;
  const known = (xs: readonly (number | undefined)[]) => xs.filter((x): x is number => x !== undefined);
  const cpu = known(checks.map(c => c.processCpuMs));
  const parseCpu = known(parses.map(p => p.processCpuMs));
  return {
    documents: input.documents, bytes: input.bytes, runs,
    checkWallMs: ok ? median(checks.map(c => c.wallMs)) : undefined,
    checkCpuMs: ok && cpu.length > 0 ? median(cpu) : undefined,
    checkStatus: ok ? checks[0].status : undefined,
    checkSays: ok ? (checks[0].stdoutHead.split('\n')[0] || checks[0].stderr.trim().split('\n')[0]) : undefined,
    parseWallMs: median(parses.map(p => p.wallMs)),
    parseCpuMs: parseCpu.length > 0 ? median(parseCpu) : undefined,
    parseMs: median(parses.map(p => Number(p.result.ms))),
    unavailable,
  };
}

/** This case alone: `--dump FILE` (of an `ours` run), `--runs N` (default 5). Prints its table and its figures as JSON. */
function main(argv: readonly string[]): void {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : undefined;
  };
  const dump = value('dump');
  if (dump === undefined) throw new Error('--dump FILE is required: the dump of an ours run (see the head of bench/cli-json.ts)');
  const runs = Number(value('runs') ?? '5');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-soc2-bench-'));
  const failures: string[] = [];
  const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);
  try {
    const input = listJsonInput(replicate(objectsOf(readDump(dump)), CLI_DOCUMENTS), tmp);
    const figures = cliJson(runs, input, {
      progress,
      attempt: (label, run) => {
        try {
          return run();
        } catch (e) {
          failures.push(`${label}: ${(e as Error).message.split('\n')[0]}`);
          return undefined;
        }
      },
    });
    const out = [formatCliJson(figures), ''];
    if (failures.length > 0) out.push(`Failed runs (left out of the medians):\n${failures.map(f => `  ${f}`).join('\n')}`, '');
    out.push(JSON.stringify(figures));
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
