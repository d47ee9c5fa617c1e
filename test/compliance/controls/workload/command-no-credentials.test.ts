import { readFileSync } from 'fs';
import { join } from 'path';
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

  describe('a shell script that expands a Secret-backed env var', () => {
    const env = [
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'DB_URL', value: 'postgres://app:$(DB_PASSWORD)@db/app' },
      { name: 'DB_USER', value: 'app' },
    ];

    test('fails when the shell puts it into a program\'s arguments, naming the variable, the argument and the program', () => {
      const d = withCommand({ env, command: ['/bin/sh', '-c'], args: ['mysqladmin ping -u"$DB_USER" -p"${DB_PASSWORD}"'] });
      expect(messages(commandNoCredentials, [d])).toEqual([
        'container "app": expands Secret-backed env vars into its command line, where the process list shows them: '
          + 'DB_PASSWORD in args[0] (by the shell, into mysqladmin\'s arguments)',
      ]);
      expect(check(commandNoCredentials, [d])[0].path).toBe('spec.template.spec.containers[0].args[0]');
    });

    test('fails for an env var whose value expands one, and for a shell started by env', () => {
      const d = withCommand({ env, command: ['/usr/bin/env', 'bash', '-ec', 'exec psql "$DB_URL" -c "select 1"'] });
      expect(messages(commandNoCredentials, [d])).toEqual([
        'container "app": expands Secret-backed env vars into its command line, where the process list shows them: '
          + 'DB_URL in command[3] (by the shell, into psql\'s arguments)',
      ]);
    });

    test('fails for a script run by env with options that take a value (-u NAME, -C dir)', () => {
      const d = withCommand({ env, command: ['env', '-u', 'HISTFILE', '-C', '/tmp', 'sh', '-c', 'mysqladmin ping -p"$DB_PASSWORD"'] });
      expect(messages(commandNoCredentials, [d])).toEqual([
        'container "app": expands Secret-backed env vars into its command line, where the process list shows them: '
          + 'DB_PASSWORD in command[7] (by the shell, into mysqladmin\'s arguments)',
      ]);
    });

    test('passes a script run by env that hands the secret over in the environment', () => {
      const d = withCommand({ env, command: ['env', '-u', 'HISTFILE', 'sh', '-c', 'MYSQL_PWD="$DB_PASSWORD" mysqladmin ping'] });
      expect(messages(commandNoCredentials, [d])).toEqual([]);
      expect(outcome(commandNoCredentials, [d])).toEqual({ 'Deployment/team/api': 'pass' });
    });

    test('passes when the shell only assigns, exports, tests or writes it with a builtin, or a non-secret var is expanded', () => {
      const d = withCommand({
        env,
        command: ['sh', '-c', [
          '[ -n "$DB_PASSWORD" ] || exit 1',
          'export PGPASSWORD="$DB_PASSWORD"',
          'printf "%s" "$DB_PASSWORD" > /tmp/db-password',
          'MYSQL_PWD=$DB_PASSWORD mysql -u"$DB_USER" -e "select 1"',
          "echo 'not expanded: $DB_PASSWORD'",
          'exec app --password-file=/tmp/db-password',
        ].join('\n')],
      });
      expect(outcome(commandNoCredentials, [d])).toEqual({ 'Deployment/team/api': 'pass' });
    });

    test('passes when the variable is not Secret-backed, or no shell runs the text', () => {
      const plain = withCommand({ env: [{ name: 'DB_PASSWORD', value: '' }], command: ['sh', '-c', 'mysql -p"$DB_PASSWORD"'] });
      const noShell = withCommand({ env, command: ['python', '-c', 'import os; run("mysql -p$DB_PASSWORD")'] });
      expect(outcome(commandNoCredentials, [plain, noShell])).toEqual({ 'Deployment/team/api': 'pass' });
    });

    test('reads $$ in command and args as Kubernetes writes it: a single $', () => {
      const d = withCommand({ env, command: ['sh', '-c', 'mysql -p$$DB_PASSWORD'] });
      expect(messages(commandNoCredentials, [d])).toEqual([
        'container "app": expands Secret-backed env vars into its command line, where the process list shows them: '
          + 'DB_PASSWORD in command[2] (by the shell, into mysql\'s arguments)',
      ]);
    });
  });

  describe('a shell script that hands a Secret on through a substitution, a loop, read or a function', () => {
    const env = [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }];

    test('fails for each, naming the program, and the function it goes through', () => {
      const d = withCommand({
        env,
        command: ['sh', '-c', 'mysql $(echo -p$PW)'],
        livenessProbe: { exec: { command: ['sh', '-c', 'for p in "$PW"; do mysql -p"$p" -e "select 1"; done'] } },
        readinessProbe: { exec: { command: ['bash', '-c', 'f() { mysqladmin -p"$1" ping; }; f "$PW"'] } },
      });
      expect(messages(commandNoCredentials, [d])).toEqual([
        'container "app": expands Secret-backed env vars into its command line, where the process list shows them: '
          + 'PW in command[2] (by the shell, into mysql\'s arguments), '
          + 'PW in livenessProbe.exec.command[2] (by the shell as $p, into mysql\'s arguments), '
          + 'PW in readinessProbe.exec.command[2] (by the shell, through function f, into mysqladmin\'s arguments)',
      ]);
    });

    test('passes a loop over files, and a function that passes its argument to no program', () => {
      const d = withCommand({
        env,
        command: ['sh', '-c', 'for f in /docker-entrypoint.d/*; do . "$f"; done\nsave() { printf %s "$1" > /tmp/pw; }\nsave "$PW"\nexec app --password-file /tmp/pw'],
      });
      expect(outcome(commandNoCredentials, [d])).toEqual({ 'Deployment/team/api': 'pass' });
    });
  });

  describe('a shell script that reads a mounted Secret file into a program\'s arguments', () => {
    const script = 'P=$(cat /var/run/secrets/db/password); mysql -p"$P" -e "select 1"';
    const mounted = (volume: Record<string, unknown>, command = ['sh', '-c', script]) => hardenedDeployment({
      volumes: [{ name: 'db', ...volume }],
      containers: [hardenedContainer('app', { volumeMounts: [{ name: 'db', mountPath: '/var/run/secrets/db', readOnly: true }], command })],
    });

    test('fails for a Secret volume and a projected volume with a Secret source, naming the file', () => {
      const secret = mounted({ secret: { secretName: 'db' } });
      const projected = mounted({ projected: { sources: [{ configMap: { name: 'settings' } }, { secret: { name: 'db' } }] } }, ['sh', '-c', 'mysql -p"$(cat /var/run/secrets/db/password)"']);
      expect(messages(commandNoCredentials, [secret])).toEqual([
        'container "app": reads mounted Secret files into its command line, where the process list shows them: '
          + '/var/run/secrets/db/password in command[2] (by the shell as $P, into mysql\'s arguments)',
      ]);
      expect(check(commandNoCredentials, [secret])[0].path).toBe('spec.template.spec.containers[0].command[2]');
      expect(messages(commandNoCredentials, [projected])).toEqual([
        'container "app": reads mounted Secret files into its command line, where the process list shows them: '
          + '/var/run/secrets/db/password in command[2] (by the shell, into mysql\'s arguments)',
      ]);
    });

    test('fails for read from the file, at a mount of a single key (subPath)', () => {
      const d = hardenedDeployment({
        volumes: [{ name: 'db', secret: { secretName: 'db' } }],
        containers: [hardenedContainer('app', {
          volumeMounts: [{ name: 'db', mountPath: '/etc/db-password', subPath: 'password' }],
          command: ['sh', '-c', 'read -r P < /etc/db-password && exec redis-cli -a "$P" ping'],
        })],
      });
      expect(messages(commandNoCredentials, [d])).toEqual([
        'container "app": reads mounted Secret files into its command line, where the process list shows them: '
          + '/etc/db-password in command[2] (by the shell as $P, into redis-cli\'s arguments)',
      ]);
    });

    test('passes a here-string of the file\'s path: it feeds the path\'s text, not the file', () => {
      const d = mounted({ secret: { secretName: 'db' } }, ['sh', '-c', 'read -r P <<< /var/run/secrets/db/password; mysql -p"$P"']);
      expect(outcome(commandNoCredentials, [d])).toEqual({ 'Deployment/team/api': 'pass' });
    });

    test('passes for ConfigMap, emptyDir and service account token volumes, files outside the mount, and a file handed over as a file', () => {
      const configMap = mounted({ configMap: { name: 'settings' } });
      const emptyDir = mounted({ emptyDir: {} });
      const token = mounted({ projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } });
      const outside = mounted({ secret: { secretName: 'db' } }, ['sh', '-c', 'mysql -p"$(cat /var/run/secrets/dbx/password)"']);
      const asFile = mounted({ secret: { secretName: 'db' } }, ['sh', '-c', 'exec app --password-file /var/run/secrets/db/password']);
      expect(outcome(commandNoCredentials, [configMap, emptyDir, token, outside, asFile])).toEqual({ 'Deployment/team/api': 'pass' });
    });
  });

  describe('a shell script that hands a Secret on through a loop\'s redirection, a pipe, mapfile or eval', () => {
    const env = [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }];
    const mounted = (script: string) => hardenedDeployment({
      volumes: [{ name: 'db', secret: { secretName: 'db' } }],
      containers: [hardenedContainer('app', { volumeMounts: [{ name: 'db', mountPath: '/secrets/db', readOnly: true }], command: ['bash', '-c', script] })],
    });

    test('fails for a loop that reads a mounted Secret file, and for mapfile, naming the variable', () => {
      const loop = mounted('while read -r pw; do mysql -p"$pw" -e "select 1"; done < /secrets/db/password');
      const lines = mounted('mapfile -t arr < /secrets/db/password; cli --password "${arr[0]}"');
      expect(messages(commandNoCredentials, [loop])).toEqual([
        'container "app": reads mounted Secret files into its command line, where the process list shows them: '
          + '/secrets/db/password in command[2] (by the shell as $pw, into mysql\'s arguments)',
      ]);
      expect(messages(commandNoCredentials, [lines])).toEqual([
        'container "app": reads mounted Secret files into its command line, where the process list shows them: '
          + '/secrets/db/password in command[2] (by the shell as $arr, into cli\'s arguments)',
      ]);
    });

    test('passes a loop over a file that is no Secret\'s, and a Secret file handed over on standard input', () => {
      const loop = mounted('while read -r f; do app --config "$f"; done < /etc/app/files');
      const stdin = mounted('while read -r pw; do printf %s "$pw" | mysql_config_editor set --password; done < /secrets/db/password');
      expect(outcome(commandNoCredentials, [loop, stdin])).toEqual({ 'Deployment/team/api': 'pass' });
    });

    test('fails for a pipe into a group that reads it, and into read in zsh; passes read alone after a pipe in sh and bash', () => {
      const group = withCommand({ env, command: ['sh', '-c', 'echo "$PW" | { read x; cli --password "$x"; }'] });
      const alone = (shell: string) => withCommand({ env, command: [shell, '-c', 'printf %s "$PW" | read x; cli --password "$x"'] });
      expect(messages(commandNoCredentials, [group])).toEqual([
        'container "app": expands Secret-backed env vars into its command line, where the process list shows them: '
          + 'PW in command[2] (by the shell as $x, into cli\'s arguments)',
      ]);
      expect(outcome(commandNoCredentials, [alone('zsh')])).toEqual({ 'Deployment/team/api': 'fail' });
      expect(outcome(commandNoCredentials, [alone('sh'), alone('bash')])).toEqual({ 'Deployment/team/api': 'pass' });
    });

    test('fails for the command eval makes with a Secret in its arguments, and passes one that exports it', () => {
      const evaluated = withCommand({ env, command: ['sh', '-c', 'eval "cli --password $PW"'] });
      const exported = withCommand({ env, command: ['sh', '-c', 'eval "export PGPASSWORD=$PW"; exec psql -h db'] });
      expect(messages(commandNoCredentials, [evaluated])).toEqual([
        'container "app": expands Secret-backed env vars into its command line, where the process list shows them: '
          + 'PW in command[2] (by the shell, into cli\'s arguments)',
      ]);
      expect(outcome(commandNoCredentials, [exported])).toEqual({ 'Deployment/team/api': 'pass' });
    });
  });

  describe('env vars from a Secret through envFrom', () => {
    const envFrom = [{ secretRef: { name: 'db' } }, { prefix: 'APP_', secretRef: { name: 'app' } }, { configMapRef: { name: 'settings' } }];

    test('fails for a variable named for a credential that env does not define, expanded by Kubernetes or a shell', () => {
      const d = withCommand({ envFrom, command: ['sh', '-c', 'psql -c "select 1" "postgres://app:$APP_DB_PASSWORD@db/app"'], args: ['--password', '$(DB_PASSWORD)'] });
      expect(messages(commandNoCredentials, [d])).toEqual([
        'container "app": expands Secret-backed env vars into its command line, where the process list shows them: '
          + 'DB_PASSWORD in args[1], APP_DB_PASSWORD in command[2] (by the shell, into psql\'s arguments)',
      ]);
    });

    test('passes variables that name no credential, that env defines, or that no Secret provides', () => {
      const d = withCommand({
        envFrom, env: [{ name: 'DB_PASSWORD', value: '' }],
        command: ['sh', '-c', 'exec app --level "$LOG_LEVEL" --password "$DB_PASSWORD"'], args: ['--region', '$(APP_REGION)'],
      });
      const noSecret = withCommand({ envFrom: [{ configMapRef: { name: 'settings' } }], command: ['sh', '-c', 'exec app --password "$DB_PASSWORD"'] });
      expect(outcome(commandNoCredentials, [d, noSecret])).toEqual({ 'Deployment/team/api': 'pass' });
    });
  });

  describe('probes and lifecycle hooks', () => {
    const env = [{ name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'redis', key: 'password' } } }];

    test('fails for a literal credential in an exec probe or hook, at its path', () => {
      const d = withCommand({
        livenessProbe: { exec: { command: ['redis-cli', '-a', 'x9Kq2mZwq', 'ping'] } },
        lifecycle: { preStop: { exec: { command: ['sh', '-c', 'curl -X POST -H "Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543" http://localhost/drain'] } } },
      });
      expect(messages(commandNoCredentials, [d])).toEqual([
        'container "app": passes credentials on its command line: livenessProbe.exec.command[2], lifecycle.preStop.exec.command[2] (values not shown)',
      ]);
      expect(check(commandNoCredentials, [d])[0].path).toBe('spec.template.spec.containers[0].livenessProbe.exec.command[2]');
    });

    test('fails for a Secret-backed env var a shell expands in a probe, and not for $(VAR), which Kubernetes does not expand there', () => {
      const d = withCommand({
        env,
        readinessProbe: { exec: { command: ['sh', '-c', 'redis-cli -a "$REDIS_PASSWORD" ping | grep PONG'] } },
        startupProbe: { exec: { command: ['redis-cli', '-a', '$(REDIS_PASSWORD)', 'ping'] } },
      });
      expect(messages(commandNoCredentials, [d])).toEqual([
        'container "app": expands Secret-backed env vars into its command line, where the process list shows them: '
          + 'REDIS_PASSWORD in readinessProbe.exec.command[2] (by the shell, into redis-cli\'s arguments)',
      ]);
      expect(check(commandNoCredentials, [d])[0].path).toBe('spec.template.spec.containers[0].readinessProbe.exec.command[2]');
    });

    test('follows a shell variable the probe\'s script assigns from a Secret-backed one, naming both', () => {
      const d = withCommand({
        env: [{ name: 'MYSQL_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: 'mysql', key: 'root-password' } } }],
        livenessProbe: { exec: { command: ['/bin/bash', '-ec', 'password_aux="${MYSQL_ROOT_PASSWORD:-}"\nmysqladmin status -uroot -p"${password_aux}"'] } },
      });
      expect(messages(commandNoCredentials, [d])).toEqual([
        'container "app": expands Secret-backed env vars into its command line, where the process list shows them: '
          + 'MYSQL_ROOT_PASSWORD in livenessProbe.exec.command[2] (by the shell as $password_aux, into mysqladmin\'s arguments)',
      ]);
    });

    test('passes probes and hooks that read the secret from the environment or a file', () => {
      const d = withCommand({
        env,
        livenessProbe: { exec: { command: ['sh', '-c', 'REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli ping'] } },
        readinessProbe: { exec: { command: ['pg_isready', '-q'] } },
        lifecycle: { postStart: { exec: { command: ['/bin/sh', '-c', 'app-init --password-file /var/run/secrets/app/db-password'] } } },
      });
      expect(outcome(commandNoCredentials, [d])).toEqual({ 'Deployment/team/api': 'pass' });
    });
  });

  test('reads a one-segment path under a volume mount of the container as a path, and other values starting with / as credentials', () => {
    const mounted = withCommand({ volumeMounts: [{ name: 'pw', mountPath: '/db-password', subPath: 'password' }], args: ['--password', '/db-password'] });
    const notMounted = withCommand({ args: ['--password', '/db-password'] });
    expect(outcome(commandNoCredentials, [mounted])).toEqual({ 'Deployment/team/api': 'pass' });
    expect(messages(commandNoCredentials, [notMounted])).toEqual(['container "app": passes credentials on its command line: args[1] (values not shown)']);
  });

  test('reads arguments that are not strings as no credential', () => {
    const d = withCommand({ command: 'server --password=hunter2', args: [42, null, { password: 'x' }] });
    expect(outcome(commandNoCredentials, [d])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('points its condition at the README section that lists the cases it reads', () => {
    const section = /README section "([^"]+)" lists every case read\.$/.exec(commandNoCredentials.condition)?.[1];
    expect(section).toBe('Credentials on command lines');
    expect(readFileSync(join(__dirname, '../../../../README.md'), 'utf8')).toContain(`\n### ${section}\n`);
  });

  test('does not apply to objects without pods', () => {
    expect(outcome(commandNoCredentials, [CONFIG_MAP])).toEqual({});
  });
});

