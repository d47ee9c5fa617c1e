import { envNoSecretLiterals } from '../../../../src/compliance/controls/workload/env-no-secret-literals';
import { check, messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

const withEnv = (env: unknown[]) => hardenedDeployment({ containers: [hardenedContainer('app', { env })] });

describe('env-no-secret-literals', () => {
  test('passes for secrets by reference, harmless literals, paths to secret files and $(VAR) references', () => {
    const d = withEnv([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD_FILE', value: '/run/secrets/db/password' },
      { name: 'API_TOKEN', value: '$(INJECTED_TOKEN)' },
      { name: 'EMPTY_SECRET', value: '' },
    ]);
    expect(outcome(envNoSecretLiterals, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes for settings of a credential\'s lifetime and handling, which hold no credential', () => {
    const d = withEnv([
      { name: 'ACCESS_TOKEN_EXPIRE_MINUTES', value: '30' },
      { name: 'PASSWORD_HASH_ALGORITHM', value: 'argon2id' },
      { name: 'SECRETS_PROVIDER', value: 'vault' },
    ]);
    expect(outcome(envNoSecretLiterals, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for credential names with literal values, naming every one', () => {
    const d = withEnv([{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_PASSWORD', value: 'hunter2' }, { name: 'stripeApiKey', value: 'sk_live_x' }]);
    expect(messages(envNoSecretLiterals, [d])).toEqual(['container "app": sets credentials as literal env values: DB_PASSWORD, stripeApiKey']);
    expect(check(envNoSecretLiterals, [d])[0].path).toBe('spec.template.spec.containers[0].env[1].value');
  });

  test('fails for a credential hidden in an innocent name', () => {
    const d = withEnv([{ name: 'DATABASE_URL', value: 'postgres://app:hunter2@db:5432/app' }]);
    expect(messages(envNoSecretLiterals, [d])).toEqual(['container "app": sets credentials as literal env values: DATABASE_URL (a URL with an embedded password)']);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(envNoSecretLiterals, [CONFIG_MAP])).toEqual({});
  });
});
