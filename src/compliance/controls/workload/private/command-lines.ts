/**
 * The command lines a container runs (command and args, the exec commands of probes and
 * lifecycle hooks) and the env vars whose Secret values reach a process's arguments through them.
 */
import { credentialArguments } from '../../../common/command-line-credentials';
import { isCredentialName } from '../../../common/credentials';
import { commandArgv, programName } from '../../../common/launchers';
import { shellCommand } from '../../../common/shell-command';
import { NO_SECRET_FILES, SecretFiles } from './secret-files';
import { CutShort, MAX_REREADS, readScript } from './shell-script';
import { MAX_NESTING } from './shell-words';

/** `$(NAME)`, which Kubernetes replaces in command and args with the container's env var NAME (`$$(NAME)` is written as is). */
const EXPANSION = /(\$*)\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;

/** The probes whose `exec.command` the kubelet runs in the container. */
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
/** The lifecycle hooks whose `exec.command` the kubelet runs in the container. */
const HOOKS = ['postStart', 'preStop'] as const;

/**
 * A command line a container runs: its command and args, which Kubernetes expands `$(VAR)` in,
 * or the `exec.command` of a probe or a lifecycle hook (the kubelet expands only plain `value`
 * variables in a probe's, never one from a Secret, and none in a hook's).
 */
export interface CommandLine {
  /** The path of the fields below the container (`''`, `livenessProbe.exec.`). */
  readonly prefix: string;
  readonly command: unknown;
  readonly args: unknown;
  /** Whether Kubernetes expands `$(VAR)` (and writes `$$` as `$`) in it: in command and args only. */
  readonly kubernetes: boolean;
}

/** Whether a list of a command line holds an entry. */
function holdsEntries(list: unknown): boolean {
  return Array.isArray(list) && list.length > 0;
}

/**
 * The command lines of a container that hold an entry: command and args, then the exec commands
 * of its probes and hooks. Most containers of a set written by this project run their image's
 * entrypoint and HTTP probes: they have none, and nothing else about them need be read.
 */
export function commandLines(container: any): CommandLine[] {
  const lines: CommandLine[] = [{ prefix: '', command: container.command, args: container.args, kubernetes: true }];
  for (const probe of PROBES) {
    const command = container[probe]?.exec?.command;
    if (command !== undefined) lines.push({ prefix: `${probe}.exec.`, command, args: undefined, kubernetes: false });
  }
  for (const hook of HOOKS) {
    const command = container.lifecycle?.[hook]?.exec?.command;
    if (command !== undefined) lines.push({ prefix: `lifecycle.${hook}.exec.`, command, args: undefined, kubernetes: false });
  }
  return lines.filter(l => holdsEntries(l.command) || holdsEntries(l.args));
}

/** The entries of a command line as `{ at, arg }`, command before args, at as `command[i]` or `args[i]` with the line's prefix. */
export function entries(line: CommandLine): { at: string; arg: unknown }[] {
  const out: { at: string; arg: unknown }[] = [];
  for (const [field, value] of [['command', line.command], ['args', line.args]] as const) {
    if (Array.isArray(value)) value.forEach((arg, i) => out.push({ at: `${line.prefix}${field}[${i}]`, arg }));
  }
  return out;
}

/** The env vars of a container that hold a Secret's value. */
export interface SecretVariables {
  has(name: string): boolean;
  /** Whether any may. */
  readonly any: boolean;
}

/**
 * The container's env vars that hold a Secret's value: those taken from a Secret
 * (valueFrom.secretKeyRef), those whose value expands one of them (`DB_URL:
 * postgres://app:$(DB_PASSWORD)@db/app`), and, with `envFrom` a Secret (secretRef), a variable
 * `env` does not define whose name (after the entry's prefix) reads as a credential
 * (`DB_PASSWORD`): the Secret's keys are not in the manifest. A later entry of `env` replaces an
 * earlier one of the same name.
 */
