import { configmapNoCredentials } from '../../../../src/compliance/controls/workload/configmap-no-credentials';
import { check, messages, outcome } from '../../helpers';
import { hardenedDeployment } from './fixtures';

const configMap = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team' }, data });
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n';

describe('configmap-no-credentials', () => {
  test('passes for plain settings, empty credential keys and placeholders', () => {
    const cm = configMap({ 'LOG_LEVEL': 'info', 'app.yaml': 'port: 8080\n', 'DB_PASSWORD': '', 'API_TOKEN': '${API_TOKEN}', 'TOKEN_TTL': '3600' });
    expect(outcome(configmapNoCredentials, [cm])).toEqual({ 'ConfigMap/team/settings': 'pass' });
  });

  test('fails for a credential key, a private key and an AWS access key id, one finding each', () => {
    const cm = configMap({ 'db-password': 'hunter2', 'tls.key': PEM, 'aws.ini': 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n' });
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

  test('does not apply to objects other than ConfigMaps', () => {
    expect(outcome(configmapNoCredentials, [hardenedDeployment()])).toEqual({});
  });
});
