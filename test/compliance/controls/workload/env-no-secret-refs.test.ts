import { envNoSecretRefs } from '../../../../src/compliance/controls/workload/env-no-secret-refs';
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