const SETUP = '#!/bin/bash\nset -e\nmysql -uroot -p"$MYSQL_ROOT_PASSWORD" < /init.sql\n';
const ROOT_PASSWORD = { name: 'MYSQL_ROOT_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'root-password' } } };

const scripts = (data: Record<string, string>, namespace = 'team') =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'db-scripts', namespace }, data });

/** A Deployment whose container mounts `volume` (named scripts) with `mount`'s fields and runs `changes`' command. */
const running = (changes: Record<string, unknown>, volume: Record<string, unknown> = { configMap: { name: 'db-scripts', defaultMode: 0o755 } },
  mount: Record<string, unknown> = { mountPath: '/scripts' }) => hardenedDeployment({
  containers: [hardenedContainer('db', { env: [ROOT_PASSWORD], volumeMounts: [{ name: 'scripts', ...mount }], ...changes })],
  volumes: [{ name: 'scripts', ...volume }],
});

const FINDING = 'container "db": runs script /scripts/setup.sh (ConfigMap db-scripts, key setup.sh) in command[0], which passes Secret-backed '
  + 'env vars into its programs\' arguments: MYSQL_ROOT_PASSWORD (by the shell, into mysql\'s arguments), where the process list shows them';

describe('command-no-credentials: script files from ConfigMaps', () => {
  test('fails a #! script the container runs directly, at the command entry that names it', () => {
    const d = running({ command: ['/scripts/setup.sh'] });
    expect(messages(commandNoCredentials, [d, scripts({ 'setup.sh': SETUP })])).toEqual([FINDING]);
    expect(check(commandNoCredentials, [d, scripts({ 'setup.sh': SETUP })])[0].path).toBe('spec.template.spec.containers[0].command[0]');
  });

  test('reads a #!/usr/bin/env shell line, and passes a #! line that names another program or none', () => {
    const d = running({ command: ['/scripts/setup.sh'] });
    const env = SETUP.replace('#!/bin/bash', '#!/usr/bin/env -S bash -e');
    expect(outcome(commandNoCredentials, [d, scripts({ 'setup.sh': env })])).toEqual({ 'Deployment/team/api': 'fail' });
    const python = SETUP.replace('#!/bin/bash', '#!/usr/bin/env python3');
    expect(outcome(commandNoCredentials, [d, scripts({ 'setup.sh': python })])).toEqual({ 'Deployment/team/api': 'pass' });
    const none = SETUP.replace('#!/bin/bash\n', '');
    expect(outcome(commandNoCredentials, [d, scripts({ 'setup.sh': none })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('fails a script a shell runs as a file, after its options, also through a launcher, in args or a probe', () => {
    const none = SETUP.replace('#!/bin/bash\n', '');
    const cm = scripts({ 'setup.sh': none });
    expect(messages(commandNoCredentials, [running({ command: ['sh', '/scripts/setup.sh'] }), cm])[0])
      .toContain('runs script /scripts/setup.sh (ConfigMap db-scripts, key setup.sh) in command[1]');
    const options = running({ command: ['tini', '--', 'bash'], args: ['-e', '-o', 'pipefail', '/scripts/setup.sh', 'arg'] });
    expect(check(commandNoCredentials, [options, cm])[0].path).toBe('spec.template.spec.containers[0].args[3]');
    const probe = running({ livenessProbe: { exec: { command: ['/bin/sh', '/scripts/setup.sh'] } } });
    expect(messages(commandNoCredentials, [probe, cm])[0]).toContain('in livenessProbe.exec.command[1], which passes');
    // With -c the shell runs a script, not the file; -s reads standard input.
    expect(outcome(commandNoCredentials, [running({ command: ['sh', '-s', '/scripts/setup.sh'] }), cm])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('finds the key through items, a subPath mount and a projected volume\'s ConfigMap source', () => {
    const cm = scripts({ 'init-db': SETUP });
    const items = running({ command: ['/scripts/setup.sh'] }, { configMap: { name: 'db-scripts', items: [{ key: 'init-db', path: 'setup.sh' }] } });
    expect(messages(commandNoCredentials, [items, cm])[0]).toContain('runs script /scripts/setup.sh (ConfigMap db-scripts, key init-db)');
    const subPath = running({ command: ['/usr/local/bin/setup'] }, undefined, { mountPath: '/usr/local/bin/setup', subPath: 'init-db' });
    expect(messages(commandNoCredentials, [subPath, cm])[0]).toContain('runs script /usr/local/bin/setup (ConfigMap db-scripts, key init-db)');
    const projected = running({ command: ['bash', '/scripts/init-db'] },
      { projected: { sources: [{ secret: { name: 'db' } }, { configMap: { name: 'db-scripts' } }] } });
    expect(messages(commandNoCredentials, [projected, cm])[0]).toContain('runs script /scripts/init-db (ConfigMap db-scripts, key init-db)');
    // An item maps the key elsewhere: /scripts/init-db is no file.
    const elsewhere = running({ command: ['/scripts/init-db'] }, { configMap: { name: 'db-scripts', items: [{ key: 'init-db', path: 'setup.sh' }] } });
    expect(outcome(commandNoCredentials, [elsewhere, cm])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('finds a relative file from the working directory', () => {
    const d = running({ workingDir: '/scripts', command: ['bash', 'setup.sh'] });
    expect(messages(commandNoCredentials, [d, scripts({ 'setup.sh': SETUP })])[0]).toContain('runs script setup.sh (ConfigMap db-scripts, key setup.sh)');
  });

  test('passes when the ConfigMap is in another namespace or not in the set, or the mount is of another kind', () => {
    const d = running({ command: ['/scripts/setup.sh'] });
    expect(outcome(commandNoCredentials, [d, scripts({ 'setup.sh': SETUP }, 'other')])).toEqual({ 'Deployment/team/api': 'pass' });
    expect(outcome(commandNoCredentials, [d])).toEqual({ 'Deployment/team/api': 'pass' });
    const emptyDir = running({ command: ['/scripts/setup.sh'] }, { emptyDir: {} });
    expect(outcome(commandNoCredentials, [emptyDir, scripts({ 'setup.sh': SETUP })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('passes a script without secrets, one that hands the secret over through the environment, and a container without secrets', () => {
    const d = running({ command: ['/scripts/setup.sh'] });
    expect(outcome(commandNoCredentials, [d, scripts({ 'setup.sh': '#!/bin/sh\nmysql -uroot < /init.sql\n' })])).toEqual({ 'Deployment/team/api': 'pass' });
    const env = '#!/bin/sh\nMYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql -uroot < /init.sql\n';
    expect(outcome(commandNoCredentials, [d, scripts({ 'setup.sh': env })])).toEqual({ 'Deployment/team/api': 'pass' });
    const noSecret = running({ command: ['/scripts/setup.sh'], env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'x' }] });
    expect(outcome(commandNoCredentials, [noSecret, scripts({ 'setup.sh': SETUP })])).toEqual({ 'Deployment/team/api': 'pass' });
  });

  test('names a mounted Secret file the script reads into a program\'s arguments, after the env vars', () => {
    const d = hardenedDeployment({
      containers: [hardenedContainer('db', {
        env: [ROOT_PASSWORD],
        command: ['/scripts/setup.sh'],
        volumeMounts: [{ name: 'scripts', mountPath: '/scripts' }, { name: 'admin', mountPath: '/etc/admin' }],
      })],
      volumes: [{ name: 'scripts', configMap: { name: 'db-scripts' } }, { name: 'admin', secret: { secretName: 'admin' } }],
    });
    const text = `${SETUP}curl -u "admin:$(cat /etc/admin/pw)" http://db/\n`;
    expect(messages(commandNoCredentials, [d, scripts({ 'setup.sh': text })])).toEqual([
      'container "db": runs script /scripts/setup.sh (ConfigMap db-scripts, key setup.sh) in command[0], which passes Secret-backed env vars '
        + 'into its programs\' arguments: MYSQL_ROOT_PASSWORD (by the shell, into mysql\'s arguments), and reads mounted Secret files into them: '
        + '/etc/admin/pw (by the shell, into curl\'s arguments), where the process list shows them',
    ]);
  });

  test('joins a script file\'s finding to the other findings of the container, at the first', () => {
    const d = running({ command: ['/scripts/setup.sh', '$(MYSQL_ROOT_PASSWORD)'] });
    const [finding] = check(commandNoCredentials, [d, scripts({ 'setup.sh': SETUP })]);
    expect(finding.message).toBe('container "db": expands Secret-backed env vars into its command line, where the process list shows them: '
      + `MYSQL_ROOT_PASSWORD in command[1]; ${FINDING.slice('container "db": '.length)}`);
    expect(finding.path).toBe('spec.template.spec.containers[0].command[1]');
  });
});
