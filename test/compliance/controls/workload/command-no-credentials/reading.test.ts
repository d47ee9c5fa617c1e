import { commandNoCredentials } from '../../../../../src/compliance/controls/workload/command-no-credentials';
import { messages, outcome } from '../../../helpers';
import { hardenedContainer, hardenedDeployment } from '../fixtures';

/** How command-no-credentials reads the command lines a container runs: launchers, env -S, shell syntax, here-documents, nesting. */

const PW = { name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } };
const withCommand = (changes: Record<string, unknown>) => hardenedDeployment({ containers: [hardenedContainer('app', changes)] });
const script = (text: string, changes: Record<string, unknown> = {}) => withCommand({ command: ['sh', '-c', text], ...changes });
/** The outcome of the control for one Deployment. */
const judged = (d: unknown) => outcome(commandNoCredentials, [d])['Deployment/team/api'];
const LITERAL = (at: string) => `container "app": passes credentials on its command line: ${at} (values not shown)`;
const EXPANDED = (found: string) => `container "app": expands Secret-backed env vars into its command line, where the process list shows them: ${found}`;

describe('command-no-credentials: env -S, whose value is a command line of its own', () => {
  test.each([
    [['env', '--split-string=mysql -px9Kq2mZw'], 'command[1]'],
    [["env", "-S'mysql -px9Kq2mZw'"], 'command[1]'],
    [['/usr/bin/env', '-iS', 'redis-cli -a x9Kq2mZw ping'], 'command[2]'],
    [['env', '-S', 'tini -- sh -c \'true; mysql -px9Kq2mZw\''], 'command[2]'],
  ])('fails a literal in the command line it splits: %j', (command, at) => {
    expect(messages(commandNoCredentials, [withCommand({ command })])).toEqual([LITERAL(at)]);
  });

  test('fails a literal in env -S run by a shell script', () => {
    expect(messages(commandNoCredentials, [script("env -S 'mysql -px9Kq2mZw'")])).toEqual([LITERAL('command[2]')]);
  });

  test('fails a Secret-backed env var that env -S expands (${PW}) or that a shell it runs expands', () => {
    const byEnv = withCommand({ env: [PW], command: ['env', '-S', 'mysql -p${PW}'] });
    const byShell = withCommand({ env: [PW], command: ['env', '-S', 'sh -c \'mysql -p"$PW"\''] });
    expect(messages(commandNoCredentials, [byEnv])).toEqual([EXPANDED('PW in command[2] (by env -S, into mysql\'s arguments)')]);
    expect(messages(commandNoCredentials, [byShell])).toEqual([EXPANDED('PW in command[2] (by the shell, into mysql\'s arguments)')]);
  });

  test('passes a split command line that names a file, refers to a variable that holds no Secret, or passes nothing secret', () => {
    for (const command of [
      ['env', '-S', 'app --password-file=/var/run/secrets/app/pw --port=8080'],
      ['env', '-S', 'app --password=${DB_PASSWORD}'],
      ['env', '--split-string=psql -p 5432 -h db'],
    ]) expect(judged(withCommand({ command }))).toBe('pass');
  });
});

describe('command-no-credentials: shell syntax around a command', () => {
  test.each([
    ['(mysql -px9Kq2mZw)'],
    ['( app --password=x9Kq2mZw ) < /dev/null'],
    ['{ app --token=x9Kq2mZw; }'],
    ['true;mysql -px9Kq2mZw'],
    ['test -f /ready&&redis-cli -a x9Kq2mZw ping'],
    ['set -e\nmysql -px9Kq2mZw -e "select 1"'],
    ['exec 2>&1 mysql -px9Kq2mZw'],
    ['exec >/tmp/log 2>&1 redis-cli -a x9Kq2mZw ping'],
    ['</dev/null mysql -px9Kq2mZw'],
    ['exec mysql -px9Kq2mZw < /dev/null'],
    ['exec -a db-client mysql -px9Kq2mZw'],
    ['timeout 5 redis-cli -a x9Kq2mZw ping'],
    ['nice -n 10 mysql -px9Kq2mZw'],
    ['x=$(mysql -px9Kq2mZw -e "select 1")'],
    ['mysql "-px9Kq2mZw"'],
    ['eval "mysql -px9Kq2mZw"'],
    ['bash -euo pipefail -c \'mysql -px9Kq2mZw\''],
  ])('fails a client\'s password flag wherever the shell runs the client: %j', text => {
    expect(messages(commandNoCredentials, [script(text)])).toEqual([LITERAL('command[2]')]);
  });

  test('fails a client\'s password flag after a launcher in exec form', () => {
    expect(messages(commandNoCredentials, [withCommand({ command: ['tini', '--', 'mysql', '-px9Kq2mZw'] })])).toEqual([LITERAL('command[3]')]);
    expect(messages(commandNoCredentials, [withCommand({ command: ['timeout', '5'], args: ['redis-cli', '-a', 'x9Kq2mZw', 'ping'] })])).toEqual([LITERAL('args[2]')]);
  });

  test('fails a Secret-backed env var expanded after redirections and in a group', () => {
    const d = script('exec 2>&1 mysql -p"$PW"\n{ redis-cli -a "$PW" ping; } > /dev/null', { env: [PW] });
    expect(messages(commandNoCredentials, [d])).toEqual([EXPANDED('PW in command[2] (by the shell, into mysql\'s arguments)')]);
  });

  test('passes ordinary commands, another program\'s -p, files, substitutions and references', () => {
    for (const text of [
      'exec app --password-file=/var/run/secrets/app/pw',
      'exec app --password="$(cat /var/run/secrets/app/pw)"',
      'exec app --password=$DB_PASSWORD',
      'ssh -p 2222 backup@host; psql -p 5432 -h db',
      '(cd /app && exec ./server --port=8080) < /dev/null',
      'exec 2>&1 timeout 10 app --config /etc/app/config.yaml',
      '{ echo start; app --port 8080; } > /tmp/log',
      'mysql -p"$DB_PASSWORD" -e "select 1"',
    ]) expect(judged(script(text))).toBe('pass');
  });
});

