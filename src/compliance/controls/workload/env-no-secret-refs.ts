import { defineControl } from '../../control';
import { evaluatePods } from './private/pod-checks';
import { NSA } from './private/references';

/** How a secretKeyRef or secretRef names its Secret: `Secret "db"`, or `a Secret of no name`. */
function secretText(ref: any): string {
  return typeof ref.name === 'string' && ref.name !== '' ? `Secret "${ref.name}"` : 'a Secret of no name';
}

/** The env entries and envFrom sources of a container that take a Secret, as `DB_PASSWORD (Secret "db")` / `every key of Secret "db"`. */
function secretEnv(container: any): { found: string[]; path?: string } {
  const found: string[] = [];
  let path: string | undefined;
  const env: unknown[] = Array.isArray(container.env) ? container.env : [];
  for (let i = 0; i < env.length; i++) {
    const ref = (env[i] as any)?.valueFrom?.secretKeyRef;
    if (!ref || typeof ref !== 'object') continue;
    found.push(`${String((env[i] as any).name)} (${secretText(ref)})`);
    path ??= `env[${i}].valueFrom.secretKeyRef`;
  }
  const from: unknown[] = Array.isArray(container.envFrom) ? container.envFrom : [];
  for (let i = 0; i < from.length; i++) {
    const ref = (from[i] as any)?.secretRef;
    if (!ref || typeof ref !== 'object') continue;
    found.push(`every key of ${secretText(ref)}`);
    path ??= `envFrom[${i}].secretRef`;
  }
  return { found, path };
}

/** No container takes a Secret through its environment: Secrets reach containers as files. */
export const envNoSecretRefs = defineControl({
  id: 'env-no-secret-refs',
  title: 'Secrets are mounted as files, not passed as environment variables',
  condition: 'No container takes a Secret through its environment (env[].valueFrom.secretKeyRef or envFrom[].secretRef): '
    + 'Secrets are mounted as files, which the process does not hand down to child processes, and which crash reports and '
    + 'environment dumps do not print.',
  severity: 'low',
  criteria: ['CC6.1', 'C1.1'],
  references: {
    cis: '5.4.1',
    nsa: NSA.secrets,
    kubescape: ['C-0207'],
  },
  remediation: 'Mount the Secret as a read-only volume (CompliantWorkload: secretFiles) and have the application read the file, '
    + 'its path given in the arguments (e.g. --password-file=/var/run/secrets/app/db-password) or the configuration, not in a variable '
    + 'named for a credential (Polaris sensitiveContainerEnvVar flags DB_PASSWORD_FILE with any literal value); where an image can '
    + 'read a secret only from its environment, suppress this control on the workload with the reason.',
  example: 'volumes:\n  - name: secrets\n    secret:\n      secretName: db\n      items:\n        - key: password\n          path: db-password\n'
    + 'containers:\n  - name: app\n    args: ["--password-file=/var/run/secrets/app/db-password"]\n'
    + '    volumeMounts:\n      - name: secrets\n        mountPath: /var/run/secrets/app\n        readOnly: true',
  check: ctx => evaluatePods(ctx, {
    container: c => {
      const { found, path } = secretEnv(c.container);
      return found.length === 0 ? undefined : { message: `takes Secrets through its environment: ${found.join(', ')}`, path };
    },
  }),
});
