import { defineControl } from '../../control';
import { commandLines, readCommandLine, secretVariables } from './private/command-lines';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';
import { ConfigMapFiles, configMapFiles, scriptFileSecrets } from './private/script-files';
import { mountPaths, secretFiles } from './private/secret-files';

/** No container passes a credential on its command line, nor reads a Secret (env var or mounted file) into one; secrets come from Secrets mounted as files. */
export const commandNoCredentials = defineControl({
  id: 'command-no-credentials',
  title: 'No credentials on container command lines',
  condition: 'No container passes a credential on a command line it runs (its command and args, the exec commands of its probes and '
    + 'lifecycle hooks), where the manifest, Git and the node\'s process list show it: no literal credential (the value of a flag named '
    + 'for one, a client\'s password flag such as mysql -p… or docker login -p …, a token, a private key, a URL with a password), no env var '
    + 'that holds a Secret\'s value expanded into a process\'s arguments (by Kubernetes\' $(VAR), or by a sh -c script\'s $VAR, also '
    + 'through shell variables, substitutions, read, mapfile, pipes, eval and functions), and no mounted Secret file a sh -c script reads '
    + 'into them; a script file the container runs from a ConfigMap of the set (sh /scripts/setup.sh, or a #! script) is read like a sh -c '
    + 'script. Each command is read as its program gets it: after launchers (tini, timeout, gosu, env and its -S command line), in groups, '
    + 'after redirections, in eval, in the scripts of inner shells and the here-documents a shell runs, with a -c script\'s own arguments as '
    + 'its $1…; a line nested deeper than it is read (8 levels of eval, inner shells, here-document scripts and env -S, 32 of '
    + 'substitutions or function calls) fails as unreadable. Assignments, export, redirections, here-documents given to programs that are '
    + 'no shell and builtins start no process and are fine. The README section "Credentials on command lines" lists every case read.',
  severity: 'high',
  criteria: ['CC6.1', 'C1.1'],
  references: {
    nsa: NSA.secrets,
  },
  remediation: 'Point the program at the file that holds the credential rather than passing its value as an argument: a Secret mounted as a '
    + 'file (CompliantWorkload: secretFiles), e.g. --password-file=/var/run/secrets/app/db-password, or a configuration file that holds it '
    + '(a redis.conf with requirepass, mounted from a Secret). In a shell script, hand a client the secret through its environment or standard '
    + 'input (MYSQL_PWD="$DB_PASSWORD" mysqladmin ping, REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli ping, openssl -passin env:PASS or file:/path, '
    + 'docker login --password-stdin < /var/run/secrets/app/token). A credential written in the manifest itself is exposed in Git: rotate it as well.',
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
      const unread: { at: string; why: string }[] = [];
      const scripts: string[] = [];
      let expandedPath: string | undefined;
      let scriptPath: string | undefined;
      let inConfigMaps: ConfigMapFiles | undefined;
      const scriptFiles = (): ConfigMapFiles => (inConfigMaps ??= configMapFiles(ctx.index, c.pod, c.container));
      for (const line of lines) {
        const r = readCommandLine(line, secret, files, mounts);
        literal.push(...r.literal);
        expanded.push(...r.found);
        read.push(...r.files);
        unread.push(...r.cutShort);
        expandedPath ??= r.path;
        const script = scriptFileSecrets(line, secret, files, scriptFiles, c.container.workingDir);
        if (script !== undefined) scripts.push(script.message);
        scriptPath ??= script?.path;
      }
      if (literal.length + expanded.length + read.length + unread.length + scripts.length === 0) return undefined;
      const parts: string[] = [];
      if (literal.length > 0) parts.push(`passes credentials on its command line: ${literal.join(', ')} (values not shown)`);
      if (expanded.length > 0) parts.push(`expands Secret-backed env vars into its command line, where the process list shows them: ${expanded.join(', ')}`);
      if (read.length > 0) parts.push(`reads mounted Secret files into its command line, where the process list shows them: ${read.join(', ')}`);
      parts.push(...scripts);
      parts.push(...unread.map(u => `cannot read ${u.at} fully: ${u.why}, where a credential would go unseen (make it flatter)`));
      return { message: parts.join('; '), path: literal[0] ?? expandedPath ?? scriptPath ?? unread[0]?.at };
    },
  }),
});
