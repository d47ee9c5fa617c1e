import { credentialArguments } from '../../../src/compliance/common/command-line-credentials';

/** The arguments found for a command line given as the container's command (its first word) and args. */
const found = (line: string[]) => credentialArguments(line.slice(0, 1), line.slice(1));

describe('credentialArguments', () => {
  test.each([
    [['redis-server', '--requirepass', 'hunter2hunter']],
    [['redis-server', '/etc/redis.conf', '--masterauth', 'hunter2hunter']],
    [['mysql', '-uroot', '-phunter2hunter', 'app']],
    [['sh', '-c', 'mysqladmin ping -uroot -phunter2hunter']],
    [['redis-cli', '-h', 'redis', '-a', 'hunter2hunter', 'ping']],
    [['sh', '-c', 'until redis-cli -h redis -a hunter2hunter ping; do sleep 1; done']],
  ])('finds the password a client or server takes by its own flag: %j', line => {
    expect(found(line)).toHaveLength(1);
  });

  test.each([
    [['sh', '-c', 'mysqladmin ping -uroot -p"$MYSQL_ROOT_PASSWORD"']],
    [['sh', '-c', 'until redis-cli -h redis -a "$REDIS_PASSWORD" ping; do sleep 1; done']],
    [['redis-server', '--requirepass', '$(REDIS_PASSWORD)']],
    [['psql', '-p', '5432', '-h', 'db']],
    [['sh', '-c', 'mysql -h db -p app < /sql/init.sql']],
  ])('does not read a reference, a prompt or another program\'s -p as a password: %j', line => {
    expect(found(line)).toEqual([]);
  });

  test.each([
    [['app', '--tls-key', 'tls.key']],
    [['app', '--cert', 'tls.crt', '--key', 'tls.key']],
    [['app', '--private-key', 'secrets/key.pem']],
    [['app', '--jwt-secret', './jwt-secret']],
    [['gh', 'auth', 'login', '--with-token', '@/var/run/secrets/gh/token']],
    [['openssl', 'pkcs12', '-export', '-passout', 'env:EXPORT_PASSWORD', '-passin', 'file:/run/secrets/key-pass']],
    [['buildctl', 'build', '--secret', 'id=docker,src=/root/.docker/config.json']],
    [['docker', 'build', '--secret', 'id=aws,env=AWS_SECRET_ACCESS_KEY', '.']],
    [['app', '--token-env-var=GITHUB_TOKEN', '--password-policy', 'strong']],
  ])('does not read a file name, a secret source or a setting about a credential as a credential: %j', line => {
    expect(found(line)).toEqual([]);
  });
});