describe('command-no-credentials: here-documents and here-strings', () => {
  test.each([
    ['sh <<EOF\nmysql -px9Kq2mZw\nEOF'],
    ["bash -s <<'EOF'\nset -e\nredis-cli -a x9Kq2mZw ping\nEOF"],
    ['cat /dev/null; sh -e <<-EOF\n\tmysql -px9Kq2mZw\n\tEOF\necho done'],
    ["sh <<< 'mysql -px9Kq2mZw'"],
  ])('fails a literal in a here-document or here-string a shell runs: %j', text => {
    expect(messages(commandNoCredentials, [script(text)])).toEqual([LITERAL('command[2]')]);
  });

  test.each([
    ["bash -s <<'EOF'\nmysql -p\"$PW\"\nEOF"],
    ['sh <<EOF\nmysql -p$PW\nEOF'],
    ['sh <<EOF\nmysql -p"$(cat /var/run/secrets/none)$PW"\nEOF'],
  ])('fails a Secret-backed env var a here-document puts into the arguments of a program a shell runs: %j', text => {
    expect(messages(commandNoCredentials, [script(text, { env: [PW] })])).toEqual([EXPANDED('PW in command[2] (by the shell, into mysql\'s arguments)')]);
  });

  test('fails a command substitution in a here-document, which the shell runs whatever reads it', () => {
    const d = script('cat > /tmp/x <<EOF\n$(mysql -p"$PW" -e "select 1")\nEOF', { env: [PW] });
    expect(messages(commandNoCredentials, [d])).toEqual([EXPANDED('PW in command[2] (by the shell, into mysql\'s arguments)')]);
  });

  test('passes a here-document given to a program that is no shell: it is data, not commands', () => {
    for (const text of [
      "cat <<'EOF' > /tmp/usage.txt\nmysql -px9Kq2mZw runs the client\nEOF",
      'mysql <<EOF\nALTER USER app IDENTIFIED BY \'$PW\';\nEOF',
      'cat <<EOF > /tmp/my.cnf\n[client]\npassword=$PW\nEOF\nexec mysqld --defaults-file=/tmp/my.cnf',
      'sh <<EOF\nexec app --password-file=/var/run/secrets/app/pw\nEOF',
    ]) expect(judged(script(text, { env: [PW] }))).toBe('pass');
  });
});

describe('command-no-credentials: the arguments after a -c script', () => {
  test.each([
    [['sh', '-c', 'exec mysql "$@"', 'sh', '-px9Kq2mZw'], 'command[4]'],
    [['sh', '-c', 'mysql -u root "$1"', 'sh', '-px9Kq2mZw'], 'command[4]'],
    [['sh', '-c', 'exec "$@"', 'sh', 'app', '--password=x9Kq2mZw'], 'command[5]'],
  ])('fails a credential the script\'s $0, $1, … pass: %j', (command, at) => {
    expect(messages(commandNoCredentials, [withCommand({ command })])).toEqual([LITERAL(at)]);
  });

  test('fails a credential a shell script passes to an inner shell\'s script', () => {
    expect(messages(commandNoCredentials, [script("sh -c 'exec mysql \"$@\"' sh -px9Kq2mZw")])).toEqual([LITERAL('command[2]')]);
  });

  test('passes arguments that hold no credential', () => {
    expect(judged(withCommand({ command: ['sh', '-c', 'exec "$@"', 'sh', 'psql', '-p', '5432', '-h', 'db'] }))).toBe('pass');
    expect(judged(withCommand({ command: ['sh', '-c', 'exec "$@"', '--'], args: ['app', '--port=8080'] }))).toBe('pass');
  });
});

describe('command-no-credentials: nesting', () => {
  test('reads eval and sh -c nested beyond four deep', () => {
    const evals = script(`${'eval '.repeat(6)}"mysql -p\\$PW"`, { env: [PW] });
    expect(messages(commandNoCredentials, [evals])).toEqual([EXPANDED('PW in command[2] (by the shell, into mysql\'s arguments)')]);
    const shells = script("sh -c 'sh -c \"sh -c \\\"sh -c mysql\\\\ -px9Kq2mZw\\\"\"'");
    expect(messages(commandNoCredentials, [shells])).toEqual([LITERAL('command[2]')]);
  });

  test('fails closed, saying so, where the nesting goes deeper than it reads', () => {
    const evals = script(`${'eval '.repeat(40)}app`);
    const [message] = messages(commandNoCredentials, [evals]);
    expect(message).toMatch(/^container "app": cannot read command\[2\] fully: it nests shells, evals, here-documents or env -S more than 8 deep/);
    const substitutions = script(`${'$('.repeat(40)}app${')'.repeat(40)}`);
    expect(messages(commandNoCredentials, [substitutions])[0]).toMatch(/cannot read command\[2\] fully: it nests command substitutions more than 32 deep/);
  });
});
