import { CONFIG_MOUNT } from '../../../constructs/private/config-files';
import { checkMountPath } from '../../../constructs/private/paths';

describe('checkMountPath', () => {
  test('accepts an application directory, with or without read-only directories to keep apart from', () => {
    expect(checkMountPath('storage.mountPath', '/var/lib/app')).toBeUndefined();
    expect(checkMountPath('storage.mountPath', '/var/lib/app', undefined, [CONFIG_MOUNT])).toBeUndefined();
  });

  test.each(['/etc/app', '/etc/app/cache', '/etc/app/cache/deep'])('refuses %s, in the configuration files\' read-only directory', path => {
    expect(checkMountPath('writablePaths[0]', path, undefined, [CONFIG_MOUNT])).toEqual({
      prop: 'writablePaths[0]', value: path, problem: 'overlaps /etc/app, where configFiles are mounted read-only', fix: 'choose a directory outside /etc/app, e.g. "/var/lib/app"',
    });
    expect(checkMountPath('writablePaths[0]', path)).toBeUndefined();
  });

  test('a directory that only begins like a read-only one is apart from it', () => {
    expect(checkMountPath('writablePaths[0]', '/etc/application', undefined, [CONFIG_MOUNT])).toBeUndefined();
  });

  test('the path\'s own problems come first, with the example the caller gives', () => {
    expect(checkMountPath('storage.mountPath', '/etc/app/', '"/var/lib/app"', [CONFIG_MOUNT])).toMatchObject({ problem: /normalised absolute directory/, fix: 'e.g. "/var/lib/app"' });
    expect(checkMountPath('writablePaths[0]', '/etc', undefined, [CONFIG_MOUNT])).toMatchObject({ problem: 'would hide the image\'s whole /etc directory behind an empty volume' });
  });

  test('names the first read-only directory the path overlaps', () => {
    const certs = { path: '/etc/certs', holds: 'certificates' };
    expect(checkMountPath('storage.mountPath', '/etc/certs/ca', undefined, [CONFIG_MOUNT, certs])).toMatchObject({
      problem: 'overlaps /etc/certs, where certificates are mounted read-only', fix: 'choose a directory outside /etc/certs, e.g. "/var/lib/app"',
    });
  });
});
