import { secretFiles } from '../../../../../src/compliance/controls/workload/private/secret-files';

describe('secretFiles', () => {
  const spec = {
    volumes: [
      { name: 'db', secret: { secretName: 'db' } },
      { name: 'mixed', projected: { sources: [{ downwardAPI: { items: [] } }, { secret: { name: 'api' } }] } },
      { name: 'settings', configMap: { name: 'settings' } },
      { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
      { name: 'scratch', emptyDir: {} },
    ],
  };
  const container = { volumeMounts: [
    { name: 'db', mountPath: '/etc/secret/' }, { name: 'mixed', mountPath: '/run/api' }, { name: 'settings', mountPath: '/etc/app' },
    { name: 'token', mountPath: '/var/run/token' }, { name: 'scratch', mountPath: '/tmp' }, { name: 'db', mountPath: '/' },
  ] };

  test('holds the paths at or under the mounts of Secret volumes and of projected volumes with a Secret source, with . and .. resolved', () => {
    const files = secretFiles(spec, container);
    const paths = ['/etc/secret', '/etc/secret/pw', '/etc/secret/./x/../pw', '//run/api/key', '/etc/secretx/pw', '/etc/secret/../app/pw', '/etc/app/pw', '/var/run/token/token', '/tmp/pw', '/pw'];
    expect(paths.filter(p => files.has(p))).toEqual(['/etc/secret', '/etc/secret/pw', '/etc/secret/./x/../pw', '//run/api/key']);
    expect(files.any).toBe(true);
  });

  test('holds only the files the items of a Secret source name, and all of a mount by subPath', () => {
    const files = secretFiles({ volumes: [
      { name: 'app', projected: { sources: [{ secret: { name: 'db', items: [{ key: 'password', path: 'db-password' }] } }, { configMap: { name: 'c' } }] } },
      { name: 'tls', secret: { secretName: 'tls', items: [{ key: 'tls.key', path: 'keys/tls.key' }] } },
    ] }, { volumeMounts: [
      { name: 'app', mountPath: '/var/run/secrets/app' }, { name: 'tls', mountPath: '/etc/tls' }, { name: 'app', mountPath: '/etc/pw', subPath: 'db-password' },
    ] });
    const paths = ['/var/run/secrets/app/db-password', '/var/run/secrets/app/token', '/etc/tls/keys/tls.key', '/etc/tls/keys', '/etc/tls/ca.crt', '/etc/pw'];
    expect(paths.filter(p => files.has(p))).toEqual(['/var/run/secrets/app/db-password', '/etc/tls/keys/tls.key', '/etc/pw']);
  });

  test('holds nothing without Secret volumes, and reads malformed volumes and mounts as none', () => {
    const files = secretFiles({ volumes: [null, { name: 'db', secret: null }, { secret: {} }] }, { volumeMounts: [null, { name: 'db', mountPath: '/etc/secret' }, { name: 'x' }] });
    expect([files.any, files.has('/etc/secret/pw')]).toEqual([false, false]);
    expect(secretFiles(undefined, undefined).any).toBe(false);
  });
});
