import { credentialAssignment } from '../../../src/compliance/common/config-file-credentials';

const found = (text: string) => credentialAssignment(text)?.name;

describe('credentialAssignment', () => {
  test('finds a credential assigned in the syntax of each kind of configuration file, and says on which line', () => {
    const cases: [string, string][] = [
      ['[security]\nadmin_user = admin\nadmin_password = prom-operator\n', 'admin_password'],
      ['server.port=8080\nspring.datasource.password=s3cr3t-value\n', 'spring.datasource.password'],
      ['export STRIPE_SECRET_KEY="abc123def456"\n', 'STRIPE_SECRET_KEY'],
      ['db:\n  password: hunter2 # rotate\n', 'password'],
      ['users:\n  - name: app\n  - password: listItemPass1\n', 'password'],
      ['{"db": {"user": "app", "password": "oneLinePw"}}', 'password'],
      ['bind 0.0.0.0\nrequirepass foobared\n', 'requirepass'],
      ['[OUTPUT]\n    HTTP_Passwd changeme123\n', 'HTTP_Passwd'],
      ['<appender>\n  <password>l0gg3rPass</password>\n</appender>', 'password'],
      ['[databases]\napp = host=db port=5432 password=pgb0uncerPW\n', 'password'],
      ['url=jdbc:postgresql://db/app?user=app&password=queryPw1\n', 'password'],
      ['[database]\npassword = "toml-pw"\n', 'password'],
      ['{"db":{"password":"hunter2secret"}}', 'password'],
      ['{"users":[{"password":"hunter2secret"}]}', 'password'],
      ['db: {password: hunter2secret}', 'password'],
      ['password: "123456"', 'password'], ['api_token: 83749217349871234987', 'api_token'], ['password: 4711', 'password'],
      ['password: $uperS3cret!', 'password'], ['password: @dm1n2024', 'password'], ['password: %Qx91!', 'password'],
      ["'dbpassword' => 'S3cretPw!',", 'dbpassword'], ['password => "x-logstash-pw"', 'password'], ['vault_secret_id: 8f2c0a9d-1b7e', 'vault_secret_id'],
    ];
    for (const [text, name] of cases) expect([text, found(text)]).toEqual([text, name]);
    expect(credentialAssignment('a = 1\n\nadmin_password = prom-operator\n')).toEqual({ line: 3, name: 'admin_password' });
  });

  test('leaves alone what real charts write: Argo CD secret references, query label matchers, quantities and durations about credentials', () => {
    const files = [
      'oidc.config: |\n  name: Okta\n  clientSecret: $oidc.okta.clientSecret',
      'clientSecret: $argocd-oidc-azure:oidc.azure.clientSecret',
      'expr: time() - kube_secret_created{secret="db-credentials"} > 86400*90',
      'expr: rate(requests{namespace="shop",token!="x"}[5m])',
      '[auth]\napi_key_max_seconds_to_live = 86400',
      'expiry:\n  signingKeys: "6h"\n  idTokens: "24h"',
    ];
    expect(files.map((file) => credentialAssignment(file))).toEqual(files.map(() => undefined));
    // A credential in braces that is not a query is still one.
    expect(credentialAssignment('auth { password = "Xk93!pq" }')?.name).toBe('password');
  });

  test('leaves references, placeholders, switches and settings about credentials alone', () => {
    const clean = [
      'password = ${DB_PASSWORD}', 'client-secret=${GOOGLE_SECRET:}', 'export TOKEN=$(cat /var/run/secrets/token)',
      'admin_password = $__file{/etc/secrets/admin_password}', 'password: %env(DB_PASSWORD)%', 'password: <%= ENV["DB"] %>',
      'password: ENC(AbCdEf==)', 'password: vault:secret/data/db#password', 'password: ref+vault://db/password',
      'token = {{ .Values.token }}', 'password: ""', 'password: ~', 'token: null', 'token_refresh = on', 'useToken: true',
      'password: <your password>', 'password: YOUR_PASSWORD_HERE', 'api_key: xxxxxxxx', '"secret": "**********"',
      'Password: see the team vault.', 'The secret: is rotated every 90 days.',
      'password_min_length = 12', 'token_ttl: 3600', 'secret_name: db', 'tokenExpirySeconds: 3600', 'password_retries = 3',
      'passwordPolicy: "length(12) and digits(1)"', 'password_hash_algorithm = bcrypt', 'secret_store = vault',
      'secretsManagerArn: arn:aws:secretsmanager:us-east-1:123:secret:db', 'tokenEndpointAuthMethod: private_key_jwt',
      'existingSecret: redis-auth', 'existingSecretPasswordKey: redis-password', 'adminPasswordKey: postgres-password', 'userPasswordKey: password',
      'fromSecret: db', 'password:', 'password =', 'password = ', 'password=',
      'proxy_pass_request_body off;', 'proxy_pass_request_headers off;', 'auth_jwt off;', 'password "#{ENV[\'ES_PASSWORD\']}"',
      'auth-user-pass /etc/openvpn/auth.txt', 'passwd root', 'Password reset', 'password: @db.password@', 'password: %(db_password)s',
      'app.jwt.secret=${JWT_SECRET:changeme}', 'API_TOKEN=${API_TOKEN:-}', 'app.greeting=${JWT_SECRET:hello}', 'FOO=${DB_PASSWORD:-}',
      'password: "#{ENV[\'DB_PASSWORD\']}"', 'token=$(cat /run/secrets/token)', '  password:\n    fromSecret: db', 'proxy_pass http://backend;', 'fastcgi_pass unix:/run/php.sock;',
      '# password = hunter2', '// token: abc', 'basic_auth:\n  password_file: /etc/prometheus/pw', 'bearer_token_file: /var/run/secrets/token',
    ];
    for (const text of clean) expect([text, found(text)]).toEqual([text, undefined]);
  });

  test('in documentation, example values are not credentials; in a configuration file they are passwords in use', () => {
    const examples = [
      'DB_PASSWORD=changeme', 'export API_TOKEN="my-api-token"', 'POSTGRES_PASSWORD=postgres', '  password: my-secret-password',
      'spring.datasource.password=secret', 'requirepass foobared123', '<password>changeit</password>', '"clientSecret": "password123",',
      'admin_password = admin', 'DB_PASSWORD=changeme`.', 'password: ...',
    ];
    for (const text of examples) {
      expect([text, credentialAssignment(text, { documentation: true })]).toEqual([text, undefined]);
      expect([text, credentialAssignment(text)?.line]).toEqual([text, 1]);
    }
  });

  test('in documentation, a value that is no example is still a credential', () => {
    const text = '# Setup\n\n```\nDB_PASSWORD=changeme\nAPI_TOKEN=83749217349871234987\n```\n';
    expect(credentialAssignment(text, { documentation: true })).toEqual({ line: 5, name: 'API_TOKEN' });
    const real = ['DB_PASSWORD=Xk93!pqLz0w', 'password: s3cr3t', 'admin_password = prom-operator', 'POSTGRES_PASSWORD=admin'];
    for (const line of real) expect([line, credentialAssignment(line, { documentation: true })?.line]).toEqual([line, 1]);
  });
});
