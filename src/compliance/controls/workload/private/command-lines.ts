/**
 * The command lines a container runs (command and args, the exec commands of probes and
 * lifecycle hooks) and the env vars whose Secret values reach a process's arguments through them.
 */
import { isCredentialName } from '../../../common/credentials';
import { shellCommand } from '../../../common/shell-command';
import { expansionsIntoArguments } from './shell-script';

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

/** The secrets a command line puts into a process's arguments: env vars, and mounted Secret files; `path` is the first's. */
export interface SecretExpansions {
  /** The Secret-backed env vars, as `REDIS_PASSWORD in args[1]`. */
  readonly found: string[];
  /** The mounted Secret files a shell reads into a program's arguments, as `/etc/secret/pw in args[0] (by the shell as $P, into mysql's arguments)`. */
  readonly files: string[];
  readonly path?: string;
}

/**
 * The Secret-backed env vars a command line puts into the arguments of a process, where the
 * node's process list shows them, as `REDIS_PASSWORD in args[1]`: a `$(VAR)` Kubernetes expands in
 * command and args, and a `$VAR` or `${VAR}` the shell of a `sh -c` script (in command and args,
 * or a probe's or hook's exec command) expands into a program's arguments, as
 * `DB_PASSWORD in args[0] (by the shell, into mysql's arguments)` (`through function f` when a
 * shell function passes it on); and the files under `secretFiles` (a mounted Secret) such a
 * script reads into a program's arguments (`mysql -p"$(cat /etc/secret/pw)"`).
 */
export function secretExpansions(line: CommandLine, secret: SecretVariables, secretFiles: SecretFiles = NO_SECRET_FILES): SecretExpansions {
  const found: string[] = [];
  const files: string[] = [];
  let path: string | undefined;
  if (!secret.any && !secretFiles.any) return { found, files };
  const list = entries(line);
  if (line.kubernetes) {
    for (const { at, arg } of list) {
      if (typeof arg !== 'string') continue;
      for (const m of arg.matchAll(EXPANSION)) {
        // An odd number of `$` before `$(` escapes it: `$$(NAME)` stays `$(NAME)`.
        if (m[1].length % 2 === 1 || !secret.has(m[2])) continue;
        found.push(`${m[2]} in ${at}`);
        path ??= at;
      }
    }
  }
  const script = shellCommand(list.map(e => e.arg));
  if (script !== undefined) {
    const { at, arg } = list[script.script];
    const text = line.kubernetes ? kubernetesUnescaped(arg as string) : arg as string;
    for (const e of scriptSecrets(text, script.shell, secret, secretFiles)) {
      (e.file ? files : found).push(`${e.name} in ${at} (${e.how})`);
      path ??= at;
    }
  }
  return { found, files, path };
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
 * into the arguments of the programs it runs: the reading of a `sh -c` script, and of a script
 * file the container runs.
 */
export function scriptSecrets(text: string, shell: string, secret: SecretVariables, secretFiles: SecretFiles): ScriptSecret[] {
  // Variables and absolute paths never share a name: a path among the names is a file.
  const sources = { has: (name: string) => (name.startsWith('/') ? secretFiles.has(name) : secret.has(name)) };
  return expansionsIntoArguments(text, sources, { shell }).map(e => {
    const through = e.through === undefined ? '' : ` as $${e.through}`;
    const fn = e.function === undefined ? '' : `, through function ${e.function}`;
    return { name: e.name, file: e.name.startsWith('/'), how: `by the shell${through}${fn}, into ${e.program}'s arguments` };
  });
}

/** The files of a container that hold a Secret's data: those at or under the mount path of a Secret volume. */
export interface SecretFiles {
  /** Whether the absolute path lies at or under a Secret volume's mount path. */
  has(path: string): boolean;
  /** Whether the container mounts any Secret volume. */
  readonly any: boolean;
}

const NO_SECRET_FILES: SecretFiles = { has: () => false, any: false };

/** An absolute path with `.`, `..` and repeated `/` resolved (`/etc/secret/../pw` is `/etc/pw`), without a trailing `/`. */
export function normalPath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '' && segment !== '.') out.push(segment);
  }
  return `/${out.join('/')}`;
}

/**
 * Where a volume holds a Secret's data, relative to the volume's root: `''` (all of it) for a
 * Secret volume or a projected Secret source without `items` (its keys are not in the manifest),
 * else the paths its `items` name (`db-password`); none for a volume of another kind, or for the
 * ConfigMap, downward API and token sources of a projected volume.
 */
function secretPathsOf(volume: any): string[] {
  const sources: any[] = volume?.secret !== undefined && volume?.secret !== null ? [volume.secret]
    : Array.isArray(volume?.projected?.sources) ? volume.projected.sources.map((s: any) => s?.secret).filter((s: any) => s !== undefined && s !== null) : [];
  return sources.flatMap(source => {
    const items: unknown[] = Array.isArray(source?.items) ? source.items : [];
    const paths = (items as any[]).map(item => item?.path).filter((p): p is string => typeof p === 'string');
    return paths.length > 0 ? paths : [''];
  });
}

/**
 * The files of a container that hold a Secret's data: those the pod's Secret volumes, and the
 * Secret sources of its projected volumes, put at or under a mount path of the container (only
 * the files their `items` name, when they name them; all of a mount of one file by `subPath`).
 * Not ConfigMap, emptyDir, downward API or service account token volumes.
 */
export function secretFiles(podSpec: any, container: any): SecretFiles {
  const volumes: unknown[] = Array.isArray(podSpec?.volumes) ? podSpec.volumes : [];
  const byVolume = new Map<string, string[]>();
  for (const v of volumes as any[]) {
    const paths = typeof v?.name === 'string' ? secretPathsOf(v) : [];
    if (paths.length > 0 && !byVolume.has(v.name)) byVolume.set(v.name, paths);
  }
  const mounts: unknown[] = Array.isArray(container?.volumeMounts) ? container.volumeMounts : [];
  const paths: string[] = [];
  for (const m of mounts as any[]) {
    const inVolume = byVolume.get(m?.name);
    if (inVolume === undefined || typeof m.mountPath !== 'string' || !m.mountPath.startsWith('/')) continue;
    const sub = typeof m.subPath === 'string' && m.subPath !== '';
    for (const p of sub ? [''] : inVolume) paths.push(normalPath(`${m.mountPath}/${p}`));
  }
  const roots = paths.filter(p => p !== '/');
  return {
    has: path => {
      const p = normalPath(path);
      return roots.some(m => p === m || p.startsWith(`${m}/`));
    },
    any: roots.length > 0,
  };
}

/** The mount paths of a container's volumes, where a path argument may point at a mounted secret file. */
export function mountPaths(container: any): string[] {
  const mounts: unknown[] = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
  return mounts.map((m: any) => m?.mountPath).filter((p): p is string => typeof p === 'string');
}
