import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const GNU_TIME = '/usr/bin/time';
const RSS_LINE = /Maximum resident set size \(kbytes\):\s*(\d+)/;
const USER_LINE = /User time \(seconds\):\s*([\d.]+)/;
const SYSTEM_LINE = /System time \(seconds\):\s*([\d.]+)/;
/** A case that has not finished after this long is broken, not slow. */
const TIMEOUT_MS = 5 * 60 * 1000;

/** One child process run. */
export interface ChildRun {
  /** The case's JSON result line (empty for programs that print none, such as the CLI). */
  readonly result: Record<string, any>;
  /** Wall time of the whole process, measured from outside. */
  readonly wallMs: number;
  /** Peak resident memory of the process, from `/usr/bin/time -v` when present, else from the case itself. */
  readonly peakRssMb?: number;
  /** CPU time of the whole process (user + system), from `/usr/bin/time -v` when present. */
  readonly processCpuMs?: number;
  readonly status: number | null;
  readonly stderr: string;
  /** The first lines of stdout, for diagnostics. */
  readonly stdoutHead: string;
}

/** Options of {@link runNode}. */
export interface RunNodeOptions {
  /** Extra environment variables. */
  readonly env?: Record<string, string>;
  /** Exit codes that count as success. @default [0] */
  readonly okStatus?: readonly number[];
}

/** The compiled bench directory (lib/bench), where the case scripts are. */
export const BENCH_DIR = __dirname;

/** The path of a compiled case script. */
export function caseScript(name: string): string {
  return path.join(BENCH_DIR, 'cases', `${name}.js`);
}

/**
 * The node arguments that run a case: its script and arguments, with `--expose-gc` so the case can
 * collect its set-up's garbage before the measured section ({@link settle}).
 */
export function caseArgs(name: string, ...args: string[]): string[] {
  return ['--expose-gc', caseScript(name), ...args];
}

/** The compiled CLI (lib/src/cli/bin.js). */
export const CLI_BIN = path.resolve(BENCH_DIR, '..', 'src', 'cli', 'bin.js');

/** The node arguments of `cdk8s-soc2 check FILE`, its size limit just above the file's size. */
export function cliCheckArgs(file: string, bytes: number): string[] {
  return [CLI_BIN, 'check', file, '--max-file-size', String(bytes + 1)];
}

/**
 * Runs `node <args>` with the current Node binary in a fresh process, under `/usr/bin/time -v`
 * when it exists (for the peak RSS), and returns the case's last JSON line. Throws with the end
 * of stderr when the process fails.
 */
export function runNode(args: readonly string[], options: RunNodeOptions = {}): ChildRun {
  const useTime = fs.existsSync(GNU_TIME);
  const [cmd, argv] = useTime ? [GNU_TIME, ['-v', process.execPath, ...args]] : [process.execPath, [...args]];
  const start = process.hrtime.bigint();
  const child = spawnSync(cmd, argv, {
    env: { ...process.env, ...options.env }, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, timeout: TIMEOUT_MS,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const stderr = child.stderr ?? '';
  const rss = RSS_LINE.exec(stderr);
  const user = USER_LINE.exec(stderr);
  const system = SYSTEM_LINE.exec(stderr);
  const processCpuMs = user && system ? (Number(user[1]) + Number(system[1])) * 1000 : undefined;
  const ownStderr = useTime ? stderr.replace(/\n?\s*Command being timed:[\s\S]*$/, '') : stderr;
  if (child.error || !(options.okStatus ?? [0]).includes(child.status ?? -1)) {
    const why = child.error?.message ?? `exit status ${child.status}${child.signal ? ` (${child.signal})` : ''}`;
    throw new Error(`node ${args.join(' ')} failed: ${why}\n${ownStderr.trim().split('\n').slice(-15).join('\n')}`);
  }
  const result = lastJsonLine(child.stdout ?? '');
  const peakRssMb = rss ? Number(rss[1]) / 1024 : (typeof result.maxRssMb === 'number' ? result.maxRssMb : undefined);
  const stdoutHead = (child.stdout ?? '').split('\n').slice(0, 3).join('\n').slice(0, 500);
  return { result, wallMs, peakRssMb, processCpuMs, status: child.status, stderr: ownStderr, stdoutHead };
}

/** The last line of `text` that is a JSON object, or `{}`. */
function lastJsonLine(text: string): Record<string, any> {
  const lines = text.trimEnd().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (!line.startsWith('{')) continue;
    try {
      return JSON.parse(line) as Record<string, any>;
    } catch {
      continue;
    }
  }
  return {};
}
