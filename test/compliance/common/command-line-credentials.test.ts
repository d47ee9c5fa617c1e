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
    [['sshpass', '-p', 'hunter2hunter', 'ssh', 'backup@host']],
    [['sshpass', '-phunter2hunter', 'rsync', '-a', '/data', 'backup@host:']],
    [['mongosh', '--host', 'db', '-u', 'root', '-p', 'hunter2hunter']],
    [['sh', '-c', 'mongodump -u root -p hunter2hunter --out /backup']],
    [['mosquitto_sub', '-h', 'broker', '-p', '8883', '-u', 'device', '-P', 'hunter2hunter', '-t', 'telemetry/#']],
    [['sh', '-c', 'mosquitto_pub -h broker -u device -P hunter2hunter -t status -m up']],
    [['rabbitmqadmin', '-H', 'rabbit', '-u', 'admin', '-p', 'hunter2hunter', 'list', 'queues']],
    [['mqttx', 'sub', '-h', 'broker', '-u', 'device', '-P', 'hunter2hunter', '-t', 'telemetry/#']],
  ])('finds the password a client or server takes by its own flag: %j', line => {
    expect(found(line)).toHaveLength(1);
  });

  test.each([
    [['sh', '-c', 'mysqladmin ping -uroot -p"$MYSQL_ROOT_PASSWORD"']],
    [['sh', '-c', 'until redis-cli -h redis -a "$REDIS_PASSWORD" ping; do sleep 1; done']],
    [['redis-server', '--requirepass', '$(REDIS_PASSWORD)']],
    [['psql', '-p', '5432', '-h', 'db']],
    [['sh', '-c', 'mysql -h db -p app < /sql/init.sql']],
    [['sshpass', '-f', '/run/secrets/ssh-pass', 'ssh', 'backup@host']],
    [['sh', '-c', 'mongosh -u root -p "$MONGO_PASSWORD" --eval "db.ping()"']],
    [['ssh', '-p', '2222', 'backup@host']],
    [['sh', '-c', 'mosquitto_sub -h broker -u device -P "$MQTT_PASSWORD" -t telemetry/#']],
    [['rsync', '-P', 'backup@host:/data', '/restore']],
    [['sh', '-c', 'rabbitmqadmin -u admin -p "$RABBITMQ_PASSWORD" list queues']],
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

describe('credentialArguments: flags that name where a secret is', () => {
  test.each([
    [['app', '--password-key', 'password']],
    [['app', '--password-secret-key', 'db-password']],
    [['app', '--password-secret', 'db-credentials']],
    [['app', '--password-secret-name=db', '--password-secret-key=db.password']],
    [['app', '--token-key', 'api-token']],
    [['app', '--credentials-secret', 'registry-auth']],
    [['app', '--password-env', 'PASS_ENV']],
    [['app', '--password-env=DB_PASSWORD']],
    [['app', '--password-from-secret', 'db-credentials']],
    [['app', '--password-variable', 'DB_PASSWORD', '--password-source', 'env']],
    [['restic', 'backup', '--password-command', 'cat /run/secrets/restic/password', '/data']],
    [['sh', '-c', 'app --password-key password --token-key=token']],
  ])('reads a Secret, a Secret key or an env var named for the credential as no credential: %j', line => {
    expect(found(line)).toEqual([]);
  });

  test.each([
    [['app', '--password', 'x9Kq2mZw']],
    [['app', '--secret-key', 'x9Kq2mZw']],
    [['app', '--client-secret', 'x9Kq2mZw']],
    [['app', '--token-secret', 'x9Kq2mZw']],
    [['app', '--token-key', 'q8Zr2mXv9TqLkP0aB3cD7eF1']],
    [['app', '--token-key', 'q8Zr2mXv9Tq+LkP0aB3c==']],
    [['app', '--password-key', 'Pq8Zr2mXv9Tq/Lk=']],
  ])('still finds a credential given to a flag named for one, or a random key given to a locating flag: %j', line => {
    expect(found(line)).toHaveLength(1);
  });

  test.each([
    // kube-prometheus-stack's Prometheus operator (prometheusOperator.secretFieldSelector).
    [['operator', '--secret-field-selector=type!=kubernetes.io/dockercfg,type!=kubernetes.io/service-account-token,type!=helm.sh/release.v1']],
    [['app', '--token-refresh-period', '5m', '--secret-resync-period=10m', '--password-hash-algorithm', 'bcrypt']],
  ])('reads a flag with a credential word before another last word as about something else: %j', line => {
    expect(found(line)).toEqual([]);
  });

  test.each([
    [['app', '--key-data', 'x9Kq2mZwq8Zr2mXv']],
    [['app', '--secret-value=x9Kq2mZw']],
    [['app', '--auth-jwt', 'x9Kq2mZw']],
    [['app', '--apitoken', 'x9Kq2mZw']],
    [['sh', '-c', 'SECRET_KEY_BASE=x9Kq2mZwq8Zr2mXv rails server']],
    [['helm', 'upgrade', 'app', '.', '--set', 'auth.rootPassword=x9Kq2mZw']],
  ])('still finds a flag named for the material of a credential, and an assignment read as an env var: %j', line => {
    expect(found(line)).toHaveLength(1);
  });
});

describe('credentialArguments: openssl pass phrase arguments', () => {
  test.each([
    [['openssl', 'pkcs12', '-export', '-in', 'tls.crt', '-passin', 'pass:x9Kq2mZw']],
    [['openssl', 'req', '-new', '-passout', 'pass:x9Kq2mZw']],
    [['openssl', 'enc', '-aes-256-cbc', '-pass', 'pass:x9Kq2mZw']],
    [['openssl', 'pkcs12', '-password', 'pass:x9Kq2mZw']],
    [['sh', '-c', 'openssl rsa -in key.pem -passin pass:x9Kq2mZw -out plain.pem']],
  ])('finds pass:<password>: %j', line => {
    expect(found(line)).toHaveLength(1);
  });

  test.each([
    [['openssl', 'pkcs12', '-passin', 'file:/run/secrets/tls/pass', '-passout', 'env:EXPORT_PASS']],
    [['openssl', 'req', '-passin', 'fd:3', '-passout', 'stdin']],
    [['openssl', 'enc', '-pass', 'pass:$(PASSPHRASE)']],
    [['sh', '-c', 'openssl rsa -passin "pass:$PASSPHRASE" -in key.pem']],
  ])('reads file:, env:, fd:, stdin and a reference as no credential: %j', line => {
    expect(found(line)).toEqual([]);
  });
});

describe('credentialArguments: -p of a login command', () => {
  test.each([
    [['az', 'login', '--service-principal', '-u', 'app-id', '-p', 'x9Kq2mZw', '--tenant', 'example.onmicrosoft.com']],
    [['az', 'login', '-u', 'me@example.com', '--password', 'x9Kq2mZw']],
    [['az', 'acr', 'login', '-n', 'registry', '-u', 'user', '-p', 'x9Kq2mZw']],
    [['docker', 'login', '-u', 'ci', '-p', 'x9Kq2mZw', 'registry.example.com']],
    [['sh', '-c', 'oc login -u admin -p x9Kq2mZw https://api.example.com:6443 && oc get pods']],
    [['sh', '-c', 'helm registry login registry.example.com -u ci -p x9Kq2mZw']],
  ])('finds the password of a login: %j', line => {
    expect(found(line)).toHaveLength(1);
  });

  test.each([
    [['docker', 'login', '-u', 'ci', '-p=x9Kq2mZw', 'registry.example.com']],
    [['helm', 'registry', 'login', 'registry.example.com', '-u', 'ci', '-px9Kq2mZw']],
    [['oc', 'login', '-u', 'admin', '--password=x9Kq2mZw']],
    [['az', 'login', '-u', 'me@example.com', '-p=x9Kq2mZw']],
    [['sh', '-c', 'docker login -u ci -p=x9Kq2mZw registry.example.com']],
    [['sh', '-c', 'az acr login -n registry -u user -px9Kq2mZw']],
  ])('finds the password of a login given as -p=…, -p… or --password=…: %j', line => {
    expect(found(line)).toHaveLength(1);
  });

  test.each([
    [['az', 'storage', 'fs', 'file', 'upload', '-s', 'a.txt', '-p', 'dir/a.txt', '-f', 'fs']],
    [['docker', 'run', '-p', '8080:80', 'nginx']],
    [['az', 'login', '--service-principal', '-u', 'app-id', '-p', '/var/run/secrets/azure/cert.pem', '--tenant', 't']],
    [['sh', '-c', 'docker login -u ci -p "$REGISTRY_PASSWORD" registry.example.com']],
    [['sh', '-c', 'docker login -u ci --password-stdin registry.example.com < /var/run/secrets/app/registry']],
    [['docker', 'run', '-p=8080:80', 'nginx']],
    [['az', 'storage', 'fs', 'file', 'upload', '-s', 'a.txt', '-p=dir/a.txt', '-f', 'fs']],
    [['docker', 'login', '-u', 'ci', '-p=$(REGISTRY_PASSWORD)', 'registry.example.com']],
    [['sh', '-c', 'docker login -u ci -p="$REGISTRY_PASSWORD" registry.example.com']],
    [['az', 'login', '--service-principal', '-u', 'app-id', '-p=/var/run/secrets/azure/cert.pem', '--tenant', 't']],
  ])('reads another -p, a certificate path and a reference as no credential: %j', line => {
    expect(found(line)).toEqual([]);
  });
});

describe('credentialArguments: a value that starts with "/"', () => {
  test.each([
    [['app', '--password', '/xY9$k']],
    [['app', '--password=/xY9k']],
    [['app', '--password', 'pa$$w0rd']],
    [['app', '--admin-token', '/9f#2Kq']],
  ])('reads a value that is no path as a credential: %j', line => {
    expect(found(line)).toHaveLength(1);
  });

  test.each([
    [['app', '--password', '/var/run/secrets/app/db-password']],
    [['app', '--tls-key', '/tls.key']],
    [['app', '--private-key=/etc/ssl/private/key']],
    [['app', '--password', '$(DB_PASSWORD)']],
    [['app', '--password', '${DB_PASSWORD}']],
  ])('reads a path or a reference as no credential: %j', line => {
    expect(found(line)).toEqual([]);
  });

  test('reads a value under a mount path of the container as a path', () => {
    expect(credentialArguments(['app'], ['--password', '/secrets'])).toEqual(['args[1]']);
    expect(credentialArguments(['app'], ['--password', '/secrets'], { mountPaths: ['/secrets'] })).toEqual([]);
    expect(credentialArguments(['app'], ['--password', '/db-pass'], { mountPaths: ['/db-pass'] })).toEqual([]);
    expect(credentialArguments(['app'], ['--password', '/secretsX'], { mountPaths: ['/secrets'] })).toEqual(['args[1]']);
  });
});

describe('credentialArguments: the script of a shell', () => {
  test.each([
    [['sh', '-c', 'PGPASSWORD="$DB_PASSWORD" psql -h db']],
    [['env', '-u', 'HISTFILE', 'sh', '-c', 'MYSQL_PWD="$DB_PASSWORD" mysqladmin ping']],
    [['/bin/bash', '-ec', 'REDISCLI_AUTH=$REDIS_PASSWORD redis-cli ping']],
  ])('reads it as shell words, not as the value of -c: an assignment of a reference is none: %j', line => {
    expect(found(line)).toEqual([]);
  });

  test.each([
    [['sh', '-c', 'PGPASSWORD=x9Kq2mZw psql -h db']],
    [['sh', '-c', 'DB_PASSWORD=x9Kq2mZw']],
    [['env', '-u', 'HISTFILE', 'sh', '-c', 'app --password=x9Kq2mZw']],
  ])('finds a literal among its words, a one-word script included: %j', line => {
    expect(found(line)).toHaveLength(1);
  });
});

describe('credentialArguments: launchers and env -S', () => {
  test.each([
    [['tini', '--', 'mysql', '-px9Kq2mZw'], ['args[2]']],
    [['timeout', '-s', 'KILL', '5', 'redis-cli', '-a', 'x9Kq2mZw', 'ping'], ['args[5]']],
    [['gosu', 'app', 'sshpass', '-p', 'x9Kq2mZw', 'ssh', 'host'], ['args[3]']],
    [['env', '--split-string=mysql -px9Kq2mZw'], ['args[0]']],
    [['env', '-S', 'docker login -u ci -p x9Kq2mZw registry.example.com'], ['args[1]']],
  ])('finds a client\'s password flag of the program the launchers run, at the entry that holds it (args counted after the command\'s first word): %j', (line, at) => {
    expect(found(line)).toEqual(at);
  });

  test.each([
    [['timeout', '5', 'psql', '-p', '5432', '-h', 'db']],
    [['tini', '--', 'ssh', '-p', '2222', 'host']],
    [['env', '-S', 'mysql -p${DB_PASSWORD} app']],
    [['env', '-S', 'app --password-file=/var/run/secrets/app/pw']],
  ])('finds none for another program\'s -p, a reference env expands, or a file: %j', line => {
    expect(found(line)).toEqual([]);
  });

  test('reads args without a command as the arguments of an unknown entrypoint', () => {
    expect(credentialArguments(undefined, ['mysql', '-px9Kq2mZw'])).toEqual([]);
    expect(credentialArguments(['tini', '--'], ['mysql', '-px9Kq2mZw'])).toEqual(['args[1]']);
  });
});
