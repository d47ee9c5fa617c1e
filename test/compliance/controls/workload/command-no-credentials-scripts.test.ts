import { commandNoCredentials } from '../../../../src/compliance/controls/workload/command-no-credentials';
import { check, messages, outcome } from '../../helpers';
import { hardenedContainer, hardenedDeployment } from './fixtures';

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
