import { cannotBeSecret, credentialInValue, isCredentialName } from '../../../src/compliance/common/credentials';

describe('isCredentialName', () => {
  test.each([
    'DB_PASSWORD', 'password', 'PASSWD', 'db-pwd', 'SMTP_PASS', 'clientSecret', 'GITHUB_TOKEN', 'API_KEY', 'apikey',
    'stripeApiKey', 'PRIVATE_KEY', 'GOOGLE_APPLICATION_CREDENTIALS', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
    'Authorization-Bearer', 'SSH_PASSPHRASE', 'ENCRYPTION_KEY', 'JWT', 'auth-jwt', 'STRIPE_KEY', 'AZURE_STORAGE_KEY', 'AZURE_CLIENT_KEY', 'SERVICE_KEY',
    'OCI_CLI_KEY_CONTENT', 'licenseKey',
  ])('%s names a credential', name => {
    expect(isCredentialName(name)).toBe(true);
  });

  test.each([
    'LOG_LEVEL', 'PORT', 'PATH', 'PWD_DIR', 'PASSWORD_FILE', 'TOKEN_URL', 'SECRET_NAME', 'TOKEN_TTL', 'CACHE_KEY',
    'PARTITION_KEY', 'PUBLIC_KEY', 'SORT_KEY', 'KEY', 'KEYCLOAK_REALM', 'JWT_ISSUER', 'JWKS_URL', 'S3_OBJECT_KEY', 'KAFKA_MESSAGE_KEY',
    'TRANSLATION_KEY', 'LOCK_KEY', 'i18nKey', 'METRIC_KEY', 'JWT_ALGORITHM', 'JWT_EXPIRES_IN', 'PASSENGER_COUNT', 'passenger', 'TOKENIZERS_PARALLELISM', 'SECRETARY_EMAIL', 'app.yaml', 'tls.crt', '',
    // Settings of a credential's lifetime, size or handling, not the credential.
    'ACCESS_TOKEN_EXPIRE_MINUTES', 'TOKEN_EXPIRY_SECONDS', 'refreshTokenLifetime', 'TOKEN_MAX_AGE', 'SESSION_TOKEN_TIMEOUT_MS', 'TOKEN_REFRESH_INTERVAL',
    'PASSWORD_HASH_ALGORITHM', 'PASSWORD_POLICY', 'PASSWORD_RETRY_COUNT', 'TOKEN_CACHE_SIZE', 'SECRETS_PROVIDER', 'SECRETS_MANAGER_REGION',
    'password_encryption', 'api_key_max_seconds_to_live', 'SECRET_ARN', 'PASSWORD_COMMAND',
  ])('%s does not', name => {
    expect(isCredentialName(name)).toBe(false);
  });

  test('gives the same answer when asked again (memoised)', () => {
    expect(isCredentialName('DB_PASSWORD')).toBe(true);
    expect(isCredentialName('LOG_LEVEL')).toBe(false);
  });
});

