import { PropProblem } from '../../../constructs';
import { checkKeyRef, KeyRefKind } from '../../../constructs/private/key-ref';

const SECRET: KeyRefKind = { kind: 'Secret', nameKey: 'secret', example: { name: 'db', key: 'password' } };
const CONFIG_MAP: KeyRefKind = { kind: 'ConfigMap', nameKey: 'configMap', example: { name: 'app-config', key: 'app.yaml' } };

/** The problems with `ref` at `prop`, and what the check returns. */
function check(ref: unknown, of: KeyRefKind = SECRET) {
  const found: PropProblem[] = [];
  const checked = checkKeyRef('secretFiles.db-password', ref, of, 'e.g. <how the prop is written>', found);
  return { found, checked };
}

describe('checkKeyRef', () => {
  test('a valid reference has no problem, and comes back with its name and key', () => {
    expect(check({ secret: 'db.creds', key: '.dockerconfigjson' })).toEqual({
      found: [], checked: { name: 'db.creds', key: '.dockerconfigjson', nameValid: true, keyValid: true },
    });
    expect(check({ configMap: 'app-config', key: 'app.yaml' }, CONFIG_MAP).found).toEqual([]);
  });

  test.each([null, undefined, 'db/password', 42, [], [{ secret: 'db', key: 'password' }]])('%j is no reference: one problem with the caller\'s fix', ref => {
    expect(check(ref)).toEqual({
      found: [{ prop: 'secretFiles.db-password', value: ref, problem: 'must be a reference to a key of a Secret', fix: 'e.g. <how the prop is written>' }],
      checked: undefined,
    });
  });

  test('names every problem with its path: a setting it does not have, the object name, the key', () => {
    const { found, checked } = check({ secret: 'DB_Creds', key: '..data', optional: true });
    expect(found.map(p => p.prop)).toEqual(['secretFiles.db-password.optional', 'secretFiles.db-password.secret', 'secretFiles.db-password.key']);
    expect(found[1]).toMatchObject({ value: 'DB_Creds', problem: /^must be a DNS-1123 subdomain/, fix: 'use a name like "db-creds"' });
    expect(found[2]).toMatchObject({ value: '..data', problem: /^must be a Secret key \(/, fix: 'name the key inside the Secret, e.g. "password"' });
    expect(checked).toEqual({ name: 'DB_Creds', key: '..data', nameValid: false, keyValid: false });
  });

  test('reads the name from the kind\'s own setting, and names the kind in the key\'s problem', () => {
    const { found } = check({ secret: 'app-config', key: 'app yaml' }, CONFIG_MAP);
    expect(found.map(p => [p.prop, p.value])).toEqual([
      ['secretFiles.db-password.secret', 'app-config'],
      ['secretFiles.db-password.configMap', undefined],
      ['secretFiles.db-password.key', 'app yaml'],
    ]);
    expect(found[2]).toMatchObject({ problem: /^must be a ConfigMap key/, fix: 'name the key inside the ConfigMap, e.g. "app.yaml"' });
  });
});
