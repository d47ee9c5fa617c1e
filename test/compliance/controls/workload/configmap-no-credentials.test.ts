import { configmapNoCredentials } from '../../../../src/compliance/controls/workload/configmap-no-credentials';
import { check, messages, outcome } from '../../helpers';
import { hardenedContainer, hardenedDeployment } from './fixtures';

const configMap = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team' }, data });
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n';

describe('configmap-no-credentials', () => {
  test('passes for plain settings, empty credential keys and placeholders', () => {
    const cm = configMap({ 'LOG_LEVEL': 'info', 'app.yaml': 'port: 8080\n', 'DB_PASSWORD': '', 'API_TOKEN': '${API_TOKEN}', 'TOKEN_TTL': '3600' });
    expect(outcome(configmapNoCredentials, [cm])).toEqual({ 'ConfigMap/team/settings': 'pass' });
  });

  test('fails for a credential key, a private key and an AWS access key id, one finding each', () => {
    const cm = configMap({ 'db-password': 'hunter2', 'tls.key': PEM, 'aws.ini': 'aws_access_key_id = AKIAZ4MXQ7RT2LPW3NBV\n' });
    expect(messages(configmapNoCredentials, [cm])).toEqual([
      'key "db-password" holds a credential',
      'key "tls.key" holds a PEM private key',
      'key "aws.ini" holds an AWS access key id',
    ]);
    expect(check(configmapNoCredentials, [cm])[1].path).toBe("data['tls.key']");
  });

  test('fails for a private key in binaryData, which holds it base64-encoded', () => {
    const cm = { ...configMap({}), binaryData: { 'bundle': Buffer.from(PEM).toString('base64'), 'logo.png': 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' } };
    expect(messages(configmapNoCredentials, [cm])).toEqual(['key "bundle" holds a PEM private key']);
  });

  test('fails for a configuration file that assigns a credential, whatever its syntax', () => {
    const cm = configMap({
      'grafana.ini': '[security]\nadmin_user = admin\nadmin_password = prom-operator\n',
      'application.properties': 'server.port=8080\nspring.datasource.password=s3cr3t-value\n',
      '.env': 'LOG_LEVEL=info\nexport STRIPE_SECRET_KEY="abc123def456"\n',
      'config.yaml': 'db:\n  host: db.internal\n  password: hunter2 # rotate\n',
      'config.json': '{\n  "apiKey": "AIzaSyD3xAmPlE0k3y9",\n  "region": "eu"\n}\n',
    });
    expect(messages(configmapNoCredentials, [cm])).toEqual([
      'key "grafana.ini" is a file that sets admin_password on line 3',
      'key "application.properties" is a file that sets spring.datasource.password on line 2',
      'key ".env" is a file that sets STRIPE_SECRET_KEY on line 2',
      'key "config.yaml" is a file that sets password on line 3',
      'key "config.json" is a file that sets apiKey on line 2',
    ]);
  });

  test('passes files that name credentials without holding one: references, placeholders, settings about them', () => {
    const cm = configMap({
      'app.ini': 'password = ${DB_PASSWORD}\ntoken = {{ .Values.token }}\npassword_min_length = 12\ntoken_ttl: 3600\nsecret_name: db\n',
      'nested.yaml': 'auth:\n  password:\n    fromSecret: db\n  token: ""\n  apiKey: null\n',
      'flags.env': 'USE_TOKEN=true\nPASSWORD_FILE=/var/run/secrets/app/db-password\n',
    });
    expect(outcome(configmapNoCredentials, [cm])).toEqual({ 'ConfigMap/team/settings': 'pass' });
  });

  test('judges keys that name files by what the file holds, and finds basic credentials in a header', () => {
    const clean = configMap({ 'passwd': 'app:x:10001:10001::/home/app:/sbin/nologin\n', 'password-policy.json': '{"minLength": 12}\n', 'token-refresh.sh': '#!/bin/sh\ncurl -X POST "$URL"\n' });
    expect(outcome(configmapNoCredentials, [clean])).toEqual({ 'ConfigMap/team/settings': 'pass' });
    expect(messages(configmapNoCredentials, [configMap({ 'db-password.txt': 'Xk93!pqLz0' })])).toEqual(['key "db-password.txt" holds a credential']);
    const nginx = configMap({ 'nginx.conf': 'location / {\n  proxy_pass http://backend;\n  proxy_set_header Authorization "Basic dXNlcjpwYXNz";\n}\n' });
    expect(messages(configmapNoCredentials, [nginx])).toEqual(['key "nginx.conf" holds HTTP basic credentials']);
  });

  describe('documentation shipped in a ConfigMap', () => {
    const README = [
      '# Payments API', '', 'Copy this into `.env` and change the values:', '', '```',
      'DB_PASSWORD=changeme', 'API_TOKEN=<your-api-token>', 'POSTGRES_PASSWORD=postgres', 'JWT_SECRET=${JWT_SECRET}', '```', '',
      '```yaml', 'auth:', '  password: my-secret-password', '  clientSecret: "password123"', '```', '',
      'Connect with `postgres://app:password@localhost:5432/app` or postgres://postgres:postgres@localhost/postgres.',
      'Health checks send `Authorization: Basic dXNlcjpwYXNzd29yZA==` (user:password).',
      'The AWS documentation writes its example key as AKIAIOSFODNN7EXAMPLE.', '',
    ].join('\n');

    test('passes the example values of README.md, NOTES.txt, .rst, .adoc and .html files', () => {
      const cm = configMap({
        'README.md': README,
        'NOTES.txt': 'Log in to Grafana:\n  export ADMIN_PASSWORD=admin\n  requirepass changeme\n',
        'guide.rst': '.. code-block:: ini\n\n   [database]\n   password = changeit\n',
        'setup.adoc': '[source,properties]\n----\nspring.datasource.password=secret\n----\n',
        'index.html': '<pre>\nexport API_KEY=your_api_key_here\n</pre>\n',
      });
      expect(outcome(configmapNoCredentials, [cm])).toEqual({ 'ConfigMap/team/settings': 'pass' });
    });

    test('the same example values in configuration files are passwords in use: each file is one finding', () => {
      const cm = configMap({
        '.env': 'DB_PASSWORD=changeme\n',
        'application.properties': 'spring.datasource.password=secret\n',
        'settings.txt': 'admin_password = admin\n',
        'redis.conf': 'requirepass changeme\n',
        'db.url': 'postgres://app:password@db:5432/app',
        'install': '#!/bin/sh\nexport DB_PASSWORD=changeme\n',
        'usage': 'DB_PASSWORD=changeme\n',
      });
      expect(messages(configmapNoCredentials, [cm])).toEqual([
        'key ".env" is a file that sets DB_PASSWORD on line 1',
        'key "application.properties" is a file that sets spring.datasource.password on line 1',
        'key "settings.txt" is a file that sets admin_password on line 1',
        'key "redis.conf" is a file that sets requirepass on line 1',
        'key "db.url" holds a URL with an embedded password',
        'key "install" is a file that sets DB_PASSWORD on line 2',
        'key "usage" is a file that sets DB_PASSWORD on line 1',
      ]);
    });

    test('a value in documentation that is no example is still a credential, and so is every token of a known format', () => {
      const github = `ghp_${'R8f2Kq9LmZ'}${'3xVb7NwT1y'}${'Pc5HdJ0sGe'}4UaQiO`;
      const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
      const cm = configMap({
        'README.md': `${README}\nIn production:\n\n\`\`\`\nDB_PASSWORD=Xk93!pqLz0w\n\`\`\`\n`,
        'TOKENS.md': `Use this token for the CI: ${github}\n`,
        'aws.md': 'aws configure set aws_access_key_id AKIAZ4MXQ7RT2LPW3NBV\n',
        'ssh.md': `Deploy key:\n\n${pem}\n`,
        'db.md': 'Connect with postgres://app:Xk93pqLz0w@db.internal/app\n',
        'jwt.html': '<code>eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U</code>',
      });
      expect(messages(configmapNoCredentials, [cm])).toEqual([
        'key "README.md" is a file that sets DB_PASSWORD on line 25',
        'key "TOKENS.md" holds a GitHub token',
        'key "aws.md" holds an AWS access key id',
        'key "ssh.md" holds a PEM private key',
        'key "db.md" holds a URL with an embedded password',
        'key "jwt.html" holds a JSON Web Token',
      ]);
    });
  });

  describe('documentation a pod reads as configuration', () => {
    const docs = configMap({ 'README.md': 'Set the password:\n\nDB_PASSWORD=changeme\n', 'NOTES.txt': 'Connect with postgres://postgres:postgres@db/app\n' });
    const volume = (source: Record<string, unknown>) => ({ volumes: [{ name: 'docs', ...source }], containers: [hardenedContainer('app', { volumeMounts: [{ name: 'docs', mountPath: '/etc/app' }] })] });
    const withContainer = (changes: Record<string, unknown>) => hardenedDeployment({ containers: [hardenedContainer('app', changes)] });

    test.each([
      ['a configMap volume item', hardenedDeployment(volume({ configMap: { name: 'settings', items: [{ key: 'README.md', path: 'app.env' }] } })), 'Deployment/team/api mounts it as app.env'],
      ['an optional projected volume item', hardenedDeployment(volume({ projected: { sources: [{ configMap: { name: 'settings', optional: true, items: [{ key: 'README.md', path: 'conf/app.env' }] } }] } })),
        'Deployment/team/api mounts it as conf/app.env'],
      ['a subPath mount of the whole volume', hardenedDeployment({
        volumes: [{ name: 'docs', configMap: { name: 'settings' } }],
        containers: [hardenedContainer('app', { volumeMounts: [{ name: 'docs', mountPath: '/etc/app/app.env', subPath: './README.md' }] })],
      }), 'Deployment/team/api mounts it as /etc/app/app.env'],
      ['a subPath mount through the kubelet\'s ..data directory', hardenedDeployment({
        volumes: [{ name: 'docs', configMap: { name: 'settings' } }],
        containers: [hardenedContainer('app', { volumeMounts: [{ name: 'docs', mountPath: '/etc/app/app.env', subPath: '..data/README.md' }] })],
      }), 'Deployment/team/api mounts it as /etc/app/app.env'],
      ['a configMapKeyRef', withContainer({ env: [{ name: 'APP_CONFIG', valueFrom: { configMapKeyRef: { name: 'settings', key: 'README.md', optional: true } } }] }),
        'Deployment/team/api passes it in variable APP_CONFIG'],
    ])('a README.md mounted or read as configuration by %s holds the credential its example shows', (_how, workload, use) => {
      expect(messages(configmapNoCredentials, [docs, workload])).toEqual([`key "README.md" is a file that sets DB_PASSWORD on line 3, and ${use}`]);
      expect(check(configmapNoCredentials, [docs, workload]).find(r => !r.passed)?.path).toBe("data['README.md']");
    });

    test('envFrom of the ConfigMap puts every key in a variable, documentation included, whatever the dots in its name', () => {
      const workload = withContainer({ envFrom: [{ prefix: 'DOC_', configMapRef: { name: 'settings' } }] });
      expect(messages(configmapNoCredentials, [docs, workload])).toEqual([
        'key "README.md" is a file that sets DB_PASSWORD on line 3, and Deployment/team/api passes it in variable DOC_README.md',
        'key "NOTES.txt" holds a URL with an embedded password, and Deployment/team/api passes it in variable DOC_NOTES.txt',
      ]);
    });

    test('a key mounted whole, by its own name, or at a documentation path stays documentation', () => {
      const whole = hardenedDeployment(volume({ configMap: { name: 'settings' } }));
      const projectedWhole = hardenedDeployment(volume({ projected: { sources: [{ configMap: { name: 'settings' } }] } }));
      const docsPath = hardenedDeployment(volume({ configMap: { name: 'settings', items: [{ key: 'README.md', path: 'docs/README.md' }, { key: 'NOTES.txt', path: 'NOTES' }] } }));
      const subPath = hardenedDeployment({
        volumes: [{ name: 'docs', configMap: { name: 'settings' } }],
        containers: [hardenedContainer('app', { volumeMounts: [{ name: 'docs', mountPath: '/usr/share/doc/app/README.md', subPath: 'README.md' }] })],
      });
      const otherKey = withContainer({ env: [{ name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'LOG_LEVEL' } } }] });
      for (const workload of [whole, projectedWhole, docsPath, subPath, otherKey]) {
        expect(outcome(configmapNoCredentials, [docs, workload])).toEqual({ 'ConfigMap/team/settings': 'pass' });
      }
    });

    test('only pods of the ConfigMap\'s namespace read it: another namespace\'s ConfigMap of the same name is another object', () => {
      const elsewhere = { ...withContainer({ envFrom: [{ configMapRef: { name: 'settings' } }] }), metadata: { name: 'api', namespace: 'other' } };
      const mounted = hardenedDeployment(volume({ configMap: { name: 'settings', items: [{ key: 'README.md', path: 'app.env' }] } }), { namespace: 'other' });
      expect(outcome(configmapNoCredentials, [docs, elsewhere, mounted])).toEqual({ 'ConfigMap/team/settings': 'pass' });
    });

    test('documentation that shows no example value passes wherever it is mounted, and a real credential fails without naming a use', () => {
      const workload = hardenedDeployment(volume({ configMap: { name: 'settings', items: [{ key: 'README.md', path: 'app.env' }] } }));
      expect(outcome(configmapNoCredentials, [configMap({ 'README.md': '# Payments API\n\nLOG_LEVEL=info\n' }), workload])).toEqual({ 'ConfigMap/team/settings': 'pass' });
      expect(messages(configmapNoCredentials, [configMap({ 'README.md': 'DB_PASSWORD=Xk93!pqLz0w\n' }), workload])).toEqual(['key "README.md" is a file that sets DB_PASSWORD on line 1']);
    });
  });

  test('does not apply to objects other than ConfigMaps', () => {
    expect(outcome(configmapNoCredentials, [hardenedDeployment()])).toEqual({});
  });
});