export function secretVariables(container: any): SecretVariables {
  const envFrom: unknown[] = Array.isArray(container.envFrom) ? container.envFrom : [];
  const prefixes = (envFrom as any[]).filter(e => e?.secretRef !== undefined && e?.secretRef !== null)
    .map(e => (typeof e.prefix === 'string' ? e.prefix : ''));
  const env: unknown[] = Array.isArray(container.env) ? container.env : [];
  const secret = new Set<string>();
  const defined = new Set<string>();
  const fromSecretRef = (name: string): boolean => !defined.has(name)
    && prefixes.some(p => name.startsWith(p) && name.length > p.length && isCredentialName(name.slice(p.length)));
  const has = (name: string): boolean => secret.has(name) || fromSecretRef(name);
  for (const e of env as any[]) {
    if (typeof e?.name !== 'string') continue;
    const fromSecret = e.valueFrom?.secretKeyRef !== undefined && e.valueFrom?.secretKeyRef !== null;
    const expandsSecret = typeof e.value === 'string' && [...e.value.matchAll(EXPANSION)].some(m => m[1].length % 2 === 0 && has(m[2]));
    defined.add(e.name);
    if (fromSecret || expandsSecret) secret.add(e.name);
    else secret.delete(e.name);
  }
  return { has, any: secret.size > 0 || prefixes.length > 0 };
}

/** Kubernetes' expansion of command and args, for what a shell then reads: `$$` is written as `$`. */
function kubernetesUnescaped(text: string): string {
  return text.replace(/\$\$/g, '$');
}

/** What a command line puts into a process's arguments; `path` is the first expansion's. */
export interface LineReading {
  /** The entries that pass a literal credential, as `args[1]`. */
  readonly literal: string[];
  /** The Secret-backed env vars, as `REDIS_PASSWORD in args[1]`. */
  readonly found: string[];
  /** The mounted Secret files a shell reads into a program's arguments, as `/etc/secret/pw in args[0] (by the shell as $P, into mysql's arguments)`. */
  readonly files: string[];
  /** The entries that could not be read fully, and why (`it nests … more than 8 deep`). */
  readonly cutShort: { readonly at: string; readonly why: string }[];
  readonly path?: string;
}

/** What a reading cut short had yet to read, in the words of a finding. */
const CUT_SHORT: Readonly<Record<CutShort, string>> = {
  rereads: `shells, evals, here-documents or env -S more than ${MAX_REREADS} deep`,
  substitutions: `command substitutions more than ${MAX_NESTING} deep`,
  functions: `function calls more than ${MAX_NESTING} deep`,
};

/** Why a reading was cut short, in the words of a finding: `it nests … more than 8 deep`. */
export function cutShortWhy(cut: readonly CutShort[]): string {
  return `it nests ${cut.map(c => CUT_SHORT[c]).join(', and ')}`;
}

/**
 * What a command line puts into the arguments of a process, where the node's process list shows
 * it: literal credentials (see credentialArguments, and, in a `sh -c` script, those of every
 * command the script runs: in groups, after redirections and launchers, in here-documents given
 * to a shell, in the script's own arguments, as `command[2]`); the Secret-backed env vars it
 * expands, as `REDIS_PASSWORD in args[1]`: a `$(VAR)` Kubernetes expands in command and args, a
 * `${VAR}` env's `-S` expands, and a `$VAR` or `${VAR}` the shell of a `sh -c` script (in
 * command and args, or a probe's or hook's exec command) expands into a program's arguments, as
 * `DB_PASSWORD in args[0] (by the shell, into mysql's arguments)` (`through function f` when a
 * shell function passes it on); the files under `secretFiles` (a mounted Secret) such a script
 * reads into a program's arguments (`mysql -p"$(cat /etc/secret/pw)"`); and the entries whose
 * nesting goes deeper than the reading reads.
 */