describe('credentialInValue', () => {
  test('finds PEM private keys of every flavour', () => {
    for (const kind of ['', 'RSA ', 'EC ', 'OPENSSH ', 'ENCRYPTED ']) {
      expect(credentialInValue(`-----BEGIN ${kind}PRIVATE KEY-----\nMIIB\n-----END ${kind}PRIVATE KEY-----`)).toBe('a PEM private key');
    }
    expect(credentialInValue('-----BEGIN PGP PRIVATE KEY BLOCK-----')).toBe('a PEM private key');
  });

  test('finds AWS access key ids but not longer tokens that contain one', () => {
    expect(credentialInValue('key=AKIAZ4MXQ7RT2LPW3NBV')).toBe('an AWS access key id');
    expect(credentialInValue('ASIAY34FZKBOKMUTVV7A')).toBe('an AWS access key id');
    expect(credentialInValue('XAKIAZ4MXQ7RT2LPW3NBVX')).toBeUndefined();
  });

  test('a name about the user of a credential is not a credential', () => {
    expect(['REGISTRY_CREDENTIAL_USERNAME', 'dbPasswordUser', 'SECRET_LOGIN'].map(isCredentialName)).toEqual([false, false, false]);
    expect(['REGISTRY_CREDENTIAL', 'DB_PASSWORD'].map(isCredentialName)).toEqual([true, true]);
  });

  test('takes placeholders of documentation and templates for what they are: a run of one character, or EXAMPLE', () => {
    const placeholders = [
      'AKIAIOSFODNN7EXAMPLE', `ghp_${'x'.repeat(36)}`, `AIzaSy${'X'.repeat(33)}`, `npm_${'X'.repeat(36)}`, `glpat-${'x'.repeat(20)}`,
      `SG.${'x'.repeat(22)}.${'x'.repeat(43)}`, '# slack_api_url: xoxb-XXXXXXXXXXXX-XXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX',
      'xoxb-abcdef-ghijkl (a Slack token begins with digits after its prefix)',
    ];
    expect(placeholders.map((value) => credentialInValue(value))).toEqual(placeholders.map(() => undefined));
  });

  test('a placeholder does not hide a real token after it', () => {
    expect(credentialInValue(`see the docs: ghp_${'x'.repeat(36)}, then use ghp_${'A1b2C3d4E5'.repeat(3)}f6G7h8`)).toBe('a GitHub token');
    expect(credentialInValue('AKIAIOSFODNN7EXAMPLE AKIAZ7QRS2TUV3WXY4ZA')).toBe('an AWS access key id');
  });

  test('finds passwords embedded in URLs but not placeholders or plain URLs', () => {
    expect(credentialInValue('postgres://app:hunter2@db:5432/app')).toBe('a URL with an embedded password');
    // A password without a user (Redis).
    expect(credentialInValue('redis://:hunter2@redis:6379/0')).toBe('a URL with an embedded password');
    expect(credentialInValue('postgres://app:$(DB_PASSWORD)@db/app')).toBeUndefined();
    expect(credentialInValue('https://user@example.com/path')).toBeUndefined();
    expect(credentialInValue('https://example.com:8443/a@b')).toBeUndefined();
    expect(credentialInValue('https://user:@example.com')).toBeUndefined();
    expect(credentialInValue('mail me@home, see https://docs.example.com then ftp://ops:s3cret@files.example.com/x')).toBe('a URL with an embedded password');
  });

  test('a real password with a fill-in marker around it is still a URL password', () => {
    for (const url of ['postgres://app:REPLACE-kq8Zr2mXv9Tq@db:5432/app', 'redis://:Kq8Zr2mXv9Tq-HERE@cache:6379', 'amqp://svc:<Kq8Zr2mXv9Tq>@mq']) {
      expect(credentialInValue(url)).toBe('a URL with an embedded password');
      expect(credentialInValue(url, { documentation: true })).toBe('a URL with an embedded password');
    }
  });

  test('a URL password left to fill in is no password, in configuration too', () => {
    const values = ['postgres://app:<password>@db/app', 'postgres://app:%3Cpassword%3E@db/app', 'amqp://app:YOUR_PASSWORD_HERE@rabbitmq:5672/'];
    expect(values.map(v => credentialInValue(v))).toEqual(values.map(() => undefined));
  });

  test('in documentation, a URL or basic header whose password is an example holds none; any other password, and every token, still counts', () => {
    const doc = { documentation: true };
    const examples = [
      'postgres://user:password@localhost:5432/app', 'postgres://postgres:postgres@localhost/postgres', 'redis://:changeme@localhost:6379',
      'amqp://guest:guest@localhost:5672/', 'curl -H "Authorization: Basic dXNlcjpwYXNzd29yZA==" https://api.example.com',
    ];
    expect(examples.map(v => credentialInValue(v, doc))).toEqual(examples.map(() => undefined));
    expect(examples.map(v => credentialInValue(v))).toEqual([
      'a URL with an embedded password', 'a URL with an embedded password', 'a URL with an embedded password',
      'a URL with an embedded password', 'HTTP basic credentials',
    ]);
    const basic = Buffer.from('admin:Xk93pqLz0w').toString('base64');
    expect([
      'see postgres://user:password@localhost, then postgres://app:Xk93pqLz0w@db.internal/app', `Authorization: Basic ${basic}`,
      'aws_access_key_id = AKIAZ4MXQ7RT2LPW3NBV', `token: ghp_${'A1b2C3d4E5'.repeat(3)}f6G7h8`, '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----',
    ].map(v => credentialInValue(v, doc))).toEqual([
      'a URL with an embedded password', 'HTTP basic credentials', 'an AWS access key id', 'a GitHub token', 'a PEM private key',
    ]);
  });

  test('finds JSON Web Tokens, bearer tokens and live payment secret keys', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    expect(credentialInValue(jwt)).toBe('a JSON Web Token');
    expect(credentialInValue(`Bearer ${jwt}`)).toBe('a JSON Web Token');
    expect(credentialInValue('Bearer 4f9a0c1e8b7d6a5f4e3d2c1b')).toBe('a bearer token');
    expect(credentialInValue(`sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`)).toBe('a live payment API secret key');
    expect(['Bearer', 'Bearer <token>', 'eyJ is how JSON starts in base64', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'].map((value) => credentialInValue(value))).toEqual([undefined, undefined, undefined, undefined]);
  });

  test('finds tokens whose documented prefix says what they are', () => {
    const cases: [string, string][] = [
      [`ghp_${'A1b2C3d4E5'.repeat(3)}f6G7h8`, 'a GitHub token'],
      [`export GH=github_pat_11ABCDEFG0${'aB3_'.repeat(18)}`, 'a GitHub token'],
      ['glpat-x9Yz8WvU7tS6rQ5pO4nM', 'a GitLab token'],
      ['xoxb-2417596845-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'a Slack token'],
      [`key=AIza${'SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'}`, 'a Google API key'],
      [`//registry.npmjs.org/:_authToken=npm_${'a1B2c3D4e5'.repeat(3)}F6g7H8`, 'an npm access token'],
      [`SG.${'aB3dE5gH7jK9mN1pQ3sT5v'}.${'wX7yZ9aB1cD3eF5gH7iJ9kL1mN3oP5qR7sT9uV1wX3y'}`, 'a SendGrid API key'],
    ];
    for (const [value, what] of cases) expect([value, credentialInValue(value)]).toEqual([value, what]);
  });

  test('words and identifiers that share a token prefix are not tokens', () => {
    const values = [
      'ghp_short', 'see the ghp_ prefix in the docs of the vendor', 'my-ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_extra_words',
      'glpat-', 'xoxb-channel', `AIza${'x'.repeat(20)}`, `AIza${'x'.repeat(40)}`, 'npm_config_cache=/tmp/npm-cache-directory',
      'SG.example.section.of.a.document.that.is.long', `prefix_npm_${'a'.repeat(36)}`,
    ];
    expect(values.map((value) => credentialInValue(value))).toEqual(values.map(() => undefined));
  });

  test('a value that only starts like an encoded key is not one, and trailing line breaks do not hide one', () => {
    expect(credentialInValue(`LS0tLS1CRUdJTi${'\n'.repeat(20_000)}!`)).toBeUndefined();
    const key = Buffer.from('-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CcZmO0\n-----END EC PRIVATE KEY-----\n').toString('base64');
    expect(credentialInValue(`${key}\n\n`)).toBe('a base64-encoded PEM private key');
  });

  test('finds a PEM private key encoded in base64, but not an encoded certificate', () => {
    const encode = (text: string) => Buffer.from(text).toString('base64');
    expect(credentialInValue(encode('-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CcZmO0\n-----END EC PRIVATE KEY-----\n'))).toBe('a base64-encoded PEM private key');
    expect(credentialInValue(encode('-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUJ0fQ1ZP4\n-----END CERTIFICATE-----\n'))).toBeUndefined();
  });

  test('ignores public certificates and ordinary values', () => {
    expect(credentialInValue('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----')).toBeUndefined();
    expect(credentialInValue('info')).toBeUndefined();
  });
});

describe('cannotBeSecret', () => {
  test('holds for empty values, booleans and lone $(VAR) or ${VAR} references', () => {
    expect(['', 'true', 'False', '$(DB_PASSWORD)', '${DB_PASSWORD}', 'no', 'Yes', 'off'].map(cannotBeSecret)).toEqual([true, true, true, true, true, true, true, true]);
  });

  test('does not hold for anything that could be a secret', () => {
    expect(['hunter2', '12345', 'prefix-$(DB_PASSWORD)', '$(A) $(B)', '$notavar', 'nope'].map(cannotBeSecret)).toEqual([false, false, false, false, false, false]);
  });
});
