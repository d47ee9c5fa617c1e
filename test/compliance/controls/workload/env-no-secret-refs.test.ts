import { parse } from 'yaml';
import { commandNoCredentials } from '../../../../src/compliance/controls/workload/command-no-credentials';
import { envNoSecretLiterals } from '../../../../src/compliance/controls/workload/env-no-secret-literals';
import { envNoSecretRefs } from '../../../../src/compliance/controls/workload/env-no-secret-refs';
import { polarisContainerChecks } from '../../../third-party/polaris/container';
import { check, messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

const withContainer = (changes: Record<string, unknown>) => hardenedDeployment({ containers: [hardenedContainer('app', changes)] });

describe('env-no-secret-refs', () => {
  test('passes for Secrets mounted as files, paths to them, ConfigMap and downward API values', () => {
    const d = withContainer({
      env: [
        { name: 'DB_PASSWORD_FILE', value: '/var/run/secrets/app/db-password' },
        { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'app', key: 'log-level' } } },
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
      envFrom: [{ configMapRef: { name: 'app' } }],
      volumeMounts: [{ name: 'secrets', mountPath: '/var/run/secrets/app', readOnly: true }],
    });
    expect(outcome(envNoSecretRefs, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for a Secret key in an env var and a whole Secret in envFrom, naming each, at the first', () => {
    const d = withContainer({
      env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
      envFrom: [{ configMapRef: { name: 'app' } }, { secretRef: { name: 'stripe' } }],
    });
    expect(messages(envNoSecretRefs, [d])).toEqual([
      'container "app": takes Secrets through its environment: DB_PASSWORD (Secret "db"), every key of Secret "stripe"',
    ]);
    expect(check(envNoSecretRefs, [d])[0].path).toBe('spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef');
  });

  test('fails for an init container that takes a whole Secret, at its envFrom entry', () => {
    const d = hardenedDeployment({
      initContainers: [hardenedContainer('migrate', { envFrom: [{ secretRef: { name: 'db' } }] })],
      containers: [hardenedContainer('app')],
    });
    expect(messages(envNoSecretRefs, [d])).toEqual(['initContainer "migrate": takes Secrets through its environment: every key of Secret "db"']);
    expect(check(envNoSecretRefs, [d])[0].path).toBe('spec.template.spec.initContainers[0].envFrom[0].secretRef');
  });

  test('names a reference without a Secret name as such', () => {
    const d = withContainer({ env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { key: 'token' } } }], envFrom: [{ secretRef: {} }] });
    expect(messages(envNoSecretRefs, [d])).toEqual(['container "app": takes Secrets through its environment: TOKEN (a Secret of no name), every key of a Secret of no name']);
  });

  test('reads malformed entries as taking no Secret', () => {
    const d = withContainer({ env: [null, 'DB_PASSWORD', { name: 'X', valueFrom: { secretKeyRef: 'db' } }], envFrom: 'db' });
    expect(outcome(envNoSecretRefs, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(envNoSecretRefs, [CONFIG_MAP])).toEqual({});
  });
});

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
