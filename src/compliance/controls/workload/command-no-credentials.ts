import { credentialArguments } from '../../common/command-line-credentials';
import { defineControl } from '../../control';
import { commandLines, mountPaths, secretExpansions, secretFiles, secretVariables } from './private/command-lines';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** No container passes a credential on its command line, nor reads a Secret (env var or mounted file) into one; secrets come from Secrets mounted as files. */
export const commandNoCredentials = defineControl({
  id: 'command-no-credentials',
  title: 'No credentials on container command lines',
  condition: 'No container passes a credential on a command line it runs: its command and args, and the exec command of its probes '
    + '(liveness, readiness, startup) and lifecycle hooks (postStart, preStop). No literal value of a flag whose last word names one (--password=…, '
    + '--api-token …, --requirepass …, --key-data …; not --secret-field-selector, not a path of a mounted file, @file, file:/env: sources, a $(VAR) reference, nor the Secret, '
    + 'Secret key or env var a flag such as --password-secret, --password-key or --password-env names). A value starting with / is a path '
    + 'when it holds only path characters and has two segments or more, ends in a key or certificate file name, or lies under a mount path '
    + 'of the container; otherwise (/xY9$k) it is a password. In exec-form arguments only $(VAR), ${VAR} and a whole $VAR are references '
    + '(nothing expands pa$w0rd there); in a shell script any $ is. No password by a client\'s own flag (mysql -p…, redis-cli -a …, -p '
    + 'of az, docker, oc or helm registry login), no openssl pass:…, no user:password for a flag that takes it, no assignment of one '
    + '(DB_PASSWORD=… app, --set auth.password=…), no HTTP credential, and no literal secret (a token, a private key, a URL with a '
    + 'password). And no env var that holds a Secret\'s value (secretKeyRef, a value that expands one, or with envFrom a Secret a '
    + 'variable env does not define whose name reads as a credential) is expanded into a process\'s '
    + 'arguments: not by a $(VAR) in command or args, and not by a shell running a -c script (sh, bash, ash, dash, zsh, ksh; also through '
    + 'env or busybox) that puts $VAR or ${VAR}, a shell variable assigned from one (also by for p in "$PASS" or read p <<< "$PASS"), '
    + 'a command substitution that outputs one (an echo or printf of it, printenv, or cat, tr, sed, jq and other readers of a here-string '
    + 'of it: $(echo "$PASS" | sed …)), "$@" or $1 after set -- put one in the positional parameters, or an argument of a shell function '
    + 'its body passes on (f() { mysql -p"$1"; }; f "$PASS", named as mysql\'s, through function f), into the arguments of a program it runs. '
    + 'Nor does such a script read a mounted Secret file (under the mount path of a secret volume, or of a projected volume with a secret '
    + 'source, only the files its items name when it names them; not a ConfigMap, emptyDir or token volume) into a program\'s arguments: $(cat /etc/secret/pw), $(< file), a reader of it '
    + '(tr … < file, jq … file), or read p < file, directly or through a shell variable. '
    + 'Assignments (PGPASSWORD="$DB_PASSWORD" psql), export, redirections, here-documents and builtins that start no process (echo, '
    + 'printf, test, [, read) are fine, and so is a function that passes its arguments to none; a path (/bin/echo) is a program. '
    + 'A command line shows in the manifest, in Git and in the node\'s process list.',
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
      const lines = commandLines(c.container);
      if (lines.length === 0) return undefined;
      const secret = secretVariables(c.container);
      const files = secretFiles(c.pod.spec, c.container);
      const mounts = mountPaths(c.container);
      const literal: string[] = [];
      const expanded: string[] = [];
      const read: string[] = [];
      let expandedPath: string | undefined;
      for (const line of lines) {
        literal.push(...credentialArguments(line.command, line.args, { mountPaths: mounts }).map(at => line.prefix + at));
        const e = secretExpansions(line, secret, files);
        expanded.push(...e.found);
        read.push(...e.files);
        expandedPath ??= e.path;
      }
      if (literal.length === 0 && expanded.length === 0 && read.length === 0) return undefined;
      const parts: string[] = [];
      if (literal.length > 0) parts.push(`passes credentials on its command line: ${literal.join(', ')} (values not shown)`);
      if (expanded.length > 0) parts.push(`expands Secret-backed env vars into its command line, where the process list shows them: ${expanded.join(', ')}`);
      if (read.length > 0) parts.push(`reads mounted Secret files into its command line, where the process list shows them: ${read.join(', ')}`);
      return { message: parts.join('; '), path: literal[0] ?? expandedPath };
    },
  }),
});