export function readCommandLine(
  line: CommandLine, secret: SecretVariables, secretFiles: SecretFiles = NO_SECRET_FILES, mountPaths: readonly string[] = [],
): LineReading {
  const literal = credentialArguments(line.command, line.args, { mountPaths }).map(at => line.prefix + at);
  const found: string[] = [];
  const files: string[] = [];
  const cutShort: { at: string; why: string }[] = [];
  let path: string | undefined;
  const list = entries(line);
  const add = (into: string[], text: string, at: string): void => {
    into.push(text);
    path ??= at;
  };
  if (line.kubernetes && secret.any) {
    for (const { at, arg } of list) {
      if (typeof arg !== 'string') continue;
      for (const m of arg.matchAll(EXPANSION)) {
        // An odd number of `$` before `$(` escapes it: `$$(NAME)` stays `$(NAME)`.
        if (m[1].length % 2 === 0 && secret.has(m[2])) add(found, `${m[2]} in ${at}`, at);
      }
    }
  }
  // What the program gets once Kubernetes has expanded the line, and env's -S has split its value.
  const argv = commandArgv(list.map(e => (line.kubernetes && typeof e.arg === 'string' ? kubernetesUnescaped(e.arg) : e.arg)));
  const program = argv.program < argv.words.length ? programName(argv.words[argv.program].text) : 'env';
  if (argv.truncated) cutShort.push({ at: list[0].at, why: cutShortWhy(['rereads']) });
  for (const w of argv.words) {
    for (const v of w.split ?? []) if (secret.has(v)) add(found, `${v} in ${list[w.from].at} (by env -S, into ${program}'s arguments)`, list[w.from].at);
  }
  const script = shellCommand([], argv);
  if (script !== undefined) {
    const { at } = list[script.script];
    const positional = script.args.map(a => a.text);
    const reading = scriptSecrets(script.text, script.shell, secret, secretFiles, { positional, mountPaths });
    for (const e of reading.secrets) add(e.file ? files : found, `${e.name} in ${at} (${e.how})`, at);
    const given = reading.literalParameters.map(k => list[script.args[k].from].at);
    for (const a of reading.literal ? [at, ...given] : given) if (!literal.includes(a)) literal.push(a);
    if (reading.cutShort.length > 0) cutShort.push({ at, why: cutShortWhy(reading.cutShort) });
  }
  return { literal, found, files, cutShort, path };
}

/** A secret a shell script puts into a program's arguments. */
export interface ScriptSecret {
  /** The env var, or the path of the mounted Secret file. */
  readonly name: string;
  /** Whether it is a mounted Secret file. */
  readonly file: boolean;
  /** How: `by the shell as $P, through function f, into mysql's arguments`. */
  readonly how: string;
}

/**
 * The Secret-backed env vars and mounted Secret files a shell script (run by `shell`) expands
 * into the arguments of the programs it runs, whether a command it runs passes a literal
 * credential, and where its nesting goes deeper than it is read: the reading of a `sh -c`
 * script, and of a script file the container runs.
 */
export function scriptSecrets(
  text: string, shell: string, secret: SecretVariables, secretFiles: SecretFiles, options: { positional?: readonly string[]; mountPaths?: readonly string[] } = {},
): { secrets: ScriptSecret[]; literal: boolean; literalParameters: readonly number[]; cutShort: readonly CutShort[] } {
  // Variables and absolute paths never share a name: a path among the names is a file.
  const sources = { has: (name: string) => (name.startsWith('/') ? secretFiles.has(name) : secret.has(name)) };
  const reading = readScript(text, sources, { shell, ...options });
  const secrets = reading.expansions.map(e => {
    const through = e.through === undefined ? '' : ` as $${e.through}`;
    const fn = e.function === undefined ? '' : `, through function ${e.function}`;
    return { name: e.name, file: e.name.startsWith('/'), how: `by ${e.by ?? 'the shell'}${through}${fn}, into ${e.program}'s arguments` };
  });
  return { secrets, literal: reading.literal, literalParameters: reading.literalParameters, cutShort: reading.cutShort };
}
