import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main';

/** What a run of the CLI produced. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How a test runs the CLI. */
export interface RunOptions {
  readonly stdin?: string | Buffer;
  readonly cwd?: string;
  readonly env?: Record<string, string>;
}

/** Runs the CLI with some arguments. */
export type Runner = (args: string[], options?: RunOptions) => Promise<CliRun>;

/** The repository root. */
export const ROOT = resolve(__dirname, '..', '..');
/** The compiled CLI, as installed users run it. */
export const BIN = join(ROOT, 'lib', 'src', 'cli', 'bin.js');

/** Runs `main` in this process with captured streams. */
export const inProcess: Runner = async (args, options = {}) => {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => { stdout += s; return true; } },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    cwd: options.cwd ?? ROOT,
    env: { ...options.env },
  });
  return { code, stdout, stderr };
};

/** Runs the compiled bin in a child process, as a user or CI would. */
export const childProcess: Runner = (args, options = {}) => new Promise((done, fail) => {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  child.on('error', fail);
  child.on('close', code => done({ code: code ?? -1, stdout, stderr }));
  child.stdin.on('error', () => { /* the CLI may stop reading early (size limit) */ });
  child.stdin.end(options.stdin ?? '');
});

/**
 * The runners every CLI test uses: in-process always, and the compiled bin when it has been built
 * (`npx tsc -p tsconfig.json`). Without a build, the child-process runs are skipped with a message.
 */
export function runners(): Array<[string, Runner]> {
  if (existsSync(BIN)) return [['in process', inProcess], ['bin', childProcess]];
  if (!warned) {
    warned = true;
    console.warn(`Child-process CLI tests skipped: ${BIN} is missing. Build with "npx tsc -p tsconfig.json" to run them.`);
  }
  return [['in process', inProcess]];
}
let warned = false;

/** A temporary directory with files, removed by {@link Workspace.cleanup}. */
export class Workspace {
  public readonly dir = mkdtempSync(join(tmpdir(), 'soc2-cli-'));

  /** Writes a file (parent directories created) and returns its path relative to the workspace. */
  public write(rel: string, content: string | Buffer): string {
    const path = join(this.dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return rel;
  }

  public path(rel: string): string {
    return join(this.dir, rel);
  }

  public cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const RESTRICTED_CONTAINER = {
  name: 'app',
  image: 'registry.example.com/team/app@sha256:' + 'a'.repeat(64),
  securityContext: {
    runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
  },
  resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
};

/** A ConfigMap: an object most controls do not apply to. */
export function configMapYaml(name: string, namespace = 'team'): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n  LOG_LEVEL: info\n`;
}

/** A Pod that runs privileged (fails pod-no-privileged and others). */
export function privilegedPodYaml(name = 'bad'): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'team' },
    spec: { containers: [{ ...RESTRICTED_CONTAINER, securityContext: { ...RESTRICTED_CONTAINER.securityContext, privileged: true } }] },
  }, null, 2);
}
