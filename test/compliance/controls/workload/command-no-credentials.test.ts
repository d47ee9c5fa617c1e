import { commandNoCredentials } from '../../../../src/compliance/controls/workload/command-no-credentials';
import { check, messages, outcome } from '../../helpers';
import { CONFIG_MAP, hardenedContainer, hardenedDeployment } from './fixtures';

const withCommand = (changes: Record<string, unknown>) => hardenedDeployment({ containers: [hardenedContainer('app', changes)] });

describe('command-no-credentials', () => {
  test('passes for paths to secret files, $(VAR) references, flags about credentials and plain arguments', () => {
    const d = withCommand({
      command: ['/app/server'],
      args: ['--password-file=/var/run/secrets/app/db-password', '--api-token', '$(API_TOKEN)', '--key-size=4096', '--cache-key', 'users', '--port=8080'],
    });
    expect(outcome(commandNoCredentials, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails for a flag with a literal password and a URL with a password, naming each argument, values not shown', () => {
    const d = withCommand({ command: ['/app/server', '--db-url=postgres://app:hunter2@db:5432/app'], args: ['--admin-password', 'hunter2'] });
    const [message] = messages(commandNoCredentials, [d]);
    expect(message).toBe('container "app": passes credentials on its command line: command[1], args[1] (values not shown)');
    expect(message).not.toContain('hunter2');
    expect(check(commandNoCredentials, [d])[0].path).toBe('spec.template.spec.containers[0].command[1]');
  });

  test('fails for a credential assigned inside a shell command of an init container', () => {
    const d = hardenedDeployment({
      initContainers: [hardenedContainer('migrate', { command: ['sh', '-c', 'DB_PASSWORD=hunter2 ./migrate up'] })],
      containers: [hardenedContainer('app')],
    });
    expect(messages(commandNoCredentials, [d])).toEqual(['initContainer "migrate": passes credentials on its command line: command[2] (values not shown)']);
  });

  test('fails a $(VAR) that expands a Secret-backed env var into the arguments, and passes escaped or non-secret ones', () => {
    const d = withCommand({
      env: [
        { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'redis', key: 'password' } } },
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      ],
      command: ['redis-server'],
      args: ['--loglevel', '$(LOG_LEVEL)', '--bind', '$(POD_IP)', '--comment', '$$(REDIS_PASSWORD)', '--requirepass', '$(REDIS_PASSWORD)'],
    });
    expect(messages(commandNoCredentials, [d])).toEqual([
      'container "app": expands Secret-backed env vars into its command line, where the process list shows them: REDIS_PASSWORD in args[7]',
    ]);
    expect(check(commandNoCredentials, [d])[0].path).toBe('spec.template.spec.containers[0].args[7]');
  });

  test('names literal credentials and Secret expansions of one container in one finding, at the first literal', () => {
    const d = withCommand({
      env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }],
      command: ['sh', '-c', 'curl -H "Authorization: Bearer $(TOKEN)" https://api.example.com && app --admin-password=hunter2'],
    });
    expect(messages(commandNoCredentials, [d])).toEqual([
      'container "app": passes credentials on its command line: command[2] (values not shown); '
        + 'expands Secret-backed env vars into its command line, where the process list shows them: TOKEN in command[2]',
    ]);
  });

  test('reads arguments that are not strings as no credential', () => {
    const d = withCommand({ command: 'server --password=hunter2', args: [42, null, { password: 'x' }] });
    expect(outcome(commandNoCredentials, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(commandNoCredentials, [CONFIG_MAP])).toEqual({});
  });
});
