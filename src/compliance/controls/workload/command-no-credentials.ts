import { credentialArguments } from '../../common/command-line-credentials';
import { isCredentialName } from '../../common/credentials';
import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';
import { expansionsIntoArguments, shellScriptIndex } from './private/shell-script';

/** `$(NAME)`, which Kubernetes replaces in command and args with the container's env var NAME (`$$(NAME)` is written as is). */
const EXPANSION = /(\$*)\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;

/** The probes whose `exec.command` the kubelet runs in the container. */
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
/** The lifecycle hooks whose `exec.command` the kubelet runs in the container. */
const HOOKS = ['postStart', 'preStop'] as const;

/**
 * A command line a container runs: its command and args, which Kubernetes expands `$(VAR)` in,
 * or the `exec.command` of a probe or a lifecycle hook, which it runs as written.
 */
interface CommandLine {
  /** The path of the fields below the container (`''`, `livenessProbe.exec.`). */
  readonly prefix: string;
  readonly command: unknown;
  readonly args: unknown;
  /** Whether Kubernetes expands `$(VAR)` (and writes `$$` as `$`) in it: in command and args only. */
  readonly kubernetes: boolean;
}

function commandLines(container: any): CommandLine[] {
  const lines: CommandLine[] = [{ prefix: '', command: container.command, args: container.args, kubernetes: true }];
  for (const probe of PROBES) {
    const command = container[probe]?.exec?.command;
    if (command !== undefined) lines.push({ prefix: `${probe}.exec.`, command, args: undefined, kubernetes: false });
  }
  for (const hook of HOOKS) {
    const command = container.lifecycle?.[hook]?.exec?.command;
    if (command !== undefined) lines.push({ prefix: `lifecycle.${hook}.exec.`, command, args: undefined, kubernetes: false });
  }
  return lines;
}

/** The entries of a command line as `{ at, arg }`, command before args, at as `command[i]` or `args[i]` with the line's prefix. */
function entries(line: CommandLine): { at: string; arg: unknown }[] {
  const out: { at: string; arg: unknown }[] = [];
  for (const [field, value] of [['command', line.command], ['args', line.args]] as const) {
    if (Array.isArray(value)) value.forEach((arg, i) => out.push({ at: `${line.prefix}${field}[${i}]`, arg }));
  }
  return out;
}

