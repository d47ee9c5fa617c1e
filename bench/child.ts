/**
 * What every bench case process shares: reading its `--name value` arguments, timing (wall and
 * CPU), profiling only the measured section when asked, and printing its one result line (JSON)
 * on stdout for the orchestrator, with the process's own peak memory.
 */
import * as fs from 'fs';
import * as inspector from 'inspector';

/** The environment variable naming the `.cpuprofile` file a case writes for its measured section. */
export const PROFILE_ENV = 'BENCH_CPU_PROFILE';

/** The value of `--name` on the command line. Throws when it is required and absent. */
export function arg(name: string): string;
export function arg(name: string, fallback: string): string;
export function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  if (fallback !== undefined) return fallback;
  throw new Error(`missing argument --${name}`);
}

/** The numeric value of `--name`. */
export function numberArg(name: string, fallback?: number): number {
  const value = Number(fallback === undefined ? arg(name) : arg(name, String(fallback)));
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number`);
  return value;
}

/** Milliseconds since an arbitrary origin, sub-millisecond precision. */
export function now(): number {
  return performance.now();
}

/** CPU time of the process so far (user + system, all threads), in milliseconds. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Collects the garbage of the case's set-up (reading a dump, building inputs) before the measured
 * section, so that a collection of it is not charged to the code being measured. Needs
 * `--expose-gc` (`caseArgs` in spawn.ts passes it); without it this does nothing.
 */
export function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

let session: inspector.Session | undefined;

/**
 * Starts V8's CPU profiler (the one behind `node --cpu-prof`) when {@link PROFILE_ENV} is set, so
 * the profile holds the measured section only, not the setup around it.
 */
export function startProfile(): void {
  if (!process.env[PROFILE_ENV]) return;
  session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: Number(process.env.BENCH_PROFILE_INTERVAL ?? 250) });
  session.post('Profiler.start');
}

/** Stops the profiler started by {@link startProfile} and writes the profile. */
export function stopProfile(): void {
  if (!session) return;
  session.post('Profiler.stop', (err, result) => {
    if (err) throw err;
    fs.writeFileSync(process.env[PROFILE_ENV]!, JSON.stringify(result.profile));
  });
  session.disconnect();
  session = undefined;
}

/** The result line of one case run: its figures plus the process's peak resident memory. */
export function report(result: Record<string, unknown>): void {
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ...result, maxRssMb: round(maxRssMb) })}\n`);
}

/** Rounds to three decimals, enough for milliseconds. */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Runs a case's main function, turning an error into a non-zero exit with a one-line message. */
export function runCase(main: () => void | Promise<void>): void {
  Promise.resolve()
    .then(main)
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exitCode = 1;
    });
}
