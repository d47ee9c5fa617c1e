import { parse } from 'yaml';
import { commandNoCredentials } from '../../../../src/compliance/controls/workload/command-no-credentials';
import { envNoSecretLiterals } from '../../../../src/compliance/controls/workload/env-no-secret-literals';
import { envNoSecretRefs } from '../../../../src/compliance/controls/workload/env-no-secret-refs';
import { polarisContainerChecks } from '../../../third-party/polaris/container';
import { outcome } from '../../helpers';
import { hardenedContainer, hardenedDeployment } from './fixtures';

const CONTROLS = [envNoSecretRefs, envNoSecretLiterals, commandNoCredentials];

/** A hardened Deployment whose pod spec takes the example's fields (container fields go to its one container). */
function withExample(example: Record<string, any>): any {
  const { volumes, containers, ...containerFields } = example;
  const container = hardenedContainer('app', { ...containerFields, ...(containers?.[0] ?? {}), name: 'app' });
  return hardenedDeployment({ containers: [container], ...(volumes ? { volumes } : {}) });
}

describe('the examples of the controls that keep secrets out of the environment', () => {
  test.each([envNoSecretRefs, envNoSecretLiterals].map(c => [c.id, c] as const))('%s: its example passes every credential control and Polaris sensitiveContainerEnvVar', (_id, control) => {
    const d = withExample(parse(control.example ?? ''));
    expect(d.spec.template.spec.containers[0].args).toEqual(['--password-file=/var/run/secrets/app/db-password']);
    for (const c of CONTROLS) expect(outcome(c, [d])).toEqual({ 'Deployment/team/api': 'pass' });
    expect(polarisContainerChecks([d]).map(f => f.check)).not.toContain('polaris/sensitiveContainerEnvVar');
  });

  test('the path in a variable named for a credential, which the examples avoid, draws Polaris sensitiveContainerEnvVar', () => {
    const d = withExample({ env: [{ name: 'DB_PASSWORD_FILE', value: '/var/run/secrets/app/db-password' }] });
    expect(polarisContainerChecks([d]).map(f => f.check)).toContain('polaris/sensitiveContainerEnvVar');
  });
});
