import { cannotBeSecret, credentialInValue, isCredentialName } from '../../common/credentials';
import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** Why an env entry is a literal credential, or `undefined`. */
function literalCredential(entry: any): string | undefined {
  if (!entry || typeof entry.value !== 'string' || cannotBeSecret(entry.value)) return undefined;
  const inValue = credentialInValue(entry.value);
  if (inValue !== undefined) return `${String(entry.name)} (${inValue})`;
  return isCredentialName(String(entry.name)) ? String(entry.name) : undefined;
}

/** No container gets a credential as a literal env value; secrets come only from Secrets by reference. */
export const envNoSecretLiterals = defineControl({
  id: 'env-no-secret-literals',
  title: 'No credentials in literal environment variables',
  condition: 'No env var whose name denotes a credential (password, secret, token, API key, private key, access key, credentials…) has a literal value (other than a boolean or a $(VAR) reference), and no literal env value is itself a credential (a private key, an AWS access key id, a URL with a password, a JSON Web Token or bearer token, HTTP basic credentials, a live payment secret key, or a GitHub, GitLab, Slack, Google, npm or SendGrid token); secrets come from Secrets, by reference.',
  severity: 'high',
  criteria: ['CC6.1', 'C1.1'],
  references: {
    nsa: NSA.secrets,
    kubescape: ['C-0012'],
    polaris: ['sensitiveContainerEnvVar'],
  },
  remediation: 'Move the value into a Secret, rotate any credential that was committed in a manifest, and mount the Secret as a file '
    + '(CompliantWorkload: secretFiles; see env-no-secret-refs), or at least reference it with env[].valueFrom.secretKeyRef.',
  example: 'args: ["--password-file=/var/run/secrets/app/db-password"]   # the Secret mounted as a file (see env-no-secret-refs)',
  check: ctx => evaluatePods(ctx, {
    container: c => {
      const env: unknown[] = Array.isArray(c.container.env) ? c.container.env : [];
      const found: string[] = [];
      let first = -1;
      for (let i = 0; i < env.length; i++) {
        const why = literalCredential(env[i]);
        if (why === undefined) continue;
        found.push(why);
        if (first < 0) first = i;
      }
      return found.length === 0 ? undefined
        : { message: `sets credentials as literal env values: ${found.join(', ')}`, path: `env[${first}].value` };
    },
  }),
});