/** The env vars of a container that hold a Secret's value. */
interface SecretVariables {
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
function secretVariables(container: any): SecretVariables {
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

/**
 * The Secret-backed env vars a command line puts into the arguments of a process, where the
 * node's process list shows them, as `REDIS_PASSWORD in args[1]`: a `$(VAR)` Kubernetes expands in
 * command and args, and a `$VAR` or `${VAR}` the shell of a `sh -c` script (in command and args,
 * or a probe's or hook's exec command) expands into a program's arguments, as
 * `DB_PASSWORD in args[0] (by the shell, into mysql's arguments)`.
 */
function secretExpansions(line: CommandLine, secret: SecretVariables): { found: string[]; path?: string } {
  const found: string[] = [];
  let path: string | undefined;
  if (!secret.any) return { found };
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
  const script = shellScriptIndex(list.map(e => e.arg));
  if (script !== undefined) {
    const { at, arg } = list[script];
    const text = line.kubernetes ? kubernetesUnescaped(arg as string) : arg as string;
    for (const e of expansionsIntoArguments(text, secret)) {
      const through = e.through === undefined ? '' : ` as $${e.through}`;
      found.push(`${e.name} in ${at} (by the shell${through}, into ${e.program}'s arguments)`);
      path ??= at;
    }
  }
  return { found, path };
}

/** The mount paths of a container's volumes, where a path argument may point at a mounted secret file. */
function mountPaths(container: any): string[] {
  const mounts: unknown[] = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
  return mounts.map((m: any) => m?.mountPath).filter((p): p is string => typeof p === 'string');
}

/** No container passes a credential on its command line; secrets come from Secrets mounted as files. */
export const commandNoCredentials = defineControl({
  id: 'command-no-credentials',
  title: 'No credentials on container command lines',
  condition: 'No container passes a credential on a command line it runs: its command and args, and the exec command of its probes '
    + '(liveness, readiness, startup) and lifecycle hooks (postStart, preStop). No literal value of a flag named for one (--password=…, '
    + '--api-token …, --requirepass …; not a path of a mounted file, @file, file:/env: sources, a $(VAR) reference, nor the Secret, '
    + 'Secret key or env var a flag such as --password-secret, --password-key or --password-env names). A value starting with / is a path '
    + 'when it holds only path characters and has two segments or more, ends in a key or certificate file name, or lies under a mount path '
    + 'of the container; otherwise (/xY9$k) it is a password. In exec-form arguments only $(VAR), ${VAR} and a whole $VAR are references '
    + '(nothing expands pa$w0rd there); in a shell script any $ is. No password by a client\'s own flag (mysql -p…, redis-cli -a …, -p '
    + 'of az, docker, oc or helm registry login), no openssl pass:…, no user:password for a flag that takes it, no assignment of one '
    + '(DB_PASSWORD=… app, --set auth.password=…), no HTTP credential, and no literal secret (a token, a private key, a URL with a '
    + 'password). And no env var that holds a Secret\'s value (secretKeyRef, a value that expands one, or with envFrom a Secret a '
    + 'variable env does not define whose name reads as a credential) is expanded into a process\'s '
    + 'arguments: not by a $(VAR) in command or args, and not by a shell running a -c script (sh, bash, ash, dash, zsh, ksh; also through '
    + 'env or busybox) that puts $VAR or ${VAR}, or a shell variable assigned from one, into the arguments of a program it runs. '
    + 'Assignments (PGPASSWORD="$DB_PASSWORD" psql), export, redirections, here-documents and builtins that start no process (echo, '
    + 'printf, test, [, read) are fine; a path (/bin/echo) is a program. A command line shows in the manifest, in Git and in the '
    + 'node\'s process list.',
  severity: 'high',
  criteria: ['CC6.1', 'C1.1'],
  references: {
    nsa: NSA.secrets,
  },
  remediation: 'Rotate a credential written in the manifest, put it in a Secret mounted as a file (CompliantWorkload: secretFiles) and point the program '
    + 'at the file, e.g. --password-file=/var/run/secrets/app/db-password, or at a configuration file that holds it (a redis.conf '
    + 'with requirepass, mounted from a Secret), rather than passing it as an argument. In a shell script, hand a client the secret '
    + 'through its environment or standard input (MYSQL_PWD="$DB_PASSWORD" mysqladmin ping, REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli ping, '
    + 'openssl -passin env:PASS or file:/path, docker login --password-stdin) rather than as an argument.',
  example: 'args:\n  - --password-file=/var/run/secrets/app/db-password',
  check: ctx => evaluatePods(ctx, {
    container: c => {
      const secret = secretVariables(c.container);
      const mounts = mountPaths(c.container);
      const literal: string[] = [];
      const expanded: string[] = [];
      let expandedPath: string | undefined;
      for (const line of commandLines(c.container)) {
        literal.push(...credentialArguments(line.command, line.args, { mountPaths: mounts }).map(at => line.prefix + at));
        const e = secretExpansions(line, secret);
        expanded.push(...e.found);
        expandedPath ??= e.path;
      }
      if (literal.length === 0 && expanded.length === 0) return undefined;
      const parts: string[] = [];
      if (literal.length > 0) parts.push(`passes credentials on its command line: ${literal.join(', ')} (values not shown)`);
      if (expanded.length > 0) parts.push(`expands Secret-backed env vars into its command line, where the process list shows them: ${expanded.join(', ')}`);
      return { message: parts.join('; '), path: literal[0] ?? expandedPath };
    },
  }),
});
