import { credentialArguments } from '../../common/command-line-credentials';
import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** No container passes a credential on its command line; secrets come from Secrets mounted as files. */
export const commandNoCredentials = defineControl({
  id: 'command-no-credentials',
  title: 'No credentials on container command lines',
  condition: 'No container passes a credential in its command or args: no literal value of a flag named for one (--password=…, '
    + '--api-token …, --requirepass …; a path or file name of a mounted file, @file, file:/env: sources and a $(VAR) reference are no credentials), '
    + 'no password by a client\'s own flag (mysql -p…, redis-cli -a …), no user:password for a flag that takes it, '
    + 'no assignment of one (DB_PASSWORD=… app, --set auth.password=…), no HTTP credential, and no literal secret (a token, a '
    + 'private key, a URL with a password). A command line shows in the manifest, in Git and in the node\'s process list.',
  severity: 'high',
  criteria: ['CC6.1', 'C1.1'],
  references: {
    nsa: NSA.secrets,
  },
  remediation: 'Rotate the credential, put it in a Secret mounted as a file (CompliantWorkload: secretFiles) and point the program '
    + 'at the file, e.g. --password-file=/var/run/secrets/app/db-password.',
  example: 'args:\n  - --password-file=/var/run/secrets/app/db-password',
  check: ctx => evaluatePods(ctx, {
    container: c => {
      const found = credentialArguments(c.container.command, c.container.args);
      return found.length === 0 ? undefined
        : { message: `passes credentials on its command line: ${found.join(', ')} (values not shown)`, path: found[0] };
    },
  }),
});
