import { credentialArguments } from '../../common/command-line-credentials';
import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** `$(NAME)`, which Kubernetes replaces in command and args with the container's env var NAME (`$$(NAME)` is written as is). */
const EXPANSION = /(\$*)\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;

/**
 * The Secret-backed env vars (valueFrom.secretKeyRef) a container's command line expands, as
 * `REDIS_PASSWORD in args[1]`, with the field of the first: Kubernetes puts their values into the
 * arguments of the running process, where the node's process list shows them.
 */
function secretExpansions(container: any): { found: string[]; path?: string } {
  const env: unknown[] = Array.isArray(container.env) ? container.env : [];
  const secret = new Set(env.filter((e: any) => e?.valueFrom?.secretKeyRef && typeof e.name === 'string').map((e: any) => e.name as string));
  const found: string[] = [];
  let path: string | undefined;
  if (secret.size === 0) return { found };
  for (const field of ['command', 'args'] as const) {
    const list: unknown[] = Array.isArray(container[field]) ? container[field] : [];
    list.forEach((arg, i) => {
      if (typeof arg !== 'string') return;
      for (const m of arg.matchAll(EXPANSION)) {
        // An odd number of `$` before `$(` escapes it: `$$(NAME)` stays `$(NAME)`.
        if (m[1].length % 2 === 1 || !secret.has(m[2])) continue;
        found.push(`${m[2]} in ${field}[${i}]`);
        path ??= `${field}[${i}]`;
      }
    });
  }
  return { found, path };
}

/** No container passes a credential on its command line; secrets come from Secrets mounted as files. */
export const commandNoCredentials = defineControl({
  id: 'command-no-credentials',
  title: 'No credentials on container command lines',
  condition: 'No container passes a credential in its command or args: no literal value of a flag named for one (--password=…, '
    + '--api-token …, --requirepass …; a path or file name of a mounted file, @file, file:/env: sources and a $(VAR) reference are no credentials), '
    + 'no password by a client\'s own flag (mysql -p…, redis-cli -a …), no user:password for a flag that takes it, '
    + 'no assignment of one (DB_PASSWORD=… app, --set auth.password=…), no HTTP credential, and no literal secret (a token, a '
    + 'private key, a URL with a password); and no $(VAR) in command or args expands an env var taken from a Secret (secretKeyRef). '
    + 'A command line shows in the manifest, in Git and in the node\'s process list.',
  severity: 'high',
  criteria: ['CC6.1', 'C1.1'],
  references: {
    nsa: NSA.secrets,
  },
  remediation: 'Rotate a credential written in the manifest, put it in a Secret mounted as a file (CompliantWorkload: secretFiles) and point the program '
    + 'at the file, e.g. --password-file=/var/run/secrets/app/db-password, or at a configuration file that holds it (a redis.conf '
    + 'with requirepass, mounted from a Secret), rather than passing it as an argument.',
  example: 'args:\n  - --password-file=/var/run/secrets/app/db-password',
  check: ctx => evaluatePods(ctx, {
    container: c => {
      const literal = credentialArguments(c.container.command, c.container.args);
      const expanded = secretExpansions(c.container);
      if (literal.length === 0 && expanded.found.length === 0) return undefined;
      const parts: string[] = [];
      if (literal.length > 0) parts.push(`passes credentials on its command line: ${literal.join(', ')} (values not shown)`);
      if (expanded.found.length > 0) parts.push(`expands Secret-backed env vars into its command line, where the process list shows them: ${expanded.found.join(', ')}`);
      return { message: parts.join('; '), path: literal[0] ?? expanded.path };
    },
  }),
});
